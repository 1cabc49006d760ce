"""Assignments: a course that every learner of a unit subtree (and audience) must take."""
from flask import Blueprint

bp = Blueprint("assignments", __name__, url_prefix="/assignments")

from app.assignments import routes  # noqa: E402,F401
