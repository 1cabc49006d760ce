"""statistics summary rows count whole subtrees: recount them

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 22:50:00

A summary row used to count the learners of one unit; it now counts the unit's whole
subtree (app/stats/counters.py), so that a country-wide page reads a few hundred rows.
The tables keep their shape; only their contents change.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM users LIMIT 1")).first() is not None:
        from app.stats.counters import rebuild

        rebuild(bind)


def downgrade():
    # The older code counts units one by one: empty the rows and run its
    # `flask stats rebuild` after downgrading.
    for table in ('stats_month_counts', 'stats_course_counts', 'stats_learner_counts'):
        op.execute(sa.text(f"DELETE FROM {table}"))
