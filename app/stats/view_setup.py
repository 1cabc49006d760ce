"""What every statistics view does first: load the unit, check scope, read the filters."""
from __future__ import annotations

from datetime import date

from flask import abort, request
from flask_login import current_user
from sqlalchemy import select

from app.auth.access import require
from app.clock import today as clock_today
from app.extensions import db
from app.stats import queries
from app.stats.forms import StatsFilterForm
from app.units.models import Unit
from app.auth.scope import can_see_unit


def visible_unit(code: str) -> Unit:
    """The unit by code: 404 when unknown, 403 when outside the viewer's subtree."""
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        abort(404)
    require(can_see_unit(current_user, unit))
    return unit


def filter_form(today: date | None = None):
    """The filter form bound to the query string, and the Filters it means."""
    today = today or clock_today()
    form = StatsFilterForm(request.args)
    courses = queries.courses_for_filter()
    form.set_courses(courses)
    return form, form.filters({c.slug: c.id for c in courses}, today)


def filter_args() -> dict:
    """The query-string filters, to carry over into links (drill-down, exports)."""
    keys = ("course", "audience", "period", "due_from", "due_to", "sort", "order")
    return {k: request.args[k] for k in keys if request.args.get(k)}


def load_view(code: str):
    """The three steps every statistics view starts with: the unit (scope-checked), the
    filter form with its Filters, and the unit's report for the current viewer."""
    from app.stats.report import unit_report

    unit = visible_unit(code)
    form, filters = filter_form()
    return unit, form, filters, unit_report(unit, filters, current_user)
