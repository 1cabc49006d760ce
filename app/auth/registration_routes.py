"""Self-registration: make an account for the public courses, confirm it from the mailbox."""
from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from app.auth import bp
from app.auth.access import PUBLIC, allow
from app.auth.accounts import AccountError
from app.auth.forms import ConfirmForm, RegisterForm
from app.auth.models import TokenPurpose
from app.auth.registration import confirm, pending_confirmation, register, registration_unit
from app.auth.tokens import mail_key
from app.clock import utcnow
from app.extensions import db, limiter
from app.mail import outbox
from app.mail.jobs import dispatch
from app.mail.smtp import mail_configured
from app.urls import external_url


def registration_open() -> bool:
    """For views and templates: registration is configured (a unit, and mail to confirm with)."""
    return mail_configured() and registration_unit(current_app.config["SELF_REGISTRATION_UNIT"]) is not None


@bp.app_context_processor
def _registration():
    return {"registration_open": registration_open}


@bp.route("/register", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(lambda: current_app.config["REGISTER_RATE_LIMIT"], methods=["POST"])
def register_account():
    """A new learner account, opened by the link mailed to its address."""
    unit = registration_unit(current_app.config["SELF_REGISTRATION_UNIT"])
    if unit is None or not mail_configured():
        abort(404)
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        hours = current_app.config["CONFIRM_HOURS"]
        try:
            made = register(form.email.data, form.full_name.data, form.password.data, unit, timedelta(hours=hours))
        except AccountError as error:
            messages = {"email": _("This email address is not valid."),
                        "full_name": _("Enter your full name (at most 255 characters)."),
                        "password": _("This password is too common or too easy to guess (like password1). Choose another.")}
            getattr(form, error.field, form.email).errors.append(messages.get(error.field, _("This value is not accepted.")))
        else:
            mail_id = None
            if made is not None:
                user, secret = made
                mail_id = outbox.record(
                    user.email, _("Confirm your Integrity Academy account"),
                    _("Open this link within %(hours)d hours to confirm your email and open your account:\n\n"
                      "%(link)s\n\nIf you did not ask for an account, ignore this message.",
                      hours=hours, link=external_url("auth.confirm_account", token=secret)),
                    TokenPurpose.CONFIRM.value, mail_key(TokenPurpose.CONFIRM, secret))
            db.session.commit()
            dispatch([mail_id])
            # The same page whether or not the address had an account: nothing to enumerate.
            return render_template("auth/register_sent.html", email=form.email.data)
    return render_template("auth/register.html", form=form)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def confirm_account(token):
    """The mailed link: a button (a GET changes nothing, since mail scanners open links)."""
    pending = pending_confirmation(token)
    if pending is None:
        return render_template("auth/link_invalid.html"), 404
    form = ConfirmForm()
    if form.validate_on_submit():
        user = confirm(pending)
        user.last_login_at = utcnow()
        db.session.commit()
        login_user(user)
        flash(_("Your account is open. Welcome!"), "success")
        return redirect(url_for("main.home"))
    return render_template("auth/confirm.html", form=form, user=pending.user)
