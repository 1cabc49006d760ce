"""Taking the fixture course's final quiz."""
import re

from app.courses.catalog import catalog
from app.quizzes.grading import correct_sheet
from app.quizzes.models import QuizAttempt
from tests.support.client import post


def start(client, slug="quizzed"):
    """Start (or resume) an attempt; its id."""
    response = post(client, f"/courses/{slug}/quiz/start")
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/attempts/(\d+)$", response.headers["Location"]).group(1))


def right_form(attempt_id, db):
    """Form data answering every drawn question right."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    quiz = catalog().get("quizzed").final_quiz
    data = {"shown": attempt.question_ids}
    for qid, answer in correct_sheet(quiz, attempt.question_ids).items():
        data["a-" + qid] = answer
    return data
