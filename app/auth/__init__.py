from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from app.auth import password_routes, registration_routes, routes  # noqa: E402,F401
