"""Migrations build the schema from nothing, and the models match them."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from app.extensions import db


def test_upgrade_from_empty_database_matches_the_models(app):
    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    upgrade()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_healthz_reports_database_and_courses(client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["courses_loaded"] == 4
