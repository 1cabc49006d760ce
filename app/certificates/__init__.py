"""Certificates: issued on completion, printable, publicly verifiable, signed, revocable."""
from flask import Blueprint

bp = Blueprint("certificates", __name__)


@bp.record_once
def _listen_for_completions(state) -> None:
    """Issue certificates when a course is completed (blinker ignores a second connect)."""
    from app.certificates.services import on_course_completed
    from app.courses.signals import course_completed

    course_completed.connect(on_course_completed)


from app.certificates import routes  # noqa: E402,F401
