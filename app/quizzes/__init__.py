from flask import Blueprint

bp = Blueprint("quizzes", __name__, url_prefix="/courses")

from app.quizzes import routes  # noqa: E402,F401
