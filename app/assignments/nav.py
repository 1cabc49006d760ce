"""Menu links to the statistics and assignments pages, for the people who may open them."""
from flask import Flask, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.auth.access import MANAGERS


def nav_items() -> list[dict]:
    """Links for the main menu (base.html's nav_extra block) by role."""
    if not current_user.is_authenticated or current_user.role not in MANAGERS:
        return []
    return [{"url": url_for("stats.index"), "label": _l("Statistics")},
            {"url": url_for("assignments.index"), "label": _l("Assignments")}]


def init_nav(app: Flask) -> None:
    """Offer `nav_items` to every template."""
    app.context_processor(lambda: {"nav_items": nav_items()})
