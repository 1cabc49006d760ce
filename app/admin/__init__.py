from flask import Blueprint
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS
from app.nav import offer_link

bp = Blueprint("admin", __name__, url_prefix="/admin")
offer_link(bp, 40, MANAGERS, "admin.index", _l("Administration"))


from app.admin import routes  # noqa: E402,F401
