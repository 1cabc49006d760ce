"""The statistics as SQL aggregates: one GROUP BY per view, never a loop over learners.

Who counts (the rules shown on the statistics page):
- assigned: active learner accounts whose unit lies in the subtree of an active assignment
  of the course, and whose audience is the assignment's (when it names one). Several
  assignments of one course to one learner count once, with the earliest due date;
- people who join the unit later are covered from the day they join;
- the figures add up summary rows kept in step with every change (app/stats/counters.py), one
  row per unit, audience and course: no query here reads learners one by one, except the
  learner list, which streams them;
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
from app.stats.models import EVERYONE, StatsCourseCount, StatsLearnerCount, StatsMonthCount
from app.stats.sql import path_segment
from app.units.models import Unit


def _upper_bound(path_column):
    """The exclusive upper bound of a subtree's paths, in SQL (see Unit.subtree_bounds)."""
    return func.substr(path_column, 1, func.length(path_column) - 1, type_=Unit.path.type) + "0"


def assigned_cells(scope: Unit, filters: Filters):
    """Subquery: one row per (unit, audience, course) inside `scope`'s subtree whose learners
    are assigned the course, with the earliest due date and the number of learners.

    An assignment covers a unit subtree and an audience, so all learners of one unit and
    one audience are assigned the same courses with the same due dates: the statistics
    count these cells (from the summary rows), never learners one by one.
    """
    a_unit, u_unit = aliased(Unit), aliased(Unit)
    low, high = Unit.subtree_bounds(scope.path)
    cells = aliased(StatsLearnerCount)
    conditions = [Assignment.active.is_(True), cells.joined_after == EVERYONE, cells.learners > 0,
                  or_(Assignment.audience.is_(None), cells.audience == Assignment.audience)]
    if filters.course_id is not None:
        conditions.append(Assignment.course_id == filters.course_id)
    if filters.due_from is not None:
        conditions.append(Assignment.due_on >= filters.due_from)
    if filters.due_to is not None:
        conditions.append(Assignment.due_on <= filters.due_to)
    if filters.audience:
        conditions.append(cells.audience == filters.audience)
    return (
        select(
            cells.unit_id, cells.audience, u_unit.path, Assignment.course_id,
            func.min(Assignment.due_on).label("due_on"), func.max(cells.learners).label("learners"),
            # 1 on exactly one course of each (unit, audience), so that distinct learners can
            # be summed in groups that split a learner's courses (by month of completion).
            func.row_number().over(partition_by=(cells.unit_id, cells.audience),
                                   order_by=Assignment.course_id).label("nth"),
        )
        .select_from(Assignment)
        .join(a_unit, a_unit.id == Assignment.unit_id)
        .join(u_unit, and_(u_unit.path >= a_unit.path, u_unit.path < _upper_bound(a_unit.path),
                           u_unit.path >= low, u_unit.path < high))
        .join(cells, cells.unit_id == u_unit.id)
        .where(*conditions)
        .group_by(cells.unit_id, cells.audience, u_unit.path, Assignment.course_id)
        .subquery("cells")
    )


#: A cell's course counters for all its learners, and for those who joined after its due date.
_ALL, _LATE = aliased(StatsCourseCount, name="all_counts"), aliased(StatsCourseCount, name="late_counts")
_LATE_LEARNERS = aliased(StatsLearnerCount, name="late_learners")


def _cell_figures(cells, today: date) -> list:
    """Aggregate columns over cells: learners, assigned, started, completed, passed, score
    sum and count, overdue (see the module rules)."""
    return [
        func.coalesce(func.sum(case((cells.c.nth == 1, cells.c.learners), else_=0)), 0),
        func.coalesce(func.sum(cells.c.learners), 0),
        func.coalesce(func.sum(_ALL.started), 0), func.coalesce(func.sum(_ALL.completed), 0),
        func.coalesce(func.sum(_ALL.passed), 0), func.coalesce(func.sum(_ALL.score_sum), 0.0),
        func.coalesce(func.sum(_ALL.score_count), 0), func.coalesce(func.sum(_overdue(cells, today)), 0),
    ]


def _with_counts(query, cells):
    """Join each cell to its course counters: all its learners', and those of the learners
    who joined after the due date (who are never overdue)."""
    return (
        query.select_from(cells)
        .outerjoin(_ALL, and_(_ALL.unit_id == cells.c.unit_id, _ALL.audience == cells.c.audience,
                              _ALL.course_id == cells.c.course_id, _ALL.joined_after == EVERYONE))
        .outerjoin(_LATE, and_(_LATE.unit_id == cells.c.unit_id, _LATE.audience == cells.c.audience,
                               _LATE.course_id == cells.c.course_id, _LATE.joined_after == cells.c.due_on))
        .outerjoin(_LATE_LEARNERS, and_(_LATE_LEARNERS.unit_id == cells.c.unit_id,
                                        _LATE_LEARNERS.audience == cells.c.audience,
                                        _LATE_LEARNERS.joined_after == cells.c.due_on))
    )


def _overdue(cells, today: date):
    """Overdue pairs of a cell: learners who joined on or before the due date, less those of
    them who completed, once the due date has passed."""
    on_time = cells.c.learners - func.coalesce(_LATE_LEARNERS.learners, 0)
    completed = func.coalesce(_ALL.completed, 0) - func.coalesce(_LATE.completed, 0)
    return case((cells.c.due_on < today, on_time - completed), else_=0)


def _figures(row) -> Figures:
    learners, assigned, started, completed, passed, score_sum, score_n, overdue = row
    return Figures(learners=learners, assigned=assigned, started=started, completed=completed, passed=passed,
                   overdue=overdue, score_sum=float(score_sum), score_count=score_n)


def unit_breakdown(scope: Unit, filters: Filters, today: date) -> tuple[dict[str, Figures], dict[str, int]]:
    """Figures per child of `scope` (key: child id as text, "" for the unit's own learners)
    and completions per month ('YYYY-MM' → count), from two aggregates over summary rows."""
    cells = assigned_cells(scope, filters)
    segment = path_segment(cells.c.path, literal(len(scope.path)))
    rows = db.session.execute(
        _with_counts(select(segment.label("segment"), *_cell_figures(cells, today)), cells).group_by(segment)
    ).all()
    groups = {(row[0] or ""): _figures(row[1:]) for row in rows}
    trend = db.session.execute(
        select(StatsMonthCount.month, func.sum(StatsMonthCount.completed))
        .select_from(cells)
        .join(StatsMonthCount, and_(StatsMonthCount.unit_id == cells.c.unit_id,
                                    StatsMonthCount.audience == cells.c.audience,
                                    StatsMonthCount.course_id == cells.c.course_id))
        .group_by(StatsMonthCount.month).order_by(StatsMonthCount.month)
    ).all()
    return groups, {month: count for month, count in trend if count}


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
    """The assigned (learner, course) pairs behind a view, with their standing; one query,
    streamed in batches.

    Rows: unit code, unit name, full name, email, audience, course title, due date,
    started, completed date, passed date, best score, overdue (0/1).
    """
    cells = assigned_cells(scope, filters)
    late = and_(Enrollment.completed_at.is_(None), cells.c.due_on < today,
                func.date(User.created_at) <= cells.c.due_on)
    overdue = case((late, 1), else_=0)
    query = (
        select(Unit.code, Unit.name, User.full_name, User.email, User.audience, Course.title, cells.c.due_on,
               Enrollment.started_at, Enrollment.completed_at, Enrollment.passed_at, Enrollment.best_score,
               overdue.label("overdue"))
        .select_from(cells)
        .join(Unit, Unit.id == cells.c.unit_id)
        .join(User, and_(User.unit_id == cells.c.unit_id, User.role == Role.LEARNER.value, User.active.is_(True),
                         func.coalesce(User.audience, "") == cells.c.audience))
        .join(Course, Course.id == cells.c.course_id)
        .outerjoin(Enrollment, and_(Enrollment.user_id == User.id, Enrollment.course_id == cells.c.course_id))
        .order_by(Unit.path, User.full_name, User.id, Course.title)
    )
    if overdue_only:
        query = query.where(late)
    if limit is not None:
        query = query.limit(limit)
    return _streamed(query)


def _streamed(query) -> Iterator:
    """Rows of `query` fetched in batches on a connection of their own, opened on the first
    row: a streamed response outlives the request's session (Flask tears the app context
    down before the body is sent), and on PostgreSQL the server-side cursor dies with it."""
    engine = db.engine

    def rows():
        with engine.connect() as conn:
            yield from conn.execution_options(yield_per=2000).execute(query)

    return rows()


def courses_for_filter() -> list[Course]:
    """Courses that have (or had) an assignment, for the course filter."""
    return list(db.session.scalars(
        select(Course).where(Course.id.in_(select(Assignment.course_id))).order_by(Course.title)))


def figures_by_unit(scope: Unit, filters: Filters, today: date) -> dict[str, Figures]:
    """Figures of the learners directly in each unit of the subtree (key: unit path)."""
    cells = assigned_cells(scope, filters)
    rows = db.session.execute(
        _with_counts(select(cells.c.path, *_cell_figures(cells, today)), cells).group_by(cells.c.path)).all()
    return {row[0]: _figures(row[1:]) for row in rows}


def subtree_units(scope: Unit) -> list[Unit]:
    """Every unit of the subtree, parents before children."""
    return list(db.session.scalars(select(Unit).where(scope.subtree_filter()).order_by(Unit.depth, Unit.path)))
