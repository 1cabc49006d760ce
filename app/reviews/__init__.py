"""Periodic self-review: forms as files, rounds, each person's review, the unit's verdict."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS
from app.nav import offer_link

bp = Blueprint("reviews", __name__, url_prefix="/reviews")
api_bp = Blueprint("reviews_api", __name__, url_prefix="/api/v1/reviews")
# Learners see their own reviews; managers and admins their units'.
offer_link(bp, 70, ("learner", *MANAGERS), "reviews.index", _l("Self-review"))

from app.reviews import api, figures_routes, routes  # noqa: E402,F401
