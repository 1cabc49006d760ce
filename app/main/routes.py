"""Home page and dashboard, language switch, health check, the site's fonts."""
from pathlib import Path

import ttf_opensans
from flask import abort, current_app, redirect, render_template, request, send_from_directory, session
from flask_login import current_user
from sqlalchemy import text

from app.assignments.queries import assigned_for_dashboard
from app.auth.access import PUBLIC, STAFF, allow
from app.clock import today
from app.courses.access import openable
from app.courses.catalog import catalog
from app.courses.lint import stale
from app.courses.queries import progress_for
from app.extensions import db
from app.redirects import safe_next
from app.main import bp


@bp.route("/")
@allow(PUBLIC)
def home():
    """Anonymous: what the site is. Signed in: my courses, where I left off first."""
    if not current_user.is_authenticated:
        return render_template("main/landing.html", public_courses=[c for c in catalog().all() if c.public])
    assigned_due = assigned_for_dashboard(current_user)
    courses = openable(current_user, catalog().all(), frozenset(assigned_due))
    progress = progress_for(current_user.id, courses)
    assigned_courses = sorted((c for c in courses if c.slug in assigned_due), key=lambda c: assigned_due[c.slug].due_on)
    in_progress = sorted(
        (p for p in progress.values() if p.started and not p.completed),
        key=lambda p: p.enrollment.last_activity_at or p.enrollment.started_at,
        reverse=True,
    )
    staff = current_user.role in STAFF
    problems = catalog().errors() if staff else []
    # Courses not checked against the law for over a year (or never dated): staff should re-check them.
    outdated = [c for c in catalog().all() if stale(c, today())] if staff else []
    return render_template("main/dashboard.html", courses=courses, progress=progress,
                           resume=in_progress[0] if in_progress else None, course_problems=problems,
                           outdated_courses=outdated,
                           assigned_courses=assigned_courses, assigned_due=assigned_due, today=today())


@bp.route("/lang/<code>")
@allow(PUBLIC)
def set_language(code):
    """Remember the chosen interface language and go back."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next")))


#: Fonts the pages may load, served from the Open Sans package the certificates already use: a
#: font with Vietnamese marks composed, for the editing box (monospace system fonts detach them).
FONTS = {"OpenSans-Regular.ttf", "OpenSans-Bold.ttf"}


@bp.route("/fonts/<name>")
@allow(PUBLIC)
def font(name):
    """One of FONTS, cached for a year (the package's files only change with its version)."""
    if name not in FONTS:
        abort(404)
    return send_from_directory(Path(ttf_opensans.OPENSANS_REGULAR.path).parent, name, max_age=31536000,
                               mimetype="font/ttf")


@bp.route("/healthz")
@allow(PUBLIC)
def healthz():
    """For load balancers and monitors: is the database reachable, how many courses loaded."""
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # any failure means "not reachable" to a monitor
        db.session.rollback()
        database = "unreachable"
    cat = catalog()
    courses = cat.all()
    body = {
        "status": "ok" if database == "ok" else "degraded",
        "database": database,
        "courses_loaded": len(courses),
        "course_errors": len(cat.errors()),
    }
    return body, 200 if database == "ok" else 503
