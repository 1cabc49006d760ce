"""The statistics as SQL aggregates: one GROUP BY per view, never a loop over learners.

Who counts (the rules shown on the statistics page):
- assigned: active learner accounts whose unit lies in the subtree of an active assignment
  of the course, and whose audience is the assignment's (when it names one). Several
  assignments of one course to one learner count once, with the earliest due date;
- people who join the unit later are covered from the day they join;
- overdue: assigned, not completed, the due date has passed, and the account existed on
  the due date (a learner who joined after the due date counts as assigned but not overdue);
- inactive accounts, staff accounts and learners of another audience are not counted.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from app.assignments.models import Assignment
from app.auth.models import Role, User
from app.courses.models import Course, Enrollment
from app.extensions import db
from app.stats.figures import Figures, Filters
from app.stats.sql import path_segment, year_month
from app.units.models import Unit


def _upper_bound(path_column):
    """The exclusive upper bound of a subtree's paths, in SQL (see Unit.subtree_bounds)."""
    return func.substr(path_column, 1, func.length(path_column) - 1, type_=Unit.path.type) + "0"


def assigned_pairs(scope: Unit, filters: Filters):
    """Subquery: one row per assigned (learner, course) inside `scope`'s subtree."""
    a_unit, u_unit = aliased(Unit), aliased(Unit)
    low, high = Unit.subtree_bounds(scope.path)
    conditions = [Assignment.active.is_(True)]
    if filters.course_id is not None:
        conditions.append(Assignment.course_id == filters.course_id)
    if filters.due_from is not None:
        conditions.append(Assignment.due_on >= filters.due_from)
    if filters.due_to is not None:
        conditions.append(Assignment.due_on <= filters.due_to)
    learner = [User.role == Role.LEARNER.value, User.active.is_(True),
               or_(Assignment.audience.is_(None), User.audience == Assignment.audience)]
    if filters.audience:
        learner.append(User.audience == filters.audience)
    return (
        select(
            User.id.label("user_id"),
            Assignment.course_id.label("course_id"),
            func.min(u_unit.path).label("path"),
            func.min(Assignment.due_on).label("due_on"),
            func.min(func.date(User.created_at)).label("joined_on"),
            # 1 on exactly one pair of each learner, so that distinct learners can be summed
            # in groups that split a learner's courses (by month of completion).
            func.row_number().over(partition_by=User.id, order_by=Assignment.course_id).label("nth"),
        )
        .join(a_unit, a_unit.id == Assignment.unit_id)
        .join(u_unit, and_(u_unit.path >= a_unit.path, u_unit.path < _upper_bound(a_unit.path),
                           u_unit.path >= low, u_unit.path < high))
        .join(User, and_(User.unit_id == u_unit.id, *learner))
        .where(*conditions)
        .group_by(User.id, Assignment.course_id)
        .subquery("pairs")
    )


def _overdue(pairs, today: date):
    """1 for an overdue pair (see the module rules), else 0."""
    late = and_(Enrollment.completed_at.is_(None), pairs.c.due_on < today,
                pairs.c.joined_on <= pairs.c.due_on)
    return case((late, 1), else_=0)


def unit_breakdown(scope: Unit, filters: Filters, today: date) -> tuple[dict[str, Figures], dict[str, int]]:
    """Figures per child of `scope` (key: child id as text, "" for the unit's own learners)
    and completions per month ('YYYY-MM' → count), from one aggregate query."""
    pairs = assigned_pairs(scope, filters)
    segment = path_segment(pairs.c.path, literal(len(scope.path)))
    month = year_month(Enrollment.completed_at)
    rows = db.session.execute(
        select(
            segment.label("segment"), month.label("month"),
            func.coalesce(func.sum(case((pairs.c.nth == 1, 1), else_=0)), 0), func.count(),
            func.count(Enrollment.id), func.count(Enrollment.completed_at),
            func.count(Enrollment.passed_at), func.coalesce(func.sum(Enrollment.best_score), 0.0),
            func.count(Enrollment.best_score), func.coalesce(func.sum(_overdue(pairs, today)), 0),
        )
        .select_from(pairs)
        .outerjoin(Enrollment, and_(Enrollment.user_id == pairs.c.user_id,
                                    Enrollment.course_id == pairs.c.course_id))
        .group_by(segment, month)
    ).all()
    groups: dict[str, Figures] = {}
    trend: dict[str, int] = {}
    for seg, mon, learners, assigned, started, completed, passed, score_sum, score_n, overdue in rows:
        figures = groups.setdefault(seg or "", Figures())
        figures.add(Figures(learners=learners, assigned=assigned, started=started, completed=completed,
                            passed=passed, overdue=overdue, score_sum=float(score_sum), score_count=score_n))
        if mon:
            trend[mon] = trend.get(mon, 0) + completed
    return groups, dict(sorted(trend.items()))


def children_of(unit: Unit) -> list[Unit]:
    """The active child units of `unit`, by name."""
    return list(db.session.scalars(select(Unit).where(Unit.parent_id == unit.id).order_by(Unit.name)))


def child_codes(parent_ids: list[int]) -> dict[int, list[str]]:
    """Codes of the children of each of `parent_ids`, in one query."""
    result: dict[int, list[str]] = {pid: [] for pid in parent_ids}
    if parent_ids:
        rows = db.session.execute(select(Unit.parent_id, Unit.code).where(Unit.parent_id.in_(parent_ids)).order_by(Unit.code))
        for parent_id, code in rows:
            result[parent_id].append(code)
    return result


def roots() -> list[Unit]:
    """The top units of the tree."""
    return list(db.session.scalars(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.name)))


def learner_rows(scope: Unit, filters: Filters, today: date, overdue_only: bool = False,
                 limit: int | None = None) -> Iterator:
    """The assigned (learner, course) pairs behind a view, with their standing; streamed.

    Rows: unit code, unit name, full name, email, audience, course title, due date,
    started, completed date, passed date, best score, overdue (0/1).
    """
    pairs = assigned_pairs(scope, filters)
    overdue = _overdue(pairs, today)
    query = (
        select(Unit.code, Unit.name, User.full_name, User.email, User.audience, Course.title, pairs.c.due_on,
               Enrollment.started_at, Enrollment.completed_at, Enrollment.passed_at, Enrollment.best_score,
               overdue.label("overdue"))
        .select_from(pairs)
        .join(User, User.id == pairs.c.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .join(Course, Course.id == pairs.c.course_id)
        .outerjoin(Enrollment, and_(Enrollment.user_id == pairs.c.user_id, Enrollment.course_id == pairs.c.course_id))
        .order_by(Unit.path, User.full_name, User.id, Course.title)
    )
    if overdue_only:
        query = query.where(overdue == 1)
    if limit is not None:
        query = query.limit(limit)
    return db.session.execute(query.execution_options(yield_per=2000))


def courses_for_filter() -> list[Course]:
    """Courses that have (or had) an assignment, for the course filter."""
    return list(db.session.scalars(
        select(Course).where(Course.id.in_(select(Assignment.course_id))).order_by(Course.title)))


def figures_by_unit(scope: Unit, filters: Filters, today: date) -> dict[str, Figures]:
    """Figures of the learners directly in each unit of the subtree (key: unit path)."""
    pairs = assigned_pairs(scope, filters)
    rows = db.session.execute(
        select(
            pairs.c.path, func.coalesce(func.sum(case((pairs.c.nth == 1, 1), else_=0)), 0), func.count(),
            func.count(Enrollment.id), func.count(Enrollment.completed_at), func.count(Enrollment.passed_at),
            func.coalesce(func.sum(Enrollment.best_score), 0.0), func.count(Enrollment.best_score),
            func.coalesce(func.sum(_overdue(pairs, today)), 0),
        )
        .select_from(pairs)
        .outerjoin(Enrollment, and_(Enrollment.user_id == pairs.c.user_id,
                                    Enrollment.course_id == pairs.c.course_id))
        .group_by(pairs.c.path)
    ).all()
    return {path: Figures(learners=learners, assigned=assigned, started=started, completed=completed,
                          passed=passed, score_sum=float(score_sum), score_count=score_n, overdue=overdue)
            for path, learners, assigned, started, completed, passed, score_sum, score_n, overdue in rows}


def subtree_units(scope: Unit) -> list[Unit]:
    """Every unit of the subtree, parents before children."""
    return list(db.session.scalars(select(Unit).where(scope.subtree_filter()).order_by(Unit.depth, Unit.path)))
