"""Journeys of areas still being built in other branches. Each test skips, naming the route
it waits for, until that route is in app.url_map; then it runs. Selectors are educated
guesses against the fixed interfaces (DESIGN.md): adjust them when the feature lands.
"""
import re

import pytest
from playwright.sync_api import expect

from app.demo.data import DEMO_DOMAIN, DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def need(live_server, rule_prefix: str) -> None:
    """Skip unless some URL rule starts with rule_prefix."""
    if not live_server.has_route(rule_prefix):
        pytest.skip(f"waiting for route {rule_prefix!r}: not in app.url_map yet")


def test_learner_passes_the_final_quiz_downloads_the_certificate_and_verifies_it(live_server, page, log_in):
    need(live_server, "/verify/")
    need(live_server, "/quizzes")
    need(live_server, "/certificates")
    log_in(live_server.create_user())
    page.goto("/courses/civics")
    for lesson in ("conduct", "gifts"):
        page.goto(f"/courses/civics/lessons/{lesson}")
        page.click(".lesson-actions button[type=submit]")
    page.goto("/courses/civics")
    page.click("a[href*='quiz']")
    # TODO(lead): answer with the course's key; the fixture quiz decides what is correct.
    for fieldset in page.locator("main form fieldset").all():
        fieldset.locator("input").first.check()
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text(re.compile("pass|đạt", re.I))
    with page.expect_download() as download:
        page.click("a[href*='.pdf'], a[href*='/pdf']")
    assert download.value.suggested_filename.endswith(".pdf")
    verify = page.locator("a[href*='/verify/']").first.get_attribute("href")
    anonymous = page.context.browser.new_page(base_url=live_server.url)
    anonymous.goto(verify)
    expect(anonymous.locator("main")).to_contain_text("Nguyễn Thị E2E")
    anonymous.close()


def test_trainer_edits_and_publishes_a_lesson(live_server, page, log_in):
    need(live_server, "/editor")
    log_in(f"trainer@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.goto("/editor/")
    page.click("a[href*='civics']")
    page.click("a[href*='conduct']")
    page.fill("textarea", "---\ntitle: Code of conduct\n---\n## Conduct\n\nEdited in the browser.\n")
    page.click("main form button[type=submit]")
    page.click("button:has-text('Publish'), button:has-text('Xuất bản')")
    page.goto("/courses/civics/lessons/conduct")
    expect(page.locator(".prose")).to_contain_text("Edited in the browser.")


def test_manager_drills_down_the_statistics_and_downloads_xlsx(live_server, page, log_in):
    need(live_server, "/stats")
    log_in(f"manager@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.goto("/stats/")
    expect(page.locator("main table")).to_contain_text("HN-BD-DB")
    page.click("main table a:has-text('Phường Điện Biên')")
    expect(page.locator("h1")).to_contain_text("Phường Điện Biên")
    with page.expect_download() as download:
        page.click("a[href*='xlsx']")
    assert download.value.suggested_filename.endswith(".xlsx")


def test_admin_imports_users_and_sees_the_bad_row_named(live_server, page, log_in, tmp_path):
    need(live_server, "/admin")
    log_in(f"admin@{DEMO_DOMAIN}", DEMO_PASSWORD)
    upload = tmp_path / "users.csv"
    upload.write_text("email,full_name,unit_code,role,audience\n"
                      "ok1@example.org,Nguyễn Văn Một,HN-BD-DB,learner,civil_servant\n"
                      "not-an-email,Trần Thị Hai,HN-BD-DB,learner,civil_servant\n", encoding="utf-8")
    page.goto("/admin/users/import")
    page.set_input_files("input[type=file]", str(upload))
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("not-an-email")
    expect(page.locator("main")).to_contain_text(re.compile(r"\b3\b"))  # the bad row's line number
