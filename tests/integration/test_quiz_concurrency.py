"""Two requests submitting one attempt at once, against the real database file (or PostgreSQL)."""
import threading

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.courses.catalog import catalog
from app.courses.models import Enrollment
from app.extensions import db as _db
from app.quizzes.grading import correct_sheet
from app.quizzes.models import QuizAttempt
from app.quizzes.services import save_answers, start_attempt, submit_attempt


class Form(dict):
    def getlist(self, key):
        value = self.get(key, [])
        return value if isinstance(value, list) else [value]


def test_two_concurrent_submissions_grade_the_attempt_once(app, learner, db):
    course = catalog().get("quizzed")
    quiz = course.final_quiz
    attempt = start_attempt(learner.id, course, "final", quiz, seed=1)
    answers = correct_sheet(quiz, attempt.question_ids)
    save_answers(attempt, quiz, Form({"shown": list(answers), **{"a-" + k: v for k, v in answers.items()}}))
    db.session.commit()
    attempt_id = attempt.id
    outcomes = []
    barrier = threading.Barrier(4)

    def submit():
        with app.app_context():
            try:
                mine = _db.session.get(QuizAttempt, attempt_id)
                barrier.wait()
                outcomes.append(submit_attempt(mine, course, quiz))
                _db.session.commit()
            except OperationalError:  # SQLite may refuse the loser outright: still not graded twice
                _db.session.rollback()
                outcomes.append(False)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == [False, False, False, True]
    db.session.expire_all()
    row = db.session.get(QuizAttempt, attempt_id)
    assert (row.status, row.score) == ("submitted", 100.0)
    assert db.session.scalar(select(func.count(QuizAttempt.id))) == 1
    assert db.session.scalar(select(Enrollment.best_score)) == 100.0


def test_two_tabs_starting_at_once_share_one_attempt(app, learner, db):
    course = catalog().get("quizzed")
    quiz = course.final_quiz
    barrier = threading.Barrier(3)
    ids, errors = [], []

    def begin():
        with app.app_context():
            try:
                barrier.wait()
                for _try in range(3):
                    try:
                        ids.append(start_attempt(learner.id, course, "final", quiz).id)
                        _db.session.commit()
                        return
                    except Exception as exc:  # the unique number or a lock: retry as the view does
                        _db.session.rollback()
                        errors.append(type(exc).__name__)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=begin) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.session.expire_all()
    assert db.session.scalar(select(func.count(QuizAttempt.id))) == 1
    assert len(set(ids)) == 1
