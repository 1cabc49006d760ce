"""Database engine settings: SQLite pragmas on every connection, pool size for servers."""
import os

import pytest
from sqlalchemy import text

from app import create_app
from app.db_setup import engine_options
from app.extensions import db

sqlite_only = pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")), reason="SQLite pragmas")


@sqlite_only
def test_sqlite_file_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path, courses_dir):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'p.db'}",
                     COURSES_DIR=str(courses_dir), SQLITE_BUSY_TIMEOUT_MS=1234)
    with app.app_context():
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 1234
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        db.engine.dispose()


@sqlite_only
def test_foreign_keys_are_enforced_on_sqlite(app, db, learner):
    from sqlalchemy.exc import IntegrityError
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE users SET unit_id = 999999 WHERE id = :id"), {"id": learner.id})
        db.session.flush()
    db.session.rollback()


def test_server_databases_get_a_pool_sized_from_config():
    options = engine_options({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@h/db",
                              "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
                              "DATABASE_POOL_SIZE": 7, "DATABASE_MAX_OVERFLOW": 3})
    assert options["pool_size"] == 7 and options["max_overflow"] == 3 and options["pool_pre_ping"] is True


def test_sqlite_gets_no_pool_size():
    options = engine_options({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SQLALCHEMY_ENGINE_OPTIONS": {},
                              "DATABASE_POOL_SIZE": 7, "DATABASE_MAX_OVERFLOW": 3})
    assert "pool_size" not in options
