"""The unit tree: browse one level at a time (managers: their subtree), change it (admins)."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import bp
from app.admin.forms import UnitEditForm, UnitForm, UnitMoveForm
from app.paging import page_number
from app.admin.queries import breadcrumbs, unit_children, visible_unit
from app.admin.services import add_unit, relocate_unit, set_unit_active, update_unit
from app.auth.access import MANAGERS, allow
from app.extensions import db
from app.auth.scope import sees_all
from app.auth.picker import unit_options

UNIT_ERRORS = {
    "code": lambda: _("A code has letters, digits, '.', '_' or '-' (at most 64)."),
    "taken": lambda: _("Another unit already has this code."),
    "name": lambda: _("The name is empty or too long."),
    "kind": lambda: _("Unknown kind of unit."),
}


def _unit_or_404(unit_id: int):
    """The unit if the current user may see it; 404 otherwise, so ids cannot be probed."""
    unit = visible_unit(current_user, unit_id=unit_id)
    if unit is None:
        abort(404)
    return unit


def _parent_from_code(code: str):
    """(found, unit): an empty code means the top level; an unknown one is not found."""
    if not code:
        return True, None
    unit = visible_unit(current_user, code=code)
    return unit is not None, unit


def _commit_change(change, done, failed=lambda exc: UNIT_ERRORS[str(exc)]()):
    """Apply a change to the tree: `change()` calls a service, which raises ValueError on bad
    input. On success commit and flash `done(result)`; on failure flash `failed(exc)` and commit
    nothing. Returns the service's result, or None when it failed."""
    try:
        result = change()
    except ValueError as exc:
        flash(failed(exc), "error")
        return None
    db.session.commit()
    flash(done(result), "success")
    return result


@bp.route("/units")
@allow(*MANAGERS)
def units():
    """The top of the tree this person sees: every root for an admin, their own unit for a manager."""
    if not sees_all(current_user):
        return redirect(url_for("admin.unit", unit_id=current_user.unit_id))
    page, counts = unit_children(current_user, None, page_number(request.args.get("page")))
    return render_template("admin/units.html", unit=None, trail=[], page=page, counts=counts,
                           form=UnitForm(), edit_form=None, move_form=None)


@bp.route("/units/options.json")
@allow(*MANAGERS)
def unit_options_json():
    """Units matching ?q= by name or code, only those this person may see (the unit pickers)."""
    return jsonify(units=unit_options(current_user, request.args.get("q", "")))


@bp.route("/units/<int:unit_id>")
@allow(*MANAGERS)
def unit(unit_id):
    """One unit: where it sits, its children (one page), and the admin's forms to change it."""
    unit = _unit_or_404(unit_id)
    page, counts = unit_children(current_user, unit, page_number(request.args.get("page")))
    forms = {}
    if sees_all(current_user):
        forms = {"form": UnitForm(parent_code=unit.code), "edit_form": UnitEditForm(obj=unit), "move_form": UnitMoveForm()}
    return render_template("admin/units.html", unit=unit, trail=breadcrumbs(current_user, unit), page=page,
                           counts=counts, **{"form": None, "edit_form": None, "move_form": None, **forms})


@bp.route("/units/new", methods=["POST"])
@allow("admin")
def unit_new():
    """Create a unit under the given parent code (or at the top level)."""
    form = UnitForm()
    back = url_for("admin.units")
    if form.validate_on_submit():
        found, parent = _parent_from_code(form.parent_code.data)
        if parent is not None:
            back = url_for("admin.unit", unit_id=parent.id)
        if not found:
            flash(_("Unknown parent unit."), "error")
        else:
            unit = _commit_change(lambda: add_unit(current_user, form.code.data, form.name.data, form.kind.data, parent),
                                  lambda created: _("Unit created."))
            if unit is not None:
                return redirect(url_for("admin.unit", unit_id=unit.id))
    else:
        flash(_("Fill in the code and the name."), "error")
    return redirect(back)


@bp.route("/units/<int:unit_id>/edit", methods=["POST"])
@allow("admin")
def unit_edit(unit_id):
    """Rename a unit or change its kind."""
    unit = _unit_or_404(unit_id)
    form = UnitEditForm()
    if form.validate_on_submit():
        _commit_change(lambda: update_unit(current_user, unit, form.name.data, form.kind.data),
                       lambda changed: _("Unit saved.") if changed else _("Nothing changed."))
    return redirect(url_for("admin.unit", unit_id=unit.id))


@bp.route("/units/<int:unit_id>/move", methods=["POST"])
@allow("admin")
def unit_move(unit_id):
    """Hang a unit and its whole subtree under another parent."""
    unit = _unit_or_404(unit_id)
    form = UnitMoveForm()
    if form.validate_on_submit():
        found, parent = _parent_from_code(form.parent_code.data)
        if not found:
            flash(_("Unknown parent unit."), "error")
        else:
            _commit_change(lambda: relocate_unit(current_user, unit, parent), lambda moved: _("Unit moved."),
                           failed=lambda exc: _("A unit cannot move under itself or one of its sub-units."))
    return redirect(url_for("admin.unit", unit_id=unit_id))


@bp.route("/units/<int:unit_id>/active", methods=["POST"])
@allow("admin")
def unit_active(unit_id):
    """Deactivate or reactivate a unit; nothing is deleted."""
    unit = _unit_or_404(unit_id)
    set_unit_active(current_user, unit, request.form.get("active") == "1")
    db.session.commit()
    flash(_("Unit reactivated.") if unit.active else _("Unit deactivated. Its people and history are kept."), "success")
    return redirect(url_for("admin.unit", unit_id=unit.id))
