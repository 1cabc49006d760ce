"""The statistics from summary rows: a few hundred rows per view, never a loop over learners.

Who counts (the rules shown on the statistics page):
- assigned: active learner accounts whose unit lies in the subtree of an active assignment
  of the course, and whose audience is the assignment's (when it names one). Several
  assignments of one course to one learner count once, with the earliest due date;
- people who join the unit later are covered from the day they join;
- the figures add up summary rows kept in step with every change (app/stats/counters.py), one
  row per unit subtree, audience and course: no query here reads learners one by one, except
  the learner list, which streams them. Assignments cover whole subtrees, so a subtree splits
  into a few parts that the same assignments cover throughout: the rows of the subtree less
  those of the assignment holders inside it;
- overdue: assigned, not completed, the due date has passed, and the account existed on
  the due date (a learner who joined after the due date counts as assigned but not overdue);
- inactive accounts, staff accounts and learners of another audience are not counted.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import aliased

from app.assignments.models import Assignment
from app.auth.models import Role, User
from app.courses.models import Course, Enrollment
from app.extensions import db
from app.stats.figures import Figures, Filters, total
from app.stats.models import EVERYONE, StatsCourseCount, StatsLearnerCount, StatsMonthCount
from app.units.models import Unit


def _upper_bound(path_column):
    """The exclusive upper bound of a subtree's paths, in SQL (see Unit.subtree_bounds)."""
    return func.substr(path_column, 1, func.length(path_column) - 1, type_=Unit.path.type) + "0"


@dataclass(frozen=True)
class _Cover:
    """An active assignment, as the figures need it: where, what, for whom, by when."""

    unit_id: int
    path: str
    course_id: int
    audience: str | None
    due_on: date


def _selected_assignments(filters: Filters) -> list:
    """SQL conditions: the active assignments of the filters' course, due in their period."""
    conditions = [Assignment.active.is_(True)]
    if filters.course_id is not None:
        conditions.append(Assignment.course_id == filters.course_id)
    if filters.due_from is not None:
        conditions.append(Assignment.due_on >= filters.due_from)
    if filters.due_to is not None:
        conditions.append(Assignment.due_on <= filters.due_to)
    return conditions


def _covers(filters: Filters) -> list[_Cover]:
    """The active assignments the filters select (a handful: one per course and unit that
    must take it, not one per learner)."""
    conditions = _selected_assignments(filters)
    rows = db.session.execute(
        select(Assignment.unit_id, Unit.path, Assignment.course_id, Assignment.audience, Assignment.due_on)
        .join(Unit, Unit.id == Assignment.unit_id).where(*conditions))
    return [_Cover(*row) for row in rows]


#: Keys of the subtree summary rows read into memory: ("L", audience, joined_after) →
#: (learners,); ("C", audience, joined_after, course) → (started, completed, passed,
#: score_sum, score_count). Month rows stay in the database (see _trend).
_READ = ((StatsLearnerCount, "L", ("audience", "joined_after"), ("learners",)),
         (StatsCourseCount, "C", ("audience", "joined_after", "course_id"),
          ("started", "completed", "passed", "score_sum", "score_count")))
_NO_COURSE = (0, 0, 0, 0.0, 0)


def _summary(units, filters: Filters) -> dict[int, dict]:
    """unit id → the summary rows of its subtree, for the units `units` (ids, or a SQL
    subquery of ids), restricted to the filters' audience and course."""
    found: dict[int, dict] = {}
    for model, kind, keys, measures in _READ:
        table = model.__table__
        conditions = [table.c.unit_id.in_(units)]
        if filters.audience:
            conditions.append(table.c.audience == filters.audience)
        if filters.course_id is not None and "course_id" in keys:
            conditions.append(table.c.course_id == filters.course_id)
        columns = [table.c.unit_id] + [table.c[k] for k in keys] + [table.c[m] for m in measures]
        for row in db.session.execute(select(*columns).where(*conditions)):
            found.setdefault(row[0], {})[(kind, *row[1:1 + len(keys)])] = tuple(row[1 + len(keys):])
    return found


@dataclass
class _Region:
    """A part of the tree that the same assignments `covers` cover throughout: the subtree
    of unit `base` less the subtrees of the units `holes` (assignment holders below it)."""

    base: int
    holes: list[int]
    covers: list[_Cover]

    def value(self, summary: dict, key: tuple, empty: tuple) -> tuple:
        """The measures of one summary key over the region."""
        measures = summary.get(self.base, {}).get(key, empty)
        for hole in self.holes:
            part = summary.get(hole, {}).get(key)
            if part:
                measures = tuple(a - b for a, b in zip(measures, part))
        return measures


def _regions(unit_id: int, path: str, covers: list[_Cover]) -> list[_Region]:
    """The subtree at `path` split into regions: each assignment holder below it starts a
    region of its own, covered by its assignments and those above it."""
    holders = {(c.unit_id, c.path) for c in covers if c.path != path and c.path.startswith(path)}
    top = [h for h in holders if not any(o[1] != h[1] and h[1].startswith(o[1]) for o in holders)]
    regions = [_Region(unit_id, [h[0] for h in top], [c for c in covers if path.startswith(c.path)])]
    for holder_id, holder_path in top:
        regions += _regions(holder_id, holder_path, covers)
    return regions


def _region_figures(region: _Region, summary: dict, today: date, months: Counter | None = None) -> Figures:
    """Figures of a region from the summary rows (see the module rules). Adds the month rows
    its trend needs to `months`: (unit, audience, course) → weight (+1 base, −1 hole)."""
    figures = Figures()
    for key in summary.get(region.base, {}):
        if key[0] != "L" or key[2] != EVERYONE:
            continue
        audience = key[1]
        everyone = region.value(summary, key, (0,))[0]
        due: dict[int, date] = {}
        for cover in region.covers:
            if cover.audience in (None, audience):
                due[cover.course_id] = min(due.get(cover.course_id, cover.due_on), cover.due_on)
        if everyone <= 0 or not due:
            continue
        figures.learners += everyone
        for course_id, due_on in due.items():
            started, completed, passed, score_sum, score_count = region.value(
                summary, ("C", audience, EVERYONE, course_id), _NO_COURSE)
            figures.assigned += everyone
            figures.started += started
            figures.completed += completed
            figures.passed += passed
            figures.score_sum += score_sum
            figures.score_count += score_count
            if due_on < today:
                late = region.value(summary, ("L", audience, due_on), (0,))[0]
                late_completed = region.value(summary, ("C", audience, due_on, course_id), _NO_COURSE)[1]
                figures.overdue += (everyone - late) - (completed - late_completed)
            if months is not None:
                months[(region.base, audience, course_id)] += 1
                for hole in region.holes:
                    months[(hole, audience, course_id)] -= 1
    return figures


def _trend(months: Counter) -> dict[str, int]:
    """Completions by month of the weighted month rows `months` (see _region_figures), summed
    in the database: one indexed query per weight, a dozen rows back."""
    by_weight: dict[int, list] = {}
    for key, weight in months.items():
        if weight:
            by_weight.setdefault(weight, []).append(key)
    trend: Counter = Counter()
    table = StatsMonthCount
    # One text key per row: a list of scalars is hashed by the database, a list of tuples is
    # compared one by one.
    row_key = cast(table.unit_id, String) + "|" + table.audience + "|" + cast(table.course_id, String)
    for weight, keys in by_weight.items():
        rows = db.session.execute(
            select(table.month, func.sum(table.completed))
            .where(table.unit_id.in_({key[0] for key in keys}),
                   row_key.in_([f"{unit}|{audience}|{course}" for unit, audience, course in keys]))
            .group_by(table.month))
        for month, completed in rows:
            trend[month] += weight * completed
    return {month: count for month, count in sorted(trend.items()) if count}


def unit_breakdown(scope: Unit, children: list[Unit], filters: Filters,
                   today: date) -> tuple[dict[str, Figures], dict[str, int]]:
    """Figures per child of `scope` (key: child id as text, "" for the unit's own learners)
    and completions per month ('YYYY-MM' → count).

    Reads the subtree summary rows of the scope, its children and the units below that
    hold an assignment: a few hundred rows however many units and learners lie below.
    """
    covers = _covers(filters)
    inside = {c.unit_id for c in covers if c.path.startswith(scope.path)}
    summary = _summary(sorted({scope.id, *inside, *(c.id for c in children)}), filters)
    groups, months = {}, Counter()
    for child in children:
        groups[str(child.id)] = total(_region_figures(region, summary, today, months)
                                      for region in _regions(child.id, child.path, covers))
    own_region = _Region(scope.id, [c.id for c in children], [c for c in covers if scope.path.startswith(c.path)])
    own = _region_figures(own_region, summary, today, months)
    if own.assigned:
        groups[""] = own
    return groups, _trend(months)


def children_of(unit: Unit) -> list[Unit]:
    """The child units of `unit` (deactivated ones too: their learners still count), by name."""
    return list(db.session.scalars(select(Unit).where(Unit.parent_id == unit.id).order_by(Unit.name_key)))


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
    return list(db.session.scalars(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.name_key)))


def _learner_courses(scope: Unit, filters: Filters):
    """Subquery: (user_id, course_id, earliest due date) of every assigned (learner, course)
    pair inside `scope`'s subtree."""
    holder = aliased(Unit, name="holder")
    conditions = _selected_assignments(filters) + [
        User.role == Role.LEARNER.value, User.active.is_(True), scope.subtree_filter(Unit.path),
        or_(Assignment.audience.is_(None), Assignment.audience == User.audience)]
    if filters.audience:
        conditions.append(User.audience == filters.audience)
    return (
        select(User.id.label("user_id"), Assignment.course_id, func.min(Assignment.due_on).label("due_on"))
        .select_from(Assignment)
        .join(holder, holder.id == Assignment.unit_id)
        .join(Unit, and_(Unit.path >= holder.path, Unit.path < _upper_bound(holder.path)))
        .join(User, User.unit_id == Unit.id)
        .where(*conditions)
        .group_by(User.id, Assignment.course_id)
        .subquery("pairs")
    )


def learner_rows(scope: Unit, filters: Filters, today: date, overdue_only: bool = False,
                 limit: int | None = None) -> Iterator:
    """The assigned (learner, course) pairs behind a view, with their standing; one query,
    streamed in batches.

    Rows: unit code, unit name, full name, email, audience, course title, due date,
    started, completed date, passed date, best score, overdue (0/1).
    """
    query, late = _learner_query(scope, filters, today)
    if overdue_only:
        query = query.where(late)
    if limit is not None:
        query = query.limit(limit)
    return _streamed(query)


def _learner_query(scope: Unit, filters: Filters, today: date):
    """The SELECT behind learner_rows and learner_page, and its "overdue" condition."""
    pairs = _learner_courses(scope, filters)
    late = and_(Enrollment.completed_at.is_(None), pairs.c.due_on < today,
                func.date(User.created_at) <= pairs.c.due_on)
    overdue = case((late, 1), else_=0)
    query = (
        select(Unit.code, Unit.name, User.full_name, User.email, User.audience, Course.title, pairs.c.due_on,
               Enrollment.started_at, Enrollment.completed_at, Enrollment.passed_at, Enrollment.best_score,
               overdue.label("overdue"), Enrollment.last_activity_at)
        .select_from(pairs)
        .join(User, User.id == pairs.c.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .join(Course, Course.id == pairs.c.course_id)
        .outerjoin(Enrollment, and_(Enrollment.user_id == User.id, Enrollment.course_id == pairs.c.course_id))
        .order_by(Unit.path, User.name_key, User.id, Course.title)
    )
    return query, late


#: The learner grid's status filter: a name → the condition on a learner_query row.
LEARNER_STATUSES = ("not_started", "in_progress", "completed", "overdue")


def learner_page(scope: Unit, filters: Filters, today: date, status: str | None, number: int,
                 per_page: int) -> tuple[list, int]:
    """One page of the (learner, course) grid of a subtree, and how many rows match in all."""
    query, late = _learner_query(scope, filters, today)
    condition = {
        "not_started": Enrollment.started_at.is_(None),
        "in_progress": and_(Enrollment.started_at.is_not(None), Enrollment.completed_at.is_(None)),
        "completed": Enrollment.completed_at.is_not(None),
        "overdue": late,
    }.get(status or "")
    if condition is not None:
        query = query.where(condition)
    count = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.execute(query.limit(per_page).offset((number - 1) * per_page)).all()
    return rows, count


def _streamed(query) -> Iterator:
    """Rows of `query` fetched in batches on a connection of their own, opened on the first
    row: a streamed response outlives the request's session (Flask tears the app context
    down before the body is sent), and on PostgreSQL the server-side cursor dies with it."""
    engine = db.engine

    def rows():
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # A server-side cursor is planned for its first 10% of rows by default, which
                # picks nested loops that take ten times longer over the whole list.
                conn.exec_driver_sql("SET LOCAL cursor_tuple_fraction = 1.0")
            yield from conn.execution_options(yield_per=2000).execute(query)

    return rows()


def courses_for_filter() -> list[Course]:
    """Courses that have (or had) an assignment, for the course filter."""
    return list(db.session.scalars(
        select(Course).where(Course.id.in_(select(Assignment.course_id))).order_by(Course.title)))


def own_figures(scope: Unit, units: list[Unit], filters: Filters, today: date) -> dict[int, Figures]:
    """Figures of the learners directly in each of `units` (the subtree of `scope`), by id:
    a unit's subtree rows less its children's, under the assignments above it."""
    covers = _covers(filters)
    summary = _summary(select(Unit.id).where(scope.subtree_filter()), filters)
    children: dict[int, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.id)
    return {unit.id: _region_figures(_Region(unit.id, children.get(unit.id, []),
                                             [c for c in covers if unit.path.startswith(c.path)]), summary, today)
            for unit in units}


def subtree_units(scope: Unit) -> list[Unit]:
    """Every unit of the subtree, parents before children."""
    return list(db.session.scalars(select(Unit).where(scope.subtree_filter()).order_by(Unit.depth, Unit.path)))


def exemplary_learners(scope: Unit, filters: Filters, limit: int = 10) -> list:
    """The learners of `scope`'s subtree who passed every course assigned to them under the
    filters, best average score first (then name): the people proposed for commendation.

    Rows: full name, unit name, number of courses, average best score.
    """
    pairs = _learner_courses(scope, filters)
    passed = func.count(Enrollment.passed_at)
    average = func.avg(Enrollment.best_score)
    query = (
        select(User.full_name, Unit.name, func.count(), average)
        .select_from(pairs)
        .join(User, User.id == pairs.c.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .outerjoin(Enrollment, and_(Enrollment.user_id == pairs.c.user_id, Enrollment.course_id == pairs.c.course_id))
        .group_by(User.id, User.full_name, Unit.name)
        .having(passed == func.count())
        .order_by(average.desc(), User.name_key, User.id)
        .limit(limit)
    )
    return list(db.session.execute(query))
