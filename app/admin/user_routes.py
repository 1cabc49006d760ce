"""Accounts: search, create, edit, deactivate, reset password. Managers: learners of their subtree."""
from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import bp
from app.admin.forms import NewUserForm, UserFilterForm, UserForm, role_choices
from app.paging import Page, page_number
from app.admin.queries import PER_PAGE, managed_user, search_users, visible_unit
from app.admin.services import add_user, issue_reset_link, set_user_active, update_user
from app.auth.access import MANAGERS, allow
from app.auth.accounts import AccountError
from app.messages import translated
from app.auth.models import Role, TokenPurpose
from app.auth.tokens import issue_token
from app.extensions import db
from app.auth.scope import sees_all
from app.urls import external_url


def _user_or_404(user_id: int):
    """The account if the current user administers it; 404 otherwise (guessing ids shows nothing)."""
    user = managed_user(current_user, user_id)
    if user is None:
        abort(404)
    return user


def _limit_roles(form: UserForm) -> None:
    """A manager creates and edits learners only."""
    form.role.choices = role_choices() if sees_all(current_user) else role_choices([Role.LEARNER.value])


def _save(form: UserForm, save) -> bool:
    """Resolve the unit in the viewer's scope and call `save(unit)`; errors go onto the form."""
    unit = visible_unit(current_user, code=form.unit_code.data)
    if unit is None:
        form.unit_code.errors.append(_("Unknown unit, or a unit outside your part of the tree."))
        return False
    try:
        save(unit)
    except AccountError as exc:
        db.session.rollback()
        target = getattr(form, exc.field, None) or form.full_name
        target.errors.append(translated(exc.message, _))
        return False
    return True


@bp.route("/users")
@allow(*MANAGERS)
def users():
    """Search and filter the accounts this person administers, one page at a time."""
    form = UserFilterForm(request.args)
    filters, number = {}, page_number(request.args.get("page"))
    if form.validate():
        filters = {name: form[name].data or "" for name in ("q", "role", "audience", "active")}
        if form.unit.data:
            filters["unit"] = visible_unit(current_user, code=form.unit.data)
            if filters["unit"] is None:
                form.unit.errors.append(_("Unknown unit, or a unit outside your part of the tree."))
    if filters.get("unit", True) is None:  # an unknown unit matches nobody
        page = Page([], 0, 1, PER_PAGE)
    else:
        page = search_users(current_user, number, **filters)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("admin/users.html", form=form, page=page, args=args)


@bp.route("/users/new", methods=["GET", "POST"])
@allow(*MANAGERS)
def user_new():
    """Create one account; it gets an activation link instead of a password."""
    form = NewUserForm()
    _limit_roles(form)
    if form.validate_on_submit():
        created = []
        saved = _save(form, lambda unit: created.append(add_user(
            current_user, form.email.data, form.full_name.data, form.role.data, form.audience.data, unit)))
        if saved:
            user = created[0]
            secret = issue_token(user, TokenPurpose.ACTIVATION, timedelta(days=current_app.config["ACTIVATION_DAYS"]))
            db.session.commit()
            return render_template("admin/link_issued.html", user=user, purpose="activation",
                                   link=external_url("auth.activate", token=secret))
    return render_template("admin/user_new.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@allow(*MANAGERS)
def user(user_id):
    """One account: its details and the form to change them."""
    user = _user_or_404(user_id)
    form = UserForm(obj=user, unit_code=user.unit.code, audience=user.audience or "")
    _limit_roles(form)
    if form.validate_on_submit():
        changed = []
        if _save(form, lambda unit: changed.append(update_user(
                current_user, user, form.full_name.data, form.role.data, form.audience.data, unit))):
            db.session.commit()
            flash(_("Account saved.") if changed[0] else _("Nothing changed."), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    return render_template("admin/user.html", user=user, form=form)


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@allow(*MANAGERS)
def user_active(user_id):
    """Deactivate (ends every session at once) or reactivate an account."""
    user = _user_or_404(user_id)
    try:
        set_user_active(current_user, user, request.form.get("active") == "1")
    except AccountError:
        flash(_("You cannot deactivate your own account."), "error")
        return redirect(url_for("admin.user", user_id=user.id))
    db.session.commit()
    flash(_("Account reactivated.") if user.active else _("Account deactivated; its sessions have ended."), "success")
    return redirect(url_for("admin.user", user_id=user.id))


@bp.route("/users/<int:user_id>/reset", methods=["POST"])
@allow(*MANAGERS)
def user_reset(user_id):
    """Make a one-time link to choose a new password, shown once to hand to the person."""
    user = _user_or_404(user_id)
    secret = issue_reset_link(current_user, user, timedelta(days=current_app.config["ACTIVATION_DAYS"]))
    db.session.commit()
    return render_template("admin/link_issued.html", user=user, purpose="reset",
                           link=external_url("auth.reset", token=secret))
