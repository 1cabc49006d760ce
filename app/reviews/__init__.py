"""Periodic self-review: forms as files, rounds, each person's review, the unit's verdict."""
from flask import Blueprint

bp = Blueprint("reviews", __name__, url_prefix="/reviews")
api_bp = Blueprint("reviews_api", __name__, url_prefix="/api/v1/reviews")

from app.reviews import api, figures_routes, routes  # noqa: E402,F401
