"""Grading: drawing an attempt's questions and scoring a sheet, through the question-type
registry (question_types.py).

Pure domain code (no Flask, no database): the services feed it the parsed quiz, the
questions drawn when the attempt started and the saved answers.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from app.quizzes.question_types import QUESTION_TYPES
from app.quizzes.questions import Question, Quiz

#: Seconds after the deadline during which a submission still counts as on time
#: (the network and a slow phone must not cost a learner their attempt).
GRACE_SECONDS = 30


def grade_question(question: Question, answer) -> float:
    """Fraction earned on one question; an unknown kind or a malformed answer earns 0."""
    kind = QUESTION_TYPES.get(question.kind)
    try:
        return kind.grade(question, answer) if kind else 0.0
    except (TypeError, ValueError, AttributeError):
        return 0.0


@dataclass
class Drawn:
    """A question as fixed for one attempt: its id and the order its options are shown in."""

    question_id: str
    options: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"q": self.question_id, "o": self.options}

    @classmethod
    def from_json(cls, data: dict) -> Drawn:
        return cls(str(data.get("q", "")), [str(k) for k in data.get("o", [])])


def drawn_count(quiz: Quiz) -> int:
    """How many questions one attempt holds: every question outside a pool, plus each pool's draw."""
    sizes: dict[str | None, int] = {}
    for question in quiz.questions:
        sizes[question.pool] = sizes.get(question.pool, 0) + 1
    return sum(size if pool is None else min(quiz.settings.pools.get(pool, size), size)
               for pool, size in sizes.items())


def draw(quiz: Quiz, seed: int) -> list[Drawn]:
    """The questions of one attempt: pools drawn, order and options shuffled as the settings say.

    Deterministic for a seed, so tests can pin it; the attempt stores the result.
    """
    rng = random.Random(seed)
    settings = quiz.settings
    chosen: set[str] = set()
    by_pool: dict[str, list[Question]] = {}
    for question in quiz.questions:
        if question.pool is None:
            chosen.add(question.id)
        else:
            by_pool.setdefault(question.pool, []).append(question)
    for pool, questions in by_pool.items():
        count = min(settings.pools.get(pool, len(questions)), len(questions))
        chosen.update(q.id for q in rng.sample(questions, count))
    questions = [q for q in quiz.questions if q.id in chosen]
    if settings.shuffle_questions:
        rng.shuffle(questions)
    drawn = []
    for question in questions:
        keys = [o.key for o in question.options]
        if settings.shuffle_options:
            rng.shuffle(keys)
        drawn.append(Drawn(question.id, keys))
    return drawn


@dataclass
class Result:
    """A graded sheet: per question the fraction earned, and the totals."""

    fractions: dict[str, float]
    points: float
    possible: float

    @property
    def percent(self) -> float:
        return round(100 * self.points / self.possible, 2) if self.possible else 0.0

    def passed(self, pass_mark: int) -> bool:
        return self.possible > 0 and self.percent >= pass_mark


def grade_sheet(quiz: Quiz, question_ids: list[str], answers: dict) -> Result:
    """Grade the answers to the drawn questions. Questions removed from the quiz since the
    attempt started count neither for nor against the learner."""
    by_id = quiz.by_id
    fractions: dict[str, float] = {}
    points = possible = 0.0
    for qid in question_ids:
        question = by_id.get(qid)
        if question is None:
            continue
        fraction = grade_question(question, answers.get(qid))
        fractions[qid] = fraction
        points += fraction * question.points
        possible += question.points
    return Result(fractions, round(points, 4), round(possible, 4))


def correct_sheet(quiz: Quiz, question_ids: list[str]) -> dict:
    """Answers that earn full points on every drawn question (for tests and previews)."""
    by_id = quiz.by_id
    return {qid: QUESTION_TYPES[by_id[qid].kind].correct_answer(by_id[qid]) for qid in question_ids if qid in by_id}


def clean_answer(question: Question, raw: list[str]):
    """The stored form of what a learner posted for one question."""
    kind = QUESTION_TYPES.get(question.kind)
    return kind.clean(question, [str(v) for v in raw]) if kind else None


_SAFE = re.compile(r"\A[A-Za-z0-9_-]{1,64}\Z")


def form_field(question_id: str) -> str:
    """The form field name of a question's answer."""
    return "a-" + question_id if _SAFE.match(question_id) else "a-invalid"
