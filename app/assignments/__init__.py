"""Assignments: a course that every learner of a unit subtree (and audience) must take."""
from flask import Blueprint

bp = Blueprint("assignments", __name__, url_prefix="/assignments")


@bp.record_once
def _answer_course_access(state) -> None:
    """Tell the course-access rule which courses a learner is assigned (blinker ignores a second connect)."""
    from app.assignments.queries import assigned_slugs
    from app.courses.signals import assigned_courses_wanted

    assigned_courses_wanted.connect(assigned_slugs)

from app.assignments import routes  # noqa: E402,F401
