"""Menu links to the statistics and assignments pages, for the people who may open them."""
from flask import Flask
from flask_babel import lazy_gettext as _l

from app.auth.access import MANAGERS
from app.web import add_nav_link


def init_nav(app: Flask) -> None:
    """Offer Statistics and Assignments in the main menu to managers and admins."""
    add_nav_link(app, MANAGERS, "stats.index", _l("Statistics"))
    add_nav_link(app, MANAGERS, "assignments.index", _l("Assignments"))
