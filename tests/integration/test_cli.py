"""The command line: units and users import all-or-nothing, users create, courses check/sync."""
import pytest
from sqlalchemy import func, select

from app.auth.models import User
from app.courses.models import Course
from app.units.models import Unit
from tests.support.cli import run, write

UNITS_CSV = """code,name,kind,parent_code
HN,Thành phố Hà Nội,province,
HN-BD-DB,Phường Điện Biên,ward,HN-BD
HN-BD,Quận Ba Đình,district,HN
"""


def test_units_import_builds_the_tree_with_parents_listed_after_children(app, db, tmp_path):
    result = run(app, "units", "import", write(tmp_path, "u.csv", UNITS_CSV))
    assert result.exit_code == 0, result.output
    ward = db.session.scalar(select(Unit).filter_by(code="HN-BD-DB"))
    city = db.session.scalar(select(Unit).filter_by(code="HN"))
    assert ward.parent.code == "HN-BD" and ward.depth == 2
    assert city.contains(ward) and ward.path.startswith(city.path)
    assert "3 unit(s) created" in result.output


def test_units_import_twice_changes_nothing(app, db, tmp_path):
    path = write(tmp_path, "u.csv", UNITS_CSV)
    run(app, "units", "import", path)
    result = run(app, "units", "import", path)
    assert "0 unit(s) created, 0 updated, 3 unchanged" in result.output
    assert db.session.scalar(select(func.count(Unit.id))) == 3


def test_units_import_with_one_bad_row_imports_nothing_and_names_it(app, db, tmp_path):
    bad = UNITS_CSV + "HN-X,Xã lỗi,planet,HN\nHN-Y,Orphan,ward,NOPE\n"
    result = run(app, "units", "import", write(tmp_path, "u.csv", bad))
    assert result.exit_code == 1
    assert "row 5, column kind: unknown kind 'planet'" in result.output
    assert "row 6, column parent_code: unknown parent unit 'NOPE'" in result.output
    assert db.session.scalar(select(func.count(Unit.id))) == 0


def users_csv(root_code="ROOT"):
    return (
        "email,full_name,unit_code,role,audience,password\n"
        f"a@example.org,Nguyễn Văn A,{root_code},learner,civil_servant,Strong-pass-7\n"
        f"b@example.org,Trần Thị B,{root_code},learner,secondary_student,\n"
        f"c@example.org,Lê C,{root_code},manager,,Strong-pass-7\n"
    )


def test_users_import_creates_accounts(app, db, tmp_path, root_unit):
    db.session.commit()
    result = run(app, "users", "import", write(tmp_path, "users.csv", users_csv()))
    assert result.exit_code == 0, result.output
    assert "3 account(s) created" in result.output
    a = db.session.scalar(select(User).filter_by(email="a@example.org"))
    assert a.check_password("Strong-pass-7") and a.unit.code == "ROOT"
    assert db.session.scalar(select(User).filter_by(email="b@example.org")).password_hash is None


def test_users_import_with_one_bad_row_imports_nothing_and_names_row_and_reason(app, db, tmp_path, root_unit):
    db.session.commit()
    text = users_csv() + "not-an-email,X,ROOT,learner,civil_servant,\nd@example.org,D,MARS,wizard,civil_servant,\n"
    result = run(app, "users", "import", write(tmp_path, "users.csv", text))
    assert result.exit_code == 1
    assert "row 5, column email: 'not-an-email' is not a valid email address" in result.output
    assert "row 6, column role: unknown role 'wizard'" in result.output
    assert "row 6, column unit_code: unknown unit 'MARS'" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_users_import_twice_creates_no_duplicates(app, db, tmp_path, root_unit):
    db.session.commit()
    path = write(tmp_path, "users.csv", users_csv())
    run(app, "users", "import", path)
    result = run(app, "users", "import", path)
    assert "0 account(s) created, 0 updated, 3 unchanged" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 3


def test_users_import_reports_duplicate_emails_within_the_file(app, db, tmp_path, root_unit):
    db.session.commit()
    text = users_csv() + "A@example.org,Again,ROOT,learner,civil_servant,\n"
    result = run(app, "users", "import", write(tmp_path, "users.csv", text))
    assert "row 5, column email: 'a@example.org' also appears on row 2" in result.output


def test_users_import_reads_xlsx(app, db, tmp_path, root_unit):
    from openpyxl import Workbook

    db.session.commit()
    wb = Workbook()
    ws = wb.active
    for line in users_csv().splitlines():
        ws.append(line.split(","))
    path = tmp_path / "users.xlsx"
    wb.save(path)
    result = run(app, "users", "import", str(path))
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(User.id))) == 3


def test_users_create_makes_one_account(app, db, root_unit):
    db.session.commit()
    result = run(app, "users", "create", "--email", "X@Example.org", "--name", "Hồ Thị X", "--password",
                 "Strong-pass-7", "--role", "learner", "--unit", "ROOT", "--audience", "civil_servant")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).filter_by(email="x@example.org"))
    assert user.full_name == "Hồ Thị X" and user.check_password("Strong-pass-7")


def test_users_create_refuses_unknown_unit_and_weak_password(app, db, root_unit):
    db.session.commit()
    bad_unit = run(app, "users", "create", "--email", "x@example.org", "--name", "X", "--password", "Strong-pass-7",
                   "--role", "admin", "--unit", "NOPE")
    assert bad_unit.exit_code == 1 and "unknown unit 'NOPE'" in bad_unit.output
    weak = run(app, "users", "create", "--email", "x@example.org", "--name", "X", "--password", "short",
               "--role", "admin", "--unit", "ROOT")
    assert weak.exit_code == 1 and "--password" in weak.output


@pytest.mark.parametrize("common", ["password1", "Passw0rd!", "abc12345"])
def test_users_create_refuses_a_common_password(app, db, root_unit, common):
    db.session.commit()
    result = run(app, "users", "create", "--email", "x@example.org", "--name", "X", "--password", common,
                 "--role", "admin", "--unit", "ROOT")
    assert result.exit_code == 1 and "too common" in result.output


def test_a_password_made_of_the_persons_own_email_is_refused():
    from app.auth.accounts import check_account

    errors = check_account("nguyenvana@example.org", "Nguyễn Văn A", "admin", None, "nguyenvana2026")
    assert [e.field for e in errors] == ["password"]


@pytest.mark.parametrize("kept", ["Secret-pass-1", "Demo@2026", "Bench-pass-1", "Strong-pass-7", "Welcome-2025"])
def test_the_suites_and_demos_passwords_stay_accepted(kept):
    from app.auth.accounts import password_problem

    assert password_problem(kept) is None


def test_courses_check_passes_on_good_courses_and_fails_with_file_line(app, courses_dir):
    assert run(app, "courses", "check").exit_code == 0
    (courses_dir / "students" / "01-exams.md").write_text("---\ntitle: x\nminutes: many\n---\nText\n")
    result = run(app, "courses", "check")
    assert result.exit_code == 1
    assert "students/01-exams.md:3: 'minutes' must be a whole number" in result.output


def test_courses_sync_records_courses_and_retires_removed_ones(app, db, courses_dir):
    import shutil

    result = run(app, "courses", "sync")
    assert "4 course(s) synced: 4 new" in result.output
    shutil.rmtree(courses_dir / "students")
    run(app, "courses", "sync")
    assert db.session.scalar(select(Course).filter_by(slug="students")).active is False
