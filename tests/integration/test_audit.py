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
