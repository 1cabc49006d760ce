"""Statistics pages: a unit's figures with drill-down, overdue learners, ranking, exports."""
from __future__ import annotations

from flask import Response, abort, current_app, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.auth.access import MANAGERS, allow, require
from app.clock import today
from app.progress import routes as jobs
from app.stats import bp, charts, queries
from app.stats.jobs import stats_rebuild
from app.stats.exports import FORMATS
from app.stats.figures import commendation_ranking, sort_rows
from app.stats.tables import LEARNER_COLUMNS, RANKING_COLUMNS, UNIT_COLUMNS, unit_row, unit_rows
from app.stats.view_setup import filter_args, load_view
from app.extensions import db
from app.paging import Page, page_number
from app.units.models import Unit
from app.auth.scope import can_see_unit, sees_all

OVERDUE_PAGE_LIMIT = 500
LEARNERS_PER_PAGE = 50


@bp.route("/")
@allow(*MANAGERS)
def index():
    """Start at the top of what the viewer sees: the root(s) for an admin, own unit for a manager."""
    if not sees_all(current_user):
        return redirect(url_for("stats.unit", code=current_user.unit.code))
    roots = queries.roots()
    if len(roots) == 1:
        return redirect(url_for("stats.unit", code=roots[0].code))
    return render_template("stats/roots.html", roots=roots)


@bp.route("/units/<code>")
@allow(*MANAGERS)
def unit(code):
    """A unit's figures, its child units (drill-down, sortable), charts and month trend."""
    unit, form, filters, report = load_view(code)
    children = sort_rows(report.children, form.sort_key, worst_first=form.order.data == "worst")
    bars = charts.bar_chart(
        [(c.name, c.completion) for c in children], _("Completion rate by unit"),
        _("Share of assigned learners who completed, for each unit one level down."), "completion-chart")
    trend = charts.trend_chart(report.trend, _("Completions by month"),
                               _("Number of assigned courses completed in each month."), "trend-chart")
    return render_template("stats/unit.html", unit=unit, report=report, children=children, form=form,
                           args=filter_args(), bars=bars, trend=trend, ancestors=_ancestors(unit),
                           month_label=charts.month_label)


@bp.route("/units/<code>/overdue")
@allow(*MANAGERS)
def overdue(code):
    """The overdue learners of a unit subtree, for follow-up."""
    unit, form, filters, report = load_view(code)
    rows = [] if report.unit.private else list(
        queries.learner_rows(unit, filters, today(), overdue_only=True, limit=OVERDUE_PAGE_LIMIT))
    return render_template("stats/overdue.html", unit=unit, report=report, rows=rows, form=form,
                           args=filter_args(), limit=OVERDUE_PAGE_LIMIT)


@bp.route("/units/<code>/learners")
@allow(*MANAGERS)
def learners(code):
    """Who has done what: a paged grid of the subtree's learners × assigned courses, with status."""
    unit, form, filters, report = load_view(code)
    status = request.args.get("status") if request.args.get("status") in queries.LEARNER_STATUSES else None
    number = page_number(request.args.get("page"))
    rows, count = ([], 0) if report.unit.private else queries.learner_page(
        unit, filters, today(), status, number, LEARNERS_PER_PAGE)
    return render_template("stats/learners.html", unit=unit, report=report, form=form, args=filter_args(),
                           status=status, statuses=queries.LEARNER_STATUSES,
                           page=Page(rows, count, number, LEARNERS_PER_PAGE))


@bp.route("/units/<code>/ranking")
@allow(*MANAGERS)
def ranking(code):
    """Exemplary units: the children of a unit ranked by completion rate, above a minimum size."""
    unit, form, filters, report = load_view(code)
    minimum = current_app.config["STATS_COMMEND_MIN"]
    return render_template("stats/ranking.html", unit=unit, ranked=commendation_ranking(report.children, minimum),
                           minimum=minimum, form=form, args=filter_args())


@bp.route("/units/<code>/export.<fmt>")
@allow(*MANAGERS)
def export(code, fmt):
    """Download a view (?view=units, learners, overdue or ranking) as CSV, XLSX or JSON."""
    if fmt not in FORMATS:
        abort(404)
    unit, form, filters, report = load_view(code)
    view = _view_name()
    if view in ("learners", "overdue"):
        require(not report.unit.private)
        columns = LEARNER_COLUMNS
        rows = queries.learner_rows(unit, filters, today(), overdue_only=view == "overdue")
    elif view == "ranking":
        columns = RANKING_COLUMNS
        ranked = commendation_ranking(report.children, current_app.config["STATS_COMMEND_MIN"])
        rows = ((rank,) + unit_row(f) for rank, f in ranked)
    else:
        columns = UNIT_COLUMNS
        children = sort_rows(report.children, form.sort_key, worst_first=form.order.data == "worst")
        rows = unit_rows([report.unit] + ([report.own] if report.own else []) + children)
    writer, mimetype = FORMATS[fmt]
    filename = f"thong-ke-{unit.code}-{view}-{today().isoformat()}.{fmt}"
    return Response(stream_with_context(writer(columns, rows)), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _view_name() -> str:
    view = request.args.get("view", "units")
    return view if view in ("units", "learners", "overdue", "ranking") else "units"


def _ancestors(unit) -> list:
    """The unit's ancestors the viewer may open, for the breadcrumb."""
    ids = unit.ancestors_ids()[:-1]
    found = {u.id: u for u in db.session.scalars(select(Unit).where(Unit.id.in_(ids)))} if ids else {}
    return [found[i] for i in ids if i in found and can_see_unit(current_user, found[i])]


@bp.route("/rebuild", methods=["POST"])
@allow("admin")
def rebuild():
    """Queue a recount of every summary row from the raw rows (after a bulk load, or to repair)."""
    job_id = jobs.start("stats_rebuild", stats_rebuild, back=url_for("admin.index"))
    return redirect(url_for("jobs.status", job_id=job_id))
