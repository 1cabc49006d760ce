"""Every state-changing route refuses a request without a valid CSRF token."""
from sqlalchemy import func, select

from app.assignments.models import Assignment
from app.audit.models import AuditEntry
from app.certificates.queries import by_code
from tests.support.routes import ADMIN, ANON, ROUTES, client_for, world  # noqa: F401

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _unsafe_requests(app, world):
    from flask import url_for

    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            for method in sorted(rule.methods & STATE_CHANGING):
                yield method, url_for(rule.endpoint, **ROUTES[rule.endpoint].args(world)), ROUTES[rule.endpoint]


def _course_files(courses_dir):
    """Every file under COURSES_DIR (live courses and drafts) with its content, git excluded."""
    return {str(p.relative_to(courses_dir)): p.read_bytes() for p in sorted(courses_dir.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(courses_dir).parts}


def test_state_changing_routes_refuse_a_missing_or_forged_token(app, world, db, courses_dir):
    audit_before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    files_before = _course_files(courses_dir)
    unsafe = list(_unsafe_requests(app, world))
    assert len(unsafe) >= 10
    for role in (ANON, ADMIN):
        client = client_for(app, world, role)
        for method, url, route in unsafe:
            data = {**route.form(world), "active": "0"}
            assert client.open(url, method=method, data=data).status_code == 400, (role, method, url)
            forged = {**route.form(world), "active": "0", "csrf_token": "IjAwMDAi.forged.token"}
            assert client.open(url, method=method, data=forged).status_code == 400, (role, method, url)
        assert client.get("/auth/profile").status_code == (302 if role == ANON else 200)  # logout refused too
    db.session.expire_all()
    assert world["target"].active and world["ward"].active
    assert db.session.get(Assignment, world["assignment"]).active
    assert by_code(world["certificate"]).status == "valid"
    assert _course_files(courses_dir) == files_before  # no lesson, image, publish or discard
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before


def test_templates_write_the_csrf_field_one_way():
    """A plain form takes its token from the csrf() macro, a WTForms form from hidden_tag():
    a hand-written token field is a third way, easy to get wrong when copied."""
    from pathlib import Path

    templates = Path(__file__).parents[2] / "app" / "templates"
    hand_written = [str(path.relative_to(templates)) for path in templates.rglob("*.html")
                    if path.name != "_macros.html" and 'name="csrf_token"' in path.read_text(encoding="utf-8")]
    assert hand_written == []
