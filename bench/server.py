"""Serve the real app under gunicorn on a free loopback port with a prepared database.
Shared by the load benchmark and the fault tests."""
from __future__ import annotations

import contextlib
import importlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlalchemy import insert, select
from werkzeug.security import generate_password_hash

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Bench-pass-1"


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback only)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(url: str, courses_dir: str, learners: int, users: int, units: int = 20, seed: int = 2026) -> list[str]:
    """Migrate, seed the demo, add `learners` background learners (bench.seed when present)
    and `users` learners who log in; returns the emails of the latter (password PASSWORD)."""
    from flask_migrate import upgrade

    from app import create_app
    from app.courses.catalog import catalog
    from app.courses.services import sync_courses
    from app.demo.seed import seed_demo
    from app.extensions import db

    app = create_app("development", SQLALCHEMY_DATABASE_URI=url, COURSES_DIR=courses_dir)
    with app.app_context():
        upgrade()
        generator = _bench_seed()
        if generator is not None and learners:
            # The generator rebuilds the tables on its own connection: ours must be closed.
            db.session.remove()
            db.engine.dispose()
            generator(url, learners, units, seed=seed)
        seed_demo(force=True)
        sync_courses(catalog().all())
        if generator is None and learners:
            bulk_learners("bg", learners)
        emails = bulk_learners("load", users)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return emails


def _bench_seed():
    """bench.seed.generate(database_url, learners, units, seed=...) when another branch ships it."""
    try:
        module = importlib.import_module("bench.seed")
    except ImportError:
        return None
    return getattr(module, "generate", None)


def bulk_learners(prefix: str, count: int) -> list[str]:
    """Insert `count` civil-servant learners in one statement (one password hash for all),
    with the first lesson of the first course done for every other one. Flushes only."""
    from app.auth.models import User
    from app.clock import utcnow
    from app.courses.catalog import catalog
    from app.courses.models import Course, Enrollment, LessonProgress
    from app.extensions import db
    from app.units.models import Unit

    unit_ids = list(db.session.scalars(select(Unit.id).order_by(Unit.id)))
    password_hash = generate_password_hash(PASSWORD)
    emails = [f"{prefix}{i}@bench.example.org" for i in range(count)]
    db.session.execute(insert(User), [
        {"email": e, "full_name": f"Học viên {i}", "password_hash": password_hash, "role": "learner",
         "audience": "civil_servant", "unit_id": unit_ids[i % len(unit_ids)], "active": True,
         "session_token": os.urandom(16).hex()}
        for i, e in enumerate(emails)
    ])
    course = next((c for c in catalog().all() if c.suits("civil_servant") and c.lessons), None)
    if course is None:
        return emails
    row = db.session.scalar(select(Course).filter_by(slug=course.slug))
    ids = list(db.session.scalars(select(User.id).where(User.email.in_(emails[::2]))))
    now = utcnow()
    lesson = course.lessons[0].id
    if ids:
        db.session.execute(insert(Enrollment), [
            {"user_id": u, "course_id": row.id, "started_at": now, "last_activity_at": now,
             "last_lesson_id": lesson, "lessons_done": 1} for u in ids])
        db.session.execute(insert(LessonProgress), [
            {"user_id": u, "course_id": row.id, "lesson_id": lesson, "content_hash": course.content_hash,
             "first_viewed_at": now, "completed_at": now} for u in ids])
    db.session.flush()
    return emails


def gunicorn_env(database_url: str, courses_dir: str) -> dict[str, str]:
    """The environment of a production-like server on a throwaway database."""
    env = dict(os.environ)
    env.update({"APP_ENV": "development", "DATABASE_URL": database_url, "COURSES_DIR": courses_dir,
                "SECRET_KEY": "bench-secret-key-0123456789", "LOGIN_RATE_LIMIT": "100000 per minute",
                "COURSES_RELOAD_INTERVAL": "5"})
    return env


@contextlib.contextmanager
def gunicorn(database_url: str, courses_dir: str, workers: int = 2, log_path: str | None = None,
             app: str = "wsgi:app", env: dict[str, str] | None = None, ready_path: str = "/healthz"):
    """Run `gunicorn -w N <app>` on a free loopback port until `ready_path` answers; yields
    (port, master process)."""
    port = free_port()
    log = open(log_path or os.devnull, "ab")
    master = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--backlog", "2048", "--graceful-timeout", "5", "--no-control-socket", app],
        cwd=ROOT, env={**gunicorn_env(database_url, courses_dir), **(env or {})}, stdout=log, stderr=log)
    try:
        wait_until_up(port, master, path=ready_path)
        yield port, master
    finally:
        stop(master)
        log.close()


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, and SIGKILL after 15 s; reaped either way."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60, path: str = "/healthz") -> None:
    """Poll `path` until it answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {path} in time")


def worker_pids(master_pid: int) -> list[int]:
    """The pids of the master's worker processes, read from /proc."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master_pid:
            pids.append(int(entry.name))
    return sorted(pids)


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
