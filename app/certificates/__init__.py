"""Certificates: issued on completion, printable, publicly verifiable, signed, revocable."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS
from app.nav import offer_link

bp = Blueprint("certificates", __name__)


@bp.record_once
def _listen_for_completions(state) -> None:
    """Issue certificates when a course is completed (blinker ignores a second connect)."""
    from app.certificates.services import on_course_completed
    from app.courses.signals import course_completed

    course_completed.connect(on_course_completed)

# My certificates for learners; the certificates of their scope for managers and admins.
offer_link(bp, 10, ("learner",), "certificates.mine", _l("My certificates"))
offer_link(bp, 20, MANAGERS, "certificates.manage", _l("Certificates"))


from app.certificates import routes  # noqa: E402,F401
