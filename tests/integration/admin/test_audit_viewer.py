"""The audit log: admins only, filterable, paginated, never editable from the site."""
from datetime import datetime

from app.audit.services import record


def test_audit_log_filters_by_actor_action_target_and_date(admin_client, people, db):
    admin, manager = people["admin"], people["manager"]
    record(admin, "user.update", "user", 7, {"role": "learner"}, {"role": "trainer"}).at = datetime(2025, 1, 10)
    record(manager, "unit.move", "unit", "W1").at = datetime(2025, 3, 1)
    db.session.commit()
    html = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "data-action=\"user.update" in html and "data-action=\"unit.move" in html and "Trainer" in html  # values in words
    assert ">user.update<" not in html and ">unit.move<" not in html  # actions in words, not codes
    html = admin_client.get("/admin/audit?actor=manager@").get_data(as_text=True)
    assert "data-action=\"unit.move" in html and "data-action=\"user.update" not in html
    html = admin_client.get("/admin/audit?action=user.").get_data(as_text=True)
    assert "data-action=\"user.update" in html and "data-action=\"unit.move" not in html
    html = admin_client.get("/admin/audit?target_type=unit&target_id=W1").get_data(as_text=True)
    assert "data-action=\"unit.move" in html and "data-action=\"user.update" not in html
    html = admin_client.get("/admin/audit?since=2025-02-01&until=2025-03-01").get_data(as_text=True)
    assert "data-action=\"unit.move" in html and "data-action=\"user.update" not in html


def test_audit_log_is_for_admins_only(manager_client):
    assert manager_client.get("/admin/audit").status_code == 403


def test_no_route_edits_or_deletes_audit_entries(app):
    audit_rules = [r for r in app.url_map.iter_rules() if "audit" in r.rule]
    assert audit_rules and all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in audit_rules)


def test_audit_log_is_paginated(admin_client, people, db):
    for n in range(60):
        record(people["admin"], "user.update", "user", n)
    db.session.commit()
    html = admin_client.get("/admin/audit?page=2").get_data(as_text=True)
    assert "60 entries" in html and "Page 2 of 2" in html
