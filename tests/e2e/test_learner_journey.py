"""A learner's path through the site in a real browser: log in, read, mark done, switch language, log out."""
import json
import re

import pytest
from playwright.sync_api import expect

from tests.support import FIXTURES

pytestmark = pytest.mark.e2e


def test_learner_logs_in_reads_the_course_and_completes_its_lessons(live_server, learner_page):
    page = learner_page
    expect(page.locator("h1")).to_contain_text("Nguyễn Thị E2E")
    page.click("a[href='/courses/civics']")
    expect(page.locator("h1")).to_have_text("Civics for civil servants")
    expect(page.locator(".progress-text")).to_have_text("0%")

    page.click("main a.button.primary")  # start the course
    expect(page.locator("article.lesson h1")).to_have_text("Code of conduct")
    expect(page.locator(".prose img")).to_have_attribute("src", "/courses/civics/files/images/diagram.png")
    assert page.request.get("/courses/civics/files/images/diagram.png").ok, "the lesson's image is not served"

    page.click(".lesson-actions button[type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("article.lesson h1")).to_have_text("Gifts")
    expect(page.locator(".progress-text")).to_have_text("50%")

    page.click(".lesson-actions button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/courses/civics")
    expect(page.locator(".progress-text")).to_have_text("100%")
    expect(page.locator("main .badge.success").first).to_be_visible()

    page.click("header a.brand")
    expect(page.locator(".course-card", has_text="Civics for civil servants").locator(".progress-text")).to_have_text("100%")


def test_dashboard_offers_to_continue_where_the_learner_left_off(learner_page):
    page = learner_page
    page.goto("/courses/civics")
    page.click("ol.lesson-list li:nth-child(2) a")
    page.click("header a.brand")
    resume = page.locator("section.resume")
    expect(resume).to_contain_text("Civics for civil servants")
    resume.locator("a.button").click()
    expect(page.locator("article.lesson h1")).to_have_text("Code of conduct")  # first lesson not done


def test_language_switch_changes_the_interface_and_stays_on_the_page(learner_page):
    page = learner_page
    page.goto("/auth/profile")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    vietnamese_nav = page.locator("nav.main-nav").inner_text()
    page.click("nav.lang-nav a[hreflang=en]")
    expect(page).to_have_url(re.compile(r"/auth/profile\??$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("nav.main-nav")).to_contain_text("My courses")
    assert page.locator("nav.main-nav").inner_text() != vietnamese_nav
    expect(page.locator("nav.lang-nav a[hreflang=en]")).to_have_attribute("aria-current", "true")
    page.click("nav.lang-nav a[hreflang=vi]")
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_profile_shows_the_learners_account(live_server, page, log_in):
    email = live_server.create_user(name="Trần Văn Hồ Sơ")
    log_in(email)
    page.goto("/lang/en")
    page.click("nav.main-nav a[href='/auth/profile']")
    expect(page.locator("h1")).to_have_text("Trần Văn Hồ Sơ")
    expect(page.locator("dl.details")).to_contain_text(email)
    expect(page.locator("dl.details")).to_contain_text("HN-BD")


def test_wrong_password_is_refused_with_a_message(live_server, page, log_in):
    email = live_server.create_user()
    log_in(email, "Wrong-pass-9")
    expect(page).to_have_url(re.compile("/auth/login"))
    expect(page.locator(".flash-error")).to_be_visible()
    expect(page.locator("input[name=email]")).to_have_value(email)


def test_keyboard_only_login_works(live_server, page):
    email = live_server.create_user()
    page.goto("/auth/login")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    page.focus("input[name=email]")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type("Secret-pass-1")
    page.keyboard.press("Enter")
    expect(page.locator("nav.main-nav a[href='/auth/profile']")).to_be_visible()


def test_logout_ends_the_session(learner_page):
    page = learner_page
    page.click("nav.main-nav button[type=submit]")
    expect(page).to_have_url(re.compile("/auth/login"))
    page.goto("/courses/civics")  # not a public course: a visitor is sent to log in
    expect(page).to_have_url(re.compile("/auth/login"))


def test_anonymous_visitor_sees_the_landing_page_and_a_404_page(page):
    page.goto("/")
    expect(page.locator("main a[href='/auth/login']")).to_be_visible()
    response = page.goto("/no-such-page")
    assert response.status == 404
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main a.button")).to_have_attribute("href", "/")


def test_health_check_reports_database_and_courses(page):
    response = page.goto("/healthz")
    assert response.status == 200
    body = json.loads(page.locator("body").inner_text())
    fixture_courses = sum(1 for folder in (FIXTURES / "courses").iterdir() if (folder / "course.md").is_file())
    assert body["status"] == "ok" and body["database"] == "ok" and body["courses_loaded"] == fixture_courses


def test_practice_is_checked_in_place_without_leaving_the_lesson(learner_page):
    learner_page.goto("/courses/quizzed/lessons/rules")
    learner_page.check("input[name='a-report-gifts'][value='true']")
    learner_page.click("form.practice-form button[type=submit]")
    feedback = learner_page.locator("#practice-result")
    feedback.get_by_text("Yes: every gift is reported.").wait_for()
    assert learner_page.url.endswith("/courses/quizzed/lessons/rules")
    assert "(1 điểm)" not in learner_page.locator("#practice").inner_text()
