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
_DROPPED_OPEN = re.compile(r"<(script|style|iframe|object|embed|noscript|template)\b", re.IGNORECASE)

#: The longest Markdown text rendered at once (characters): a lesson is 5-40 thousand.
MAX_MARKDOWN_CHARS = 250_000
#: Python-Markdown looks for the end of every "[" (links, images, footnotes, abbreviations) and
#: "<" (autolinks, raw HTML) to the end of its paragraph, so their number times the paragraph's
#: length is what a render costs: 3,000 "[" in a 200 kB paragraph took 171 s. This bound keeps
#: the worst case near a second; real lessons stay a thousand times below it.
MAX_MARKDOWN_COST = 8_000_000


class MarkdownTooHeavy(ValueError):
    """Text whose rendering would hold a worker for long; the message says why, for the trainer."""


def heaviness(text: str) -> str | None:
    """Why `text` is refused before rendering, or None."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return f"the text has {len(text):,} characters; at most {MAX_MARKDOWN_CHARS:,} are rendered at once"
    blocks = re.split(r"\n[ \t]*\n", text)
    costs = [len(block) * (block.count("[") + block.count("<") // 10) for block in blocks]
    if sum(costs) > MAX_MARKDOWN_COST:
        block = blocks[costs.index(max(costs))]
        opened = block.count("[") + block.count("<")
        return (f"too many '[' or '<' in long paragraphs (the heaviest: {len(block):,} characters with {opened:,} of "
                "them): split paragraphs with blank lines or close the brackets; rendering it would hold the server "
                "for a long time")
    return None


def _drop_with_content(html: str) -> str:
    """Remove each dropped element with its content; an unclosed one runs to the end. One pass,
    so a thousand unclosed <script> tags cost no more than one."""
    out, pos = [], 0
    while (match := _DROPPED_OPEN.search(html, pos)) is not None:
        out.append(html[pos:match.start()])
        close = re.compile(rf"</{match.group(1)}\s*>", re.IGNORECASE).search(html, match.end())
        if close is None:
            return "".join(out)
        pos = close.end()
    out.append(html[pos:])
    return "".join(out)


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
    html = _drop_with_content(html)
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(_CourseImages, base=asset_base)],
    ).clean(html)


def render_markdown(text: str, asset_base: str | None = None) -> str:
    """Render trainer-written Markdown to HTML that is safe to show to anyone. Raises
    MarkdownTooHeavy for text that would take too long to render (see heaviness)."""
    problem = heaviness(text)
    if problem:
        raise MarkdownTooHeavy(problem)
    html = markdown.markdown(text, extensions=["extra", "sane_lists", "smarty"], output_format="html")
    return sanitize_html(html, asset_base)


def render_inline(text: str) -> str:
    """Render a short Markdown fragment (a quiz option) without a wrapping paragraph."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
