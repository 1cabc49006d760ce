"""statistics summary rows count whole subtrees: recount them

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 22:50:00

A summary row used to count the learners of one unit; it now counts the unit's whole
subtree (app/stats/counters.py), so that a country-wide page reads a few hundred rows.
The tables keep their shape; only their contents change.
"""
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


# The recount as this revision knows the schema, written out rather than imported from
# app.stats.counters: that module follows today's models, a migration must not.
EVERYONE = date(1, 1, 1)
LEARNERS = "u.role = 'learner' AND u.active = :yes"
CUTOFFS = "(SELECT :everyone AS day UNION SELECT due_on AS day FROM assignments) AS c"
#: dialect → (the ids on a unit's path as rows of a column `value`, 'YYYY-MM' of a timestamp)
SPELLINGS = {
    "sqlite": ("json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']')",
               "strftime('%Y-%m', {})"),
    "postgresql": ("json_array_elements_text(CAST('[' || replace(trim(o.path, '/'), '/', ',') || ']' AS json))",
                   "to_char({}, 'YYYY-MM')"),
}


def recount(bind) -> None:
    """Fill the three summary tables from the raw rows, each row counting a unit's subtree."""
    ancestors, month = SPELLINGS[bind.dialect.name]
    subtrees = f"JOIN units AS o ON o.id = u.unit_id JOIN {ancestors} AS a ON 1 = 1"
    unit, audience = "CAST(a.value AS INTEGER)", "coalesce(u.audience, '')"
    statements = [
        f"INSERT INTO stats_learner_counts (unit_id, audience, joined_after, learners) "
        f"SELECT {unit}, {audience}, c.day, count(*) FROM users AS u "
        f"JOIN {CUTOFFS} ON date(u.created_at) > c.day {subtrees} "
        f"WHERE {LEARNERS} GROUP BY {unit}, {audience}, c.day",
        f"INSERT INTO stats_course_counts (unit_id, audience, joined_after, course_id, started, completed, passed, "
        f"score_sum, score_count) "
        f"SELECT {unit}, {audience}, c.day, e.course_id, count(*), count(e.completed_at), count(e.passed_at), "
        f"coalesce(sum(e.best_score), 0.0), count(e.best_score) FROM users AS u "
        f"JOIN {CUTOFFS} ON date(u.created_at) > c.day JOIN enrollments AS e ON e.user_id = u.id {subtrees} "
        f"WHERE {LEARNERS} GROUP BY {unit}, {audience}, c.day, e.course_id",
        f"INSERT INTO stats_month_counts (unit_id, audience, course_id, month, completed) "
        f"SELECT {unit}, {audience}, e.course_id, {month.format('e.completed_at')}, count(*) FROM users AS u "
        f"JOIN enrollments AS e ON e.user_id = u.id {subtrees} "
        f"WHERE {LEARNERS} AND e.completed_at IS NOT NULL "
        f"GROUP BY {unit}, {audience}, e.course_id, {month.format('e.completed_at')}",
    ]
    for table in ('stats_month_counts', 'stats_course_counts', 'stats_learner_counts'):
        bind.execute(sa.text(f"DELETE FROM {table}"))
    for statement in statements:
        params = [sa.bindparam("everyone", EVERYONE, type_=sa.Date), sa.bindparam("yes", True, type_=sa.Boolean)]
        bind.execute(sa.text(statement).bindparams(*(p for p in params if f":{p.key}" in statement)))


def upgrade():
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM users LIMIT 1")).first() is not None:
        recount(bind)


def downgrade():
    # The older code counts units one by one: empty the rows and run its
    # `flask stats rebuild` after downgrading.
    for table in ('stats_month_counts', 'stats_course_counts', 'stats_learner_counts'):
        op.execute(sa.text(f"DELETE FROM {table}"))
