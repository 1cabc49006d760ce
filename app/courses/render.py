"""Markdown → HTML → sanitised HTML. Pure: no Flask, called once per content version."""
from __future__ import annotations

import re
from functools import partial
from urllib.parse import quote, unquote

import bleach
import markdown
from bleach.html5lib_shim import Filter

from app.courses.assets import is_course_image

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": ["id", "class", "title", "lang"],
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "img": ["src", "alt", "title", "width", "height", "loading"],
    "td": ["colspan", "rowspan", "align"],
    "th": ["colspan", "rowspan", "align", "scope"],
    "ol": ["start"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# bleach strips a forbidden tag but keeps its text; for these the text is code or noise.
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|iframe|object|embed|noscript|template)\b.*?(</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)


class _CourseImages(Filter):
    """Images come from the course's own files only: a relative path to an image file is
    pointed at `base` (the course's files URL), anything else (another site, or a same-origin
    URL such as /certificates/manage/batch.zip that the viewer's browser would fetch with
    their session on opening the page) is dropped, leaving its alt text. Runs on the
    sanitised tokens, so raw HTML <img> and Markdown ![]() are held to the same rule."""

    def __init__(self, source, base: str | None):
        super().__init__(source)
        self.base = base.rstrip("/") if base else None

    def __iter__(self):
        for token in super().__iter__():
            if token.get("name") != "img" or token["type"] not in ("StartTag", "EmptyTag"):
                yield token
                continue
            attrs = dict(token["data"])
            src = course_image_src(attrs.get((None, "src"), ""), self.base)
            if src is None:
                alt = attrs.get((None, "alt"), "")
                if alt:
                    yield {"type": "Characters", "data": alt}
                continue
            attrs[(None, "src")] = src
            attrs[(None, "loading")] = "lazy"
            yield {**token, "data": attrs}


def course_image_src(src: str, base: str | None) -> str | None:
    """The URL an image may be shown from: `base`/path for a relative path (or one already
    under `base`) to an image in the course folder; None for anything else."""
    if not base or not src:
        return None
    path = src.removeprefix(base + "/") if src.startswith(base + "/") else src
    if ":" in path or "?" in path or "#" in path:
        return None
    # Checked decoded, as a browser reads %2e%2e as ".." (and a backslash as "/"); a "%" left
    # after one decoding is refused; written back encoded, so no control character survives.
    path = unquote(path.removeprefix("./"))
    parts = path.split("/")
    if "%" in path or any(ord(c) < 32 for c in path) or not is_course_image(parts):
        return None
    return f"{base}/{quote(path)}"


def sanitize_html(html: str, asset_base: str | None = None) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes, and images only from the
    course's files under `asset_base` (none without one)."""
    html = _DROP_WITH_CONTENT.sub("", html)
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(_CourseImages, base=asset_base)],
    ).clean(html)


def render_markdown(text: str, asset_base: str | None = None) -> str:
    """Render trainer-written Markdown to HTML that is safe to show to anyone."""
    html = markdown.markdown(text, extensions=["extra", "sane_lists", "smarty"], output_format="html")
    return sanitize_html(html, asset_base)


def render_inline(text: str) -> str:
    """Render a short Markdown fragment (a quiz option) without a wrapping paragraph."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
