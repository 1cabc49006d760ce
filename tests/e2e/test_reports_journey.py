"""A manager goes from their unit's statistics to the report form and downloads the PDF;
the form passes axe-core like the other main pages."""
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from app.demo.data import DEMO_DOMAIN, DEMO_PASSWORD
from tests.support.accessibility import blocking_violations

pytestmark = pytest.mark.e2e


def test_manager_opens_the_report_form_from_the_statistics_and_downloads_a_pdf(live_server, page, log_in, tmp_path):
    log_in(f"manager@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.goto("/stats/units/HN-BD")
    page.click(".stats-links a[href='/reports/units/HN-BD']")
    expect(page.locator("h1")).to_contain_text("Phường Ba Đình")
    assert blocking_violations(page) == []

    page.check("input[name=format][value=pdf]")
    with page.expect_download() as download:
        page.click("main form button[type=submit]")
    report = download.value
    assert report.suggested_filename.startswith("bao-cao-HN-BD-") and report.suggested_filename.endswith(".pdf")
    saved = tmp_path / report.suggested_filename
    report.save_as(saved)
    text = "\n".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "PHƯỜNG BA ĐÌNH" in text and "Trường THCS Ba Đình" in text and "Tổng cộng" in text
