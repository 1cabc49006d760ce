"""Read-only look-ups of assignments: who they cover, which a viewer may manage."""
from __future__ import annotations

from sqlalchemy import or_, select

from app.assignments.models import Assignment
from app.auth.models import Role, User
from app.courses.models import Course
from app.extensions import db
from app.units.models import Unit
from app.auth.scope import unit_scope_filter


def ancestor_paths(path: str) -> list[str]:
    """"/1/5/23/" → ["/1/", "/1/5/", "/1/5/23/"]: the paths of a unit and its ancestors."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def covering(user: User):
    """Active assignments covering `user` (a learner): on their unit or an ancestor, their audience."""
    if user.role != Role.LEARNER.value or not user.active:
        return []
    rows = db.session.execute(
        select(Assignment, Course.slug)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Course, Course.id == Assignment.course_id)
        .where(Assignment.active.is_(True), Unit.path.in_(ancestor_paths(user.unit.path)),
               or_(Assignment.audience.is_(None), Assignment.audience == user.audience))
        .order_by(Assignment.due_on)
    ).all()
    return rows


def assigned_slugs(user) -> frozenset[str]:
    """Slugs of the courses assigned to `user` (empty for staff, who open every course anyway)."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.LEARNER.value:
        return frozenset()
    return frozenset(slug for _, slug in covering(user))


def assigned_for_dashboard(user: User) -> dict[str, Assignment]:
    """slug → the assignment with the earliest due date, for the learner's dashboard."""
    result: dict[str, Assignment] = {}
    for assignment, slug in covering(user):
        result.setdefault(slug, assignment)
    return result


def manageable(viewer: User):
    """A select of the assignments `viewer` may see and change: on units in their scope."""
    return (select(Assignment).join(Unit, Unit.id == Assignment.unit_id)
            .where(unit_scope_filter(viewer)).order_by(Assignment.active.desc(), Assignment.due_on.desc(), Assignment.id))


def inherited(viewer: User):
    """A select of the active assignments made above the viewer's unit, which cover it too
    (a manager sees them, but may not change them); none for an admin, who sees every one."""
    ancestors = ancestor_paths(viewer.unit.path)[:-1] if viewer.unit is not None else []
    return (select(Assignment).join(Unit, Unit.id == Assignment.unit_id)
            .where(Assignment.active.is_(True), Unit.path.in_(ancestors)).order_by(Assignment.due_on.desc(), Assignment.id))
