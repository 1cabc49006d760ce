"""State changes for quiz attempts. They flush; the request (or CLI command) commits.

Tamper-proofing lives here: the drawn questions are fixed at start, answers are only
accepted while the attempt is in progress and on time, and submitting is an atomic
compare-and-set on the status so that a double submit or a second tab grades once.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from app.clock import utcnow
from app.courses import loader
from app.courses.services import course_id_of, record_final_quiz_result
from app.extensions import db
from app.quizzes.grading import GRACE_SECONDS, clean_answer, draw, grade_sheet
from app.quizzes.models import FINAL, AttemptStatus, QuizAttempt
from app.quizzes.questions import Quiz

IN_PROGRESS = AttemptStatus.IN_PROGRESS.value


class AttemptLimitReached(Exception):
    """The learner has used every attempt the quiz allows."""


def pass_mark(course: loader.Course, quiz: Quiz) -> int:
    """The quiz's own pass mark, else the course's."""
    return quiz.settings.pass_mark if quiz.settings.pass_mark is not None else course.pass_mark


def grace_end(attempt: QuizAttempt) -> datetime | None:
    """The last moment answers and a submission still count as on time."""
    return attempt.deadline + timedelta(seconds=GRACE_SECONDS) if attempt.deadline else None


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def start_attempt(user_id: int, course: loader.Course, key: str, quiz: Quiz,
                  seed: int | None = None, now: datetime | None = None) -> QuizAttempt:
    """Resume the attempt in progress, or start the next one if the limit allows.

    Two tabs starting at once both try number N+1; the unique constraint lets one win and
    the caller retries, which then resumes the winner's attempt.
    """
    now = now or utcnow()
    course_id = course_id_of(course)
    current = db.session.scalar(select(QuizAttempt).filter_by(
        user_id=user_id, course_id=course_id, quiz_key=key, status=IN_PROGRESS))
    if current is not None:
        if not expire_if_due(current, course, quiz, now):
            return current
    used = db.session.scalar(select(func.max(QuizAttempt.number)).filter_by(
        user_id=user_id, course_id=course_id, quiz_key=key)) or 0
    if quiz.settings.attempts and used >= quiz.settings.attempts:
        raise AttemptLimitReached()
    limit = quiz.settings.time_limit
    attempt = QuizAttempt(
        user_id=user_id, course_id=course_id, quiz_key=key, content_hash=quiz.content_hash,
        number=used + 1, status=IN_PROGRESS,
        drawn=[d.to_json() for d in draw(quiz, seed if seed is not None else secrets.randbits(32))],
        answers={}, started_at=now, deadline=now + timedelta(minutes=limit) if limit else None,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def save_answers(attempt: QuizAttempt, quiz: Quiz, form, now: datetime | None = None) -> bool:
    """Store the answers posted for the questions listed in the form's `shown` fields.

    Refused (False) once the attempt is graded or its time plus the grace has run out.
    """
    now = now or utcnow()
    if attempt.status != IN_PROGRESS or (attempt.deadline and now > grace_end(attempt)):
        return False
    drawn = set(attempt.question_ids)
    answers = dict(attempt.answers or {})
    by_id = quiz.by_id
    for qid in form.getlist("shown"):
        if qid in drawn and qid in by_id:
            answers[qid] = {"v": clean_answer(by_id[qid], form.getlist("a-" + qid)), "t": _stamp(now)}
    if answers == (attempt.answers or {}):
        return True  # nothing posted: no write (a submission that only confirms)
    # A fresh dict, so that the JSON column is written; the status condition keeps a
    # save that races a submission from changing a graded attempt.
    result = db.session.execute(
        update(QuizAttempt).where(QuizAttempt.id == attempt.id, QuizAttempt.status == IN_PROGRESS)
        .values(answers=answers).execution_options(synchronize_session=False))
    db.session.refresh(attempt)
    return result.rowcount == 1


def expire_if_due(attempt: QuizAttempt, course: loader.Course, quiz: Quiz, now: datetime | None = None) -> bool:
    """Grade an attempt whose time plus grace ran out without a submission. True if it did."""
    now = now or utcnow()
    if attempt.status == IN_PROGRESS and attempt.deadline and now > grace_end(attempt):
        submit_attempt(attempt, course, quiz, now)
        return True
    return False


def submit_attempt(attempt: QuizAttempt, course: loader.Course, quiz: Quiz,
                   now: datetime | None = None) -> bool:
    """Grade the attempt once. False when another request already submitted it.

    After the deadline plus GRACE_SECONDS the attempt is graded as EXPIRED, as of the
    deadline, with only the answers saved before the deadline.
    """
    now = now or utcnow()
    late = attempt.deadline is not None and now > grace_end(attempt)
    status = AttemptStatus.EXPIRED.value if late else AttemptStatus.SUBMITTED.value
    claimed = db.session.execute(
        update(QuizAttempt)
        .where(QuizAttempt.id == attempt.id, QuizAttempt.status == IN_PROGRESS)
        .values(status=status, submitted_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    db.session.refresh(attempt)
    if not claimed:
        return False
    saved = attempt.answers or {}
    if late:
        cutoff = _stamp(attempt.deadline)
        saved = {qid: a for qid, a in saved.items() if str(a.get("t", "")) <= cutoff}
    result = grade_sheet(quiz, attempt.question_ids, {qid: a.get("v") for qid, a in saved.items()})
    attempt.results = result.fractions
    attempt.points, attempt.possible, attempt.score = result.points, result.possible, result.percent
    attempt.passed = result.passed(pass_mark(course, quiz))
    db.session.flush()
    if attempt.quiz_key == FINAL:
        record_final_quiz_result(attempt.user_id, course, attempt.score, attempt.passed)
    return True


def submit_practice(user_id: int, course: loader.Course, lesson: loader.Lesson, form,
                    now: datetime | None = None) -> QuizAttempt:
    """Record and grade a lesson's practice quiz in one go (practice has no limit and no timer).

    Stored under the lesson's id, which the loader never lets be FINAL: a practice attempt
    can never count as, or be shown as, an attempt at the graded final quiz.
    """
    if lesson.id == FINAL or lesson.practice_quiz is None:
        raise ValueError(f"lesson {lesson.id!r} has no practice quiz that may be stored")
    now = now or utcnow()
    quiz = lesson.practice_quiz
    course_id = course_id_of(course)
    used = db.session.scalar(select(func.max(QuizAttempt.number)).filter_by(
        user_id=user_id, course_id=course_id, quiz_key=lesson.id)) or 0
    attempt = QuizAttempt(
        user_id=user_id, course_id=course_id, quiz_key=lesson.id, content_hash=quiz.content_hash,
        number=used + 1, status=IN_PROGRESS,
        drawn=[{"q": q.id, "o": [o.key for o in q.options]} for q in quiz.questions],
        answers={}, started_at=now,
    )
    db.session.add(attempt)
    db.session.flush()
    save_answers(attempt, quiz, form, now)
    submit_attempt(attempt, course, quiz, now)
    return attempt
