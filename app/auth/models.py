"""Accounts: who a person is, where they belong and what they may do."""
from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from app.clock import utcnow
from app.collation import SORT_KEY_LENGTH, sort_key
from app.extensions import db
from app.units.models import Unit


class Role(str, enum.Enum):
    """What a person may do on the site."""

    LEARNER = "learner"
    TRAINER = "trainer"
    MANAGER = "manager"
    ADMIN = "admin"


class Audience(str, enum.Enum):
    """Which kind of learner a person is; decides which courses suit them."""

    CIVIL_SERVANT = "civil_servant"
    PUBLIC_EMPLOYEE = "public_employee"
    SECONDARY_STUDENT = "secondary_student"
    HIGHER_ED_STUDENT = "higher_ed_student"
    OTHER = "other"


def _new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    """A person with an account. Emails are stored lower-cased and are unique."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    #: Vietnamese collation key of `full_name` (app/collation.py); lists ORDER BY it.
    name_key: Mapped[str] = mapped_column(String(SORT_KEY_LENGTH), index=True, default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.LEARNER.value, index=True)
    audience: Mapped[str | None] = mapped_column(String(32), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    #: Part of the login cookie; changing it (password change, deactivation) ends every session.
    session_token: Mapped[str] = mapped_column(String(64), default=_new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    last_login_at: Mapped[datetime | None]

    unit: Mapped[Unit] = relationship()

    @validates("full_name")
    def _keep_name_key(self, _field: str, value: str) -> str:
        self.name_key = sort_key(value)
        return value

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"

    # Flask-Login keys the session on this, so rotating the token logs out everywhere.
    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    def set_password(self, password: str) -> None:
        """Hash and store a new password, and end the sessions opened with the old one."""
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def end_sessions(self) -> None:
        """Every login cookie issued so far (this browser's and copies of it) stops working:
        both the full path and the lesson page compare it with this token."""
        self.session_token = _new_session_token()

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def has_role(self, *roles: Role | str) -> bool:
        return self.role in {r.value if isinstance(r, Role) else r for r in roles}

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value


class TokenPurpose(str, enum.Enum):
    """Why a one-time link was issued: first login of an imported account, a password reset, or
    confirming a self-registered address."""

    ACTIVATION = "activation"
    RESET = "reset"
    #: A self-registered account's address: the account opens when the link is used.
    CONFIRM = "confirm"


class AccountToken(db.Model):
    """A one-time link to set a password. Only a SHA-256 of the secret is stored."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    expires_at: Mapped[datetime]
    #: Set when the link is used or replaced by a newer one; a used token never works again.
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<AccountToken {self.purpose} user={self.user_id}>"
