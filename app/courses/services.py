"""State changes for courses and progress. They flush; the request (or CLI command) commits."""
from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache

from flask import current_app
from sqlalchemy import DateTime, bindparam, select, text, update

from app.courses import loader
from app.courses.completion import is_complete
from app.courses.models import Course, CourseVersion, Enrollment, LessonProgress
from app.courses.queries import Standing, standing
from app.courses.signals import course_completed
from app.clock import utcnow
from app.db_setup import note_written
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
        return record_course(course)
    if not db.session.info.get("wrote"):  # else the row may be this transaction's, not yet committed
        known_course_ids(current_app)[(course.slug, course.content_hash)] = row.id
    return row


def known_course_ids(app) -> dict[tuple[str, str], int]:
    """(slug, content hash) → id of the course's row, as this worker has found it committed
    (rows are never deleted)."""
    return app.extensions.setdefault("course_ids", {})


def course_id_of(course: loader.Course) -> int:
    """The id of a loaded course's row, without a query once this worker knows it."""
    known = known_course_ids(current_app).get((course.slug, course.content_hash))
    return known if known is not None else course_row(course).id


def enrollment_for(user_id: int, course_id: int, create: bool = True) -> Enrollment | None:
    """The learner's summary row for a course, started on first use."""
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=user_id, course_id=course_id))
    if enrollment is None and create:
        enrollment = Enrollment(user_id=user_id, course_id=course_id, started_at=utcnow(), lessons_done=0)
        db.session.add(enrollment)
        db.session.flush()
    return enrollment


def record_lesson_view(user_id: int, course: loader.Course, lesson_id: str, course_id: int | None = None) -> Standing:
    """Note that a learner opened a lesson: starts the course and sets where to continue.
    Returns the learner's standing after the visit. Starting the course goes through the ORM
    (the statistics counters follow enrollments); the visit itself is `record_visit`."""
    course_id = course_id if course_id is not None else course_id_of(course)
    facts = standing(db.session.connection(), user_id, course_id)
    if not facts.enrolled:
        enrollment_for(user_id, course_id)
        facts.enrolled = True
    if record_visit(db.session.connection(), facts, user_id, course, lesson_id, course_id):
        note_written(db.session)
    return facts


def record_visit(conn, facts: Standing, user_id: int, course: loader.Course, lesson_id: str, course_id: int) -> bool:
    """The visit of an enrolled learner, in Core statements on `conn` (the lesson page's writes,
    on the learners' busiest path); updates `facts`. True if it wrote."""
    now = utcnow()
    opened = lesson_id in facts.opened
    if not visit_writes(opened, facts.last_activity_at, now):
        return False
    new_lesson, where_next = _visit_statements()
    values = {"p_user": user_id, "p_course": course_id, "p_lesson": lesson_id, "p_now": now,
              "p_hash": course.content_hash}
    if not opened:
        conn.execute(new_lesson, values)
        facts.opened[lesson_id] = None
    conn.execute(where_next, values)
    facts.last_activity_at = now
    return True


@cache
def _visit_statements():
    """The lesson's row (once: a double click on a new lesson records it once) and where to
    continue; built once, so SQLAlchemy finds them compiled on every visit (an ON CONFLICT
    construct is compiled anew each time, hence the text, the same on SQLite and PostgreSQL)."""
    new_lesson = text(
        "INSERT INTO lesson_progress (user_id, course_id, lesson_id, content_hash, first_viewed_at) "
        "VALUES (:p_user, :p_course, :p_lesson, :p_hash, :p_now) ON CONFLICT DO NOTHING"
    ).bindparams(bindparam("p_now", type_=DateTime()))
    where_next = (update(Enrollment)
                  .where(Enrollment.user_id == bindparam("p_user"), Enrollment.course_id == bindparam("p_course"))
                  .values(last_lesson_id=bindparam("p_lesson"), last_activity_at=bindparam("p_now")))
    return new_lesson, where_next


def visit_writes(opened_before: bool, last_activity_at: datetime | None, now: datetime) -> bool:
    """Whether opening a lesson writes. Going back to a lesson already opened writes nothing for
    ACTIVITY_RESOLUTION, so paging through a course stays read-only under load; "where to
    continue" follows new lessons."""
    return not opened_before or last_activity_at is None or now - last_activity_at > ACTIVITY_RESOLUTION


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
    row = course_row(course)
    record_lesson_view(user_id, course, lesson_id, row.id)
    progress = db.session.scalar(select(LessonProgress).filter_by(user_id=user_id, course_id=row.id,
                                                                   lesson_id=lesson_id))
    if progress.completed_at is None:
        progress.completed_at = utcnow()
    progress.content_hash = course.content_hash
    db.session.flush()
    enrollment = enrollment_for(user_id, row.id)
    refresh_enrollment(enrollment, course)
    return enrollment


def refresh_enrollment(enrollment: Enrollment, course: loader.Course) -> Enrollment:
    """Recount done lessons and set completion once the course's rules are met.

    Completion is recorded once: later edits to the course do not undo it.
    """
    lesson_ids = [lesson.id for lesson in course.lessons]
    # Lesson rows are flushed by now; the enrollment's own changes wait for the one flush below,
    # so the statistics counters follow them once rather than once per flush.
    with db.session.no_autoflush:
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
    enrollment = enrollment_for(user_id, course_id_of(course))
    if enrollment.best_score is None or score > enrollment.best_score:
        enrollment.best_score = score
    if passed and enrollment.passed_at is None:
        enrollment.passed_at = utcnow()
    enrollment.last_activity_at = utcnow()
    return refresh_enrollment(enrollment, course)
