"""A quiz as the author previews it, answer keys included. Pure: no Flask.

The quiz objects come from the quizzes area's parser; this reads them by duck typing so the
editor does not depend on their classes. The quizzes area may plug in a better preview as
app.extensions["quiz_preview"] (a callable quiz → HTML), which the editor then prefers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _first(obj: Any, *names: str):
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value not in (None, "", []):
            return value
    return None


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str = ""


@dataclass
class QuestionView:
    """One question with everything the learner does not see."""

    text: str
    kind: str = ""
    options: list[Option] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    feedback: str = ""


def outline(quiz: Any) -> list[QuestionView]:
    """The questions of a parsed quiz, with options marked right or wrong."""
    if quiz is None:
        return []
    questions = quiz if isinstance(quiz, list) else (_first(quiz, "questions", "items") or [])
    views = []
    for question in questions:
        options = [Option(str(_first(o, "text", "label") or o), bool(_first(o, "correct", "is_correct")),
                          str(_first(o, "feedback") or ""))
                   for o in (_first(question, "options", "choices") or [])]
        accepted = _first(question, "accepted", "answers", "correct_answers") or []
        views.append(QuestionView(
            text=str(_first(question, "text", "prompt", "stem", "question", "title") or ""),
            kind=str(_first(question, "kind", "type") or ""),
            options=options,
            accepted=[str(a) for a in accepted] if isinstance(accepted, (list, tuple)) else [str(accepted)],
            feedback=str(_first(question, "feedback", "explanation") or ""),
        ))
    return views
