"""One-time links to set a password (first login, reset). Only a hash of the secret is stored."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import insert, select, update

from app.auth.models import AccountToken, TokenPurpose, User
from app.clock import utcnow
from app.extensions import db


def _digest(secret: str) -> str:
    # The secret is 32 random bytes, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(user: User, purpose: TokenPurpose, lifetime: timedelta) -> str:
    """A new secret for `user`; earlier unused links of the user stop working. Flushes."""
    return issue_tokens([user.id], purpose, lifetime)[user.id]


def issue_tokens(user_ids: list[int], purpose: TokenPurpose, lifetime: timedelta) -> dict[int, str]:
    """New secrets for many accounts at once (a printed batch); earlier unused links stop working."""
    if not user_ids:
        return {}
    now = utcnow()
    for start in range(0, len(user_ids), 5000):
        db.session.execute(
            update(AccountToken)
            .where(AccountToken.user_id.in_(user_ids[start:start + 5000]), AccountToken.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
    secrets_by_user = {user_id: secrets.token_urlsafe(32) for user_id in user_ids}
    db.session.execute(insert(AccountToken), [
        {"user_id": user_id, "purpose": purpose.value, "token_hash": _digest(secret), "created_at": now,
         "expires_at": now + lifetime} for user_id, secret in secrets_by_user.items()])
    db.session.flush()
    return secrets_by_user


def valid_token(secret: str, purpose: TokenPurpose, user_active: bool = True) -> AccountToken | None:
    """The unused, unexpired token of `purpose` matching `secret`, whose user is active (or, for
    confirming a self-registered address, still inactive: `user_active=False`)."""
    if not secret or len(secret) > 100:
        return None
    token = db.session.scalar(select(AccountToken).filter_by(token_hash=_digest(secret), purpose=purpose.value))
    if token is None or token.used_at is not None or token.expires_at <= utcnow() or token.user.active != user_active:
        return None
    return token


def use_token(token: AccountToken, password: str) -> User:
    """Set the user's password from a valid token and spend the token. Flushes."""
    user = token.user
    user.set_password(password)
    token.used_at = utcnow()
    db.session.flush()
    return user


def mail_key(purpose: TokenPurpose, secret: str) -> str:
    """The outbox's dedupe key for the mail carrying this link (app/mail/outbox.py): one mail per token."""
    return f"{purpose.value}:{_digest(secret)}"
