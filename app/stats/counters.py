"""Keeping the statistics summary rows (models.py) equal to a recount of the raw rows.

Every summary row counts a unit's whole subtree: a learner adds into the row of their own
unit and of each ancestor. A province page then reads the rows of its children and of the
few units that hold assignments, whatever the size of the tree (see queries.py).

One set of GROUP BY queries says what a set of learners contributes to the counters. The
rebuild runs them over everybody; a flush that changes a learner (unit, audience, role,
active, join date) or an enrollment (started, completed, passed, score) runs them for the
learners it touches before and after the flush and adds the difference — as
`x = x + delta` upserts, so concurrent transactions on PostgreSQL do not lose counts.
Because it listens to the session, no service can forget to keep the counters in step;
only bulk Core inserts (bench/seed.py) must call `rebuild`, and a unit moved with its
subtree (one UPDATE the session does not see) is followed through the
units.signals `subtree_moving` / `subtree_moved`.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sqlalchemy import (Date, Integer, and_, bindparam, cast, delete, event, func, inspect, literal, select, text, true,
                        union)
from sqlalchemy.orm import Session, aliased

from app.assignments.models import Assignment
from app.auth.models import Role, User
from app.courses.models import Enrollment
from app.stats.models import EVERYONE, StatsCourseCount, StatsLearnerCount, StatsMonthCount
from app.stats.sql import ancestor_ids, year_month
from app.units.models import Unit
from app.units.signals import subtree_moved, subtree_moving

USER_FIELDS = ("unit", "unit_id", "audience", "role", "active", "created_at")
ENROLLMENT_FIELDS = ("user_id", "course_id", "completed_at", "passed_at", "best_score")
#: table → (key columns, measure columns, the measure that is 0 only when the row counts nobody)
TABLES = {
    StatsLearnerCount.__table__: (("unit_id", "audience", "joined_after"), ("learners",), "learners"),
    StatsCourseCount.__table__: (("unit_id", "audience", "joined_after", "course_id"),
                                 ("started", "completed", "passed", "score_sum", "score_count"), "started"),
    StatsMonthCount.__table__: (("unit_id", "audience", "course_id", "month"), ("completed",), "completed"),
}


def _cutoffs(due_dates: Iterable | None = None):
    """The `joined_after` dates: EVERYONE and every assignment's due date (or only `due_dates`)."""
    if due_dates is not None:
        return union(*[select(literal(d, Date).label("day")) for d in due_dates]).subquery("cutoffs")
    return union(select(literal(EVERYONE, Date).label("day")),
                 select(Assignment.due_on.label("day"))).subquery("cutoffs")


def _learners(users):
    conditions = [User.role == Role.LEARNER.value, User.active.is_(True)]
    if users is not None:
        conditions.append(users)
    return conditions


def _with_subtrees(query):
    """`query` (FROM users) joined to the user's unit and each of its ancestors; returns the
    query and the ancestor id column, the unit of the summary rows."""
    own = aliased(Unit, name="own_unit")
    ancestors = ancestor_ids(own.path).table_valued("value", joins_implicitly=True).alias("ancestors")
    return query.join(own, own.id == User.unit_id).join(ancestors, true()), cast(ancestors.c.value, Integer)


def contributions(users=None, due_dates=None) -> dict:
    """table → SELECT of its rows as the raw rows give them (for the users matching the SQL
    condition `users` only, or everybody; for the cutoffs `due_dates` only, or all).
    Columns in TABLES order."""
    audience = func.coalesce(User.audience, "").label("audience")
    joined = func.date(User.created_at)
    result = {}
    if due_dates is None or due_dates:
        cut = _cutoffs(due_dates)
        query, unit = _with_subtrees(select().select_from(User).join(cut, joined > cut.c.day))
        result[StatsLearnerCount.__table__] = (
            query.add_columns(unit, audience, cut.c.day, func.count())
            .where(*_learners(users)).group_by(unit, audience, cut.c.day))
        query, unit = _with_subtrees(select().select_from(User).join(cut, joined > cut.c.day)
                                     .join(Enrollment, Enrollment.user_id == User.id))
        result[StatsCourseCount.__table__] = (
            query.add_columns(unit, audience, cut.c.day, Enrollment.course_id, func.count(),
                              func.count(Enrollment.completed_at), func.count(Enrollment.passed_at),
                              func.coalesce(func.sum(Enrollment.best_score), 0.0), func.count(Enrollment.best_score))
            .where(*_learners(users))
            .group_by(unit, audience, cut.c.day, Enrollment.course_id))
    if due_dates is None:
        month = year_month(Enrollment.completed_at)
        query, unit = _with_subtrees(select().select_from(User).join(Enrollment, Enrollment.user_id == User.id))
        result[StatsMonthCount.__table__] = (
            query.add_columns(unit, audience, Enrollment.course_id, month, func.count())
            .where(*_learners(users), Enrollment.completed_at.is_not(None))
            .group_by(unit, audience, Enrollment.course_id, month))
    return result


def rebuild(conn, due_dates=None, progress=None) -> dict[str, int]:
    """Recount every summary row from the raw rows (or only the rows of the cutoffs
    `due_dates`). `conn` is a Connection or Session; the caller commits. `progress(done, total)`
    hears of each table recounted."""
    counts = {}
    queries = contributions(None, due_dates)
    for table, query in queries.items():
        keys, measures, _ = TABLES[table]
        if due_dates is None:
            conn.execute(delete(table))
        else:
            conn.execute(delete(table).where(table.c.joined_after.in_(list(due_dates))))
        conn.execute(table.insert().from_select(list(keys + measures), query))
        counts[table.name] = conn.execute(select(func.count()).select_from(table)).scalar()
        if progress:
            progress(len(counts), len(queries))
    return counts


def _snapshot(conn, queries: dict, params: dict | None = None) -> dict:
    """(table, key) → measures that the `queries` of contributions() find, as the database
    has them now."""
    found = {}
    for table, query in queries.items():
        size = len(TABLES[table][0])
        for row in conn.execute(query, params or {}):
            found[(table, tuple(row[:size]))] = tuple(row[size:])
    return found


@cache
def _by_user_ids() -> dict:
    """contributions() of the users whose ids come as `user_ids` when run. Built once: for
    the one learner a flush usually touches, building these SELECTs costs more than running them."""
    return contributions(User.id.in_(bindparam("user_ids", expanding=True)))


def _of_ids(conn, user_ids) -> dict:
    return _snapshot(conn, _by_user_ids(), {"user_ids": sorted(user_ids)})


@subtree_moving.connect
def _before_move(session, unit_ids) -> None:
    """A subtree is about to move by one UPDATE the session does not see: count what the
    learners of the units `unit_ids` contribute now (their ancestors are about to change)."""
    queries = contributions(User.unit_id.in_(unit_ids))
    session.info["stats_moving"] = (queries, _snapshot(session.connection(), queries))


@subtree_moved.connect
def _after_move(session) -> None:
    """The move is flushed: add what those learners contribute now minus what they did."""
    moving = session.info.pop("stats_moving", None)
    if moving is not None:
        queries, before = moving
        _apply(session.connection(), before, _snapshot(session.connection(), queries))


@cache
def _upsert(table):
    """INSERT ... ON CONFLICT DO UPDATE adding the measures to a summary row, in the SQL that
    SQLite and PostgreSQL share. Written out once: SQLAlchemy's own upsert constructs cannot
    be cached and were compiled again on every flush."""
    keys, measures, _ = TABLES[table]
    columns = keys + measures
    added = ", ".join(f"{m} = {table.name}.{m} + excluded.{m}" for m in measures)
    return text(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) "
                f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {added}")


def _apply(conn, before: dict, after: dict) -> None:
    """Add after − before to the summary rows (one upsert per table, of many rows); drop rows
    left counting nobody."""
    deltas: dict = {}
    emptied = []
    for table, key in before.keys() | after.keys():
        keys, measures, main = TABLES[table]
        old = before.get((table, key), (0,) * len(measures))
        new = after.get((table, key), (0,) * len(measures))
        delta = [n - o for n, o in zip(new, old)]
        if not any(delta):
            continue
        deltas.setdefault(table, []).append(dict(zip(keys + measures, key + tuple(delta))))
        if delta[measures.index(main)] < 0:
            emptied.append((table, keys, key, main))
    for table, rows in deltas.items():
        conn.execute(_upsert(table), rows)
    for table, keys, key, main in emptied:
        conn.execute(delete(table).where(and_(*(table.c[k] == v for k, v in zip(keys, key))), table.c[main] <= 0))


def _changed(obj, fields) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _touched(session):
    """Ids of the stored learners this flush changes, the new users, the due dates of new or
    re-dated assignments, and the due dates a re-dated assignment left behind."""
    ids, new_users, due_dates, left = set(), [], set(), set()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, User):
            if obj in session.new:
                new_users.append(obj)
            elif obj in session.deleted or _changed(obj, USER_FIELDS):
                ids.add(obj.id)
        elif isinstance(obj, Enrollment):
            if obj in session.new or obj in session.deleted or _changed(obj, ENROLLMENT_FIELDS):
                history = inspect(obj).attrs["user_id"].history
                ids.update(i for i in history.sum() if i is not None)
        elif isinstance(obj, Assignment):
            history = inspect(obj).attrs["due_on"].history
            left.update(d for d in history.deleted if d is not None)
            if obj in session.deleted:
                left.add(obj.due_on)
            elif obj in session.new or history.has_changes():
                due_dates.add(obj.due_on)
    return ids, new_users, due_dates, left


@event.listens_for(Session, "before_flush")
def _before_flush(session, flush_context, instances) -> None:
    ids, new_users, due_dates, left = _touched(session)
    if ids or new_users or due_dates or left:
        before = _of_ids(session.connection(), ids) if ids else {}
        session.info["stats_pending"] = (ids, new_users, due_dates, left, before)


@event.listens_for(Session, "after_flush")
def _after_flush(session, flush_context) -> None:
    pending = session.info.pop("stats_pending", None)
    if pending is None:
        return
    ids, new_users, due_dates, left, before = pending
    conn = session.connection()
    touched = ids | {u.id for u in new_users if u.id is not None}
    after = _of_ids(conn, touched) if touched else {}
    gone = _forget_unused_cutoffs(conn, left)
    if gone:
        before, after = ({k: v for k, v in rows.items() if not _on_cutoffs(k, gone)} for rows in (before, after))
    if due_dates:
        # The recount of these cutoffs already includes this flush: no delta on top of it.
        rebuild(conn, sorted(due_dates))
        before, after = ({k: v for k, v in rows.items() if not _on_cutoffs(k, due_dates)} for rows in (before, after))
    _apply(conn, before, after)


def _forget_unused_cutoffs(conn, dates) -> set:
    """Drop the rows of due dates that no assignment has any more (a rebuild would not make
    them); returns those dates."""
    if not dates:
        return set()
    used = set(conn.execute(select(Assignment.due_on).where(Assignment.due_on.in_(list(dates)))).scalars())
    gone = {d for d in dates if d not in used and d != EVERYONE}
    for table in (StatsLearnerCount.__table__, StatsCourseCount.__table__):
        if gone:
            conn.execute(delete(table).where(table.c.joined_after.in_(list(gone))))
    return gone


def _on_cutoffs(table_key, due_dates) -> bool:
    table, key = table_key
    return table is not StatsMonthCount.__table__ and key[2] in due_dates
