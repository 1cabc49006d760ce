"""Numbers past what the database holds (SQLite: 2**63 - 1) get a clear answer, never a 500."""
import pytest

from tests.support.client import login

HUGE = "9" * 40


@pytest.fixture
def admin_client(app, make_user):
    admin = make_user("root@example.org", role="admin")
    client = app.test_client()
    login(client, admin.email)
    return client


def test_a_forty_digit_page_on_certificate_management_is_the_last_page_not_a_500(admin_client):
    assert admin_client.get(f"/certificates/manage?page={HUGE}").status_code == 200


@pytest.mark.parametrize("path", [f"/admin/users/{HUGE}", f"/admin/units/{HUGE}", f"/admin/users?page={HUGE}",
                                  f"/admin/units?page={HUGE}", f"/admin/audit?page={HUGE}"])
def test_a_forty_digit_id_or_page_in_an_admin_address_is_not_a_500(admin_client, path):
    assert admin_client.get(path).status_code in (200, 404)


def test_every_integer_in_a_url_is_bounded_for_the_database(app):
    for rule in app.url_map.iter_rules():
        for converter in rule._converters.values():
            if converter.regex == r"\d+":
                assert converter.max == 2**63 - 1, rule.rule
