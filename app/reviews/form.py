"""Self-review forms as Markdown files: a pure parser (no Flask), problems as file:line.

A form is `reviews/<slug>/form.md`: YAML front matter, then `## Section` headings and under
them `### Criterion {#stable-id}` headings with guidance text. A heading `{#id prompt}` is a
free-text question (results, shortcomings, remedies) that takes no rating. The rating scale
is declared once, in the front matter, and applies to every criterion.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.courses.frontmatter import FrontMatterError, parse_document
from app.courses.loader import Problem  # path relative to the forms root, line, message

PERIODS = ("yearly", "half-yearly", "quarterly")
REQUIRED = ("title", "audiences", "period", "summary", "reviewed", "sources", "scale")
_HEADING = re.compile(r"^(#{2,3})\s+(.*?)\s*(?:\{([^}]*)\})?\s*$")
_ID = re.compile(r"\A[a-z0-9][a-z0-9-]{0,63}\Z")


@dataclass
class Item:
    """A criterion (rated) or a prompt (free text only), with its Markdown guidance."""

    id: str
    title: str
    guidance: str
    line: int
    prompt: bool = False


@dataclass
class Section:
    title: str
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class ReviewForm:
    slug: str
    title: str
    audiences: list[str]
    period: str
    summary: str
    reviewed: str
    sources: list[str]
    #: Rating labels, best first, shared by every criterion and the overall rating.
    scale: list[str]
    sections: list[Section]

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def criteria(self) -> list[Item]:
        return [item for item in self.items() if not item.prompt]

    def prompts(self) -> list[Item]:
        return [item for item in self.items() if item.prompt]


def _text_list(value) -> list[str] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return [v.strip() for v in value]
    return None


def _front_matter(meta: dict, line_of, slug: str, problems: list) -> dict | None:
    missing = [key for key in REQUIRED if key not in meta]
    for key in missing:
        problems.append((1, f"front matter is missing '{key}'"))
    for key in ("title", "summary"):
        if key in meta and not (isinstance(meta[key], str) and meta[key].strip()):
            problems.append((line_of(key), f"'{key}' must be non-empty text"))
    for key in ("audiences", "sources", "scale"):
        if key in meta and _text_list(meta[key]) is None:
            problems.append((line_of(key), f"'{key}' must be a non-empty list of texts"))
    scale = _text_list(meta.get("scale")) or []
    if len(set(scale)) != len(scale) or (scale and len(scale) < 2):
        problems.append((line_of("scale"), "'scale' needs at least two different labels"))
    if "period" in meta and meta["period"] not in PERIODS:
        problems.append((line_of("period"), f"'period' must be one of {', '.join(PERIODS)}"))
    reviewed = meta.get("reviewed")
    if "reviewed" in meta and not isinstance(reviewed, date):
        problems.append((line_of("reviewed"), "'reviewed' must be a date YYYY-MM-DD"))
    if problems:
        return None
    return {"slug": slug, "title": meta["title"].strip(), "audiences": _text_list(meta["audiences"]),
            "period": meta["period"], "summary": meta["summary"].strip(), "reviewed": reviewed.isoformat(),
            "sources": _text_list(meta["sources"]), "scale": scale}


def _body(body: str, first_line: int, problems: list) -> list[Section]:
    sections: list[Section] = []
    seen: dict[str, int] = {}
    guidance: list[str] = []
    current: Item | None = None
    fenced = False

    def close():
        if current is not None:
            current.guidance = "\n".join(guidance).strip()
        guidance.clear()

    for offset, text in enumerate(body.split("\n")):
        line = first_line + offset
        if text.lstrip().startswith("```"):
            fenced = not fenced
        match = None if fenced else _HEADING.match(text)
        if match is None:
            guidance.append(text)
            continue
        close()
        level, title, attrs = len(match.group(1)), match.group(2), (match.group(3) or "").split()
        if level == 2:
            sections.append(Section(title, line))
            current = None
            continue
        ids = [a[1:] for a in attrs if a.startswith("#")]
        current = None
        if not sections:
            problems.append((line, "criterion before any '## ' section"))
        elif len(ids) != 1 or not _ID.match(ids[0]):
            problems.append((line, "a criterion heading needs one id like {#ky-luat} (a-z, 0-9, -)"))
        elif ids[0] in seen:
            problems.append((line, f"id '{ids[0]}' already used on line {seen[ids[0]]}"))
        elif any(a not in (f"#{ids[0]}", "prompt") for a in attrs):
            problems.append((line, f"unknown attribute in {{{' '.join(attrs)}}}: only #id and prompt"))
        else:
            seen[ids[0]] = line
            current = Item(ids[0], title, "", line, prompt="prompt" in attrs)
            sections[-1].items.append(current)
    close()
    for section in sections:
        if not section.items:
            problems.append((section.line, f"section '{section.title}' has no criteria"))
    if not any(not item.prompt for s in sections for item in s.items):
        problems.append((first_line, "the form has no rated criterion ('### Title {#id}')"))
    return sections


def parse_form(text: str, slug: str) -> tuple[ReviewForm | None, list[tuple[int, str]]]:
    """A form from the text of its form.md, or None with (line, message) problems."""
    try:
        document = parse_document(text)
    except FrontMatterError as exc:
        return None, [(exc.line, exc.message)]
    problems: list[tuple[int, str]] = []
    meta = _front_matter(document.meta, document.line_of, slug, problems)
    sections = _body(document.body, document.body_line, problems)
    if problems or meta is None:
        return None, sorted(problems)
    return ReviewForm(sections=sections, **meta), []


def load_forms(root: Path) -> tuple[dict[str, ReviewForm], list[Problem]]:
    """Every valid form under `root` by slug, and the problems of the others (a broken form is
    left out; it never stops the rest from loading)."""
    forms: dict[str, ReviewForm] = {}
    problems: list[Problem] = []
    if not root.is_dir():
        return forms, problems
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        path = folder / "form.md"
        rel = f"{folder.name}/form.md"
        if not _ID.match(folder.name):
            problems.append(Problem(rel, 1, "folder name must be a slug (a-z, 0-9, -)"))
            continue
        if not path.is_file():
            problems.append(Problem(rel, 1, "form.md not found"))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(rel, 1, f"cannot read the file: {exc}"))
            continue
        form, found = parse_form(text, folder.name)
        problems += [Problem(rel, line, message) for line, message in found]
        if form is not None:
            forms[form.slug] = form
    return forms, problems
