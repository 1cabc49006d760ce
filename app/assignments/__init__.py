"""Assignments: a course that every learner of a unit subtree (and audience) must take."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS
from app.nav import offer_link

bp = Blueprint("assignments", __name__, url_prefix="/assignments")
offer_link(bp, 60, MANAGERS, "assignments.index", _l("Assignments"))


@bp.record_once
def _answer_course_access(state) -> None:
    """Tell the course-access rule which courses a learner is assigned (blinker ignores a second connect)."""
    from app.assignments.queries import assigned_slugs
    from app.courses.signals import assigned_courses_wanted

    assigned_courses_wanted.connect(assigned_slugs)

from app.assignments import routes  # noqa: E402,F401
