"""What imported questions become before they are written out in our Markdown syntax.

Pure: the GIFT and Aiken readers produce `Draft`s; `to_markdown` writes them as quiz.md
sections that the quiz parser reads back.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.quizzes.question_types import QUESTION_TYPES, feedback_lines, one_line
from app.quizzes.questions import slugify

DEFAULT_FRONT_MATTER = "---\ntitle: Final quiz\nattempts: 0\nshow_answers: after_submit\n---\n"


@dataclass
class DraftOption:
    text: str
    correct: bool
    feedback: str = ""


@dataclass
class Draft:
    """One imported question, with the line of the source file it came from."""

    line: int
    kind: str
    title: str
    text: str
    id: str = ""
    attrs: str = ""
    tags: list[str] = field(default_factory=list)
    options: list[DraftOption] = field(default_factory=list)
    truth: bool | None = None
    truth_feedback: str = ""
    accepts: list[DraftOption] = field(default_factory=list)
    feedback: str = ""


def unique_ids(drafts: list[Draft], taken: set[str]) -> None:
    """Give every draft an id not yet used in the quiz it joins: title slug, then -2, -3…"""
    for draft in drafts:
        base = draft.id or slugify(draft.title or draft.text[:60])
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        draft.id = candidate
        taken.add(candidate)


def to_markdown(drafts: list[Draft]) -> str:
    """Quiz sections in our syntax, one per draft (ids must be set)."""
    out: list[str] = []
    for draft in drafts:
        attrs = [f"#{draft.id}"] + ([draft.attrs] if draft.attrs else [])
        if draft.tags and "tags=" not in draft.attrs:
            attrs.append('tags="' + " ".join(draft.tags) + '"')
        title = one_line(draft.title or draft.text)[:80].replace("{", "(").replace("}", ")") or draft.id
        out += [f"## {title} {{{' '.join(attrs)}}}", "", draft.text.strip(), ""]
        out += QUESTION_TYPES[draft.kind].markdown(draft)
        if draft.feedback:
            out += [""] + feedback_lines(draft.feedback)
        out.append("")
    return "\n".join(out)
