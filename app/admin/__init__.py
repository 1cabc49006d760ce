from flask import Blueprint, url_for
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS
from app.nav import add_nav_item

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _nav(user):
    """Administrators and unit managers get the Administration link."""
    return [(_l("Administration"), url_for("admin.index"))] if user.role in MANAGERS else []


add_nav_item(_nav)

from app.admin import routes  # noqa: E402,F401
