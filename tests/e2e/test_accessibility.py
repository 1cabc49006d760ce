"""axe-core (bundled in axe-playwright-python, nothing downloaded) on every main page in
Vietnamese and English: no serious or critical WCAG 2.2 AA violation."""
import pytest

from tests.support.accessibility import blocking_violations

pytestmark = pytest.mark.e2e

ANONYMOUS_PAGES = {"landing": "/", "login": "/auth/login", "login-error": None,  # None: after a wrong password
                   "public-course": "/courses/open-to-all", "public-lesson": "/courses/open-to-all/lessons/why"}
LEARNER_PAGES = {
    "dashboard": "/", "course-list": "/courses/", "course": "/courses/civics",
    "lesson": "/courses/civics/lessons/conduct", "profile": "/auth/profile", "error-404": "/no-such-page",
}


def open_in(page, language: str, path: str | None) -> None:
    page.goto(f"/lang/{language}")
    if path is None:
        page.goto("/auth/login")
        page.fill("input[name=email]", "nobody@example.org")
        page.fill("input[name=password]", "Wrong-pass-9")
        page.click("main form button[type=submit]")
    else:
        page.goto(path)
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_public_page_has_no_serious_accessibility_violations(page, name, language):
    open_in(page, language, ANONYMOUS_PAGES[name])
    assert blocking_violations(page) == []


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", LEARNER_PAGES)
def test_learner_page_has_no_serious_accessibility_violations(shared_learner_page, name, language):
    open_in(shared_learner_page, language, LEARNER_PAGES[name])
    assert blocking_violations(shared_learner_page) == []
