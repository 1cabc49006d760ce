"""Setting a password: first login (activation), forgotten password, change on the profile."""
from datetime import timedelta

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from app.auth import bp
from app.auth.access import LOGGED_IN, PUBLIC, allow
from app.auth.forms import ChangePasswordForm, ForgotPasswordForm, SetPasswordForm
from app.auth.models import TokenPurpose
from app.auth.services import find_user
from app.auth.tokens import issue_token, mail_key, use_token, valid_token
from app.extensions import db, limiter
from app.mail import outbox
from app.mail.jobs import dispatch
from app.urls import external_url


def _use_link(secret: str, purpose: TokenPurpose, title):
    """Show the set-password form for a valid link; on a valid post, set it and log in."""
    token = valid_token(secret, purpose)
    if token is None:
        return render_template("auth/link_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = use_token(token, form.password.data)
        db.session.commit()
        login_user(user)
        flash(_("Your password is saved. Welcome!"), "success")
        return redirect(url_for("main.home"))
    return render_template("auth/set_password.html", form=form, title=title, user=token.user)


@bp.route("/activate/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def activate(token):
    """First login of an account created without a password: choose one."""
    return _use_link(token, TokenPurpose.ACTIVATION, _("Activate your account"))


@bp.route("/reset/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def reset(token):
    """Choose a new password from a reset link."""
    return _use_link(token, TokenPurpose.RESET, _("Choose a new password"))


@bp.route("/forgot", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(lambda: current_app.config["FORGOT_RATE_LIMIT"], methods=["POST"])
def forgot():
    """Ask for a reset link. The answer is the same whether or not the email has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = find_user(form.email.data)
        mail_id = None
        if user is not None and user.active:
            minutes = current_app.config["RESET_MINUTES"]
            secret = issue_token(user, TokenPurpose.RESET, timedelta(minutes=minutes))
            # Recorded with the token, in its transaction: sent after the commit, or never made.
            mail_id = outbox.record(
                user.email, _("Reset your Integrity Academy password"),
                _("Open this link within %(minutes)d minutes to choose a new password:\n\n%(link)s\n\n"
                  "If you did not ask for it, ignore this message.",
                  minutes=minutes, link=external_url("auth.reset", token=secret)),
                TokenPurpose.RESET.value, mail_key(TokenPurpose.RESET, secret))
            db.session.commit()
        dispatch([mail_id])
        return render_template("auth/forgot_sent.html")
    return render_template("auth/forgot.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
@allow(LOGGED_IN)
def change_password():
    """Change one's own password (the current one is required); other sessions end."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            current_user.set_password(form.password.data)
            db.session.commit()
            login_user(current_user)  # the new session token keeps this session, ends the others
            flash(_("Your password is changed. Your other sessions have ended."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/change_password.html", form=form)
