"""Account look-ups and changes that do not belong to a request."""
from __future__ import annotations

from functools import cache

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.auth.models import User
from app.extensions import db

@cache
def _dummy_hash() -> str:
    """A real hash to check against when the email is unknown, so both failures cost the same."""
    return generate_password_hash("not-a-password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).filter_by(email=normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None — the same way for every failure."""
    user = find_user(email)
    if user is None:
        User(password_hash=_dummy_hash()).check_password(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def load_user(token: str) -> User | None:
    """Flask-Login loader: `<id>:<session token>`; a rotated token ends the session."""
    user_id, _, session_token = token.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != session_token:
        return None
    return user
