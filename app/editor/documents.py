"""Writing course files: front matter from form fields, titles, slugs. Pure: no Flask."""
from __future__ import annotations

import re
import unicodedata

import yaml

from app.courses.frontmatter import FrontMatterError, parse_document

#: Order of course.md keys as the settings form writes them; other keys are kept after these.
COURSE_KEY_ORDER = ("id", "title", "audiences", "language", "summary", "estimated_minutes",
                    "pass_mark", "certificate", "maintainers")


class _Dumper(yaml.SafeDumper):
    """Block mappings with lists on one line (`audiences: [civil_servant, other]`), as trainers write them."""


_Dumper.add_representer(list, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=True))


def compose(meta: dict, body: str) -> str:
    """A Markdown file with `meta` as YAML front matter."""
    front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return f"---\n{front}---\n{body.lstrip(chr(10))}"


def split(text: str | None) -> tuple[dict, str]:
    """Front matter and body of a file; an unreadable front matter counts as none."""
    if text is None:
        return {}, ""
    try:
        doc = parse_document(text)
    except FrontMatterError:
        return {}, text
    return doc.meta, doc.body


def course_text(existing: str | None, fields: dict, body: str) -> str:
    """course.md with the settings form's fields; keys the form does not know are kept."""
    meta, _ = split(existing)
    merged = {}
    for key in COURSE_KEY_ORDER:
        value = fields.get(key, meta.get(key))
        if value not in (None, "", []):
            merged[key] = value
    merged.update({k: v for k, v in meta.items() if k not in COURSE_KEY_ORDER})
    return compose(merged, body)


def with_title(text: str, title: str) -> str:
    """A lesson file with a new title in its front matter, its text unchanged."""
    meta, body = split(text)
    meta = {"title": title, **{k: v for k, v in meta.items() if k != "title"}}
    return compose(meta, body)


def maintainers(text: str | None) -> list[str]:
    """Lower-cased e-mails listed under `maintainers` in course.md."""
    value = split(text)[0].get("maintainers") or []
    if isinstance(value, str):
        value = [value]
    return [str(v).strip().lower() for v in value if isinstance(v, str)]


def title_of(text: str | None, default: str = "") -> str:
    value = split(text)[0].get("title")
    return str(value) if value else default


def slugify(text: str, fallback: str = "lesson") -> str:
    """An ASCII slug from a Vietnamese or English title (Đạo đức công vụ → dao-duc-cong-vu)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")
    return slug or fallback


def emails(text: str) -> list[str]:
    """E-mails from a comma/space/newline separated field, lower-cased, in order, once each."""
    seen: list[str] = []
    for item in re.split(r"[\s,;]+", text or ""):
        item = item.strip().lower()
        if item and item not in seen:
            seen.append(item)
    return seen
