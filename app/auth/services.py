"""Account look-ups and changes that do not belong to a request."""
from __future__ import annotations

from functools import cache

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.auth import throttle
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


def authenticate(email: str, password: str, address: str | None, storage, lockout=None) -> User | None:
    """The active user with this email and password, or None — the same way for every failure.

    Failures pause this email from this client `address` only (app/auth/throttle.py), so a
    stranger cannot lock the owner out. A paused pair answers exactly like a wrong password,
    after the same hash work, and unknown emails are counted and paused the same way, so
    neither a pause nor an account's existence shows in the answer or its timing.
    """
    key = throttle.pair_key(email, address)
    user = find_user(email)
    paused = throttle.is_paused(storage, key)
    if user is None or paused:
        User(password_hash=_dummy_hash()).check_password(password)
        ok = False
    else:
        ok = user.check_password(password) and user.active
    if not ok:
        if not paused:
            throttle.record_failure(storage, key, lockout or throttle.Lockout())
        return None
    throttle.record_success(storage, key)
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
