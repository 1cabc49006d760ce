"""Quiz attempts: what a learner was asked, answered and scored, fixed on the server."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

FINAL = "final"


class AttemptStatus(str, enum.Enum):
    """Lifecycle of an attempt: only in_progress accepts answers; the others are graded."""

    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    #: Time ran out: graded as of the deadline with the answers saved before it.
    EXPIRED = "expired"


class QuizAttempt(db.Model):
    """One attempt at a course's final quiz or a lesson's practice quiz.

    The unique number per (user, course, quiz) stops two tabs from opening two attempts at
    once; submitting is a compare-and-set on `status`, so a double submit grades once.
    """

    __tablename__ = "quiz_attempts"
    __table_args__ = (
        UniqueConstraint("user_id", "course_id", "quiz_key", "number"),
        Index("ix_quiz_attempts_course_quiz_status", "course_id", "quiz_key", "status"),
        CheckConstraint("status IN (%s)" % ", ".join(f"'{s.value}'" for s in AttemptStatus), name="status"),
        CheckConstraint("number >= 1", name="number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    #: "final" for the course's graded quiz, else the id of the lesson holding the practice quiz.
    quiz_key: Mapped[str] = mapped_column(String(64))
    #: Content hash of the quiz the attempt was started against.
    content_hash: Mapped[str] = mapped_column(String(64))
    #: 1, 2, … per learner and quiz.
    number: Mapped[int]
    #: An AttemptStatus value.
    status: Mapped[str] = mapped_column(String(16), default=AttemptStatus.IN_PROGRESS.value)
    #: The drawn questions and their option order, fixed at start: [{"q": id, "o": [keys]}].
    drawn: Mapped[list] = mapped_column(JSON)
    #: Saved answers: {question id: {"v": answer, "t": ISO time saved}}.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Fraction earned per question once graded: {question id: 0..1}.
    results: Mapped[dict | None] = mapped_column(JSON)
    started_at: Mapped[datetime]
    #: None when the quiz has no time limit.
    deadline: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    score: Mapped[float | None]
    points: Mapped[float | None]
    possible: Mapped[float | None]
    passed: Mapped[bool | None]

    def __repr__(self) -> str:
        return f"<QuizAttempt {self.id} user={self.user_id} {self.quiz_key} #{self.number} {self.status}>"

    @property
    def graded(self) -> bool:
        return self.status != AttemptStatus.IN_PROGRESS

    @property
    def question_ids(self) -> list[str]:
        return [str(d.get("q")) for d in self.drawn or []]
