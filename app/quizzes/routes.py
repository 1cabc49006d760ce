"""Taking quizzes: start page, attempt, autosave, submit, result; practice; statistics."""
from __future__ import annotations

from flask import abort, flash, get_template_attribute, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError

from app.auth.access import AUTHORS, LOGGED_IN, allow, require
from app.certificates import queries as certificates
from app.certificates.documents import verify_url
from app.courses.access import may_maintain, open_course
from app.courses.queries import progress_for
from app.courses.services import course_id_of
from app.extensions import db
from app.quizzes import bp
from app.quizzes.grading import GRACE_SECONDS, drawn_count
from app.quizzes.models import FINAL, AttemptStatus, QuizAttempt
from app.quizzes.question_types import QUESTION_TYPES
from app.quizzes.queries import attempts_for, has_passed, question_stats
from app.quizzes.services import (AttemptLimitReached, expire_if_due, pass_mark, save_answers,
                                  start_attempt, submit_attempt, submit_practice)
from app.quizzes.display import blank_questions, lessons_to_review, page_questions, result_rows


def _final(slug: str):
    """The course and its graded final quiz, else 404: the only way a view reaches that quiz."""
    course = open_course(slug)
    if course.final_quiz is None:
        abort(404)
    return course, course.final_quiz


def _practice(slug: str, lesson_id: str):
    """The course, the lesson and its practice quiz, else 404. Looked up among the lessons
    only, whose ids can never be "final" (loader.RESERVED_LESSON_IDS): no lesson id reaches
    the final quiz."""
    course = open_course(slug)
    lesson = course.lesson(lesson_id)
    if lesson is None or lesson.practice_quiz is None:
        abort(404)
    return course, lesson, lesson.practice_quiz


def _own_attempt(course, attempt_id: int, key: str) -> QuizAttempt:
    """The current user's attempt at this course's quiz `key` (FINAL, or a practice lesson's id:
    never the other's), else 404."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.quiz_key != key or attempt.course_id != course_id_of(course):
        abort(404)
    require(attempt.user_id == current_user.id)
    return attempt


def _committed(action):
    """Run a service that numbers a new attempt and commit; when another tab took the same
    number first (unique constraint), run it once more: it then resumes or renumbers."""
    for _try in range(2):
        try:
            result = action()
            db.session.commit()
            return result
        except IntegrityError:
            db.session.rollback()
    abort(409)


def _answers_shown(course, quiz, attempt) -> bool:
    """What show_answers allows for this attempt."""
    rule = quiz.settings.show_answers if attempt.quiz_key == FINAL else "after_submit"
    if rule == "after_pass":
        return bool(attempt.passed) or has_passed(attempt.user_id, attempt.course_id, attempt.quiz_key)
    return rule == "after_submit"


@bp.route("/<slug>/quiz")
@allow(LOGGED_IN)
def start_page(slug):
    """The final quiz: its settings, the learner's attempts and a start or resume button."""
    course, quiz = _final(slug)
    attempts = attempts_for(current_user.id, course_id_of(course), FINAL)
    for attempt in attempts:
        expire_if_due(attempt, course, quiz)
    db.session.commit()
    used = max((a.number for a in attempts), default=0)
    left = None if not quiz.settings.attempts else max(0, quiz.settings.attempts - used)
    current = next((a for a in attempts if a.status == AttemptStatus.IN_PROGRESS), None)
    return render_template("quizzes/start.html", course=course, quiz=quiz, attempts=attempts,
                           left=left, current=current, pass_mark=pass_mark(course, quiz), drawn=drawn_count(quiz))


@bp.route("/<slug>/quiz/start", methods=["POST"])
@allow(LOGGED_IN)
def start(slug):
    """Start the next attempt, or resume the one in progress (two tabs share it)."""
    course, quiz = _final(slug)
    try:
        attempt = _committed(lambda: start_attempt(current_user.id, course, FINAL, quiz))
    except AttemptLimitReached:
        db.session.commit()
        flash(_("You have used every attempt this quiz allows."), "error")
        return redirect(url_for("quizzes.start_page", slug=slug))
    return redirect(url_for("quizzes.take", slug=slug, attempt_id=attempt.id))


@bp.route("/<slug>/quiz/attempts/<int:attempt_id>")
@allow(LOGGED_IN)
def take(slug, attempt_id):
    """The attempt's questions (all, or one per page with ?q=N), with the saved answers."""
    course, quiz = _final(slug)
    attempt = _own_attempt(course, attempt_id, FINAL)
    if expire_if_due(attempt, course, quiz):
        db.session.commit()
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return redirect(url_for("quizzes.result", slug=slug, attempt_id=attempt.id))
    questions = page_questions(quiz, attempt)
    page = request.args.get("q", 1, type=int) if quiz.settings.one_per_page else None
    if page is not None:
        page = min(max(page, 1), max(len(questions), 1))
    shown = questions[page - 1:page] if page else questions
    return render_template("quizzes/take.html", course=course, quiz=quiz, attempt=attempt,
                           questions=shown, page=page, total=len(questions), grace=GRACE_SECONDS)


@bp.route("/<slug>/quiz/attempts/<int:attempt_id>/save", methods=["POST"])
@allow(LOGGED_IN)
def save(slug, attempt_id):
    """Save answers: from the autosave script (JSON) or the Save / Next buttons."""
    course, quiz = _final(slug)
    attempt = _own_attempt(course, attempt_id, FINAL)
    saved = save_answers(attempt, quiz, request.form)
    db.session.commit()
    if request.headers.get("X-Requested-With") == "fetch":
        return jsonify(saved=saved), 200 if saved else 409
    if not saved:
        flash(_("This attempt no longer accepts answers."), "error")
        return redirect(url_for("quizzes.take", slug=slug, attempt_id=attempt.id))
    page = request.form.get("page", type=int)
    go = request.form.get("go", "stay")
    if page is not None:
        page += {"next": 1, "prev": -1}.get(go, 0)
    flash(_("Your answers are saved."), "success")
    return redirect(url_for("quizzes.take", slug=slug, attempt_id=attempt.id, q=page))


@bp.route("/<slug>/quiz/attempts/<int:attempt_id>/submit", methods=["POST"])
@allow(LOGGED_IN)
def submit(slug, attempt_id):
    """Save what was posted, ask to confirm, then grade the attempt exactly once."""
    course, quiz = _final(slug)
    attempt = _own_attempt(course, attempt_id, FINAL)
    save_answers(attempt, quiz, request.form)
    if attempt.status == AttemptStatus.IN_PROGRESS and request.form.get("confirm") != "1":
        db.session.commit()
        unanswered = [q for q in page_questions(quiz, attempt) if q.answer in (None, [], "")]
        return render_template("quizzes/confirm.html", course=course, quiz=quiz, attempt=attempt,
                               unanswered=len(unanswered))
    submit_attempt(attempt, course, quiz)  # with the answers just saved: one transaction
    db.session.commit()
    return redirect(url_for("quizzes.result", slug=slug, attempt_id=attempt_id))  # not attempt.id: read again


@bp.route("/<slug>/quiz/attempts/<int:attempt_id>/result")
@allow(LOGGED_IN)
def result(slug, attempt_id):
    """Score, pass or fail, and the feedback the quiz's show_answers setting allows."""
    course, quiz = _final(slug)
    attempt = _own_attempt(course, attempt_id, FINAL)
    if attempt.status == AttemptStatus.IN_PROGRESS:
        return redirect(url_for("quizzes.take", slug=slug, attempt_id=attempt.id))
    show = _answers_shown(course, quiz, attempt)
    certificate = certificates.of_user_in_course(attempt.user_id, attempt.course_id) if attempt.passed else None
    return render_template("quizzes/result.html", course=course, quiz=quiz, attempt=attempt,
                           rows=result_rows(quiz, attempt) if show else [], show=show,
                           pass_mark=pass_mark(course, quiz), certificate=certificate,
                           verify_url=verify_url(certificate) if certificate else None,
                           progress=progress_for(current_user.id, [course])[course.slug],
                           review=[] if attempt.passed else lessons_to_review(course, quiz, attempt))


@bp.route("/<slug>/lessons/<lesson_id>/practice", methods=["POST"])
@allow(LOGGED_IN)
def practice(slug, lesson_id):
    """Grade a practice quiz at the end of a lesson and show its feedback."""
    course, lesson, quiz = _practice(slug, lesson_id)
    attempt = _committed(lambda: submit_practice(current_user.id, course, lesson, request.form))
    if request.headers.get("X-Requested-With") == "fetch":  # practice.js, checking in place
        return render_template("quizzes/_practice_result.html", attempt=attempt, rows=result_rows(quiz, attempt))
    return redirect(url_for("quizzes.practice_result", slug=slug, lesson_id=lesson.id, attempt_id=attempt.id))


@bp.route("/<slug>/lessons/<lesson_id>/practice/<int:attempt_id>")
@allow(LOGGED_IN)
def practice_result(slug, lesson_id, attempt_id):
    """A practice attempt's score with every answer and its feedback."""
    course, lesson, quiz = _practice(slug, lesson_id)
    attempt = _own_attempt(course, attempt_id, lesson.id)
    return render_template("quizzes/practice_result.html", course=course, quiz=quiz, attempt=attempt,
                           lesson=lesson, rows=result_rows(quiz, attempt))


@bp.route("/<slug>/quiz/stats")
@allow(*AUTHORS)
def stats(slug):
    """For the course's maintainers and admins: how each question and tag of the final quiz
    fared (the page shows the answer key)."""
    course, quiz = _final(slug)
    require(may_maintain(current_user, course))
    count, questions, tags = question_stats(quiz, course_id_of(course), FINAL)
    db.session.commit()
    return render_template("quizzes/stats.html", course=course, quiz=quiz, count=count,
                           questions=questions, tags=tags)


@bp.app_context_processor
def quiz_helpers():
    """Helpers for the lesson and course pages, which include the quiz templates."""
    from app.quizzes.queries import final_quiz_status

    return {"practice_fields": _practice_fields, "AttemptStatus": AttemptStatus,
            "final_quiz_status": lambda course: final_quiz_status(course, current_user.id),
            "may_maintain": lambda course: may_maintain(current_user, course)}


@bp.app_template_global()
def question_template(question) -> str:
    """The template with the macros that show a question of this kind (fields, result, choices)."""
    return QUESTION_TYPES[question.kind].template


def _practice_fields(lesson) -> Markup:
    """A lesson's practice questions, blank: the same for every learner, so rendered once per
    content version and language instead of on every view of the lesson."""
    key = f"practice:{get_locale()}"
    html = lesson.rendered.get(key)
    if html is None:
        fields = get_template_attribute("quizzes/_fields.html", "question_fields")
        html = lesson.rendered[key] = Markup("".join(fields(q, graded=False) for q in blank_questions(lesson.practice_quiz)))
    return html
