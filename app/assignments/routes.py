"""Assignment pages: list, create, edit, deactivate (admins anywhere, managers in their subtree)."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.assignments import bp
from app.assignments.forms import AssignmentForm
from app.assignments.models import Assignment
from app.assignments.queries import inherited, manageable
from app.assignments.services import create_assignment, set_active, update_assignment
from app.auth.access import MANAGERS, allow, require
from app.courses.catalog import catalog
from app.courses.services import course_row
from app.extensions import db
from app.units.models import Unit
from app.auth.scope import can_see_unit, sees_all


def _form(assignment: Assignment | None = None) -> AssignmentForm:
    form = AssignmentForm(obj=assignment)
    form.course.choices = [(c.slug, c.title) for c in catalog().all()]
    if assignment is not None and not form.is_submitted():
        form.course.data = assignment.course.slug
        form.unit_code.data = assignment.unit.code
        form.audience.data = assignment.audience or ""
    return form


def _values(form: AssignmentForm) -> dict | None:
    """The form's values as model fields, or None after marking the wrong field."""
    unit = db.session.scalar(select(Unit).where(Unit.code == form.unit_code.data))
    if unit is None or not can_see_unit(current_user, unit):
        form.unit_code.errors.append(_("No unit with this code in your part of the tree."))
        return None
    if form.due_on.data < form.starts_on.data:
        form.due_on.errors.append(_("The due date must not be before the start date."))
        return None
    course = catalog().get(form.course.data)
    if course is None:
        form.course.errors.append(_("This course is not available."))
        return None
    return {"course_id": course_row(course).id, "unit_id": unit.id, "audience": form.audience.data or None,
            "starts_on": form.starts_on.data, "due_on": form.due_on.data}


def _managed(assignment_id: int) -> Assignment:
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None:
        abort(404)
    require(can_see_unit(current_user, assignment.unit))
    return assignment


@bp.route("/")
@allow(*MANAGERS)
def index():
    """The assignments on units the viewer manages, and those made above that cover them."""
    assignments = db.session.scalars(manageable(current_user)).all()
    from_above = [] if sees_all(current_user) else db.session.scalars(inherited(current_user)).all()
    return render_template("assignments/index.html", assignments=assignments, from_above=from_above)


@bp.route("/new", methods=["GET", "POST"])
@allow(*MANAGERS)
def new():
    """Assign a course to a unit subtree, optionally one audience, with a due date."""
    form = _form()
    if form.validate_on_submit() and (values := _values(form)) is not None:
        create_assignment(current_user, **values)
        db.session.commit()
        flash(_("Course assigned."), "success")
        return redirect(url_for("assignments.index"))
    return render_template("assignments/form.html", form=form, assignment=None), 400 if form.errors else 200


@bp.route("/<int:assignment_id>/edit", methods=["GET", "POST"])
@allow(*MANAGERS)
def edit(assignment_id):
    """Change an assignment's course, unit, audience or dates."""
    assignment = _managed(assignment_id)
    form = _form(assignment)
    if form.validate_on_submit() and (values := _values(form)) is not None:
        update_assignment(current_user, assignment, **values)
        db.session.commit()
        flash(_("Assignment saved."), "success")
        return redirect(url_for("assignments.index"))
    return render_template("assignments/form.html", form=form, assignment=assignment), 400 if form.errors else 200


@bp.route("/<int:assignment_id>/active", methods=["POST"])
@allow(*MANAGERS)
def toggle(assignment_id):
    """Deactivate an active assignment, or reactivate a deactivated one."""
    assignment = _managed(assignment_id)
    set_active(current_user, assignment, not assignment.active)
    db.session.commit()
    flash(_("Assignment reactivated.") if assignment.active else _("Assignment deactivated."), "success")
    return redirect(url_for("assignments.index"))
