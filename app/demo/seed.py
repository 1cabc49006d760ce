"""Builds the demo data set with the same services the site uses."""
from __future__ import annotations

import random

from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from app.assignments.models import Assignment
from app.assignments.services import create_assignment

from app.auth.accounts import create_user
from app.auth.models import User
from app.courses.catalog import catalog
from app.clock import today
from app.courses.services import course_row, mark_lesson_done, record_final_quiz_result, record_lesson_view, sync_courses
from app.demo.data import ACCOUNTS, CROWD, DEMO_DOMAIN, DEMO_PASSWORD, FAMILY, GIVEN, MAIN_COURSE, MIDDLE, UNITS
from app.extensions import db
from app.units.models import Unit
from app.units.services import create_unit


def seed_demo(force: bool = False, rng: random.Random | None = None) -> dict | None:
    """Seed into an empty database (or, with force, add what is missing). Flushes only."""
    if not force and db.session.scalar(select(func.count(User.id))):
        return None
    rng = rng or random.Random(2026)
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    for code, name, kind, parent in UNITS:
        if code not in units:
            units[code] = create_unit(code, name, kind, units.get(parent))
    emails = set(db.session.scalars(select(User.email)))
    people = []
    for local, name, role, unit, audience in ACCOUNTS:
        email = f"{local}@{DEMO_DOMAIN}"
        if email not in emails:
            people.append(create_user(email, name, role, units[unit], audience, DEMO_PASSWORD))
    for unit_code, (count, audience) in CROWD.items():
        for i in range(1, count + 1):
            email = f"{unit_code.lower()}.{i}@{DEMO_DOMAIN}"
            if email in emails:
                continue
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            people.append(create_user(email, name, "learner", units[unit_code], audience, DEMO_PASSWORD))
    joined = datetime.combine(season_start(today()), datetime.min.time())
    for person in people:  # the demo city's staff have been on the books since the season began
        person.created_at = joined
    db.session.flush()
    cat = catalog()
    cat.refresh(force=True)
    sync_courses(cat.all())
    done = _progress(people, cat.all(), rng)
    done += _progress_elsewhere(people, cat.all(), random.Random(2027))
    done += _certified_learner(cat.all())
    assigned = _assignments(cat.all(), units["HN"]) if not db.session.scalar(select(func.count(Assignment.id))) else 0
    db.session.flush()
    return {"units": len(units), "users": len(people), "progress": done, "assignments": assigned}


def written_for(courses, audience: str | None) -> list:
    """The courses written for `audience` (not those open to all), its main course first."""
    mine = [c for c in courses if audience in c.audiences]
    return sorted(mine, key=lambda c: c.slug != MAIN_COURSE.get(audience))


def _crowd(people: list[User]) -> list[User]:
    """The generated learners (the named demo learners keep the state the README describes)."""
    return [u for u in people if u.role == "learner" and not u.email.startswith(("hocvien@", "hocsinh@", "sinhvien@"))]


def _progress(people: list[User], courses, rng: random.Random) -> int:
    """Some learners part-way through their main course, some finished, some not started."""
    done = 0
    for user in _crowd(people):
        course = next(iter(written_for(courses, user.audience)), None)
        if course is None or rng.random() < 0.25:
            continue
        done += _some_of(user, course, rng)
    return done


def _progress_elsewhere(people: list[User], courses, rng: random.Random) -> int:
    """About half of them also started another course written for them, and a few read the
    course open to everyone, so every course has figures in the statistics."""
    done = 0
    for user in _crowd(people):
        others = written_for(courses, user.audience)[1:] + [c for c in courses if c.open_to_all]
        for course in others:
            if rng.random() < (0.15 if course.open_to_all else 0.5):
                done += _some_of(user, course, rng)
    return done


def _some_of(user: User, course, rng: random.Random) -> int:
    """Lessons done from the start (a random number), then the next one opened, or the final
    quiz taken when all are done. Returns the lessons marked done."""
    upto = rng.randint(1, len(course.lessons))
    for lesson in course.lessons[:upto]:
        mark_lesson_done(user.id, course, lesson.id)
    if upto < len(course.lessons):
        record_lesson_view(user.id, course, course.lessons[upto].id)
    elif course.final_source is not None:
        score = float(rng.randint(45, 100))
        record_final_quiz_result(user.id, course, score, score >= course.pass_mark)
    return upto


def season_start(this_day: date) -> date:
    """When the demo's training year began: 1 January, or 90 days back early in a year, so that
    a course that fell due a fortnight ago started before it, whatever the day `demo seed` runs."""
    return min(date(this_day.year, 1, 1), this_day - timedelta(days=90))


def _assignments(courses, root: Unit) -> int:
    """The year's integrity courses, assigned city-wide to the audiences they are written for
    (the course open to everyone needs none); the civil servants' main course fell due a
    fortnight ago, so the overdue list has names."""
    admin = db.session.scalar(select(User).filter_by(email=f"admin@{DEMO_DOMAIN}"))
    this_day = today()
    count = 0
    main = next(iter(written_for(courses, "civil_servant")), None)
    for course in courses:
        row = course_row(course)
        overdue = course is main
        due = this_day - timedelta(days=14) if overdue else this_day + timedelta(days=60)
        for audience in (a for a in course.audiences if a != "all"):
            create_assignment(admin, row.id, root.id, audience, season_start(this_day), due)
            count += 1
    return count


def _certified_learner(courses) -> int:
    """The demo civil servant has finished her course and holds its certificate."""
    user = db.session.scalar(select(User).filter_by(email=f"hocvien@{DEMO_DOMAIN}"))
    suitable = written_for(courses, "civil_servant")
    course = next((c for c in suitable if c.certificate), suitable[0] if suitable else None)
    if user is None or course is None:
        return 0
    # The quiz result first, so that a course without a final quiz still carries the score
    # when its last lesson completes it; with a quiz, the order makes no difference.
    record_final_quiz_result(user.id, course, 90.0, True)
    for lesson in course.lessons:
        mark_lesson_done(user.id, course, lesson.id)
    return len(course.lessons)
