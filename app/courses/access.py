"""Which courses a person may open."""
from __future__ import annotations

from app.auth.models import Role, User
from app.courses.loader import Course


def can_open(user: User, course: Course, assigned: set[str] | frozenset[str] = frozenset()) -> bool:
    """Staff open every course; a learner opens those for their audience or assigned to them."""
    if user.role != Role.LEARNER.value:
        return True
    return course.suits(user.audience) or course.slug in assigned


def visible_courses(user: User, courses: list[Course], assigned: set[str] | frozenset[str] = frozenset()) -> list[Course]:
    """The courses `user` may open, in catalogue order."""
    return [course for course in courses if can_open(user, course, assigned)]
