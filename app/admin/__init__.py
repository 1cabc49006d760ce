from flask import Blueprint
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.record_once
def _nav_link(state) -> None:
    """Administrators and unit managers get the Administration link."""
    from app.web import add_nav_link

    add_nav_link(state.app, MANAGERS, "admin.index", _l("Administration"))


from app.admin import routes  # noqa: E402,F401
