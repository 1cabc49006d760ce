"""Forms of the accounts area."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from app.auth.accounts import MIN_PASSWORD, is_guessable, password_problem


def _stripped(value):
    """What was typed without the spaces around it (pasted addresses and names often carry them)."""
    return value.strip() if value else value


def _strong_password(form, field):
    """The site's password policy (app.auth.accounts.password_problem), in the reader's language."""
    if not password_problem(field.data or ""):
        return
    if is_guessable(field.data):
        raise ValidationError(_l("This password is too common or too easy to guess (like password1). Choose another."))
    raise ValidationError(_l("Use at least %(n)d characters, mixing letters with digits or symbols.", n=MIN_PASSWORD))


def _email(autocomplete: str):
    """An account's email address; `autocomplete` tells password managers what it is for."""
    return EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)], filters=[_stripped],
                      render_kw={"autocomplete": autocomplete})


def _new_password(label):
    """A password being chosen: the site's policy applies."""
    return PasswordField(label, validators=[DataRequired(), Length(max=256), _strong_password],
                         render_kw={"autocomplete": "new-password"})


def _repeated_password(label):
    """The chosen password typed again; it must match the form's `password`."""
    return PasswordField(label, validators=[DataRequired(), EqualTo("password", _l("The two passwords differ."))],
                         render_kw={"autocomplete": "new-password"})


class LoginForm(FlaskForm):
    email = _email("username")
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in on this device"))
    submit = SubmitField(_l("Log in"))


class ForgotPasswordForm(FlaskForm):
    email = _email("username")
    submit = SubmitField(_l("Send me a link"))


class SetPasswordForm(FlaskForm):
    password = _new_password(_l("New password"))
    confirm = _repeated_password(_l("Repeat the new password"))
    submit = SubmitField(_l("Save the password"))


class ChangePasswordForm(SetPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=256)],
                            render_kw={"autocomplete": "current-password"})


class RegisterForm(SetPasswordForm):
    password = _new_password(_l("Password"))
    confirm = _repeated_password(_l("Repeat the password"))
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=255)], filters=[_stripped],
                            render_kw={"autocomplete": "name"})
    email = _email("email")
    submit = SubmitField(_l("Create my account"))


class ConfirmForm(FlaskForm):
    submit = SubmitField(_l("Confirm my email and open my account"))
