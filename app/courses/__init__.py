from flask import Blueprint

bp = Blueprint("courses", __name__, url_prefix="/courses")

from app.courses import cli, routes  # noqa: E402,F401
