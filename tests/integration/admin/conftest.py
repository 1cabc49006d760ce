"""A small tree with a manager, learners inside and outside the manager's subtree, and an admin."""
import pytest

from tests.support.client import login


@pytest.fixture
def tree(make_unit, root_unit):
    district = make_unit("D1", root_unit, kind="district", name="Quận Một")
    ward = make_unit("W1", district, name="Phường Một")
    other = make_unit("D2", root_unit, kind="district", name="Quận Hai")
    return {"root": root_unit, "district": district, "ward": ward, "other": other}


@pytest.fixture
def people(make_user, tree):
    return {
        "admin": make_user("admin@example.org", role="admin"),
        "manager": make_user("manager@example.org", role="manager", unit=tree["district"]),
        "inside": make_user("inside@example.org", unit=tree["ward"], name="Trần Văn Trong"),
        "outside": make_user("outside@example.org", unit=tree["other"], name="Lê Thị Ngoài"),
        "trainer_inside": make_user("trainer@example.org", role="trainer", unit=tree["ward"]),
    }


@pytest.fixture
def admin_client(app, people):
    client = app.test_client()
    login(client, "admin@example.org")
    client.get("/lang/en")  # assertions read the English texts, whatever the catalogue holds
    return client


@pytest.fixture
def manager_client(app, people):
    client = app.test_client()
    login(client, "manager@example.org")
    client.get("/lang/en")
    return client
