"""A synthetic province for benchmarks: units, learners, courses, assignments, progress.

    python -m bench.seed --learners 100000 --units 1000 [--database-url URL] [--seed 7]

Writes with SQLAlchemy Core executemany in chunks (not the ORM one object at a time), so
100,000 learners and ~2,000,000 progress rows take a couple of minutes on SQLite; on
PostgreSQL rows go in by COPY.
The database is emptied first. Every account's password is `Bench-pass-1`.
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, event, insert
from sqlalchemy.engine import make_url
from werkzeug.security import generate_password_hash

PASSWORD = "Bench-pass-1"
ADMIN_EMAIL = "admin@bench.example"
CHUNK = 20_000
LESSONS_PER_COURSE = 8
#: (slug, title, audiences): synthetic courses; only their rows matter to statistics.
COURSES = [
    ("integrity-annual", "Liêm chính công vụ hằng năm", "civil_servant public_employee"),
    ("public-ethics", "Đạo đức công vụ", "civil_servant public_employee"),
    ("anti-corruption-law", "Luật Phòng, chống tham nhũng", "civil_servant public_employee"),
    ("school-integrity", "Trung thực trong học tập", "secondary_student"),
    ("student-integrity", "Liêm chính học thuật", "higher_ed_student"),
    ("integrity-for-all", "Liêm chính cho mọi người", "all"),
]
#: Two tiers of local government since 1 July 2025: the province, then its wards and communes
#: (a province has ~100–170). Their kinds, with the audience of their own staff:
LOCAL_KINDS = [("ward", "Phường", "civil_servant"), ("commune", "Xã", "civil_servant")]
#: Units under a ward or commune, with the audience of their learners and a weight.
LEAF_KINDS = [
    ("secondary_school", "Trường THCS", "secondary_student", 35),
    ("high_school", "Trường THPT", "secondary_student", 20),
    ("agency", "Trạm Y tế", "public_employee", 20),
    ("agency", "Cơ quan", "civil_servant", 25),
]
DEPARTMENTS = ["Sở Nội vụ", "Sở Tài chính", "Thanh tra tỉnh", "Sở Giáo dục và Đào tạo", "Sở Y tế",
               "Sở Xây dựng", "Trường Chính trị tỉnh", "Trường Đại học tỉnh", "Trường Cao đẳng nghề tỉnh"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Minh", "Ngọc", "Phương", "Quân", "Thảo"]


def _tables():
    from app import models  # noqa: F401  (registers every table)
    from app.extensions import db

    return db.metadata, db.metadata.tables


def _bulk(conn, table, rows) -> int:
    """Insert `rows` (an iterable of dicts) in chunks; returns the count."""
    if conn.dialect.name == "postgresql":
        return _copy(conn, table, rows)
    count, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            conn.execute(insert(table), chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        conn.execute(insert(table), chunk)
        count += len(chunk)
    return count


def absolute_url(database_url: str) -> str:
    """A SQLite URL with its file as an absolute path: Flask-SQLAlchemy would read a
    relative one against the app's instance folder, plain SQLAlchemy against the current one."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return url.set(database=str(Path(url.database).resolve())).render_as_string(hide_password=False)
    return database_url


def _copy(conn, table, rows) -> int:
    """PostgreSQL's COPY: a million learners' ~15M lesson rows in minutes, not the better
    part of an hour of INSERTs."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    columns, count = list(first), 0
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in itertools.chain([first], rows):
            copy.write_row([row[c] for c in columns])
            count += 1
    return count


def build_units(units: int, rng: random.Random) -> list[dict]:
    """A province → ~126 wards and communes (and its departments) → schools, health stations
    and agencies tree of `units` rows."""
    now = datetime(2024, 1, 1)
    rows = [{"id": 1, "code": "P", "name": "Tỉnh Thử nghiệm", "kind": "province", "parent_id": None,
             "path": "/1/", "depth": 0, "active": True, "created_at": now}]
    locals_ = max(1, min(126, (units - 1) // 8))
    departments = min(len(DEPARTMENTS), max(0, units - 1 - locals_))
    for i in range(locals_):
        uid = len(rows) + 1
        kind, prefix, _ = LOCAL_KINDS[i % 2]
        rows.append({"id": uid, "code": f"P-X{i + 1:03d}", "name": f"{prefix} {i + 1}", "kind": kind,
                     "parent_id": 1, "path": f"/1/{uid}/", "depth": 1, "active": True, "created_at": now})
    for i in range(departments):
        uid = len(rows) + 1
        rows.append({"id": uid, "code": f"P-S{i + 1:02d}", "name": DEPARTMENTS[i], "kind": "department",
                     "parent_id": 1, "path": f"/1/{uid}/", "depth": 1, "active": True, "created_at": now})
    kinds = [k for k in LEAF_KINDS for _ in range(k[3])]
    n = 0
    while len(rows) < units:
        n += 1
        local = rows[1 + rng.randrange(locals_)]
        kind, prefix, audience, _ = rng.choice(kinds)
        uid = len(rows) + 1
        rows.append({"id": uid, "code": f"{local['code']}-{n:04d}", "name": f"{prefix} {n}", "kind": kind,
                     "parent_id": local["id"], "path": f"{local['path']}{uid}/", "depth": 2,
                     "active": True, "created_at": now, "audience": audience})
    return rows


def _audience_of(unit: dict) -> str:
    """Who works or studies there: a leaf says so; wards, communes and departments employ civil servants."""
    return unit.get("audience", "civil_servant")


def generate(database_url: str, learners: int, units: int, seed: int = 7, echo=print) -> dict:
    """Empty the database at `database_url` and fill it with a synthetic province."""
    rng = random.Random(seed)
    metadata, t = _tables()
    engine = create_engine(absolute_url(database_url))
    if engine.dialect.name == "sqlite":
        if engine.url.database and engine.url.database != ":memory:":
            Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        @event.listens_for(engine, "connect")
        def _fast(dbapi_conn, _):  # a benchmark database can be rebuilt: skip durability
            dbapi_conn.execute("PRAGMA synchronous=OFF")
            dbapi_conn.execute("PRAGMA journal_mode=MEMORY")
    started = time.perf_counter()
    metadata.drop_all(engine)
    metadata.create_all(engine)
    today = date.today()
    password = generate_password_hash(PASSWORD)
    unit_rows = build_units(units, rng)
    # Learners in the wards and communes themselves, and in the units under them.
    leaves = [u for u in unit_rows if u["depth"] == 2 or u["kind"] in ("ward", "commune")] or unit_rows
    counts = {}
    with engine.begin() as conn:
        counts["units"] = _bulk(conn, t["units"], ({k: v for k, v in u.items() if k != "audience"} for u in unit_rows))
        course_rows = [{"id": i + 1, "slug": slug, "title": title, "audiences": aud, "current_hash": "0" * 64,
                        "lesson_count": LESSONS_PER_COURSE, "active": True, "synced_at": None}
                       for i, (slug, title, aud) in enumerate(COURSES)]
        _bulk(conn, t["courses"], course_rows)
        staff = [{"id": 1, "email": ADMIN_EMAIL, "full_name": "Quản trị Bench", "password_hash": password,
                  "role": "admin", "audience": None, "unit_id": 1, "active": True, "session_token": "admin-token",
                  "created_at": datetime(2024, 1, 1), "last_login_at": None}]
        for u in unit_rows[1:31]:
            staff.append({"id": len(staff) + 1, "email": f"manager.{u['code'].lower()}@bench.example",
                          "full_name": f"Quản lý {u['name']}", "password_hash": password, "role": "manager",
                          "audience": None, "unit_id": u["id"], "active": True,
                          "session_token": f"m{u['id']}", "created_at": datetime(2024, 1, 1), "last_login_at": None})
        _bulk(conn, t["users"], staff)
        by_audience = {"civil_servant": [1, 2, 3], "public_employee": [1, 2, 3], "secondary_student": [4],
                       "higher_ed_student": [5]}
        # Assignments: the annual course to every civil servant and public employee of the
        # province, the school course to pupils, and per-ward extras that overlap them.
        this_year_due = date(today.year, 12, 31)
        assignments = [
            {"course_id": 1, "unit_id": 1, "audience": None, "starts_on": date(today.year, 1, 1),
             "due_on": this_year_due},
            {"course_id": 4, "unit_id": 1, "audience": "secondary_student", "starts_on": date(today.year, 1, 1),
             "due_on": today - timedelta(days=30)},
        ]
        for u in unit_rows[1:11]:
            assignments.append({"course_id": 2, "unit_id": u["id"], "audience": None,
                                "starts_on": today - timedelta(days=200), "due_on": today - timedelta(days=10)})
        for a in assignments:
            a.update(created_by_id=1, created_at=datetime(today.year, 1, 1), active=True)
        _bulk(conn, t["assignments"], assignments)
        first_id = len(staff) + 1
        people = []
        for i in range(learners):
            unit = rng.choice(leaves)
            audience = _audience_of(unit)
            people.append((first_id + i, unit["id"], audience))
        counts["learners"] = _bulk(conn, t["users"], (
            {"id": uid, "email": f"learner{uid}@bench.example", "full_name": f"{rng.choice(FAMILY)} Văn {rng.choice(GIVEN)}",
             "password_hash": password, "role": "learner", "audience": audience, "unit_id": unit_id,
             "active": rng.random() > 0.02, "session_token": f"t{uid}",
             "created_at": datetime(today.year - 1, 1, 1) + timedelta(days=rng.randrange(700)), "last_login_at": None}
            for uid, unit_id, audience in people))
        echo(f"units and {learners} learners: {time.perf_counter() - started:.1f}s")
        counts["enrollments"] = counts["lesson_progress"] = 0
        # A batch of learners at a time: a million learners' ~15M lesson rows never sit in memory.
        for start in range(0, len(people), CHUNK):
            enrollments, lessons = _progress(people[start:start + CHUNK], by_audience, today, rng)
            counts["enrollments"] += _bulk(conn, t["enrollments"], enrollments)
            counts["lesson_progress"] += _bulk(conn, t["lesson_progress"], lessons)
        echo(f"progress rows: {time.perf_counter() - started:.1f}s")
        # Core inserts bypass the session that keeps the summary rows: count them once here.
        from app.stats.counters import rebuild

        counts.update(rebuild(conn))
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("units", "users", "courses", "assignments", "enrollments", "lesson_progress"):
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _progress(people, by_audience, today: date, rng: random.Random):
    """Enrollment and lesson rows: most learners started their courses, many finished."""
    enrollments: list[dict] = []
    lessons: list[dict] = []
    year_start = datetime(today.year, 1, 1)
    span = max(1, (datetime.combine(today, datetime.min.time()) - year_start).days)
    for uid, _, audience in people:
        courses = by_audience.get(audience, [6]) + [6]
        for course_id in courses:
            if rng.random() > 0.8:
                continue
            begun = year_start + timedelta(days=rng.randrange(span))
            done = LESSONS_PER_COURSE if rng.random() < 0.6 else rng.randrange(1, LESSONS_PER_COURSE)
            score = round(rng.uniform(40, 100), 1) if done == LESSONS_PER_COURSE else None
            finished = begun + timedelta(days=rng.randrange(1, 30)) if done == LESSONS_PER_COURSE else None
            passed = finished if score is not None and score >= 70 else None
            enrollments.append({"user_id": uid, "course_id": course_id, "started_at": begun,
                                "last_activity_at": finished or begun, "last_lesson_id": f"l{done}",
                                "lessons_done": done, "completed_at": passed, "completed_hash": None,
                                "best_score": score, "passed_at": passed})
            for n in range(1, done + 1):
                lessons.append({"user_id": uid, "course_id": course_id, "lesson_id": f"l{n}",
                                "content_hash": "0" * 64, "first_viewed_at": begun, "completed_at": begun})
    return enrollments, lessons


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default="sqlite:///instance/bench.db")
    args = parser.parse_args(argv)
    counts = generate(args.database_url, args.learners, args.units, seed=args.seed)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    print(f"log in as {ADMIN_EMAIL} / {PASSWORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
