"""Who reaches which quiz, and how: the final quiz only through its own routes, practice only
through a lesson, statistics only for the course's maintainers, and an assigned course in full."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.assignments.services import create_assignment
from app.clock import today
from app.courses.catalog import catalog
from app.courses.loader import Lesson
from app.courses.models import Enrollment
from app.courses.services import course_row
from app.quizzes.grading import correct_sheet
from app.quizzes.models import FINAL, QuizAttempt
from app.quizzes.services import submit_practice
from tests.support.client import login, post
from tests.support.quizzes import right_form, start

#: Text that gives away the final quiz's key: its feedback, accepted answers and source syntax.
KEY_TEXT = ("Cash from a party to a case is always refused.", "Luat PCTN", "accept:", "(x)", "The short form is fine.")


def test_the_practice_route_cannot_show_an_in_progress_final_attempt_with_its_key(learner_client, db):
    attempt_id = start(learner_client)
    response = learner_client.get(f"/courses/quizzed/lessons/final/practice/{attempt_id}")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert not [text for text in KEY_TEXT if text in html]


def test_the_practice_route_cannot_grade_untimed_final_attempts_that_complete_the_course(learner_client, learner, db):
    post(learner_client, "/courses/quizzed/lessons/rules/done")
    post(learner_client, "/courses/quizzed/lessons/practice/done")
    quiz = catalog().get("quizzed").final_quiz
    ids = [q.id for q in quiz.questions]
    form = {"shown": ids, **{"a-" + qid: answer for qid, answer in correct_sheet(quiz, ids).items()}}
    for _ in range(3):  # more than the quiz's two attempts
        assert post(learner_client, "/courses/quizzed/lessons/final/practice", form).status_code == 404
    assert db.session.scalar(select(QuizAttempt).filter_by(user_id=learner.id, quiz_key=FINAL)) is None
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=learner.id))
    assert enrollment.passed_at is None and enrollment.completed_at is None


@pytest.mark.parametrize("lesson_id", ["quiz", "FINAL", "final%2F", "..", "rules%2F..%2Ffinal"])
def test_no_spelling_of_a_lesson_id_reaches_the_final_quiz(learner_client, db, lesson_id):
    attempt_id = start(learner_client)
    # An encoded slash arrives decoded: Werkzeug merges the double slash (308), then 404.
    url = f"/courses/quizzed/lessons/{lesson_id}/practice"
    assert learner_client.get(f"{url}/{attempt_id}", follow_redirects=True).status_code == 404
    assert post(learner_client, url, {"shown": []}, follow_redirects=True).status_code == 404


def test_the_final_quiz_routes_do_not_show_a_practice_attempt(learner_client, db):
    response = post(learner_client, "/courses/quizzed/lessons/rules/practice", {"shown": []})
    practice_id = int(response.headers["Location"].rsplit("/", 1)[1])
    for path in ("", "/result"):
        assert learner_client.get(f"/courses/quizzed/quiz/attempts/{practice_id}{path}").status_code == 404
    assert post(learner_client, f"/courses/quizzed/quiz/attempts/{practice_id}/submit", {"confirm": "1"}).status_code == 404


def test_a_practice_attempt_is_never_stored_as_the_final_quiz(app, learner, db):
    course = catalog().get("quizzed")
    named_final = Lesson(id=FINAL, title="x", number=9, html="", path="x.md",
                         practice_quiz=course.lesson("rules").practice_quiz)
    with pytest.raises(ValueError):
        submit_practice(learner.id, course, named_final, {})
    assert db.session.scalar(select(QuizAttempt).filter_by(quiz_key=FINAL)) is None


def test_quiz_statistics_with_the_answer_key_are_refused_to_a_trainer_who_does_not_maintain_the_course(
        client, make_user, db):
    outsider = make_user("other-trainer@example.org", role="trainer")
    login(client, outsider.email)
    response = client.get("/courses/quizzed/quiz/stats")
    assert response.status_code == 403
    assert "Luat PCTN" not in response.get_data(as_text=True)


@pytest.mark.parametrize("email, role", [("trainer@example.org", "trainer"), ("admin@example.org", "admin")])
def test_quiz_statistics_open_to_the_courses_maintainers_and_admins(client, make_user, email, role):
    login(client, make_user(email, role=role).email)
    assert client.get("/courses/quizzed/quiz/stats").status_code == 200


def test_a_maintainer_is_matched_whatever_the_case_of_their_email(client, make_user):
    login(client, make_user("Trainer@Example.org", role="trainer").email)
    assert client.get("/courses/quizzed/quiz/stats").status_code == 200


@pytest.fixture
def outsider(make_user, make_unit, root_unit, db):
    """A student in a ward; quizzed is for civil servants, and is assigned to the ward."""
    ward = make_unit("W9", root_unit)
    student = make_user("student@example.org", unit=ward, audience="higher_ed_student")
    create_assignment(None, course_row(catalog().get("quizzed")).id, ward.id, None, today(), today() + timedelta(days=30))
    db.session.commit()
    return student


def test_a_learner_assigned_a_course_outside_their_audience_can_complete_it(client, outsider, db):
    login(client, outsider.email)
    assert "Gifts and conflicts of interest" in client.get("/courses/").get_data(as_text=True)
    assert client.get("/courses/quizzed/lessons/rules").status_code == 200
    assert post(client, "/courses/quizzed/lessons/rules/done").status_code == 302
    assert post(client, "/courses/quizzed/lessons/practice/done").status_code == 302
    assert post(client, "/courses/quizzed/lessons/rules/practice", {"shown": []}).status_code == 302
    assert client.get("/courses/quizzed/quiz").status_code == 200
    attempt_id = start(client)
    response = post(client, f"/courses/quizzed/quiz/attempts/{attempt_id}/submit",
                    dict(right_form(attempt_id, db), confirm="1"))
    assert response.status_code == 302
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=outsider.id))
    assert enrollment.completed_at is not None


def test_the_same_learner_without_the_assignment_is_refused_everywhere(client, make_user, db):
    student = make_user("student@example.org", audience="higher_ed_student")
    login(client, student.email)
    assert "Gifts and conflicts of interest" not in client.get("/courses/").get_data(as_text=True)
    for path in ("/courses/quizzed", "/courses/quizzed/lessons/rules", "/courses/quizzed/quiz"):
        assert client.get(path).status_code == 403, path
    for path in ("/courses/quizzed/quiz/start", "/courses/quizzed/lessons/rules/practice"):
        assert post(client, path, {"shown": []}).status_code == 403, path


def test_the_statistics_link_shows_only_to_those_who_may_open_it(client, make_user):
    login(client, make_user("other-trainer@example.org", role="trainer").email)
    assert "/quiz/stats" not in client.get("/courses/quizzed/quiz").get_data(as_text=True)
    maintainer = client.application.test_client()
    login(maintainer, make_user("trainer@example.org", role="trainer").email)
    assert "/quiz/stats" in maintainer.get("/courses/quizzed/quiz").get_data(as_text=True)
