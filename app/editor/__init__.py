from flask import Blueprint

bp = Blueprint("editor", __name__, url_prefix="/editor")

from app.editor import history, routes, uploads  # noqa: E402,F401
