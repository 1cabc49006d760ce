"""Vietnamese sort keys for unit and user names

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 03:20:00

The keys come from app/collation.py (ICU, CLDR "vi"), the same function the models call on write,
so rows written before this revision sort exactly like rows written after it.
"""
from alembic import op
import sqlalchemy as sa

from app.collation import SORT_KEY_LENGTH, sort_key


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_TABLES = (('units', 'name'), ('users', 'full_name'))


def upgrade():
    for table, source in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('name_key', sa.String(length=SORT_KEY_LENGTH), nullable=False,
                                          server_default=''))
        _fill(table, source)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('name_key', server_default=None)
            batch_op.create_index(batch_op.f(f'ix_{table}_name_key'), ['name_key'], unique=False)


def _fill(table: str, source: str) -> None:
    rows = sa.table(table, sa.column('id', sa.Integer), sa.column(source, sa.String),
                    sa.column('name_key', sa.String))
    connection = op.get_bind()
    keys = [{'row_id': row_id, 'key': sort_key(name)}
            for row_id, name in connection.execute(sa.select(rows.c.id, rows.c[source]))]
    if keys:
        connection.execute(rows.update().where(rows.c.id == sa.bindparam('row_id'))
                           .values(name_key=sa.bindparam('key')), keys)


def downgrade():
    for table, _source in reversed(_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_name_key'))
            batch_op.drop_column('name_key')
