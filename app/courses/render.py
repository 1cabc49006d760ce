"""Markdown → HTML → sanitised HTML. Pure: no Flask, called once per content version."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import bleach
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^#")


class _AssetLinks(Treeprocessor):
    """Points relative image and link targets at the course's own files."""

    def __init__(self, md, base: str):
        super().__init__(md)
        self.base = base.rstrip("/") + "/"

    def run(self, root: etree.Element) -> None:
        for el in root.iter("img"):
            src = el.get("src", "")
            if src and not _URL_SCHEME.match(src):
                el.set("src", self.base + src.removeprefix("./"))
            el.set("loading", "lazy")


class _AssetExtension(Extension):
    def __init__(self, base: str):
        super().__init__()
        self.base = base

    def extendMarkdown(self, md):
        md.treeprocessors.register(_AssetLinks(md, self.base), "asset_links", 1)


def sanitize_html(html: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes."""
    html = _DROP_WITH_CONTENT.sub("", html)
    return bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


def render_markdown(text: str, asset_base: str | None = None) -> str:
    """Render trainer-written Markdown to HTML that is safe to show to anyone."""
    extensions = ["extra", "sane_lists", "smarty"]
    if asset_base:
        extensions.append(_AssetExtension(asset_base))
    html = markdown.markdown(text, extensions=extensions, output_format="html")
    return sanitize_html(html)


def render_inline(text: str) -> str:
    """Render a short Markdown fragment (a quiz option) without a wrapping paragraph."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
