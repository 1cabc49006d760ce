"""Review rounds (đợt kiểm điểm) and each person's review in a round.

A round covers people by rule (unit subtree, audience), like an assignment: a review row
exists only once the person opens their draft, so joining the unit later needs no extra rows.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.clock import utcnow
from app.extensions import db
from app.units.models import Unit


class ReviewStatus(str, enum.Enum):
    """draft → submitted → (returned → submitted …) → signed_off (locked)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    SIGNED_OFF = "signed_off"


class ReviewRound(db.Model):
    """A form to be written by the people of a unit subtree (one audience) for one period."""

    __tablename__ = "review_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The form's folder name under REVIEWS_DIR.
    form_slug: Mapped[str] = mapped_column(String(64))
    #: The root of the subtree the round covers.
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    audience: Mapped[str] = mapped_column(String(32))
    #: "2026", "2026-H1" or "2026-Q3".
    period: Mapped[str] = mapped_column(String(16))
    due_on: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())

    unit: Mapped[Unit] = relationship()

    def __repr__(self) -> str:
        return f"<ReviewRound {self.form_slug} {self.period} unit={self.unit_id}>"


class Review(db.Model):
    """One person's self-review in a round, and the unit's verdict on it."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("review_rounds.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=ReviewStatus.DRAFT.value)
    #: item id → {"rating", "account", "evidence"} (prompts: {"text"}), as the person wrote it.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: criterion id → {"rating", "opinion"}: the collective's view, written by a reviewer.
    verdict: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The collective's overall opinion and rating (a label of the form's scale).
    opinion: Mapped[str | None] = mapped_column(Text)
    overall_rating: Mapped[str | None] = mapped_column(String(64))
    #: Why the review was last returned for revision.
    return_comment: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    submitted_at: Mapped[datetime | None]
    signed_off_at: Mapped[datetime | None]
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    round: Mapped[ReviewRound] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    signed_off_by: Mapped[User | None] = relationship(foreign_keys=[signed_off_by_id])

    def __repr__(self) -> str:
        return f"<Review round={self.round_id} user={self.user_id} {self.status}>"


class Commendation(db.Model):
    """An exemplary person or unit proposed for commendation in a round, with the reason."""

    __tablename__ = "review_commendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("review_rounds.id"), index=True)
    #: Exactly one of user_id / unit_id is set.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    unit: Mapped[Unit | None] = relationship()


# The counts group a round's reviews by status and rating without reading the rows.
Index("ix_reviews_counts", Review.round_id, Review.status, Review.overall_rating, Review.user_id)
