"""axe-core (bundled in axe-playwright-python, nothing downloaded) on every main page in
Vietnamese and English: no serious or critical WCAG 2.2 AA violation."""
import pytest

from tests.support.accessibility import blocking_violations

from tests.support.browser import QUIZ_COURSE, answer_the_quiz, finish_the_lessons, log_in_as

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


#: the staff pages issue 16 names (statistics, learner grid, import, editor), by the role that uses them
STAFF_PAGES = {
    "statistics": ("manager", "/stats/units/HN-BD"), "learner-grid": ("manager", "/stats/units/HN-BD/learners"),
    "import": ("admin", "/admin/users/import"), "editor-course": ("trainer", f"/editor/{QUIZ_COURSE}/"),
    "editor-lesson": ("trainer", f"/editor/{QUIZ_COURSE}/files/01-rules.md"),
    "editor-quiz": ("trainer", f"/editor/{QUIZ_COURSE}/files/quiz.md"),
    "mail-outbox": ("admin", "/admin/mail"),
}


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_page_has_no_serious_accessibility_violations(open_as, passed, name, language):
    role, path = STAFF_PAGES[name]
    page = open_as(role)
    open_in(page, language, path)
    assert blocking_violations(page) == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_quiz_pages_have_no_serious_accessibility_violations(browser, live_server, passed, open_as, language):
    """The quiz's start page, an attempt being answered, and a passed result with its certificate."""
    taker = log_in_as(browser, live_server, live_server.create_user(name="Đỗ Thị Làm Bài"))
    try:
        finish_the_lessons(taker)
        open_in(taker, language, f"/courses/{QUIZ_COURSE}/quiz")
        assert blocking_violations(taker) == [], "start page"
        answer_the_quiz(taker, submit=False)
        assert blocking_violations(taker) == [], "an attempt"
    finally:
        taker.context.close()
    page = open_as("learner", state=passed["state"])
    open_in(page, language, passed["result"])
    assert blocking_violations(page) == [], "result"
