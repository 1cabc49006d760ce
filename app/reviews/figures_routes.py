"""A round's figures per unit with drill-down, and commendations (counts only: no ratings
of individuals here)."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.auth.access import MANAGERS, allow, require
from app.auth.models import User
from app.clock import today
from app.extensions import db
from app.reviews import bp, services
from app.reviews.catalog import forms
from app.reviews.counts import export_columns, export_rows, rolled_up
from app.reviews.models import ReviewRound
from app.reviews.queries import commendations, covers, visible_rounds
from app.stats.charts import bar_chart
from app.stats.exports import FORMATS
from app.stats.queries import children_of, subtree_units
from app.units.models import Unit
from app.auth.scope import can_see_unit, can_see_user


def _visible_round(round_id: int) -> ReviewRound:
    round_ = db.session.get(ReviewRound, round_id)
    if round_ is None:
        abort(404)
    require(round_ in visible_rounds(current_user))
    return round_


@bp.route("/rounds/<int:round_id>/units/<code>")
@allow(*MANAGERS)
def figures(round_id, code):
    """Assigned, submitted, signed off, overdue and ratings of a unit and each child unit."""
    round_ = _visible_round(round_id)
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        abort(404)
    require(can_see_unit(current_user, unit))
    children = children_of(unit)
    total, by_child = rolled_up(round_, unit, children, today())
    form = forms().get(round_.form_slug)
    bars = bar_chart([(child.name, f.submitted / f.assigned if f.assigned else None)
                      for child, f in zip(children, by_child)],
                     _("Reviews handed in, by unit"), _("Share of the people of each unit who have handed in their review."),
                     "review-bars") if children else None
    return render_template("reviews/figures.html", round=round_, unit=unit, total=total, bars=bars,
                           rows=list(zip(children, by_child)), scale=form.scale if form else sorted(total.ratings),
                           form=form, commendations=commendations(current_user, round_))


@bp.route("/rounds/<int:round_id>/units/<code>/export.<fmt>")
@allow(*MANAGERS)
def export(round_id, code, fmt):
    """Download the figures of every unit of the subtree (parents first) as CSV, XLSX or JSON."""
    if fmt not in FORMATS:
        abort(404)
    round_ = _visible_round(round_id)
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        abort(404)
    require(can_see_unit(current_user, unit))
    form = forms().get(round_.form_slug)
    scale = form.scale if form else []
    rows = list(export_rows(round_, unit, subtree_units(unit), scale, today()))
    writer, mimetype = FORMATS[fmt]
    filename = f"kiem-diem-{round_.period}-{unit.code}.{fmt}"
    return Response(writer(export_columns(scale), rows), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/rounds/<int:round_id>/commendations", methods=["POST"])
@allow(*MANAGERS)
def commend(round_id):
    """Propose a person (by email) or a unit (by code) of the round for commendation."""
    round_ = _visible_round(round_id)
    target = request.form.get("target", "").strip()
    user = db.session.scalar(select(User).where(User.email == target.lower())) if "@" in target else None
    unit = db.session.scalar(select(Unit).where(Unit.code == target)) if "@" not in target else None
    if user is not None and not (can_see_user(current_user, user) and covers(round_, user)):
        user = None
    if unit is not None and not (can_see_unit(current_user, unit) and round_.unit.contains(unit)):
        unit = None
    back = url_for("reviews.figures", round_id=round_.id, code=request.form.get("back") or round_.unit.code)
    if user is None and unit is None:
        flash(_("No person or unit of this round in your part of the tree has this email or code."), "error")
        return redirect(back)
    try:
        services.commend(current_user, round_, request.form.get("reason", ""), user=user, unit=unit)
    except services.ReviewError:
        flash(_("Say why they are proposed for commendation."), "error")
        return redirect(back)
    db.session.commit()
    flash(_("Proposed for commendation."), "success")
    return redirect(back)
