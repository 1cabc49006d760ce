"""Statistics per unit subtree: pages, charts, exports, the JSON API and the CLI."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS
from app.nav import offer_link

bp = Blueprint("stats", __name__, url_prefix="/stats")
api_bp = Blueprint("stats_api", __name__, url_prefix="/api/v1/stats")
offer_link(bp, 50, MANAGERS, "stats.index", _l("Statistics"))

from app.stats import api, routes  # noqa: E402,F401
