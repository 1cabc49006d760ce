"""Read-only look-ups about courses and a learner's progress."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import and_, bindparam, select

from app.auth.models import User
from app.courses.loader import Course
from app.courses.models import Course as CourseRow
from app.courses.models import Enrollment, LessonProgress
from app.extensions import db


@dataclass
class CourseProgress:
    """A learner's standing in one course, for lists and progress bars."""

    course: Course
    enrollment: Enrollment | None
    done: set[str]

    @property
    def percent(self) -> int:
        total = len(self.course.lessons)
        if not total:
            return 0
        return round(100 * len(self.done & {lesson.id for lesson in self.course.lessons}) / total)

    @property
    def started(self) -> bool:
        return self.enrollment is not None

    @property
    def completed(self) -> bool:
        return self.enrollment is not None and self.enrollment.completed_at is not None

    @property
    def next_lesson_id(self) -> str | None:
        """Where to continue: the first lesson not done, else the last one opened."""
        for lesson in self.course.lessons:
            if lesson.id not in self.done:
                return lesson.id
        if self.enrollment and self.enrollment.last_lesson_id:
            return self.enrollment.last_lesson_id
        return self.course.lessons[0].id if self.course.lessons else None


def progress_for(user_id: int, courses: list[Course]) -> dict[str, CourseProgress]:
    """Progress in each course, in two queries whatever the number of courses."""
    slugs = [c.slug for c in courses]
    rows = db.session.execute(
        select(CourseRow.slug, Enrollment)
        .join(Enrollment, Enrollment.course_id == CourseRow.id)
        .where(Enrollment.user_id == user_id, CourseRow.slug.in_(slugs))
    ).all()
    enrollments = {slug: enrollment for slug, enrollment in rows}
    done_rows = db.session.execute(
        select(CourseRow.slug, LessonProgress.lesson_id)
        .join(LessonProgress, LessonProgress.course_id == CourseRow.id)
        .where(LessonProgress.user_id == user_id, CourseRow.slug.in_(slugs),
               LessonProgress.completed_at.is_not(None))
    ).all()
    done: dict[str, set[str]] = {}
    for slug, lesson_id in done_rows:
        done.setdefault(slug, set()).add(lesson_id)
    return {c.slug: CourseProgress(c, enrollments.get(c.slug), done.get(c.slug, set())) for c in courses}


@dataclass
class Standing:
    """A learner and their standing in one course, as the lesson page reads them: one query."""

    active: bool
    session_token: str
    role: str
    audience: str | None
    enrolled: bool
    last_activity_at: datetime | None
    #: lesson id → when it was marked done (None: opened, not done)
    opened: dict[str, datetime | None] = field(default_factory=dict)

    @property
    def done(self) -> set[str]:
        return {lesson_id for lesson_id, completed_at in self.opened.items() if completed_at is not None}


@cache
def _standing_query():
    """Built once: SQLAlchemy then finds the statement compiled in its cache on every view."""
    return (
        select(User.active, User.session_token, User.role, User.audience, Enrollment.id,
               Enrollment.last_activity_at, LessonProgress.lesson_id, LessonProgress.completed_at)
        .select_from(User)
        .outerjoin(Enrollment, and_(Enrollment.user_id == User.id, Enrollment.course_id == bindparam("course_id")))
        .outerjoin(LessonProgress, and_(LessonProgress.user_id == User.id,
                                        LessonProgress.course_id == bindparam("course_id")))
        .where(User.id == bindparam("user_id"))
    )


def standing(conn, user_id: int, course_id: int) -> Standing | None:
    """The learner's account and progress in a course; None if there is no such user. Core rows
    on `conn`, not ORM objects: the lesson page reads this on every view."""
    rows = conn.execute(_standing_query(), {"user_id": user_id, "course_id": course_id}).all()
    if not rows:
        return None
    first = rows[0]
    return Standing(first.active, first.session_token, first.role, first.audience, first.id is not None,
                    first.last_activity_at,
                    {row.lesson_id: row.completed_at for row in rows if row.lesson_id is not None})
