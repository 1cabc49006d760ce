"""Browser-test helpers: a tab of the live server, logging in, and the quizzed fixture course
taken the way a learner takes it. The e2e fixtures and the tests import them from here."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support import FIXTURES
from tests.support.client import PASSWORD


def new_page(browser, live_server, storage_state=None):
    """A fresh tab (own cookie jar) on the live server, Vietnamese, desktop size."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900},
                                  storage_state=storage_state)
    context.set_default_timeout(10_000)
    return context.new_page()


QUIZ_COURSE = "quizzed"  # tests/fixtures/courses/quizzed: two lessons and quiz.md
#: quiz.md's answer key, as a learner sees it: option labels to tick (a part of each: the page
#: sets typographic apostrophes), true/false, typed text.
QUIZ_KEY = {
    "value-limit": ["Cash from a person whose file you handle"],
    "red-flags": ["licence application", "Owning shares in a bidder"],
    "report": "true",
    "law-name": "Luật Phòng, chống tham nhũng",
}


def submit_login(page, email: str, password: str = PASSWORD):
    """Log in through the real login form, like a person."""
    page.goto("/auth/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return page


def log_in_as(browser, live_server, email: str, password: str = PASSWORD, viewport=None):
    """A fresh tab (and cookie jar) logged in as `email`."""
    page = new_page(browser, live_server)
    if viewport:
        page.set_viewport_size(viewport)
    return submit_login(page, email, password)


def assign(live_server, slug: str, unit_code: str) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from app.assignments.services import create_assignment
    from app.clock import today
    from app.courses.models import Course
    from app.extensions import db
    from app.units.models import Unit

    with live_server.app.app_context():
        course = db.session.scalar(select(Course).filter_by(slug=slug))
        unit = db.session.scalar(select(Unit).filter_by(code=unit_code))
        create_assignment(None, course.id, unit.id, None, today() - timedelta(days=1), today() + timedelta(days=30))
        db.session.commit()
        db.session.remove()


def maintainer_of(slug: str) -> str:
    """The first maintainer the fixture course's front matter names."""
    text = (FIXTURES / "courses" / slug / "course.md").read_text(encoding="utf-8")
    return re.search(r"^maintainers:\s*\[\s*([^,\]\s]+)", text, re.M).group(1)


def maintainer(live_server) -> str:
    """The quizzed course's maintainer account (made once, whichever test needs it first)."""
    email = maintainer_of(QUIZ_COURSE)
    if not live_server.user_exists(email):
        live_server.create_user(role="trainer", audience=None, unit_code="HN-TDTCB", email=email)
    return email


def finish_the_lessons(page) -> None:
    for lesson in ("rules", "practice"):
        page.goto(f"/courses/{QUIZ_COURSE}/lessons/{lesson}")
        page.click(".lesson-actions button[type=submit]")


def answer_the_quiz(page, submit: bool = True) -> None:
    """Start the quizzed course's final quiz and give every right answer (and submit them)."""
    page.goto(f"/courses/{QUIZ_COURSE}/quiz")
    page.click("main form button[type=submit]")
    form = page.locator("form.quiz-form")
    expect(form.locator("fieldset.quiz-question")).to_have_count(len(QUIZ_KEY))
    for question, answer in QUIZ_KEY.items():
        fieldset = form.locator(f"fieldset#question-{question}")
        if isinstance(answer, list):
            for label in answer:
                fieldset.locator("label.quiz-option", has_text=label).locator("input").check()
        elif answer in ("true", "false"):
            fieldset.locator(f"input[value={answer}]").check()
        else:
            fieldset.locator("input[type=text]").fill(answer)
    if submit:
        form.locator("button[formaction$='/submit']").click()
        page.click("main form button[type=submit]")  # "Submit your answers?": yes

