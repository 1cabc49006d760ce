"""What the database keeps about courses: their identity, versions and learners' progress.

The Markdown files are the source of truth for content; these rows only record what
learners did, keyed by stable course and lesson ids and the content version they saw.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db


class Course(db.Model):
    """A course known to the database, by the stable id (slug) of its folder."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    #: Space-separated audiences, "all" for everyone (a copy of the front matter, for SQL filters).
    audiences: Mapped[str] = mapped_column(String(255), default="")
    #: Content hash of the version learners currently get.
    current_hash: Mapped[str | None] = mapped_column(String(64))
    lesson_count: Mapped[int] = mapped_column(default=0)
    #: False when the folder is gone from COURSES_DIR; progress rows stay.
    active: Mapped[bool] = mapped_column(default=True)
    synced_at: Mapped[datetime | None]

    versions: Mapped[list[CourseVersion]] = relationship(back_populates="course", order_by="CourseVersion.id")

    def __repr__(self) -> str:
        return f"<Course {self.slug}>"


class CourseVersion(db.Model):
    """One content version (hash of the files) of a course, recorded when first seen."""

    __tablename__ = "course_versions"
    __table_args__ = (UniqueConstraint("course_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    #: The git commit of COURSES_DIR when it is a checkout, for certificates and history.
    git_commit: Mapped[str | None] = mapped_column(String(40))
    #: Lesson ids in order, space-separated.
    lesson_ids: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())

    course: Mapped[Course] = relationship(back_populates="versions")

    def __repr__(self) -> str:
        return f"<CourseVersion {self.course_id} {self.content_hash[:10]}>"


class Enrollment(db.Model):
    """A learner's summary row for one course: kept in step with lesson progress so that
    statistics count rows of this table instead of scanning every lesson."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("user_id", "course_id"),
        Index("ix_enrollments_course_user", "course_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    last_activity_at: Mapped[datetime | None]
    #: The lesson to continue from.
    last_lesson_id: Mapped[str | None] = mapped_column(String(64))
    lessons_done: Mapped[int] = mapped_column(default=0)
    #: Set once every lesson is done (and the final quiz passed, when the course has one).
    completed_at: Mapped[datetime | None] = mapped_column(index=True)
    #: Content hash of the version completed.
    completed_hash: Mapped[str | None] = mapped_column(String(64))
    #: Best final-quiz score in percent, None until a graded attempt.
    best_score: Mapped[float | None]
    passed_at: Mapped[datetime | None]

    course: Mapped[Course] = relationship()

    def __repr__(self) -> str:
        return f"<Enrollment user={self.user_id} course={self.course_id}>"


class LessonProgress(db.Model):
    """That a learner opened, and maybe finished, a lesson, and against which version."""

    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("user_id", "course_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    #: The stable lesson id from the Markdown file.
    lesson_id: Mapped[str] = mapped_column(String(64))
    #: Content hash of the course when the lesson was last viewed or marked done.
    content_hash: Mapped[str] = mapped_column(String(64))
    first_viewed_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    completed_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<LessonProgress user={self.user_id} {self.lesson_id}>"
