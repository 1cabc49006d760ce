"""Administering the unit tree: browse, create, rename, move, deactivate; audited; managers read only."""
from sqlalchemy import select

from app.audit.models import AuditEntry
from tests.support.client import post
from tests.support.database import unit_by_code


def test_admin_sees_the_roots_and_drills_down_with_breadcrumbs(admin_client, tree):
    top = admin_client.get("/admin/units").get_data(as_text=True)
    assert "Thành phố Thử nghiệm" in top and "Phường Một" not in top
    ward = admin_client.get(f"/admin/units/{tree['ward'].id}").get_data(as_text=True)
    assert "Quận Một" in ward and 'aria-current="page">Phường Một' in ward


def test_manager_reads_their_subtree_only(manager_client, tree):
    assert manager_client.get("/admin/units").headers["Location"].endswith(f"/admin/units/{tree['district'].id}")
    assert manager_client.get(f"/admin/units/{tree['ward'].id}").status_code == 200
    assert manager_client.get(f"/admin/units/{tree['other'].id}").status_code == 404
    assert manager_client.get(f"/admin/units/{tree['root'].id}").status_code == 404
    assert post(manager_client, f"/admin/units/{tree['ward'].id}/edit", {"name": "X", "kind": "ward"}).status_code == 403


def test_admin_creates_renames_moves_and_deactivates_a_unit_with_audit(admin_client, tree, db):
    assert post(admin_client, "/admin/units/new", {"code": "W2", "name": "Phường Hai", "kind": "ward",
                                                   "parent_code": "D1"}).status_code == 302
    new = unit_by_code("W2")
    assert new.parent_id == tree["district"].id
    post(admin_client, f"/admin/units/{new.id}/edit", {"name": "Phường Hai Mới", "kind": "ward"})
    post(admin_client, f"/admin/units/{tree['district'].id}/move", {"parent_code": "D2"})
    post(admin_client, f"/admin/units/{new.id}/active", {"active": "0"})
    db.session.expire_all()
    new = unit_by_code("W2")
    assert new.name == "Phường Hai Mới" and not new.active
    assert new.path.startswith(tree["other"].path) and unit_by_code("W1").path.startswith(tree["other"].path)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["unit.create", "unit.update", "unit.move", "unit.deactivate"]
    move = db.session.scalar(select(AuditEntry).filter_by(action="unit.move"))
    assert move.before["parent_id"] == tree["root"].id and move.after["parent_id"] == tree["other"].id


def test_a_unit_cannot_move_under_its_own_descendant(admin_client, tree, db):
    post(admin_client, f"/admin/units/{tree['district'].id}/move", {"parent_code": "W1"})
    db.session.expire_all()
    assert unit_by_code("D1").parent_id == tree["root"].id


def test_duplicate_or_bad_unit_code_is_refused(admin_client, tree):
    post(admin_client, "/admin/units/new", {"code": "D1", "name": "Again", "kind": "ward"})
    post(admin_client, "/admin/units/new", {"code": "bad code!", "name": "Bad", "kind": "ward"})
    assert unit_by_code("bad code!") is None and unit_by_code("D1").name == "Quận Một"


def test_each_unit_change_says_what_happened_or_why_not(admin_client, tree):
    def said(path, data):
        return post(admin_client, path, data, follow_redirects=True).get_data(as_text=True)

    district = tree["district"].id
    assert "Unit created." in said("/admin/units/new", {"code": "W2", "name": "Hai", "kind": "ward", "parent_code": "D1"})
    assert "Another unit already has this code." in said("/admin/units/new", {"code": "D1", "name": "Again", "kind": "ward"})
    assert "Unknown parent unit." in said("/admin/units/new", {"code": "W3", "name": "Ba", "kind": "ward", "parent_code": "NONE"})
    assert "Unit saved." in said(f"/admin/units/{district}/edit", {"name": "Quận Một Mới", "kind": "district"})
    assert "Nothing changed." in said(f"/admin/units/{district}/edit", {"name": "Quận Một Mới", "kind": "district"})
    assert "A unit cannot move under itself" in said(f"/admin/units/{district}/move", {"parent_code": "W1"})
    assert "Unknown parent unit." in said(f"/admin/units/{district}/move", {"parent_code": "NONE"})
    assert "Unit moved." in said(f"/admin/units/{district}/move", {"parent_code": "D2"})
