"""The course editor: trainers edit course files in the browser, preview, and publish to git."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from app.auth.access import AUTHORS
from app.nav import offer_link

bp = Blueprint("editor", __name__, url_prefix="/editor")
offer_link(bp, 30, AUTHORS, "editor.index", _l("Editor"))

from app.editor import history_routes, routes, upload_routes  # noqa: E402,F401
