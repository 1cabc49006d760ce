"""The learner's path: course list, course page, lessons, marking lessons done."""
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import get_locale, gettext as _
from flask_login import current_user

from app.auth.access import LOGGED_IN, PUBLIC, allow
from app.courses import bp
from app.courses.access import open_course, openable
from app.courses.assets import asset_file, media_type
from app.courses.catalog import catalog
from app.courses.lesson_page import lesson_page
from app.courses.queries import CourseProgress, progress_for
from app.courses.services import mark_lesson_done, record_lesson_view
from app.db_setup import commit_if_written
from app.extensions import db


def _progress(courses) -> dict[str, CourseProgress]:
    """The signed-in learner's progress; a visitor's is empty (nothing is recorded for them)."""
    if not current_user.is_authenticated:
        return {course.slug: CourseProgress(course, None, frozenset()) for course in courses}
    return progress_for(current_user.id, courses)


def _open_lesson(slug: str, lesson_id: str):
    """The course (with its access rule) and one of its lessons; 404 if it has no such lesson."""
    course = open_course(slug)
    lesson = course.lesson(lesson_id)
    if lesson is None:
        abort(404)
    return course, lesson


# Public routes: a visitor who is not signed in sees the public courses (front matter
# `public: true`) and nothing else; open_course sends them to the login page for any other.
@bp.route("/")
@allow(PUBLIC)
def index():
    """Every course the current user may take, with their progress."""
    courses = openable(current_user, catalog().all())
    if not courses and not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    return render_template("courses/index.html", courses=courses, progress=_progress(courses))


@bp.route("/<slug>")
@allow(PUBLIC)
def show(slug):
    """A course's summary, its lessons and the learner's progress through them."""
    course = open_course(slug)
    return render_template("courses/show.html", course=course, progress=_progress([course])[course.slug])


@bp.route("/<slug>/lessons/<lesson_id>")
@allow(PUBLIC)
def lesson(slug, lesson_id):
    """One lesson, pre-rendered; opening it records where the learner is."""
    course, lesson = _open_lesson(slug, lesson_id)
    if not current_user.is_authenticated:
        return lesson_page(course, lesson, _progress([course])[course.slug], None, str(get_locale()))
    facts = record_lesson_view(current_user.id, course, lesson.id)
    role = current_user.role  # before the commit, which would expire the user
    commit_if_written(db.session)
    return lesson_page(course, lesson, CourseProgress(course, None, facts.done), role, str(get_locale()))


@bp.route("/<slug>/lessons/<lesson_id>/done", methods=["POST"])
@allow(LOGGED_IN)
def mark_done(slug, lesson_id):
    """Mark a lesson as done and go on to the next one."""
    course, lesson = _open_lesson(slug, lesson_id)
    enrollment = mark_lesson_done(current_user.id, course, lesson.id)
    db.session.commit()
    flash(_("Lesson marked as done."), "success")
    if enrollment.completed_at is not None:
        flash(_("You have completed this course."), "success")
    after = course.neighbours(lesson.id)[1]
    if after is not None:
        return redirect(url_for("courses.lesson", slug=slug, lesson_id=after.id))
    return redirect(url_for("courses.show", slug=slug))


@bp.route("/<slug>/files/<path:filename>")
@allow(PUBLIC)
def files(slug, filename):
    """Images and other media kept beside a course's lessons (never its Markdown: see assets)."""
    course = open_course(slug)
    path = asset_file(Path(catalog().root) / course.folder, filename)
    if path is None:
        abort(404)
    return send_file(path, mimetype=media_type(path), max_age=3600)
