"""Staff forms: a refused save never widens the page; a unit-code box offers units as one types."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]


def test_refused_save_with_a_long_line_never_widens_the_page(page, live_server, log_in):
    log_in(live_server.create_user(role="admin", audience=None))
    page.goto("/editor/quizzed/")
    page.click("ol.editor-lessons a:has-text('In practice')")
    long_word = "x" * 400
    page.locator("textarea#text").fill(f"---\ntitle: In practice\nminutes: {long_word}\n---\n\n{long_word}\n")
    page.click("#editor-form button[value=save]")
    expect(page.locator("p.error[role=alert]")).to_be_visible()
    expect(page.locator(".editor-problems li").first).to_be_visible()
    for size in SIZES:
        page.set_viewport_size(size)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]


def test_unit_picker_offers_units_by_name_as_the_manager_types(page, live_server, log_in):
    log_in(live_server.create_user(role="admin", audience=None))
    page.goto("/assignments/new")
    box = page.locator("input[name=unit_code]")
    box.fill("HN")
    options = page.locator(f"datalist#{box.get_attribute('list')} option")
    page.wait_for_function("document.querySelectorAll('datalist option').length > 0", timeout=5000)
    assert all(code.startswith("HN") or "HN" in label.upper() for code, label in
               zip(options.evaluate_all("os => os.map(o => o.value)"), options.evaluate_all("os => os.map(o => o.label)")))
