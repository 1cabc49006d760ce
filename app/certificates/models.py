"""Certificates issued on course completion, and their lifecycle (valid / revoked)."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.courses.models import Course
from app.extensions import db


class CertificateStatus(str, enum.Enum):
    """Whether a certificate still stands."""

    VALID = "valid"
    REVOKED = "revoked"


class Certificate(db.Model):
    """One learner's certificate for one course: issued once, never duplicated by re-taking."""

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Human serial, "IA-<year>-<id, 6 digits>": derived from the id, so concurrent issues never clash.
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    #: Unguessable public code (secrets.token_urlsafe, 160 bits) used in /verify/<code>.
    code: Mapped[str] = mapped_column(String(64), unique=True)
    #: Not indexed alone: the (user_id, course_id) unique index serves look-ups by holder.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    issued_at: Mapped[datetime] = mapped_column(index=True)
    #: Best final-quiz score in percent at completion; None for a course without a quiz.
    score: Mapped[float | None]
    #: The course's content version the learner completed.
    content_hash: Mapped[str] = mapped_column(String(64))
    #: The git commit of COURSES_DIR at completion, when it was a checkout.
    git_commit: Mapped[str | None] = mapped_column(String(40))
    #: Copies taken at issue: the certificate keeps saying what was true that day.
    course_title: Mapped[str] = mapped_column(String(255))
    unit_name: Mapped[str] = mapped_column(String(255), default="")
    issuer: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(16), default=CertificateStatus.VALID.value, index=True)
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoke_reason: Mapped[str | None] = mapped_column(String(500))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    course: Mapped[Course] = relationship()
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])

    def __repr__(self) -> str:
        return f"<Certificate {self.serial} {self.status}>"

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID.value
