"""An assignment covers learners by rule (unit subtree, audience), never by a list of
people: whoever joins the subtree later is covered with no extra rows to keep in step."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.clock import utcnow
from app.courses.models import Course, Enrollment
from app.extensions import db
from app.units.models import Unit


class Assignment(db.Model):
    """A course assigned to the active learners of a unit subtree (optionally one audience)."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    #: The root of the subtree the assignment covers.
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    #: Only learners of this audience; None for every audience.
    audience: Mapped[str | None] = mapped_column(String(32))
    starts_on: Mapped[date]
    due_on: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    #: Deactivated assignments stay for the record but cover nobody.
    active: Mapped[bool] = mapped_column(default=True)

    course: Mapped[Course] = relationship()
    unit: Mapped[Unit] = relationship()
    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Assignment {self.course_id} unit={self.unit_id} due={self.due_on}>"


# Covering indexes for the statistics: the learners of a unit by role/state/audience, and
# an enrollment's figures without a table lookup. Declared here (not in the users/courses
# models) because only the statistics need them.
Index("ix_users_stats", User.unit_id, User.role, User.active, User.audience, User.id, User.created_at)
Index("ix_enrollments_stats", Enrollment.user_id, Enrollment.course_id, Enrollment.completed_at,
      Enrollment.passed_at, Enrollment.best_score)
