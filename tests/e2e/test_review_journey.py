"""A cadre writes a self-review (autosaved), reloads, submits; the manager returns it; the cadre
revises and resubmits; the manager signs it off and downloads the PDF."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.support.client import PASSWORD

pytestmark = pytest.mark.e2e


def _round_for_a_new_unit(live_server) -> tuple[int, str, str]:
    from app.clock import today
    from app.extensions import db
    from app.reviews.catalog import forms
    from app.reviews.services import open_round
    from app.units.models import Unit
    from app.units.services import create_unit

    with live_server.app.app_context():
        parent = db.session.query(Unit).filter_by(code="HN-BD").one()
        unit = create_unit("E2E-RV", "Phòng Kiểm điểm E2E", "department", parent)
        round_ = open_round(None, forms()["can-bo-cong-chuc"], unit, "civil_servant", str(today().year),
                            today() + timedelta(days=20))
        db.session.commit()
        round_id = round_.id
        db.session.remove()
    writer = live_server.create_user(unit_code="E2E-RV", name="Đặng Văn Kiểm Điểm")
    manager = live_server.create_user(role="manager", unit_code="E2E-RV", name="Vũ Thị Trưởng Phòng")
    return round_id, writer, manager


def _log_in(page, email):
    page.goto("/auth/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def _fill_everything(page):
    for fieldset in page.locator("#review-form fieldset").all():
        radios = fieldset.locator("input[type=radio]")
        if radios.count():
            radios.first.check()
            fieldset.locator("textarea[name$='-account']").fill("Đã thực hiện đầy đủ.")
        else:
            fieldset.locator("textarea").fill("Trả lời đầy đủ.")


def test_write_save_reload_submit_return_revise_sign_off_pdf(live_server, browser, page):
    round_id, writer, manager_email = _round_for_a_new_unit(live_server)
    _log_in(page, writer)
    page.goto(f"/reviews/rounds/{round_id}/mine")
    page.fill("textarea[name=tang-qua-account]", "Từ chối giỏ quà trước Tết")
    expect(page.locator("#autosave-status")).to_have_text("Đã lưu")
    page.reload()
    expect(page.locator("textarea[name=tang-qua-account]")).to_have_value("Từ chối giỏ quà trước Tết")
    _fill_everything(page)
    page.click("button[value=submit]")
    expect(page.locator("#review-status")).to_have_text("Đã nộp")

    manager = browser.new_context(base_url=live_server.url, locale="vi-VN", accept_downloads=True).new_page()
    _log_in(manager, manager_email)
    manager.goto(f"/reviews/rounds/{round_id}")
    manager.click("text=Đặng Văn Kiểm Điểm")
    manager.fill("textarea[name=comment]", "Bổ sung minh chứng")
    manager.click("button[value=return]")
    expect(manager.locator("main")).to_contain_text("Đã trả lại để sửa")

    page.goto(f"/reviews/rounds/{round_id}/mine")
    expect(page.locator("main")).to_contain_text("Bổ sung minh chứng")
    page.fill("textarea[name=tang-qua-evidence]", "Biên bản nộp lại quà")
    page.click("button[value=submit]")
    expect(page.locator("#review-status")).to_have_text("Đã nộp")

    manager.reload()
    manager.select_option("select[name=overall_rating]", "Tốt")
    manager.click("button[value=sign_off]")
    expect(manager.locator("main")).to_contain_text("Đã kết luận")
    with manager.expect_download() as download:
        manager.click("text=Tải PDF")
    assert download.value.suggested_filename.endswith(".pdf")
    manager.context.close()
    page.goto(f"/reviews/rounds/{round_id}/mine")
    expect(page.locator("main")).to_contain_text("Đã kết luận")
