"""Migration 0008 recounts the summary rows with its own SQL, and that SQL counts what
today's `flask stats rebuild` counts (on the schema both know)."""
import importlib.util
from datetime import timedelta
from pathlib import Path

from app.assignments.services import create_assignment
from app.auth.accounts import create_user
from app.auth.models import User
from app.clock import today
from app.courses.catalog import catalog
from app.courses.services import course_row, mark_lesson_done, record_final_quiz_result
from app.extensions import db
from app.stats.counters import rebuild
from app.units.services import create_unit
from tests.support.database import table_rows

MIGRATION = Path(__file__).parents[2] / "migrations/versions/0008_statistics_rows_per_subtree.py"


def load_migration():
    spec = importlib.util.spec_from_file_location("migration_0008", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_migration_0008_imports_nothing_from_the_app():
    assert "from app" not in MIGRATION.read_text() and "import app" not in MIGRATION.read_text()


def test_migration_0008_recount_equals_a_rebuild(app):
    root = create_unit("R", "Gốc", "province")
    ward = create_unit("A1", "A1", "ward", create_unit("A", "A", "ward", root))
    admin = User(email="admin@x.org", full_name="Quản trị", role="admin", unit=root, active=True)
    db.session.add(admin)
    course = catalog().get("civics")
    people = [create_user(f"p{n}@x.org", "Người học", "learner", unit, audience)
              for n, (unit, audience) in enumerate([(ward, "civil_servant"), (root, "civil_servant"), (ward, "secondary_student")])]
    db.session.flush()
    mark_lesson_done(people[0].id, course, course.lessons[0].id)
    record_final_quiz_result(people[2].id, course, 80.0, True)
    create_assignment(admin, course_row(course).id, ward.id, None, today() - timedelta(days=90),
                      today() + timedelta(days=5))
    db.session.flush()
    rebuild(db.session)
    expected = table_rows()
    load_migration().recount(db.session.connection())
    assert table_rows() == expected and expected
    db.session.rollback()
