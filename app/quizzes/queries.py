"""Read-only look-ups: a learner's attempts, and question statistics for trainers."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from app.courses.models import Course as CourseRow
from app.extensions import db
from app.quizzes.grading import drawn_count
from app.quizzes.models import AttemptStatus, QuizAttempt
from app.quizzes.question_types import QUESTION_TYPES
from app.quizzes.questions import Question, Quiz

#: Statistics read the most recent graded attempts of one quiz, no more: enough for
#: stable figures, and a bound on the work per page.
STATS_ATTEMPT_LIMIT = 20000
#: Share of attempts in the upper and lower groups of the discrimination index.
GROUP_SHARE = 0.27


def attempts_for(user_id: int, course_id: int, key: str) -> list[QuizAttempt]:
    """A learner's attempts at one quiz, latest first."""
    return list(db.session.scalars(select(QuizAttempt).filter_by(
        user_id=user_id, course_id=course_id, quiz_key=key).order_by(QuizAttempt.number.desc())))


def has_passed(user_id: int, course_id: int, key: str) -> bool:
    """Whether any graded attempt of the learner passed this quiz."""
    return db.session.scalar(select(func.count(QuizAttempt.id)).filter_by(
        user_id=user_id, course_id=course_id, quiz_key=key, passed=True)) > 0


@dataclass
class QuestionStat:
    """How one question fared: answered, % correct, discrimination, choices."""

    question: Question
    answered: int = 0
    #: Mean fraction earned, in percent (the difficulty index: low = hard).
    correct_percent: float | None = None
    #: Mean fraction in the top 27% of attempts minus the bottom 27% (−1…1; below 0.2 is weak).
    discrimination: float | None = None
    #: Option key (or normalised short answer) → how many chose it.
    choices: Counter = field(default_factory=Counter)


@dataclass
class TagStat:
    tag: str
    questions: int
    answered: int
    correct_percent: float | None


def _rows(course_id: int, key: str):
    return db.session.execute(
        select(QuizAttempt.score, QuizAttempt.results, QuizAttempt.answers)
        .where(QuizAttempt.course_id == course_id, QuizAttempt.quiz_key == key,
               QuizAttempt.status != AttemptStatus.IN_PROGRESS.value)
        .order_by(QuizAttempt.id.desc()).limit(STATS_ATTEMPT_LIMIT)
    ).all()


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def question_stats(quiz: Quiz, course_id: int, key: str) -> tuple[int, list[QuestionStat], list[TagStat]]:
    """Per-question and per-tag statistics over the graded attempts of one quiz.

    One query; the arithmetic runs over the (bounded) attempts of this one quiz because the
    per-question results live in each attempt's JSON.
    """
    rows = sorted(_rows(course_id, key), key=lambda r: r.score or 0.0)
    stats = {q.id: QuestionStat(q) for q in quiz.questions}
    fractions: dict[str, list[tuple[int, float]]] = {qid: [] for qid in stats}
    for rank, row in enumerate(rows):
        for qid, fraction in (row.results or {}).items():
            if qid in stats:
                fractions[qid].append((rank, float(fraction)))
                answer = (row.answers or {}).get(qid, {}).get("v")
                _count_choice(stats[qid], answer)
    for qid, stat in stats.items():
        values = fractions[qid]
        stat.answered = len(values)
        if not values:
            continue
        stat.correct_percent = round(100 * _mean([f for _, f in values]), 1)
        group = max(1, round(GROUP_SHARE * len(values)))
        if len(values) >= 2:
            lower, upper = values[:group], values[-group:]  # ranked by total score
            stat.discrimination = round(_mean([f for _, f in upper]) - _mean([f for _, f in lower]), 2)
    return len(rows), list(stats.values()), _by_tag(stats.values(), fractions)


def _count_choice(stat: QuestionStat, answer) -> None:
    if answer is not None:
        stat.choices.update(QUESTION_TYPES[stat.question.kind].tally(answer))


def _by_tag(stats, fractions) -> list[TagStat]:
    tags: dict[str, list[QuestionStat]] = {}
    for stat in stats:
        for tag in stat.question.tags:
            tags.setdefault(tag, []).append(stat)
    out = []
    for tag, members in sorted(tags.items()):
        values = [f for s in members for _, f in fractions[s.question.id]]
        mean = _mean(values)
        out.append(TagStat(tag, len(members), len(values), round(100 * mean, 1) if mean is not None else None))
    return sorted(out, key=lambda t: (t.correct_percent is None, t.correct_percent or 0))


def final_quiz_status(course, user_id: int) -> dict:
    """A learner's standing in a course's final quiz, in one query."""

    row = db.session.execute(
        select(func.count(QuizAttempt.id), func.max(QuizAttempt.score),
               func.max(case((QuizAttempt.passed.is_(True), 1), else_=0)),
               func.max(case((QuizAttempt.status == AttemptStatus.IN_PROGRESS.value, 1), else_=0)))
        .join(CourseRow, CourseRow.id == QuizAttempt.course_id)
        .where(CourseRow.slug == course.slug, QuizAttempt.user_id == user_id, QuizAttempt.quiz_key == "final")
    ).one()
    return {"questions": len(course.final_quiz.questions), "drawn": drawn_count(course.final_quiz),
            "attempts": row[0], "best": row[1],
            "passed": bool(row[2]), "in_progress": bool(row[3])}
