"""Unit pickers find units by name or code, only among the units the person may see."""
from tests.support.client import login


def _codes(client, q):
    response = client.get("/admin/units/options.json", query_string={"q": q})
    assert response.status_code == 200
    return [u["code"] for u in response.get_json()["units"]]


def test_unit_picker_matches_name_or_code_within_the_managers_subtree(client, db, make_unit, make_user, root_unit):
    district = make_unit("D1", root_unit, kind="district", name="Quận Ba Đình")
    make_unit("W1", district, name="Phường Kim Mã")
    make_unit("W2", district, name="Phường Điện Biên")
    other = make_unit("D2", root_unit, kind="district", name="Quận Đống Đa")
    make_unit("W9", other, name="Phường Kim Liên")
    manager = make_user("m@example.org", role="manager", unit=district)
    db.session.commit()
    login(client, manager.email)
    assert _codes(client, "kim") == ["W1"]          # by name, never the other district's Kim Liên
    assert _codes(client, "w2") == ["W2"]           # by code
    assert _codes(client, "phường") == ["W2", "W1"]  # Vietnamese order: Điện Biên before Kim Mã
    assert "D2" not in _codes(client, "")


def test_unit_code_fields_carry_the_picker_hook(client, db, make_user):
    admin = make_user("a@example.org", role="admin")
    db.session.commit()
    login(client, admin.email)
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert 'data-unit-picker' in page and "js/unit-picker.js" in page
