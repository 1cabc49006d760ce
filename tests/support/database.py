"""The test database: which one a test gets, finding what a test made, watching what is sent."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, select

from app.extensions import db
from app.stats.counters import TABLES
from app.units.models import Unit


def database_url(tmp_path: Path) -> str:
    """PostgreSQL when TEST_DATABASE_URL says so (CI's second run), else a SQLite file."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.db'}"


def unit_by_code(code: str) -> Unit | None:
    return db.session.scalar(select(Unit).filter_by(code=code))


@contextmanager
def statements(db):
    """The SQL statements sent while the block runs."""
    seen = []

    def note(conn, cursor, statement, *args):
        seen.append(statement.lstrip().upper())

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def table_rows() -> dict:
    """Every statistics summary row, zero rows left out, scores rounded (sums of float deltas drift)."""
    found = {}
    for table, (keys, measures, main) in TABLES.items():
        for row in db.session.execute(select(table)).mappings():
            if row[main]:
                found[(table.name,) + tuple(row[k] for k in keys)] = tuple(
                    round(row[m], 6) if m == "score_sum" else row[m] for m in measures)
    return found
