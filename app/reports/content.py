"""Gathers the facts of a report from the statistics, through the same functions as the
statistics pages and the API (app.stats.report.unit_report), so every figure agrees."""
from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import or_, select

from app.assignments.models import Assignment
from app.clock import today as clock_today
from app.courses.models import Course
from app.extensions import db
from app.reports.document import Assigned, Person, ReportFacts
from app.reports.periods import Period
from app.reviews.report import report_section
from app.stats import queries
from app.stats.figures import Filters, commendation_ranking
from app.stats.report import unit_report
from app.units.models import Unit

#: How many exemplary units and people the report proposes.
COMMEND_TOP = 10


def period_filters(period: Period) -> Filters:
    """The statistics filters of a period: assignments due from its first to its last day,
    the same as the statistics pages' "between the dates" filter (all courses, all audiences)."""
    return Filters(due_from=period.start, due_to=period.end)


def gather(unit: Unit, period: Period, viewer, today: date | None = None) -> ReportFacts:
    """The facts of `unit`'s report for `period`, as `viewer` sees the statistics (privacy floor)."""
    today = today or clock_today()
    filters = period_filters(period)
    previous = period.previous()
    now = unit_report(unit, filters, viewer, today)
    before = unit_report(unit, period_filters(previous), viewer, today)
    minimum = current_app.config["STATS_COMMEND_MIN"]
    people = [] if now.unit.private else [
        Person(name, unit_name, courses, None if avg is None else round(float(avg), 1))
        for name, unit_name, courses, avg in queries.exemplary_learners(unit, filters, COMMEND_TOP)]
    parent = db.session.get(Unit, unit.parent_id) if unit.parent_id else None
    return ReportFacts(
        unit_name=unit.name, unit_code=unit.code, parent_name=parent.name if parent else "", period=period,
        previous=previous, today=today, figures=now, before=before, assigned=assignments_in(unit, period),
        ranked=commendation_ranking(now.children, minimum)[:COMMEND_TOP], people=people, minimum=minimum,
        reviews=review_section(unit, period))


def assignments_in(unit: Unit, period: Period) -> list[Assigned]:
    """The active assignments due in the period that cover learners of `unit`'s subtree: given
    to the unit, to a unit above it, or to a unit inside it."""
    above = Unit.id.in_(unit.ancestors_ids())
    rows = db.session.execute(
        select(Course.title, Unit.name, Assignment.audience, Assignment.due_on)
        .join(Course, Course.id == Assignment.course_id).join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.active.is_(True), Assignment.due_on >= period.start, Assignment.due_on <= period.end,
               or_(above, unit.subtree_filter(Unit.path)))
        .order_by(Assignment.due_on, Course.title, Unit.path))
    return [Assigned(title, unit_name, audience or "all", due_on) for title, unit_name, audience, due_on in rows]


def review_section(unit: Unit, period: Period) -> list:
    """The self-review rounds due in the period, with the unit's figures (section VI)."""
    return report_section(unit, period.start, period.end)
