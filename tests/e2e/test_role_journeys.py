"""One journey per role, through the real pages: a learner earns and verifies a certificate,
a trainer edits and publishes a lesson, a manager drills into statistics and exports them,
an admin uploads a CSV with a bad row and imports nothing."""
import re
import uuid

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from app.demo.data import DEMO_DOMAIN, DEMO_PASSWORD
from tests.support.client import PASSWORD
from tests.support.browser import QUIZ_COURSE, answer_the_quiz, maintainer

pytestmark = pytest.mark.e2e


def test_learner_passes_the_final_quiz_downloads_the_certificate_and_verifies_it(live_server, browser, page, log_in):
    log_in(live_server.create_user(name="Nguyễn Thị Chứng Chỉ"))
    page.goto(f"/courses/{QUIZ_COURSE}")
    expect(page.locator("h1")).to_have_text("Gifts and conflicts of interest")

    page.click("main a.button.primary")  # start the course: lesson 1
    expect(page.locator("article.lesson h1")).to_have_text("The rules")
    page.click(".lesson-actions button[type=submit]")  # mark as done: on to lesson 2
    expect(page.locator("article.lesson h1")).to_have_text("In practice")
    page.click(".lesson-actions button[type=submit]")  # back to the course page
    expect(page).to_have_url(f"{live_server.url}/courses/{QUIZ_COURSE}")
    expect(page.locator(".progress-text")).to_have_text("100%")

    page.click("section.quiz-course a.button")
    expect(page.locator("h1")).to_have_text("Final quiz on gifts")
    answer_the_quiz(page, submit=False)
    page.locator("form.quiz-form button[formaction$='/submit']").click()
    expect(page.locator("main form input[name=confirm]")).to_have_count(1)  # "Submit your answers?"
    expect(page.locator("main .flash-warning")).to_have_count(0)  # every question answered
    page.click("main form button[type=submit]")  # submit now
    expect(page.locator(".quiz-score-figure")).to_have_text("100%")
    expect(page.locator(".quiz-score .badge.success")).to_be_visible()

    page.click("nav.main-nav a[href='/certificates/']")
    row = page.locator("main table tbody tr", has_text="Gifts and conflicts of interest")
    expect(row.locator(".badge.success")).to_be_visible()
    with page.expect_download() as download:
        row.locator("a[href$='.pdf']").click()
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as file:
        assert file.read(5) == b"%PDF-", "the certificate download is not a PDF"
    verify = row.locator("a[href^='/verify/']").get_attribute("href")

    stranger = browser.new_context(base_url=live_server.url, locale="en-US")  # no cookies: not logged in
    try:
        public = stranger.new_page()
        public.goto("/lang/en")
        public.goto(verify)
        expect(public.locator(".verify-status")).to_have_class(re.compile(r"\bverify-valid\b"))
        expect(public.locator(".verify-status")).to_contain_text(re.compile(r"\bvalid\b", re.I))
        expect(public.locator("main dl.details")).to_contain_text("Nguyễn Thị Chứng Chỉ")
        expect(public.locator("main dl.details")).to_contain_text("Gifts and conflicts of interest")
        expect(public.locator("nav.main-nav a[href='/auth/profile']")).to_have_count(0)
    finally:
        stranger.close()


def test_trainer_edits_previews_and_publishes_a_lesson(live_server, browser, page, log_in):
    log_in(maintainer(live_server))
    page.click("nav.main-nav a[href='/editor/']")
    page.click(f"main table a[href='/editor/{QUIZ_COURSE}/']")
    page.click("ol.editor-lessons a:has-text('In practice')")
    expect(page.locator("h1")).to_contain_text("In practice")  # the lesson by its title, not its file

    sentence = f"Edited in the browser ({uuid.uuid4().hex[:8]})."
    editor = page.locator("textarea#text")
    editor.fill(editor.input_value().rstrip() + f"\n\n{sentence}\n")
    page.click("#editor-form button[value=preview]")
    expect(page.locator("#preview-panel .prose")).to_contain_text(sentence)
    page.click("#editor-form button[value=save]")
    expect(page.locator(".flash-success")).to_be_visible()

    page.click(f"nav.breadcrumb a[href='/editor/{QUIZ_COURSE}/']")
    publish = page.locator("form[action$='/publish']")
    publish.locator("button[type=submit]").click()
    expect(page.locator(".flash-success").first).to_be_visible()
    expect(page.locator("form[action$='/publish']")).to_have_count(0)  # no draft left

    learner = browser.new_context(base_url=live_server.url, locale="vi-VN")
    try:
        reader = learner.new_page()
        reader.goto("/auth/login")
        reader.fill("input[name=email]", live_server.create_user())
        reader.fill("input[name=password]", PASSWORD)
        reader.click("main form button[type=submit]")
        reader.goto(f"/courses/{QUIZ_COURSE}/lessons/practice")
        expect(reader.locator("article.lesson .prose")).to_contain_text(sentence)
    finally:
        learner.close()


def test_manager_drills_down_the_statistics_and_downloads_xlsx(live_server, page, log_in, tmp_path):
    log_in(f"manager@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.click("nav.main-nav a[href='/stats/']")
    expect(page).to_have_url(f"{live_server.url}/stats/units/HN-BD")  # a manager starts at their unit
    expect(page.locator("h1")).to_contain_text("Phường Ba Đình")

    page.click("table.stats-table tbody a:has-text('Trường THCS Ba Đình')")
    expect(page).to_have_url(re.compile(r"/stats/units/HN-BD-THCS(\?|$)"))
    expect(page.locator("h1")).to_contain_text("Trường THCS Ba Đình")
    expect(page.locator("nav.breadcrumb")).to_contain_text("Phường Ba Đình")

    with page.expect_download() as download:
        page.locator(".stats-links a[href*='/export.xlsx']:not([href*='view='])").click()
    xlsx = download.value
    assert xlsx.suggested_filename.endswith(".xlsx")
    saved = tmp_path / xlsx.suggested_filename  # openpyxl goes by the file name's extension
    xlsx.save_as(saved)
    workbook = load_workbook(saved, read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    assert "Mã đơn vị" in rows[0] and "Tên đơn vị" in rows[0], rows[0]
    assert any(row and "HN-BD-THCS" in row for row in rows[1:]), rows


def test_admin_imports_users_and_sees_the_bad_row_named(live_server, page, log_in, tmp_path):
    good, bad = f"import-{uuid.uuid4().hex[:8]}@example.org", "not-an-email"
    upload = tmp_path / "users.csv"
    upload.write_text("email,full_name,unit_code,role,audience\n"
                      f"{good},Nguyễn Văn Một,HN-BD,learner,civil_servant\n"
                      f"{bad},Trần Thị Hai,HN-BD,learner,civil_servant\n", encoding="utf-8")
    log_in(f"admin@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.goto("/admin/users/import")
    page.set_input_files("main form input[type=file]", str(upload))
    page.click("main form button[type=submit]")

    expect(page).to_have_url(re.compile(r"/admin/users/import/[^/]+$"))
    problems = page.locator("section[aria-labelledby=problems-title]")
    expect(problems).to_be_visible()
    bad_row = problems.locator("tbody tr").filter(has=page.locator("td:nth-child(2)", has_text="email"))
    expect(bad_row).to_have_count(1)
    expect(bad_row.locator("td").first).to_have_text("3")  # line 3: the header is line 1
    expect(page.locator("form[action$='/confirm']")).to_have_count(0)  # nothing can be imported
    assert not live_server.user_exists(good), "a row was imported although the file has a problem"
