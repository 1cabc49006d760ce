"""Phone-first layout at 390×844: a header that leaves the screen to the page, a menu behind one
button, and no page wider than the phone."""
import pytest

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
PAGES = ["/", "/courses/", "/courses/civics", "/courses/civics/lessons/conduct", "/certificates/mine", "/auth/profile"]


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("role", ["learner", "admin"])
def test_phone_header_is_one_row_and_the_menu_opens_behind_a_button(page, live_server, log_in, role):
    page.set_viewport_size(PHONE)
    log_in(live_server.create_user(role=role))
    assert header_height(page) <= 72
    menu = page.locator("#site-menu")
    toggle = page.get_by_role("button", name="Menu")
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="Hồ sơ").is_visible()
    page.keyboard.press("Escape")
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"


def test_desktop_shows_the_menu_without_a_button(shared_learner_page):
    shared_learner_page.goto("/")
    assert shared_learner_page.locator("#site-menu").is_visible()
    assert not shared_learner_page.locator(".menu-toggle").is_visible()


@pytest.mark.parametrize("path", PAGES)
def test_no_learner_page_is_wider_than_a_phone(shared_learner_page, path):
    shared_learner_page.set_viewport_size(PHONE)
    shared_learner_page.goto(path)
    assert page_width(shared_learner_page) <= PHONE["width"]
