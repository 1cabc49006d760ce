"""State changes for courses and progress. They flush; the request (or CLI command) commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.courses import loader
from app.courses.completion import is_complete
from app.courses.models import Course, CourseVersion, Enrollment, LessonProgress
from app.courses.queries import CourseProgress
from app.courses.signals import course_completed
from app.clock import utcnow
from app.extensions import db

#: How precisely "last activity" is kept; finer would mean a write on every page view.
ACTIVITY_RESOLUTION = timedelta(minutes=5)


def record_course(course: loader.Course, git_commit: str | None = None) -> Course:
    """Create or update the row of a loaded course and record its content version."""
    row = db.session.scalar(select(Course).filter_by(slug=course.slug))
    if row is None:
        row = Course(slug=course.slug)
        db.session.add(row)
    row.title = course.title
    row.audiences = " ".join(course.audiences)
    row.current_hash = course.content_hash
    row.lesson_count = len(course.lessons)
    row.active = True
    row.synced_at = utcnow()
    db.session.flush()
    exists = db.session.scalar(
        select(CourseVersion.id).filter_by(course_id=row.id, content_hash=course.content_hash)
    )
    if exists is None:
        db.session.add(CourseVersion(
            course_id=row.id,
            content_hash=course.content_hash,
            git_commit=git_commit,
            lesson_ids=" ".join(lesson.id for lesson in course.lessons),
        ))
        db.session.flush()
    return row


def sync_courses(courses: list[loader.Course], git_commit: str | None = None) -> dict[str, int]:
    """Record every loaded course; mark courses whose folder is gone as inactive."""
    seen = set()
    created = updated = 0
    for course in courses:
        known = db.session.scalar(select(Course.current_hash).filter_by(slug=course.slug))
        record_course(course, git_commit)
        seen.add(course.slug)
        if known is None:
            created += 1
        elif known != course.content_hash:
            updated += 1
    retired = 0
    for row in db.session.scalars(select(Course).where(Course.active.is_(True))):
        if row.slug not in seen:
            row.active = False
            retired += 1
    db.session.flush()
    return {"created": created, "updated": updated, "retired": retired}


def course_row(course: loader.Course) -> Course:
    """The row for a loaded course, recorded on first use if `courses sync` has not run."""
    row = db.session.scalar(select(Course).filter_by(slug=course.slug))
    if row is None or row.current_hash != course.content_hash:
        row = record_course(course)
    return row


def enrollment_for(user_id: int, course_row_: Course, create: bool = True) -> Enrollment | None:
    """The learner's summary row for a course, started on first use."""
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=user_id, course_id=course_row_.id))
    if enrollment is None and create:
        enrollment = Enrollment(user_id=user_id, course_id=course_row_.id, started_at=utcnow(), lessons_done=0)
        db.session.add(enrollment)
        db.session.flush()
    return enrollment


@dataclass
class LessonVisit:
    """What opening a lesson leaves: the lesson's progress row and the learner's standing in
    the course (read in the same queries, so the lesson page needs no more)."""

    lesson: LessonProgress
    progress: CourseProgress


def record_lesson_view(user_id: int, course: loader.Course, lesson_id: str) -> LessonVisit:
    """Note that a learner opened a lesson: starts the course and sets where to continue."""
    row = course_row(course)
    enrollment = enrollment_for(user_id, row)
    now = utcnow()
    rows = {p.lesson_id: p for p in db.session.scalars(
        select(LessonProgress).filter_by(user_id=user_id, course_id=row.id))}
    progress = rows.get(lesson_id)
    first_view = progress is None
    if first_view:
        progress = LessonProgress(user_id=user_id, course_id=row.id, lesson_id=lesson_id,
                                  content_hash=course.content_hash, first_viewed_at=now)
        db.session.add(progress)
    # Going back to a lesson already opened writes nothing for ACTIVITY_RESOLUTION, so paging
    # through a course stays read-only under load; "where to continue" follows new lessons.
    if first_view or _stale(enrollment.last_activity_at, now):
        enrollment.last_lesson_id = lesson_id
        enrollment.last_activity_at = now
    db.session.flush()
    done = {p.lesson_id for p in rows.values() if p.completed_at is not None}
    return LessonVisit(progress, CourseProgress(course, enrollment, done))


def _stale(moment: datetime | None, now: datetime) -> bool:
    return moment is None or now - moment > ACTIVITY_RESOLUTION


def done_lesson_ids(user_id: int, course_id: int) -> set[str]:
    """Ids of the lessons the learner has marked done in a course."""
    return set(db.session.scalars(
        select(LessonProgress.lesson_id).where(
            LessonProgress.user_id == user_id,
            LessonProgress.course_id == course_id,
            LessonProgress.completed_at.is_not(None),
        )
    ))


def mark_lesson_done(user_id: int, course: loader.Course, lesson_id: str) -> Enrollment:
    """Mark a lesson done against the current content version, then check completion."""
    progress = record_lesson_view(user_id, course, lesson_id).lesson
    if progress.completed_at is None:
        progress.completed_at = utcnow()
    progress.content_hash = course.content_hash
    db.session.flush()
    row = course_row(course)
    enrollment = enrollment_for(user_id, row)
    refresh_enrollment(enrollment, course)
    return enrollment


def refresh_enrollment(enrollment: Enrollment, course: loader.Course) -> Enrollment:
    """Recount done lessons and set completion once the course's rules are met.

    Completion is recorded once: later edits to the course do not undo it.
    """
    lesson_ids = [lesson.id for lesson in course.lessons]
    done = done_lesson_ids(enrollment.user_id, enrollment.course_id) & set(lesson_ids)
    enrollment.lessons_done = len(done)
    if enrollment.completed_at is None and is_complete(
        done, lesson_ids, course.completion, course.final_source is not None, enrollment.passed_at is not None
    ):
        enrollment.completed_at = utcnow()
        enrollment.completed_hash = course.content_hash
        db.session.flush()
        course_completed.send(course, enrollment=enrollment)
    db.session.flush()
    return enrollment


def record_final_quiz_result(user_id: int, course: loader.Course, score: float, passed: bool) -> Enrollment:
    """Note a graded final-quiz result (score in percent) and complete the course if due."""
    enrollment = enrollment_for(user_id, course_row(course))
    if enrollment.best_score is None or score > enrollment.best_score:
        enrollment.best_score = score
    if passed and enrollment.passed_at is None:
        enrollment.passed_at = utcnow()
    enrollment.last_activity_at = utcnow()
    return refresh_enrollment(enrollment, course)
