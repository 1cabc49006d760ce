"""Changes made from the administration pages; each one leaves an audit entry. Flush, never commit."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.audit.services import record, snapshot
from app.auth.accounts import AccountError, check_account, create_user
from app.messages import M
from app.auth.models import TokenPurpose, User
from app.auth.tokens import issue_token
from app.extensions import db
from app.units.models import Unit
from app.units.services import CODE, KINDS, create_unit, move_unit

USER_FIELDS = ["email", "full_name", "role", "audience", "unit_id", "active"]
UNIT_FIELDS = ["code", "name", "kind", "parent_id", "path", "active"]


def add_user(actor: User, email: str, full_name: str, role: str, audience: str | None, unit: Unit) -> User:
    """Create an account without a password (it gets an activation link). Raises AccountError."""
    user = create_user(email, full_name, role, unit, audience or None)
    record(actor, "user.create", "user", user.id, None, snapshot(user, USER_FIELDS))
    return user


def update_user(actor: User, user: User, full_name: str, role: str, audience: str | None, unit: Unit) -> bool:
    """Change an account's name, role, audience and unit. Raises AccountError; False when nothing changed."""
    errors = check_account(user.email, full_name, role, audience or None, None)
    if errors:
        raise errors[0]
    if user.id == actor.id and role != user.role:
        raise AccountError("role", M("you cannot change your own role"))
    before = snapshot(user, USER_FIELDS)
    user.full_name, user.role, user.audience, user.unit_id = full_name.strip(), role, audience or None, unit.id
    return _record_if_changed(actor, "user.update", "user", user.id, before, snapshot(user, USER_FIELDS))


def set_user_active(actor: User, user: User, active: bool) -> None:
    """Deactivate (ending every session) or reactivate an account; data stays."""
    if user.id == actor.id and not active:
        raise AccountError("active", M("you cannot deactivate your own account"))
    before = snapshot(user, USER_FIELDS)
    user.active = active
    if not active:
        user.end_sessions()
    db.session.flush()
    record(actor, "user.reactivate" if active else "user.deactivate", "user", user.id, before, snapshot(user, USER_FIELDS))


def issue_reset_link(actor: User, user: User, lifetime: timedelta) -> str:
    """A one-time secret the admin hands over; the old password keeps working until it is used."""
    secret = issue_token(user, TokenPurpose.RESET, lifetime)
    record(actor, "user.reset_password", "user", user.id, None, {"expires_in_hours": lifetime.total_seconds() // 3600})
    return secret


def add_unit(actor: User, code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    """Create a unit; raises ValueError for a bad or taken code."""
    _check_unit_fields(name, kind)
    if not CODE.match(code):
        raise ValueError("code")
    if db.session.scalar(select(Unit.id).filter_by(code=code)) is not None:
        raise ValueError("taken")
    unit = create_unit(code, name.strip(), kind, parent)
    record(actor, "unit.create", "unit", unit.code, None, snapshot(unit, UNIT_FIELDS))
    return unit


def update_unit(actor: User, unit: Unit, name: str, kind: str) -> bool:
    """Rename a unit or change its kind; False when nothing changed."""
    _check_unit_fields(name, kind)
    before = snapshot(unit, UNIT_FIELDS)
    unit.name, unit.kind = name.strip(), kind
    return _record_if_changed(actor, "unit.update", "unit", unit.code, before, snapshot(unit, UNIT_FIELDS))


def relocate_unit(actor: User, unit: Unit, parent: Unit | None) -> None:
    """Move a unit and its subtree; ValueError when the parent is inside the unit."""
    before = snapshot(unit, UNIT_FIELDS)
    move_unit(unit, parent)
    unit = db.session.get(Unit, unit.id)
    record(actor, "unit.move", "unit", unit.code, before, snapshot(unit, UNIT_FIELDS))


def set_unit_active(actor: User, unit: Unit, active: bool) -> None:
    """Hide a unit from new use (or bring it back); its people and history stay."""
    before = snapshot(unit, UNIT_FIELDS)
    unit.active = active
    db.session.flush()
    record(actor, "unit.reactivate" if active else "unit.deactivate", "unit", unit.code, before, snapshot(unit, UNIT_FIELDS))


def _record_if_changed(actor: User, action: str, target_type: str, target_id, before: dict, after: dict) -> bool:
    """Audit an edit only when it changed something; flushes either way."""
    db.session.flush()
    if after == before:
        return False
    record(actor, action, target_type, target_id, before, after)
    return True


def _check_unit_fields(name: str, kind: str) -> None:
    if not name.strip() or len(name) > 255:
        raise ValueError("name")
    if kind not in KINDS:
        raise ValueError("kind")
