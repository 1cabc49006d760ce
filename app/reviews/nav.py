"""The main-menu link to self-reviews: for the people who write them and those who assess them."""
from flask import Flask
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS
from app.auth.models import Role
from app.web import add_nav_link


def init_nav(app: Flask) -> None:
    """Offer Self-review to learners (their own) and to managers and admins (their units')."""
    add_nav_link(app, (Role.LEARNER.value, *MANAGERS), "reviews.index", _l("Self-review"))
