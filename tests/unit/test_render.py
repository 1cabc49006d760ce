"""Markdown is sanitised with bleach's allowlist: nothing executable survives."""
import pytest

from app.courses.render import render_inline, render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<div onclick="alert(1)">hi</div>',
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<object data="x.swf"></object>',
    '<form action="/x"><input name="a"></form>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_dangerous_markdown_renders_without_anything_executable(payload):
    html = render_markdown(f"Hello\n\n{payload}\n\nworld").lower()
    for marker in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<style", "<object",
                   "<form", "<input", "<svg", "data:text"):
        assert marker not in html, (payload, html)
    assert "hello" in html and "world" in html


def test_script_content_is_dropped_not_shown_as_text():
    html = render_markdown("<script>steal()</script>ok")
    assert "steal" not in html


def test_ordinary_markdown_keeps_its_formatting():
    html = render_markdown("## Title\n\n**bold** and [link](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<h2>Title</h2>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org">link</a>' in html
    assert "<table>" in html


def test_relative_images_point_at_the_course_files():
    html = render_markdown("![Sơ đồ](images/a.png)", asset_base="/courses/c1/files")
    assert 'src="/courses/c1/files/images/a.png"' in html
    assert 'alt="Sơ đồ"' in html


def test_absolute_image_urls_are_left_alone():
    html = render_markdown("![x](https://example.org/a.png)", asset_base="/courses/c1/files")
    assert 'src="https://example.org/a.png"' in html


def test_render_inline_drops_the_wrapping_paragraph():
    assert render_inline("*yes*") == "<em>yes</em>"
