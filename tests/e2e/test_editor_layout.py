"""A refused save quotes the bad line and value, and the page stays as wide as the screen."""
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
