"""What a parsed quiz is: plain dataclasses, and the rules that give questions and options ids.

Pure domain code. The parser builds these, the question types (question_types.py) read and
grade them, the formats write them out.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Option:
    """A choice: `key` is an opaque, stable id (a hash of its text), safe to put in HTML."""

    key: str
    text: str
    html: str
    correct: bool
    feedback: str = ""
    feedback_html: str = ""


@dataclass
class Accept:
    """An accepted short-text answer."""

    text: str
    feedback: str = ""
    feedback_html: str = ""


@dataclass
class Question:
    """One question as written; `kind` names its type in the registry (question_types.QUESTION_TYPES)."""

    id: str
    title: str
    kind: str
    text: str
    html: str
    line: int
    points: float = 1.0
    pool: str | None = None
    tags: tuple[str, ...] = ()
    options: list[Option] = field(default_factory=list)
    #: True/false questions: the right answer.
    truth: bool | None = None
    truth_feedback: str = ""
    truth_feedback_html: str = ""
    accepts: list[Accept] = field(default_factory=list)
    #: Short text: compare exactly (whitespace aside) instead of ignoring case and diacritics.
    exact: bool = False
    feedback: str = ""
    feedback_html: str = ""

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)


@dataclass
class QuizSettings:
    """Front matter settings; a practice quiz always has the defaults."""

    title: str = ""
    #: None: the course's pass mark.
    pass_mark: int | None = None
    #: 0: unlimited.
    attempts: int = 0
    #: Minutes, None: no limit.
    time_limit: int | None = None
    shuffle_questions: bool = False
    shuffle_options: bool = False
    show_answers: str = "after_submit"
    one_per_page: bool = False
    pools: dict[str, int] = field(default_factory=dict)


@dataclass
class Quiz:
    """A parsed quiz: a course's final quiz or a lesson's practice questions."""

    path: str
    line: int
    practice: bool
    settings: QuizSettings
    intro_html: str
    questions: list[Question]
    #: sha256 of the quiz text and settings: which version an attempt was taken against.
    content_hash: str = ""

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


def strip_diacritics(text: str) -> str:
    """'Đúng hạn' → 'Dung han': for ids and lenient matching of Vietnamese answers."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """A question id from its title: lower-case ASCII letters, digits and '-'."""
    slug = re.sub(r"[^a-z0-9]+", "-", strip_diacritics(text).lower()).strip("-")
    return slug[:64].strip("-") or "question"


def option_key(text: str) -> str:
    """An opaque id for an option, stable while its text is unchanged."""
    return "o" + hashlib.sha256(text.strip().encode()).hexdigest()[:10]
