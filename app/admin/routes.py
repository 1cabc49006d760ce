"""Administration: the landing page; the units, users, imports and audit pages live beside it."""
from flask import render_template

from app.admin import bp
from app.auth.access import MANAGERS, allow


@bp.route("/")
@allow(*MANAGERS)
def index():
    """Links to what this administrator or manager may do."""
    return render_template("admin/index.html")


from app.admin import audit_routes, import_routes, mail_routes, unit_routes, user_routes  # noqa: E402,F401
