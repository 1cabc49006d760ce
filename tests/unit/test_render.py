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


IMAGE_ATTACKS = [
    '<img src="/certificates/manage/batch.zip">',
    "![x](/certificates/manage/batch.zip)",
    '<img src="/stats/units/ROOT/export.xlsx">',
    "![x](https://tracker.example/pixel.png)",
    "![x](//tracker.example/pixel.png)",
    "![x](../../../certificates/manage/batch.zip)",
    "![x](images/../../../../certificates/manage/batch.png)",
    "![x](%2e%2e/%2e%2e/%2e%2e/certificates/manage/a.png)",
    "![x](%252e%252e/a.png)",
    '<img src="images\\..\\..\\a.png">',
    "![x](images/a.png?export=1)",
    "![x](.hidden/a.png)",
    "![x](quiz.md)",
    "![x](images/diagram.svg)",
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
    '<img src="/courses/c1/files/../../../certificates/manage/a.png">',
]


@pytest.mark.parametrize("payload", IMAGE_ATTACKS)
def test_a_lesson_cannot_make_the_readers_browser_fetch_anything_but_the_courses_images(payload):
    html = render_markdown(f"Look:\n\n{payload}\n", asset_base="/courses/c1/files")
    assert "<img" not in html, html
    assert "Look:" in html


def test_an_image_that_is_dropped_leaves_its_alt_text():
    assert "Sơ đồ" in render_markdown("![Sơ đồ](https://example.org/a.png)", asset_base="/courses/c1/files")


def test_raw_html_images_of_the_course_are_pointed_at_its_files():
    html = render_markdown('<p><img src="./images/a b.png" alt="A"></p>', asset_base="/courses/c1/files")
    assert 'src="/courses/c1/files/images/a%20b.png"' in html and 'loading="lazy"' in html


def test_an_image_already_under_the_course_files_is_kept():
    html = render_markdown("![x](/courses/c1/files/images/a.png)", asset_base="/courses/c1/files")
    assert 'src="/courses/c1/files/images/a.png"' in html


def test_without_a_course_no_image_is_shown():
    assert "<img" not in render_markdown("![x](images/a.png)")
    assert "<img" not in render_inline("![x](images/a.png)")


def test_render_inline_drops_the_wrapping_paragraph():
    assert render_inline("*yes*") == "<em>yes</em>"


@pytest.mark.parametrize("text", ["[" * 40000, "![" * 20000, "[^" * 20000, "*[" * 20000, "[a](" * 10000,
                                  "<http://" * 5000, "[" * 3000 + "a " * 100000, ("[" * 2800 + "\n\n") * 80])
def test_markdown_that_would_hold_a_worker_for_minutes_is_refused_before_rendering(text):
    from app.courses.render import MarkdownTooHeavy

    with pytest.raises(MarkdownTooHeavy, match="'\\['|characters"):
        render_markdown(text)


def test_real_lessons_are_far_below_the_render_bound():
    from pathlib import Path

    from app.courses.render import heaviness

    for path in (Path(__file__).parents[2] / "courses").glob("*/*.md"):
        assert heaviness(path.read_text(encoding="utf-8")) is None, path


def test_a_thousand_unclosed_script_tags_are_dropped_in_one_pass():
    from app.courses.render import _drop_with_content

    assert _drop_with_content("keep <script " * 1000) == "keep "
    assert _drop_with_content("a<SCRIPT>x</script >b<style>y</style>c") == "abc"
