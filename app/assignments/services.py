"""Creating, changing and deactivating assignments; every change is audited. Flush only."""
from __future__ import annotations

from datetime import date

from app.assignments.models import Assignment
from app.audit.services import record, snapshot
from app.clock import utcnow
from app.extensions import db

FIELDS = ["course_id", "unit_id", "audience", "starts_on", "due_on", "active"]


class AssignmentError(ValueError):
    """Values an assignment cannot have; `field` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _check(starts_on: date, due_on: date) -> None:
    if due_on < starts_on:
        raise AssignmentError("due_on", "the due date is before the start date")


def create_assignment(actor, course_id: int, unit_id: int, audience: str | None, starts_on: date,
                      due_on: date) -> Assignment:
    """Assign a course to a unit subtree (and audience)."""
    _check(starts_on, due_on)
    assignment = Assignment(course_id=course_id, unit_id=unit_id, audience=audience or None, starts_on=starts_on,
                            due_on=due_on, created_by_id=getattr(actor, "id", None), created_at=utcnow(), active=True)
    db.session.add(assignment)
    db.session.flush()
    record(actor, "assignment.create", "assignment", assignment.id, None, snapshot(assignment, FIELDS))
    return assignment


def update_assignment(actor, assignment: Assignment, **values) -> Assignment:
    """Change an assignment's course, unit, audience or dates."""
    before = snapshot(assignment, FIELDS)
    for name, value in values.items():
        setattr(assignment, name, value or None if name == "audience" else value)
    _check(assignment.starts_on, assignment.due_on)
    db.session.flush()
    record(actor, "assignment.update", "assignment", assignment.id, before, snapshot(assignment, FIELDS))
    return assignment


def set_active(actor, assignment: Assignment, active: bool) -> Assignment:
    """Deactivate (or reactivate) an assignment: it stays on record but covers nobody."""
    before = snapshot(assignment, FIELDS)
    assignment.active = active
    db.session.flush()
    record(actor, "assignment.activate" if active else "assignment.deactivate", "assignment",
           assignment.id, before, snapshot(assignment, FIELDS))
    return assignment
