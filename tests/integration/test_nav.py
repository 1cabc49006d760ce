"""The main menu: each area offers its links, each role sees its own, in one fixed order."""
import re

import pytest

from tests.support.client import login

MAIN_MENU = re.compile(r'<nav aria-label="Main menu".*?</nav>', re.S)
AREA_LINKS = ("/certificates/", "/editor/", "/admin/", "/stats/", "/assignments/", "/reviews/")


def _area_links(client) -> list[str]:
    """The links areas offer in the main menu of the courses page, in the order shown."""
    menu = MAIN_MENU.search(client.get("/courses/").get_data(as_text=True)).group(0)
    return [href for href in re.findall(r'href="([^"]+)"', menu) if href.startswith(AREA_LINKS)]


@pytest.mark.parametrize("role, links", [
    ("learner", ["/certificates/", "/reviews/"]),
    ("trainer", ["/editor/"]),
    ("admin", ["/certificates/manage", "/editor/", "/admin/", "/stats/", "/assignments/", "/reviews/"]),
])
def test_each_role_sees_its_menu_links_in_one_order(client, make_user, english, role, links):
    user = make_user(role=role)
    login(client, user.email)
    assert _area_links(client) == links


def test_visitors_get_no_area_links(client):
    page = client.get("/courses/").get_data(as_text=True)
    assert not any(f'href="{link}' in page for link in AREA_LINKS)
