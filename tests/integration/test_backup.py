"""`flask backup`: an online copy of the database that restores into a working site."""
import os
import sqlite3

import pytest
from sqlalchemy import select

from app import create_app
from app.courses.models import Enrollment
from app.extensions import db as _db
from app.ops.backup import find_pg_dump
from tests.support.client import login, post

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="SQLite file backup (PostgreSQL: pg_dump test below)")


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


@sqlite_only
def test_backup_restores_into_a_working_site_with_progress(app, learner, learner_client, courses_dir, tmp_path):
    assert post(learner_client, "/courses/civics/lessons/conduct/done").status_code == 302
    copy = tmp_path / "copy.db"
    result = run(app, "backup", "-o", str(copy))
    assert result.exit_code == 0, result.output
    assert "Backup written to" in result.output

    restored = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{copy}", COURSES_DIR=str(courses_dir))
    client = restored.test_client()
    assert login(client, learner.email).status_code == 302
    page = client.get("/courses/civics").get_data(as_text=True)
    assert '<span class="progress-text">50%</span>' in page
    with restored.app_context():
        assert _db.session.scalar(select(Enrollment.lessons_done).filter_by(user_id=learner.id)) == 1
        _db.engine.dispose()


@sqlite_only
def test_backup_is_a_consistent_snapshot_while_another_writer_is_mid_transaction(app, db, learner, tmp_path):
    writer = sqlite3.connect(db.engine.url.database, isolation_level=None)
    writer.execute("BEGIN")
    writer.execute("UPDATE users SET full_name = 'half-written' WHERE id = ?", (learner.id,))
    try:
        result = run(app, "backup", "-o", str(tmp_path / "snap.db"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(tmp_path / "snap.db")
    assert copy.execute("SELECT full_name FROM users WHERE id = ?", (learner.id,)).fetchone()[0] == learner.full_name
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_backup_refuses_to_overwrite_an_existing_file(app, tmp_path):
    target = tmp_path / "exists.db"
    target.write_bytes(b"keep me")
    result = app.test_cli_runner().invoke(args=["backup", "-o", str(target)])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert target.read_bytes() == b"keep me"


@pytest.mark.skipif(not ON_POSTGRES, reason="needs TEST_DATABASE_URL (PostgreSQL)")
@pytest.mark.skipif(find_pg_dump() is None, reason="pg_dump not installed")
def test_backup_on_postgresql_writes_a_pg_restore_archive(app, db, learner, tmp_path):
    target = tmp_path / "pg.dump"
    result = run(app, "backup", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:5] == b"PGDMP"
