"""Audit entries record actor, action, target and before/after."""
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.audit.services import record, snapshot


def test_record_keeps_who_what_and_the_values(db, make_user):
    admin = make_user("a@example.org", role="admin")
    learner = make_user("l@example.org")
    before = snapshot(learner, ["full_name", "role"])
    learner.role = "trainer"
    record(admin, "user.update", "user", learner.id, before, snapshot(learner, ["full_name", "role"]))
    db.session.commit()
    entry = db.session.scalar(select(AuditEntry))
    assert entry.actor_id == admin.id and entry.action == "user.update"
    assert entry.before["role"] == "learner" and entry.after["role"] == "trainer"


def test_audit_log_page_shows_actions_fields_and_values_in_words(client, db, make_user):
    from datetime import datetime

    from tests.support.client import login

    admin = make_user("a@example.org", role="admin")
    learner = make_user("l@example.org")
    record(admin, "user.update", "user", learner.id, {"role": "learner", "active": True},
           {"role": "trainer", "active": False})
    record(admin, "certificate.revoke", "certificate", "IA-2026-000001", {"revoked_at": None},
           {"revoked_at": str(datetime(2026, 12, 31, 17, 30))})
    db.session.commit()
    login(client, admin.email)
    html = client.get("/admin/audit").get_data(as_text=True)
    assert "Sửa tài khoản" in html and "Thu hồi chứng nhận" in html
    assert "Vai trò" in html and "Giảng viên" in html and "Học viên" in html
    assert ">Có<" in html and ">Không<" in html and ">True<" not in html
    assert "01/01/2027 00:30" in html  # a stored UTC time, shown in Vietnam time, no microseconds
