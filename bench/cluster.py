"""Several app servers, one database, one queue, job consumers: what a scaled-out site runs,
on loopback. Shared by the two-server proof (tests/integration/test_two_servers.py) and the
certificate batch benchmark (bench.certificates_batch)."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, make_url, select
from werkzeug.security import generate_password_hash

from bench.server import PASSWORD, ROOT, free_port, stop

CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@contextlib.contextmanager
def redis_server():
    """A throwaway redis-server on a free loopback port, nothing written to disk; yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import redis

        client = redis.Redis(port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("redis-server did not start")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        stop(process)


@contextlib.contextmanager
def fresh_postgres_database(server_url: str, name: str):
    """A new empty database on the PostgreSQL server of `server_url`, dropped afterwards."""
    import psycopg

    url = make_url(server_url)
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(database_url: str, courses_dir: str, certificates: int = 0) -> dict[str, str]:
    """Migrate, record the courses, and add an admin, a trainer who maintains the courses, a
    learner, a second learner (reader), a unit W1 and `certificates` issued certificates; returns the emails by role
    (password PASSWORD)."""
    from flask_migrate import upgrade

    from app import create_app
    from app.auth.accounts import create_user
    from app.courses.catalog import catalog
    from app.courses.services import sync_courses
    from app.extensions import db
    from app.units.services import create_unit

    app = create_app("development", SQLALCHEMY_DATABASE_URI=database_url, COURSES_DIR=courses_dir)
    emails = {"admin": "admin@example.org", "trainer": "trainer@example.org", "learner": "learner@example.org",
              "reader": "reader@example.org"}
    with app.app_context():
        upgrade()
        sync_courses(catalog().all())
        root = create_unit("ROOT", "Thành phố Thử nghiệm", "province", None)
        create_unit("W1", "Phường Một", "ward", root)
        for who, email in emails.items():
            role = "learner" if who == "reader" else who
            create_user(email, f"Người {who}", role, root, "civil_servant" if role == "learner" else None, PASSWORD)
        bulk_certificates(root.id, certificates)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return emails


def bulk_certificates(unit_id: int, count: int) -> None:
    """`count` learners, each with a certificate of the first course that issues one (flushes only)."""
    from app.auth.models import User
    from app.certificates.models import Certificate
    from app.certificates.services import new_code
    from app.clock import utcnow
    from app.courses.catalog import catalog
    from app.courses.models import Course
    from app.extensions import db

    if not count:
        return
    course = next(c for c in catalog().all() if c.certificate)
    row = db.session.scalar(select(Course).filter_by(slug=course.slug))
    password_hash = generate_password_hash(PASSWORD)
    db.session.execute(insert(User), [
        {"email": f"holder{i}@bench.example.org", "full_name": f"Học viên Số {i}", "password_hash": password_hash,
         "role": "learner", "audience": "civil_servant", "unit_id": unit_id, "active": True,
         "session_token": os.urandom(16).hex()} for i in range(count)])
    holders = db.session.scalars(select(User.id).where(User.email.like("holder%@bench.example.org")).order_by(User.id))
    now = utcnow()
    db.session.execute(insert(Certificate), [
        {"serial": f"IA-{now.year}-B{i:06d}", "code": new_code(), "user_id": user_id, "course_id": row.id,
         "issued_at": now, "score": 90.0, "content_hash": course.content_hash, "course_title": course.title,
         "unit_name": "Thành phố Thử nghiệm", "issuer": "Integrity Academy", "status": "valid"}
        for i, user_id in enumerate(holders)])
    db.session.flush()


def cluster_env(database_url: str, courses_dir: str, shared_dir: str, jobs_url: str, limits_url: str,
                **extra: str) -> dict[str, str]:
    """What every app server and consumer of one site is given: the same database, courses,
    shared directory, queue, limiter storage and secret key."""
    return {"APP_ENV": "development", "DATABASE_URL": database_url, "COURSES_DIR": courses_dir,
            "SHARED_DIR": shared_dir, "JOBS_URL": jobs_url, "RATELIMIT_STORAGE_URI": limits_url,
            "SECRET_KEY": "cluster-secret-key-0123456789",
            "CERTIFICATE_KEY_PATH": str(Path(shared_dir) / "certificate-signing-key.pem"),
            "LOGIN_RATE_LIMIT": "100000 per minute", **extra}


@contextlib.contextmanager
def consumer(env: dict[str, str], log_path: str | None = None):
    """`flask jobs worker` with `env`; yields its process, stopped (SIGTERM) afterwards unless dead."""
    log = open(log_path or os.devnull, "ab")
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker"],
                               cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log)
    try:
        yield process
    finally:
        stop(process)
        log.close()


def peak_rss_mb(pid: int) -> float:
    """The highest resident memory the process has had, in MB (VmHWM from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Tab:
    """One browser tab on one server (requests' session): cookies, the last CSRF token, no
    redirects followed. `on(other_port)` is the same person on another server."""

    def __init__(self, port: int, session=None):
        import requests

        self.port = port
        self.http = session or requests.Session()
        self.csrf = ""

    def on(self, port: int) -> "Tab":
        other = Tab(port)
        other.http.cookies.update(self.http.cookies)
        other.csrf = self.csrf
        return other

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str):
        response = self.http.get(self.url(path), allow_redirects=False, timeout=60)
        match = CSRF_INPUT.search(response.text) if "html" in response.headers.get("Content-Type", "") else None
        if match:
            self.csrf = match.group(1)
        return response

    def post(self, path: str, form: dict | None = None, files=None):
        if not self.csrf:
            self.get("/auth/login")
        return self.http.post(self.url(path), data={"csrf_token": self.csrf, **(form or {})}, files=files,
                              allow_redirects=False, timeout=60)

    def log_in(self, email: str, password: str = PASSWORD):
        self.get("/auth/login")
        return self.post("/auth/login", {"email": email, "password": password})


def copy_courses(source: Path, target_parent: str) -> str:
    target = Path(target_parent) / "courses"
    shutil.copytree(source, target)
    return str(target)


def scratch(prefix: str) -> str:
    return tempfile.mkdtemp(prefix=prefix)
