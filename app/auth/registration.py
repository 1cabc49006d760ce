"""Self-registration for the public courses: a person without an account makes one.

Off unless SELF_REGISTRATION_UNIT names a unit and mail can be sent, because every account
belongs to a unit (the statistics count it there) and an address nobody confirmed must never
become a login. What it can create is fixed: a learner with audience `other`, inactive until
the link mailed to the address is used. Nothing it answers tells whether an address already
has an account.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.auth.accounts import create_user
from app.auth.models import AccountToken, Audience, Role, TokenPurpose, User
from app.auth.services import find_user
from app.auth.tokens import issue_token, valid_token
from app.clock import utcnow
from app.extensions import db
from app.units.models import Unit


def registration_unit(code: str) -> Unit | None:
    """The unit self-registered accounts join, or None (registration is closed)."""
    if not code:
        return None
    return db.session.scalar(select(Unit).filter_by(code=code))


def _awaiting_confirmation(user: User) -> bool:
    """An account made here whose link was never used: re-registering may replace it, so a
    stranger who typed someone's address first cannot keep its owner out."""
    if user.active or user.last_login_at is not None:
        return False
    return db.session.scalar(select(AccountToken.id).filter_by(
        user_id=user.id, purpose=TokenPurpose.CONFIRM.value).limit(1)) is not None


def register(email: str, full_name: str, password: str, unit: Unit, lifetime: timedelta) -> tuple[User, str] | None:
    """A new inactive learner and the secret of its confirmation link, or None when the address
    already has an account (the caller answers the same either way). Raises AccountError for
    bad fields. Flushes, never commits."""
    existing = find_user(email)
    if existing is not None:
        if not _awaiting_confirmation(existing):
            return None
        existing.full_name = full_name.strip()
        existing.set_password(password)
        return existing, issue_token(existing, TokenPurpose.CONFIRM, lifetime)
    user = create_user(email, full_name, Role.LEARNER.value, unit, Audience.OTHER.value, password)
    user.active = False
    return user, issue_token(user, TokenPurpose.CONFIRM, lifetime)


def pending_confirmation(secret: str) -> AccountToken | None:
    """The unused, unexpired confirmation token for `secret` of an account still waiting."""
    return valid_token(secret, TokenPurpose.CONFIRM, user_active=False)


def confirm(token: AccountToken) -> User:
    """Open the account and spend the link. Flushes."""
    token.user.active = True
    token.used_at = utcnow()
    db.session.flush()
    return token.user
