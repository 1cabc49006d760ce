"""Administering accounts: search, filters, edit, deactivate, reset; managers in their subtree only."""
import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.models import User
from tests.support.client import csrf_token, login, post


def test_admin_searches_accounts_by_name_and_email(admin_client, people):
    html = admin_client.get("/admin/users?q=trong").get_data(as_text=True)
    assert "Trần Văn Trong" in html and "Lê Thị Ngoài" not in html
    html = admin_client.get("/admin/users?q=OUTSIDE@").get_data(as_text=True)
    assert "Lê Thị Ngoài" in html and "Trần Văn Trong" not in html


def test_unit_filter_includes_sub_units(admin_client, people):
    html = admin_client.get("/admin/users?unit=D1&role=learner").get_data(as_text=True)
    assert "Trần Văn Trong" in html and "Lê Thị Ngoài" not in html
    assert "1 account found" in html


@pytest.mark.slow  # more than a page of accounts: about 5 s
def test_list_is_paginated(admin_client, make_user, tree):
    for n in range(55):
        make_user(f"bulk{n:02d}@example.org", unit=tree["other"], name=f"Bulk {n:02d}")
    first = admin_client.get("/admin/users?unit=D2").get_data(as_text=True)
    second = admin_client.get("/admin/users?unit=D2&page=2").get_data(as_text=True)
    assert "56 accounts found" in first and "Page 1 of 2" in first
    assert "Bulk 00" in first and "Bulk 54" in second and "Bulk 00" not in second


def test_manager_lists_only_learners_of_their_subtree(manager_client, people):
    html = manager_client.get("/admin/users").get_data(as_text=True)
    assert "inside@example.org" in html
    assert "outside@example.org" not in html and "trainer@example.org" not in html


def test_manager_cannot_read_or_change_a_user_outside_their_subtree_by_guessing_ids(manager_client, people, db):
    outsider = people["outside"]
    assert manager_client.get(f"/admin/users/{outsider.id}").status_code == 404
    response = post(manager_client, f"/admin/users/{outsider.id}",
                    {"full_name": "Hacked", "role": "learner", "audience": "civil_servant", "unit_code": "W1"})
    assert response.status_code == 404
    assert post(manager_client, f"/admin/users/{outsider.id}/active", {"active": "0"}).status_code == 404
    assert post(manager_client, f"/admin/users/{outsider.id}/reset").status_code == 404
    assert manager_client.get(f"/admin/users/{people['trainer_inside'].id}").status_code == 404
    assert manager_client.get("/admin/users/999999").status_code == 404
    db.session.expire_all()
    assert outsider.full_name == "Lê Thị Ngoài" and outsider.active


def test_manager_cannot_move_a_learner_out_of_their_subtree_or_promote_them(manager_client, people, db):
    inside = people["inside"]
    page = post(manager_client, f"/admin/users/{inside.id}",
                {"full_name": "X", "role": "learner", "audience": "civil_servant", "unit_code": "D2"})
    assert page.status_code == 200 and "outside your part of the tree" in page.get_data(as_text=True)
    page = post(manager_client, f"/admin/users/{inside.id}",
                {"full_name": "X", "role": "admin", "audience": "", "unit_code": "W1"})
    assert page.status_code == 200
    db.session.expire_all()
    assert (inside.role, inside.unit.code, inside.full_name) == ("learner", "W1", "Trần Văn Trong")


def test_manager_edits_a_learner_in_their_subtree_and_it_is_audited(manager_client, people, db):
    inside = people["inside"]
    response = post(manager_client, f"/admin/users/{inside.id}",
                    {"full_name": "Trần Văn Mới", "role": "learner", "audience": "public_employee", "unit_code": "D1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (inside.full_name, inside.audience, inside.unit.code) == ("Trần Văn Mới", "public_employee", "D1")
    entry = db.session.scalar(select(AuditEntry).filter_by(action="user.update"))
    assert entry.actor_id == people["manager"].id and entry.target_id == str(inside.id)
    assert entry.before["full_name"] == "Trần Văn Trong" and entry.after["full_name"] == "Trần Văn Mới"


def test_manager_cannot_create_an_admin(manager_client, people, db):
    data = {"email": "new@example.org", "full_name": "New", "role": "admin", "audience": "", "unit_code": "W1"}
    assert post(manager_client, "/admin/users/new", data).status_code == 200
    assert db.session.scalar(select(User).filter_by(email="new@example.org")) is None


def test_new_account_gets_a_one_time_activation_link(admin_client, people, app, db):
    data = {"email": "new@example.org", "full_name": "Người Mới", "role": "learner",
            "audience": "civil_servant", "unit_code": "W1"}
    html = post(admin_client, "/admin/users/new", data).get_data(as_text=True)
    link = html.split('readonly value="')[1].split('"')[0]
    path = link.replace("http://localhost", "")
    fresh = app.test_client()
    token = csrf_token(fresh)
    assert post(fresh, path, {"password": "Brand-new-1", "confirm": "Brand-new-1", "csrf_token": token}).status_code == 302
    assert fresh.get("/auth/profile").status_code == 200
    assert app.test_client().get(path).status_code == 404  # single use


def test_deactivation_ends_the_users_sessions_and_reactivation_restores_login(admin_client, people, app, db):
    inside = people["inside"]
    learner_client = app.test_client()
    login(learner_client, inside.email)
    assert learner_client.get("/auth/profile").status_code == 200
    assert post(admin_client, f"/admin/users/{inside.id}/active", {"active": "0"}).status_code == 302
    assert learner_client.get("/auth/profile").status_code == 302
    assert login(app.test_client(), inside.email).status_code == 401
    post(admin_client, f"/admin/users/{inside.id}/active", {"active": "1"})
    assert login(app.test_client(), inside.email).status_code == 302
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["user.deactivate", "user.reactivate"]


def test_admin_cannot_deactivate_themselves(admin_client, people, db):
    post(admin_client, f"/admin/users/{people['admin'].id}/active", {"active": "0"})
    db.session.expire_all()
    assert people["admin"].active


def test_reset_link_lets_the_user_choose_a_new_password(admin_client, people, app):
    html = post(admin_client, f"/admin/users/{people['inside'].id}/reset").get_data(as_text=True)
    path = html.split('readonly value="')[1].split('"')[0].replace("http://localhost", "")
    assert path.startswith("/auth/reset/")
    client = app.test_client()
    token = csrf_token(client)
    assert post(client, path, {"password": "Reset-pass-9", "confirm": "Reset-pass-9", "csrf_token": token}).status_code == 302
    assert login(app.test_client(), people["inside"].email, "Reset-pass-9").status_code == 302


def test_counts_are_sql_not_python(admin_client, people, db):
    total = db.session.scalar(select(func.count()).select_from(User))
    assert f"{total} accounts found" in admin_client.get("/admin/users").get_data(as_text=True)


def test_only_admins_and_managers_see_the_administration_link(admin_client, manager_client, app, people):
    assert "/admin/" in admin_client.get("/").get_data(as_text=True)
    assert "/admin/" in manager_client.get("/").get_data(as_text=True)
    learner = app.test_client()
    login(learner, people["inside"].email)
    assert 'href="/admin/' not in learner.get("/").get_data(as_text=True)
