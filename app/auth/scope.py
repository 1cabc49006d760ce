"""What part of the unit tree a person may see and manage.

An admin sees the whole tree; a unit manager sees their own unit's subtree; nobody else
sees any of it. Every page, export and API that shows units or their people asks here.
"""
from __future__ import annotations

from sqlalchemy import select, true

from app.auth.models import Role, User
from app.units.models import Unit


def sees_all(viewer: User) -> bool:
    return viewer.role == Role.ADMIN.value


def can_see_unit(viewer: User, unit: Unit) -> bool:
    """Whether `viewer` may see figures and people of `unit`."""
    if sees_all(viewer):
        return True
    return viewer.role == Role.MANAGER.value and viewer.unit.contains(unit)


def can_see_user(viewer: User, user: User) -> bool:
    """Whether `viewer` may see or change the account of `user`."""
    return can_see_unit(viewer, user.unit)


def unit_scope_filter(viewer: User):
    """A SQL condition on Unit for the units `viewer` may see (none for learners/trainers)."""
    if sees_all(viewer):
        return true()
    if viewer.role == Role.MANAGER.value:
        return viewer.unit.subtree_filter()
    return Unit.id.is_(None)


def user_scope_filter(viewer: User):
    """A SQL condition on User for the accounts `viewer` may see."""
    return User.unit_id.in_(select(Unit.id).where(unit_scope_filter(viewer)))


def scope_root(viewer: User) -> Unit | None:
    """The top unit of what `viewer` sees: their own unit for a manager, None for 'all'."""
    return None if sees_all(viewer) else viewer.unit
