"""The result page gives the reward on a pass and the way back on a fail."""
import pytest

from app.certificates.models import Certificate
from app.quizzes.models import QuizAttempt
from tests.support.client import post
from tests.support.quizzes import right_form, start


@pytest.fixture(autouse=True)
def _english_pages(english):
    """These tests read the English interface."""


def submit(client, attempt_id, data):
    path = f"/courses/quizzed/quiz/attempts/{attempt_id}/submit"
    post(client, path, data)
    return client.get(post(client, path, {"confirm": "1"}).headers["Location"]).get_data(as_text=True)


def test_a_pass_that_completes_the_course_links_the_certificate_it_issued(learner_client, learner, db):
    post(learner_client, "/courses/quizzed/lessons/rules/done")
    post(learner_client, "/courses/quizzed/lessons/practice/done")
    attempt_id = start(learner_client)
    html = submit(learner_client, attempt_id, right_form(attempt_id, db))
    certificate = db.session.query(Certificate).filter_by(user_id=learner.id).one()
    assert "Congratulations, you passed!" in html
    assert f"/certificates/{certificate.code}.pdf" in html and f"/certificates/{certificate.code}.json" in html
    assert f"/verify/{certificate.code}" in html and 'data-copy="verify-link"' in html


def test_a_pass_before_the_lessons_are_done_says_what_is_left_for_the_certificate(learner_client, db):
    attempt_id = start(learner_client)
    html = submit(learner_client, attempt_id, right_form(attempt_id, db))
    assert "Congratulations, you passed!" in html and ".pdf\"" not in html
    assert "Finish the remaining lessons" in html and "/courses/quizzed/lessons/rules" in html


def test_a_fail_points_to_the_lessons_behind_the_questions_missed(learner_client, db):
    attempt_id = start(learner_client)
    html = submit(learner_client, attempt_id, {"shown": db.session.get(QuizAttempt, attempt_id).question_ids})
    assert "Not passed this time" in html and "Congratulations" not in html
    review = html.split("Review these lessons", 1)[1].split("</ul>", 1)[0]
    assert "The rules" in review  # its practice shares topic:gifts with missed questions
    assert "In practice" not in review


def test_a_right_answer_not_chosen_is_marked_apart_from_the_learners_choice(learner_client, db):
    attempt_id = start(learner_client)
    html = submit(learner_client, attempt_id, {"shown": db.session.get(QuizAttempt, attempt_id).question_ids})
    assert 'class="is-key"' in html and "is-key is-chosen" not in html  # nothing chosen
    assert "Right answer" in html and "Your choice" not in html


def test_course_and_quiz_pages_count_the_questions_an_attempt_draws(learner_client, app):
    from app.courses.catalog import catalog

    quiz = catalog().get("quizzed").final_quiz
    quiz.settings.pools["extra"] = 1
    for question in quiz.questions[2:]:
        question.pool = "extra"
    total = len(quiz.questions)
    expected = f"{3 if total > 3 else total} questions an attempt, drawn from {total}"
    assert expected in learner_client.get("/courses/quizzed").get_data(as_text=True)
    assert expected in learner_client.get("/courses/quizzed/quiz").get_data(as_text=True)


def test_practice_questions_do_not_claim_points(learner_client):
    html = learner_client.get("/courses/quizzed/lessons/rules").get_data(as_text=True)
    practice = html.split('id="practice"', 1)[1]
    assert "Reporting" in practice and "point" not in practice


def test_course_page_puts_the_next_step_first(learner_client, db):
    def action(html):
        return html.split('class="button primary"', 1)[1].split("</a>", 1)[0]

    assert "Start the course" in action(learner_client.get("/courses/quizzed").get_data(as_text=True))
    post(learner_client, "/courses/quizzed/lessons/rules/done")
    post(learner_client, "/courses/quizzed/lessons/practice/done")
    html = learner_client.get("/courses/quizzed").get_data(as_text=True)
    assert "Take the final quiz" in action(html)
    assert html.index("Take the final quiz") < html.index("About this course")  # before the introduction
    attempt_id = start(learner_client)
    submit(learner_client, attempt_id, right_form(attempt_id, db))
    assert "See my certificate" in action(learner_client.get("/courses/quizzed").get_data(as_text=True))


def test_practice_checked_from_the_lesson_page_answers_with_the_feedback_in_place(learner_client):
    response = post(learner_client, "/courses/quizzed/lessons/rules/practice",
                    {"shown": ["report-gifts", "who-decides"], "a-report-gifts": "true"},
                    headers={"X-Requested-With": "fetch"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert "You scored" in html and "Yes: every gift is reported." in html


def test_practice_without_script_still_opens_its_result_page(learner_client):
    response = post(learner_client, "/courses/quizzed/lessons/rules/practice", {"shown": ["report-gifts"]})
    assert response.status_code == 302 and "/practice/" in response.headers["Location"]
    assert "You scored" in learner_client.get(response.headers["Location"]).get_data(as_text=True)
