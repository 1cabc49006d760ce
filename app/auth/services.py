"""Account look-ups and changes that do not belong to a request."""
from __future__ import annotations

from datetime import timedelta
from functools import cache

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.auth.models import User
from app.clock import utcnow
from app.extensions import db


@cache
def _dummy_hash() -> str:
    """A real hash to check against when the email is unknown, so both failures cost the same."""
    return generate_password_hash("not-a-password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).filter_by(email=normalise_email(email)))


def lock_delay(failures: int, after: int, base_seconds: int, max_seconds: int) -> timedelta | None:
    """How long an account pauses after `failures` failed logins in a row: doubling, capped."""
    if failures < after:
        return None
    return timedelta(seconds=min(max_seconds, base_seconds * 2 ** min(failures - after, 20)))


def authenticate(email: str, password: str, lockout: dict | None = None) -> User | None:
    """The active user with this email and password, or None — the same way for every failure.

    A paused (locked) account answers exactly like a wrong password, after the same hash
    work, so neither the lock nor the account's existence shows in the response. Changes
    the failure counters (flushes; the caller commits).
    """
    user = find_user(email)
    now = utcnow()
    if user is None or (user.locked_until is not None and user.locked_until > now):
        User(password_hash=_dummy_hash()).check_password(password)
        return None
    if not user.check_password(password) or not user.active:
        user.failed_logins = (user.failed_logins or 0) + 1
        delay = lock_delay(user.failed_logins, **(lockout or {"after": 5, "base_seconds": 30, "max_seconds": 3600}))
        if delay is not None:
            user.locked_until = now + delay
        db.session.flush()
        return None
    user.failed_logins, user.locked_until = 0, None
    return user


def split_login_token(token: str) -> tuple[int, str] | None:
    """The user id and session token in Flask-Login's `_user_id` (`<id>:<session token>`)."""
    user_id, _, session_token = token.partition(":")
    return (int(user_id), session_token) if user_id.isdigit() else None


def load_user(token: str) -> User | None:
    """Flask-Login loader: `<id>:<session token>`; a rotated token ends the session."""
    login = split_login_token(token)
    if login is None:
        return None
    user = db.session.get(User, login[0])
    if user is None or not user.active or user.session_token != login[1]:
        return None
    return user
