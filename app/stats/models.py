"""Summary rows behind the statistics, kept up to date in the same transaction as the rows
they count (see counters.py), so that a province page adds up a few thousand rows instead
of looking up every learner's enrollments.

Every row counts the active learner accounts of one unit and one audience ("" for none).
`joined_after` splits them by join date for the rule "a learner who joined after the due
date is not overdue": EVERYONE (0001-01-01) counts every learner, and each due date D of an
assignment gets rows counting only the learners who joined after D.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

#: The `joined_after` of the rows that count every learner.
EVERYONE = date(1, 1, 1)


class StatsLearnerCount(db.Model):
    """How many active learners a unit has, of one audience, who joined after a date."""

    __tablename__ = "stats_learner_counts"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    audience: Mapped[str] = mapped_column(String(32), primary_key=True)
    joined_after: Mapped[date] = mapped_column(Date, primary_key=True)
    learners: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<StatsLearnerCount {self.unit_id} {self.audience} >{self.joined_after}: {self.learners}>"


class StatsCourseCount(db.Model):
    """The enrollments of those learners in one course: started, completed, passed, scores."""

    __tablename__ = "stats_course_counts"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    audience: Mapped[str] = mapped_column(String(32), primary_key=True)
    joined_after: Mapped[date] = mapped_column(Date, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), primary_key=True)
    #: Enrollments (a learner who opened the course has started it).
    started: Mapped[int] = mapped_column(default=0)
    completed: Mapped[int] = mapped_column(default=0)
    passed: Mapped[int] = mapped_column(default=0)
    #: Sum and number of best final-quiz scores, for the average.
    score_sum: Mapped[float] = mapped_column(default=0.0)
    score_count: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<StatsCourseCount {self.unit_id} {self.audience} {self.course_id}: {self.started}>"


class StatsMonthCount(db.Model):
    """Completions of one course by those learners in one month ('YYYY-MM'), for the trend."""

    __tablename__ = "stats_month_counts"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    audience: Mapped[str] = mapped_column(String(32), primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    completed: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<StatsMonthCount {self.unit_id} {self.audience} {self.course_id} {self.month}: {self.completed}>"
