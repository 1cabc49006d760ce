"""Log in, log out and the learner's own profile."""
from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth import bp
from app.auth.access import LOGGED_IN, PUBLIC, allow
from app.auth.forms import LoginForm
from app.auth.models import Role
from app.auth.services import authenticate
from app.auth.throttle import Lockout, counters
from app.clock import utcnow
from app.extensions import db, limiter
from app.redirects import safe_next


def lockout_settings() -> Lockout:
    """The per-(account, address) back-off, from the configuration."""
    config = current_app.config
    return Lockout(config["LOCKOUT_AFTER"], config["LOCKOUT_BASE_SECONDS"], config["LOCKOUT_MAX_SECONDS"])


def _login_failed(response) -> bool:
    """Only failed attempts count against the login rate limit."""
    return bool(g.get("login_failed"))


def landing(user) -> str:
    """Where a person lands after logging in: a unit manager on their unit's figures (the
    people they answer for), everyone else on their courses."""
    return "stats.index" if user.role == Role.MANAGER.value else "main.home"


@bp.route("/login", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], deduct_when=_login_failed)
def login():
    """Show the login form; on a valid post, start the session."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data, request.remote_addr, counters(),
                            lockout_settings())
        if user is not None:
            login_user(user, remember=form.remember.data)
            user.last_login_at = utcnow()
            db.session.commit()
            return redirect(safe_next(request.args.get("next"), landing(user)))
        g.login_failed = True
        flash(_("Wrong email or password. After several failed attempts an account is paused for a few minutes."), "error")
        return render_template("auth/login.html", form=form), 401
    if request.method == "POST":
        g.login_failed = True
        return render_template("auth/login.html", form=form), 400
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@allow(LOGGED_IN)
def logout():
    """End the session (POST with CSRF, so no link can log a person out) on the server too:
    a copy of the cookie taken before must not outlive the logout."""
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/profile")
@allow(LOGGED_IN)
def profile():
    """The signed-in person's own account details."""
    return render_template("auth/profile.html", user=current_user)
