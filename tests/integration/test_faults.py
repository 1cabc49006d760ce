"""Faults: a locked SQLite database, and a gunicorn worker killed mid-request.

Filling a disk is not something a test can do safely on a shared machine; a database
locked by another writer takes the same path (OperationalError → 503 page, rollback).
"""
import http.client
import os
import re
from urllib.parse import urlsplit
import shutil
import signal
import sqlite3
import threading

import pytest
from sqlalchemy import func, select

from app import create_app
from app.courses.models import Enrollment, LessonProgress
from app.extensions import db as _db
from bench.client import Browser
from bench.server import PASSWORD, gunicorn, prepare_database, worker_pids
from app.auth.accounts import create_user
from app.units.services import create_unit
from tests.support import FIXTURES
from tests.support.client import PASSWORD as TEST_PASSWORD, login, post

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))
#: What a request to a worker killed mid-response raises: a reset socket, or a status line
#: or body cut short (http.client's own exceptions, which are not OSErrors).
DROPPED = (OSError, http.client.HTTPException)


@pytest.fixture
def impatient_app(tmp_path, courses_dir):
    """A file-SQLite app whose writers give up on a lock after 100 ms."""
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'busy.db'}",
                     COURSES_DIR=str(courses_dir), SQLITE_BUSY_TIMEOUT_MS=100)
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.engine.dispose()


def _learner(email: str):
    unit = create_unit("BUSY", "Busy unit", "ward")
    user = create_user(email, "Nguyễn Văn Bận", "learner", unit, "civil_servant", TEST_PASSWORD)
    _db.session.commit()
    return user


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite locking")
def test_locked_database_shows_a_busy_page_and_writes_nothing(impatient_app):
    learner = _learner("busy@example.org")
    client = impatient_app.test_client()
    assert login(client, learner.email).status_code == 302
    client.get("/lang/en")
    holder = sqlite3.connect(_db.engine.url.database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        response = post(client, "/courses/civics/lessons/conduct/done")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    assert "The database is busy or unavailable. Nothing was saved" in response.get_data(as_text=True)
    _db.session.remove()
    assert _db.session.scalar(select(func.count(LessonProgress.id)).filter_by(user_id=learner.id)) == 0
    assert _db.session.scalar(select(func.count(Enrollment.id)).filter_by(user_id=learner.id)) == 0

    assert post(client, "/courses/civics/lessons/conduct/done").status_code == 302  # lock gone: it works again
    assert _db.session.scalar(select(Enrollment.lessons_done).filter_by(user_id=learner.id)) == 1


def _log_in(browser: Browser, email: str) -> None:
    """Log in, pressing the button again if the worker answering was the one killed."""
    for _ in range(4):
        try:
            return browser.log_in(email, PASSWORD)
        except DROPPED:
            continue
    browser.log_in(email, PASSWORD)


def _hammer(port: int, email: str, lessons: list[str], rounds: int, outcomes: list) -> None:
    """One learner double-submitting "mark done" on every lesson; a dropped connection
    (its worker was killed) is retried, as a person would press the button again."""
    browser = Browser("127.0.0.1", port, timeout=20)
    _log_in(browser, email)
    browser.get("/courses/civics")
    for _ in range(rounds):
        for lesson in lessons:
            for attempt in range(5):
                try:
                    status, _ = browser.post(f"/courses/civics/lessons/{lesson}/done")
                except DROPPED:
                    outcomes.append("dropped")
                    continue
                outcomes.append(status)
                break
    browser.close()


def _recorded(journey, outcomes: list, *args) -> None:
    """Run a journey in a thread; an exception it did not expect becomes an outcome the test
    sees, instead of a thread that dies silently and leaves its learner half done."""
    try:
        journey(*args, outcomes)
    except Exception as error:  # noqa: BLE001 - reported through outcomes
        outcomes.append(f"journey failed: {error!r}")


def _kill_a_worker_mid_flight(tmp_path, name: str, journey, extra_args=()) -> tuple[str, str, list[str], list]:
    """Serve the fixture courses under gunicorn -w 2, run `journey(port, email, *extra_args, outcomes)`
    for 8 learners at once, SIGKILL one worker once requests are in flight, and wait for them."""
    courses = tmp_path / "courses"
    shutil.copytree(FIXTURES / "courses", courses)
    url = f"sqlite:///{tmp_path / name}"
    emails = prepare_database(url, str(courses), learners=0, users=8)
    outcomes: list = []
    with gunicorn(url, str(courses), workers=2, log_path=str(tmp_path / "gunicorn.log")) as (port, master):
        threads = [threading.Thread(target=_recorded, args=(journey, outcomes, port, e, *extra_args)) for e in emails]
        for t in threads:
            t.start()
        for _ in range(3000):  # kill once requests are in flight (bounded: 30 s)
            if len(outcomes) >= 8 or not any(t.is_alive() for t in threads):
                break
            threading.Event().wait(0.01)
        os.kill(worker_pids(master.pid)[0], signal.SIGKILL)
        for t in threads:
            t.join(120)
    return url, str(courses), emails, outcomes


@pytest.mark.slow
@pytest.mark.skipif(ON_POSTGRES, reason="runs its own gunicorn on a SQLite file")
def test_killing_a_worker_during_mark_done_posts_loses_and_duplicates_nothing(tmp_path):
    lessons = ["conduct", "gifts"]
    url, courses, emails, outcomes = _kill_a_worker_mid_flight(tmp_path, "kill.db", _hammer, (lessons, 6))
    assert all(o in (302, "dropped") for o in outcomes), outcomes
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, COURSES_DIR=courses)
    with app.app_context():
        from app.auth.models import User
        ids = list(_db.session.scalars(select(User.id).where(User.email.in_(emails))))
        per_lesson = _db.session.execute(
            select(LessonProgress.user_id, LessonProgress.lesson_id, func.count())
            .where(LessonProgress.user_id.in_(ids)).group_by(LessonProgress.user_id, LessonProgress.lesson_id)).all()
        assert len(per_lesson) == len(ids) * len(lessons) and all(n == 1 for *_, n in per_lesson)
        enrollments = _db.session.execute(select(Enrollment.user_id, Enrollment.lessons_done, Enrollment.completed_at)
                                          .where(Enrollment.user_id.in_(ids))).all()
        assert len(enrollments) == len(ids)
        assert all(done == 2 and completed is not None for _, done, completed in enrollments)
        _db.engine.dispose()


def _take_quiz(port: int, email: str, outcomes: list) -> None:
    """One learner starts the final quiz and double-clicks "submit"; a dropped
    connection (its worker was killed) is retried, as a person would."""
    browser = Browser("127.0.0.1", port, timeout=20)
    _log_in(browser, email)
    browser.get("/courses/quizzed/quiz")
    steps = [("/courses/quizzed/quiz/start", {}), ("submit", {"confirm": "1", "shown": "report", "a-report": "true"}),
             ("submit", {"confirm": "1"})]
    attempt_path = None
    for path, form in steps:
        for _ in range(5):
            try:
                if path == "submit":
                    status, _ = browser.post(f"{attempt_path}/submit", form)
                else:
                    status, _ = browser.post(path, form)
                    if status == 302 and browser.location:
                        attempt_path = urlsplit(browser.location).path
                        browser.get(attempt_path)
            except DROPPED:
                outcomes.append("dropped")
                continue
            outcomes.append(status)
            break
    browser.close()


@pytest.mark.slow
@pytest.mark.skipif(ON_POSTGRES, reason="runs its own gunicorn on a SQLite file")
def test_killing_a_worker_during_quiz_submissions_loses_and_grades_nothing_twice(tmp_path):
    from app.quizzes.models import QuizAttempt

    url, courses, emails, outcomes = _kill_a_worker_mid_flight(tmp_path, "kill-quiz.db", _take_quiz)
    assert [o for o in outcomes if o not in (302, "dropped")] == []
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, COURSES_DIR=courses)
    with app.app_context():
        from app.auth.models import User
        ids = list(_db.session.scalars(select(User.id).where(User.email.in_(emails))))
        attempts = _db.session.execute(
            select(QuizAttempt.user_id, QuizAttempt.status, QuizAttempt.score).where(QuizAttempt.user_id.in_(ids))).all()
        # One attempt per learner (a retried start resumes it), graded once, none left open.
        assert sorted(a.user_id for a in attempts) == sorted(ids)
        assert all(a.status == "submitted" and a.score is not None for a in attempts), attempts
        scores = dict(_db.session.execute(select(Enrollment.user_id, Enrollment.best_score)
                                          .where(Enrollment.user_id.in_(ids))).all())
        assert all(scores[a.user_id] == a.score for a in attempts)
        _db.engine.dispose()
