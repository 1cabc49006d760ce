"""Which courses a person may open: the one rule that every view, list and the lesson page's
fast path ask, so that no two places can disagree about it."""
from __future__ import annotations

from collections.abc import Iterable

from flask import abort, current_app
from flask_login import current_user

from app.auth.access import require
from app.auth.models import Role
from app.courses.catalog import catalog
from app.courses.loader import Course
from app.courses.signals import assigned_courses_wanted


def _assigned_slugs(user) -> frozenset[str]:
    """The learner's assigned courses (one query), asked of whoever answers the signal
    (app/assignments/__init__.py): assignments import the course models, not the reverse."""
    return frozenset().union(*(slugs for _, slugs in assigned_courses_wanted.send(user)))


def may_open(user, course: Course, assigned: frozenset[str] | set[str] | None = None) -> bool:
    """Staff open every course; a learner opens those meant for their audience and those
    assigned to them. `assigned`: the learner's assigned slugs if the caller has them already,
    else they are looked up, and only for a course outside the learner's audience. Anyone,
    signed in or not, may read a public course."""
    if course.public:
        return True
    if not user.is_authenticated:
        return False
    if user.role != Role.LEARNER.value or course.suits(user.audience):
        return True
    if assigned is None:
        assigned = _assigned_slugs(user)
    return course.slug in assigned


def openable(user, courses: Iterable[Course], assigned: frozenset[str] | set[str] | None = None) -> list[Course]:
    """The courses `user` may open, in the order given; assignments looked up at most once."""
    courses = list(courses)
    if assigned is None and user.is_authenticated and user.role == Role.LEARNER.value and not all(c.suits(user.audience) for c in courses):
        assigned = _assigned_slugs(user)
    return [course for course in courses if may_open(user, course, assigned)]


def may_maintain(user, course: Course) -> bool:
    """Admins, and the trainers the course's front matter lists as `maintainers`, see what
    only its authors may: its answer key and question statistics."""
    if user.role == Role.ADMIN.value:
        return True
    return user.role == Role.TRAINER.value and user.email.lower() in course.maintainers


def open_course(slug: str) -> Course:
    """For a view: the course by slug, if it loads (else 404) and the current user may open it
    (else 403, or the login page for a visitor who is not signed in)."""
    course = catalog().get(slug)
    if course is None:
        abort(404)
    if not current_user.is_authenticated and not course.public:
        abort(current_app.login_manager.unauthorized())
    require(may_open(current_user, course))
    return course
