"""Taking quizzes over HTTP: no answer key in the page, limits, time, practice, statistics."""
import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, select

from app.courses.catalog import catalog
from app.courses.models import Enrollment
from app.quizzes.grading import GRACE_SECONDS
from app.quizzes.models import QuizAttempt
from tests.support.client import csrf_token, login, post
from tests.support.quizzes import right_form, start


@pytest.fixture(autouse=True)
def _english_pages(english):
    """These tests read the English interface."""


def test_the_quiz_page_holds_no_marker_of_the_right_options(learner_client, db):
    attempt_id = start(learner_client)
    html = learner_client.get(f"/courses/quizzed/quiz/attempts/{attempt_id}").get_data(as_text=True)
    quiz = catalog().get("quizzed").final_quiz
    assert "Cash from a person whose file you handle" in html
    for word in ("correct", "is-key", "Luật Phòng", "PCTN", "always refused", "Decree 59", "đúng"):
        assert word.lower() not in html.lower(), word
    for question in quiz.questions:
        inputs = re.findall(rf'<input [^>]*name="a-{question.id}"[^>]*>', html)
        shapes = {re.sub(r'value="[^"]*"', "", tag) for tag in inputs}
        assert len(shapes) == 1, (question.id, inputs)  # every option has the same markup
        for option in question.options:
            assert f'value="{option.key}"' in html


def test_answers_are_saved_as_the_learner_goes_and_survive_a_reload(learner_client, db):
    attempt_id = start(learner_client)
    quiz = catalog().get("quizzed").final_quiz
    key = quiz.question("value-limit").options[1].key
    response = post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/save",
                    {"shown": "value-limit", "a-value-limit": key}, headers={"X-Requested-With": "fetch"})
    assert response.get_json() == {"saved": True}
    html = learner_client.get(f"/courses/quizzed/quiz/attempts/{attempt_id}").get_data(as_text=True)
    assert f'value="{key}" checked' in html
    # starting again resumes the same attempt
    assert start(learner_client) == attempt_id


def test_submitting_asks_to_confirm_then_grades_and_completes_the_course(learner_client, learner, db):
    post(learner_client, "/courses/quizzed/lessons/rules/done")
    post(learner_client, "/courses/quizzed/lessons/practice/done")
    attempt_id = start(learner_client)
    path = f"/courses/quizzed/quiz/attempts/{attempt_id}/submit"
    page = post(learner_client, path, right_form(attempt_id, db))
    assert page.status_code == 200 and "Submit now" in page.get_data(as_text=True)
    assert db.session.get(QuizAttempt, attempt_id).status == "in_progress"
    response = post(learner_client, path, {"confirm": "1"})
    assert response.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
    attempt = db.session.get(QuizAttempt, attempt_id)
    db.session.refresh(attempt)
    assert (attempt.status, attempt.score, attempt.passed) == ("submitted", 100.0, True)
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=learner.id))
    assert enrollment.completed_at is not None and enrollment.best_score == 100.0
    html = learner_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "100%" in html and "Cash from a party to a case is always refused." in html
    # a replayed submission changes nothing
    post(learner_client, path, {"confirm": "1"})
    assert db.session.scalar(select(QuizAttempt.score).filter_by(id=attempt_id)) == 100.0


def test_a_confirmed_submission_saves_and_grades_in_one_transaction(learner_client, learner, db):
    """The answers posted with the confirmation count, and they and the grade are committed
    together (a crash in between would lose neither alone); a bare confirmation writes no
    answers (one write transaction instead of two on the busiest quiz request)."""
    from tests.support.database import statements

    attempt_id = start(learner_client)
    form = {**right_form(attempt_id, db), "confirm": "1", "csrf_token": csrf_token(learner_client, "/")}
    commits = []

    def note(conn):
        commits.append(conn)

    event.listen(db.engine, "commit", note)
    try:
        learner_client.post(f"/courses/quizzed/quiz/attempts/{attempt_id}/submit", data=form)
    finally:
        event.remove(db.engine, "commit", note)
    assert db.session.scalar(select(QuizAttempt.score).filter_by(id=attempt_id)) == 100.0
    assert len(commits) == 1
    second = start(learner_client)
    with statements(db) as seen:
        post(learner_client, f"/courses/quizzed/quiz/attempts/{second}/submit", {"confirm": "1"})
    assert not [s for s in seen if s.startswith("UPDATE QUIZ_ATTEMPTS SET ANSWERS")], seen


def test_a_failed_quiz_does_not_complete_the_course(learner_client, learner, db):
    post(learner_client, "/courses/quizzed/lessons/rules/done")
    post(learner_client, "/courses/quizzed/lessons/practice/done")
    attempt_id = start(learner_client)
    post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/submit", {"confirm": "1"})
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=learner.id))
    assert enrollment.completed_at is None and enrollment.best_score == 0.0


def test_an_attempt_beyond_the_limit_is_refused(learner_client, learner, db):
    for _ in range(2):  # the fixture quiz allows 2
        attempt_id = start(learner_client)
        post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/submit", {"confirm": "1"})
    response = post(learner_client, "/courses/quizzed/quiz/start")
    assert response.headers["Location"].endswith("/courses/quizzed/quiz")
    assert db.session.scalar(select(QuizAttempt.id).filter_by(number=3)) is None
    assert "used every attempt" in learner_client.get("/courses/quizzed/quiz").get_data(as_text=True)


def test_a_submission_after_the_time_limit_and_grace_is_graded_as_of_the_deadline(learner_client, db):
    attempt_id = start(learner_client)
    form = right_form(attempt_id, db)
    attempt = db.session.get(QuizAttempt, attempt_id)
    # the learner saved one right answer in time, then the clock ran out
    early = {"shown": "report", "a-report": "true"}
    post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/save", early)
    db.session.refresh(attempt)
    shift = timedelta(minutes=10, seconds=GRACE_SECONDS + 1)
    saved_at = datetime.fromisoformat(attempt.answers["report"]["t"]) - shift - timedelta(seconds=5)
    attempt.answers = {"report": {"v": "true", "t": saved_at.isoformat(timespec="microseconds")}}
    attempt.started_at -= shift
    attempt.deadline -= shift
    db.session.commit()
    refused = post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/save", form,
                   headers={"X-Requested-With": "fetch"})
    assert refused.status_code == 409
    post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/submit", dict(form, confirm="1"))
    db.session.refresh(attempt)
    assert attempt.status == "expired"
    assert attempt.score == 20.0  # only the answer saved before the deadline: 1 of 5 points
    html = learner_client.get(f"/courses/quizzed/quiz/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "graded as of the deadline" in html


def test_a_submission_within_the_grace_counts_as_on_time(learner_client, db):
    attempt_id = start(learner_client)
    attempt = db.session.get(QuizAttempt, attempt_id)
    attempt.deadline -= timedelta(minutes=10, seconds=GRACE_SECONDS - 10)
    db.session.commit()
    post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/submit", dict(right_form(attempt_id, db), confirm="1"))
    db.session.refresh(attempt)
    assert (attempt.status, attempt.score) == ("submitted", 100.0)


def test_another_learners_attempt_cannot_be_opened_or_submitted(learner_client, client, make_user, db):
    attempt_id = start(learner_client)
    other = make_user("other@example.org")
    second = learner_client.application.test_client()
    login(second, other.email)
    assert second.get(f"/courses/quizzed/quiz/attempts/{attempt_id}").status_code == 403
    assert post(second, f"/courses/quizzed/quiz/attempts/{attempt_id}/submit", {"confirm": "1"}).status_code == 403


def test_a_learner_of_another_audience_cannot_open_the_quiz(client, make_user):
    student = make_user("s@example.org", audience="secondary_student")
    login(client, student.email)
    assert client.get("/courses/quizzed/quiz").status_code == 403
    assert post(client, "/courses/quizzed/quiz/start").status_code == 403


def test_practice_questions_show_on_the_lesson_and_give_feedback(learner_client, learner, db):
    html = learner_client.get("/courses/quizzed/lessons/rules").get_data(as_text=True)
    assert "Practice questions" in html and "Who decides what happens to a gift?" in html
    assert "The head decides." not in html
    quiz = catalog().get("quizzed").lesson("rules").practice_quiz
    head = quiz.question("who-decides").options[1].key
    response = post(learner_client, "/courses/quizzed/lessons/rules/practice",
                    {"shown": ["report-gifts", "who-decides"], "a-report-gifts": "false", "a-who-decides": head})
    result = learner_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "50%" in result and "The head decides." in result
    attempt = db.session.scalar(select(QuizAttempt).filter_by(user_id=learner.id, quiz_key="rules"))
    assert attempt.status == "submitted" and attempt.score == 50.0
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=learner.id))
    assert enrollment.best_score is None  # practice is not graded for completion


def test_practice_questions_are_rendered_once_per_language_not_once_for_all(learner_client):
    learner_client.get("/lang/vi")
    assert "Câu 1" in learner_client.get("/courses/quizzed/lessons/rules").get_data(as_text=True)
    learner_client.get("/lang/en")
    html = learner_client.get("/courses/quizzed/lessons/rules").get_data(as_text=True)
    assert "Question 1" in html and "Câu 1" not in html


def test_the_course_page_shows_the_final_quiz(learner_client):
    html = learner_client.get("/courses/quizzed").get_data(as_text=True)
    assert "Final quiz on gifts" in html and "/courses/quizzed/quiz" in html


def test_trainers_see_question_statistics_and_learners_do_not(learner_client, client, make_user, db):
    attempt_id = start(learner_client)
    post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/submit", dict(right_form(attempt_id, db), confirm="1"))
    assert learner_client.get("/courses/quizzed/quiz/stats").status_code == 403
    trainer = make_user("trainer@example.org", role="trainer")
    staff = learner_client.application.test_client()
    login(staff, trainer.email)
    html = staff.get("/courses/quizzed/quiz/stats").get_data(as_text=True)
    assert "Based on 1 graded attempt" in html and "topic:gifts" in html and "100.0" in html


def test_one_question_per_page_with_next_buttons_that_save(learner_client, courses_dir, db):
    path = courses_dir / "quizzed" / "quiz.md"
    path.write_text(path.read_text().replace("attempts: 2\n", "attempts: 2\none_per_page: true\n"))
    attempt_id = start(learner_client)
    html = learner_client.get(f"/courses/quizzed/quiz/attempts/{attempt_id}?q=2").get_data(as_text=True)
    assert "Which of these are conflicts of interest?" in html and "Which gift must be" not in html
    assert "Question 2 of 4" in html and 'data-deadline="' in html and "Time ends at" in html
    response = post(learner_client, f"/courses/quizzed/quiz/attempts/{attempt_id}/save",
                    {"page": "2", "go": "next", "shown": "red-flags"})
    assert response.headers["Location"].endswith(f"/attempts/{attempt_id}?q=3")
