"""Statistics per unit subtree: pages, charts, exports, the JSON API and the CLI."""
from flask import Blueprint

bp = Blueprint("stats", __name__, url_prefix="/stats")
api_bp = Blueprint("stats_api", __name__, url_prefix="/api/v1/stats")

from app.stats import api, routes  # noqa: E402,F401
