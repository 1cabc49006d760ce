"""The "Báo cáo" page of a unit: choose a period and a format, download the report now or have
a job consumer prepare it (a large subtree's report can outlast a web request)."""
from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.access import MANAGERS, allow
from app.clock import today
from app.progress import routes as jobs
from app.reports import bp
from app.reports.forms import ReportForm, period_choices
from app.reports.jobs import report_file
from app.reports.periods import Period, PeriodError
from app.reports.service import FORMATS, filename, make_report
from app.reports.wording import WordingError
from app.stats.view_setup import visible_unit


def _form(data=None) -> ReportForm:
    form = ReportForm(data if data is not None else request.args)
    form.period.choices = period_choices(today())
    return form


def _chosen(form: ReportForm) -> tuple[Period | None, str | None]:
    """The period the valid form names, or the error to show with the form again."""
    form.validate()
    if form.format.data not in FORMATS:
        return None, _("Choose a format: Word (.docx) or PDF.")
    try:
        return form.chosen_period(), None
    except PeriodError:
        return None, _("Choose a period: a year, a half-year, a quarter, or two dates (YYYY-MM-DD), "
                       "the first not after the second.")


@bp.route("/units/<code>")
@allow(*MANAGERS)
def unit(code):
    """The report form of a unit in the viewer's scope."""
    unit = visible_unit(code)
    form = _form()
    if not request.args:
        form.period.data = form.period.choices[0][0]
    return render_template("reports/unit.html", unit=unit, form=form, error=None)


@bp.route("/units/<code>/download")
@allow(*MANAGERS)
def download(code):
    """The report file (docx or pdf) of a unit for the chosen period; the form again on bad input."""
    unit = visible_unit(code)
    form = _form()
    period, error = _chosen(form)
    if not error:
        try:
            data = make_report(unit, period, form.format.data, current_user)
        except WordingError as problem:
            error = _("The report wording file is broken: %(problem)s", problem=str(problem))
    if error:
        return render_template("reports/unit.html", unit=unit, form=form, error=error), 400
    return Response(data, mimetype=FORMATS[form.format.data][1], headers={
        "Content-Disposition": f'attachment; filename="{filename(unit, period, form.format.data)}"'})


@bp.route("/units/<code>/prepare", methods=["GET", "POST"])
@allow(*MANAGERS)
def prepare(code):
    """GET: the chosen report, to confirm (a GET starts nothing). POST: queue it for a job consumer
    and show its progress page, from which the file is downloaded."""
    unit = visible_unit(code)
    form = _form(request.form if request.method == "POST" else None)
    period, error = _chosen(form)
    if error:
        return render_template("reports/unit.html", unit=unit, form=form, error=error), 400
    if request.method == "GET":
        return render_template("reports/prepare.html", unit=unit, form=form, period=period)
    fmt = form.format.data
    job_id = jobs.start("report", report_file, unit.id, period.code, fmt, current_user.id,
                        back=url_for("reports.unit", code=unit.code), suffix=f".{fmt}",
                        mimetype=FORMATS[fmt][1], filename=filename(unit, period, fmt))
    return redirect(url_for("jobs.status", job_id=job_id))
