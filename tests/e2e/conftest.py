"""Browser tests: the real app on a real server, driven by Debian's chromium through Playwright.

One live server per session (werkzeug in a thread, on a free loopback port) over a migrated
database with the demo data: a SQLite file, or its own schema on TEST_DATABASE_URL's PostgreSQL.
Without /usr/bin/chromium the tests skip and the summary says so loudly; with CI=true they fail.
"""
from __future__ import annotations

import itertools
import logging
import os
import re
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.support import FIXTURES
from tests.support.client import PASSWORD
from tests.support.browser import (QUIZ_COURSE, answer_the_quiz, assign, finish_the_lessons,
                                   log_in_as, maintainer, new_page, submit_login)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SKIP_MESSAGE = f"E2E BROWSER TESTS SKIPPED: chromium not found at {CHROMIUM}"


def chromium_missing() -> bool:
    return not os.access(CHROMIUM, os.X_OK)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is an e2e test, even if its module forgot the mark."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say loudly that the browser tests did not run, so nobody mistakes a skip for a pass."""
    if chromium_missing() and terminalreporter.stats.get("skipped") and any(
        "chromium not found" in str(r.longrepr) for r in terminalreporter.stats["skipped"]
    ):
        terminalreporter.write_sep("!", SKIP_MESSAGE, red=True, bold=True)
        terminalreporter.write_line("Install it (apt-get install chromium) or run .ci/run, which does.", red=True)


@dataclass
class LiveServer:
    """The running site: its address and the app object (for fixtures that create data)."""

    app: Flask
    url: str
    _counter = itertools.count(1)

    def create_user(self, role: str = "learner", audience: str | None = "civil_servant",
                    unit_code: str = "HN-BD", name: str = "Nguyễn Thị E2E", email: str | None = None) -> str:
        """A fresh account (email returned, password PASSWORD) so that tests share no progress.
        Pass `email` for an account a fixture file names (a course's maintainer); it must not exist yet."""
        from sqlalchemy import select

        from app.auth.accounts import create_user
        from app.extensions import db
        from app.units.models import Unit

        email = email or f"e2e{next(self._counter)}-{uuid.uuid4().hex[:6]}@example.org"
        with self.app.app_context():
            unit = db.session.scalar(select(Unit).filter_by(code=unit_code))
            create_user(email, name, role, unit, audience if role == "learner" else None, PASSWORD)
            db.session.commit()
        return email

    def user_exists(self, email: str) -> bool:
        from sqlalchemy import func, select

        from app.auth.models import User
        from app.extensions import db

        with self.app.app_context():
            found = db.session.scalar(select(User.id).where(func.lower(User.email) == email.lower()))
            db.session.remove()
        return found is not None


def _database(base: Path) -> tuple[str, callable]:
    """A database URL of the session's own, and how to drop it afterwards."""
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        return f"sqlite:///{base / 'e2e.db'}", lambda: None
    schema = f"e2e_{os.getpid()}"
    admin = create_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), drop


def seed_accounts() -> None:
    """The demo's unit tree and named accounts (admin, trainer, manager, learners), without
    the demo crowd: hashing a password per crowd member would cost most of the suite's time."""
    from app.auth.accounts import create_user
    from app.courses.catalog import catalog
    from app.courses.services import sync_courses
    from app.demo.data import ACCOUNTS, DEMO_DOMAIN, DEMO_PASSWORD, UNITS
    from app.units.services import create_unit

    units = {}
    for code, name, kind, parent in UNITS:
        units[code] = create_unit(code, name, kind, units.get(parent))
    for local, name, role, unit, audience in ACCOUNTS:
        create_user(f"{local}@{DEMO_DOMAIN}", name, role, units[unit], audience, DEMO_PASSWORD)
    sync_courses(catalog().all())


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The site, migrated like production (`flask db upgrade`), with the demo units and accounts."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db

    base = tmp_path_factory.mktemp("e2e")
    courses = base / "courses"
    shutil.copytree(FIXTURES / "courses", courses)
    url, drop = _database(base)
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, COURSES_DIR=str(courses),
                     LOGIN_RATE_LIMIT="1000 per minute",  # every test logs in from 127.0.0.1
                     # uploads, job files and the certificate key in the session's folder, not the checkout's instance/
                     UPLOAD_DIR=str(base / "uploads"), CERTIFICATE_KEY_PATH=str(base / "certificate-signing-key.pem"),
                     SHARED_DIR=str(base / "shared"))
    with app.app_context():
        upgrade()
        seed_accounts()
        db.session.commit()
        db.session.remove()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request drowns failures
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{server.server_port}"  # links the browser follows
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(10)
    with app.app_context():
        db.engine.dispose()
    drop()


@pytest.fixture(scope="session")
def browser():
    """Headless chromium; skipped loudly (or failed under CI=true) when it is not installed."""
    if chromium_missing():
        if in_ci():
            pytest.fail(f"CI=true but chromium is missing at {CHROMIUM}: the browser tests must run in CI.")
        pytest.skip(SKIP_MESSAGE)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()



@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) and tab, with base_url set to the live server."""
    page = new_page(browser, live_server)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def learner_state(browser, live_server):
    """Cookies of one learner who logged in once, for read-only page checks (saves a login each)."""
    page = new_page(browser, live_server)
    page.goto("/auth/login")
    page.fill("input[name=email]", live_server.create_user(name="Lê Văn Kiểm Tra"))
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    state = page.context.storage_state()
    page.context.close()
    return state


@pytest.fixture
def shared_learner_page(browser, live_server, learner_state):
    """A fresh tab in the shared learner's session: for tests that change no progress."""
    page = new_page(browser, live_server, learner_state)
    yield page
    page.context.close()


@pytest.fixture
def log_in(page):
    """log_in(email, password=PASSWORD): through the real login form, like a person."""
    def do(email: str, password: str = PASSWORD):
        return submit_login(page, email, password)
    return do


@pytest.fixture
def learner_page(live_server, page, log_in):
    """A page logged in as a fresh civil-servant learner."""
    log_in(live_server.create_user())
    return page




@pytest.fixture(scope="session")
def passed(browser, live_server):
    """A learner of Ba Đình who passed the quizzed course: the result page and a certificate code
    (the course is assigned to Ba Đình, so its manager has a month in the completion chart)."""
    assign(live_server, QUIZ_COURSE, "HN-BD")
    page = log_in_as(browser, live_server, live_server.create_user(name="Hoàng Thị Đạt"))
    finish_the_lessons(page)
    answer_the_quiz(page)
    expect(page.locator(".quiz-score-figure")).to_have_text("100%")
    result = page.url.removeprefix(live_server.url)
    pdf = page.locator("main a[href$='.pdf']").first.get_attribute("href")
    code = pdf.rsplit("/", 1)[1].removesuffix(".pdf")
    state = page.context.storage_state()
    page.context.close()
    return {"result": result, "code": code, "state": state}


@pytest.fixture(scope="session")
def role_states(browser, live_server):
    """Cookies of one account per role (a fresh learner, the quizzed course's maintainer, the demo
    manager of Ba Đình and the demo admin), each logged in once for the session."""
    from app.demo.data import DEMO_DOMAIN, DEMO_PASSWORD

    accounts = {"learner": (live_server.create_user(name="Vũ Văn Xem"), PASSWORD),
                "trainer": (maintainer(live_server), PASSWORD),
                "manager": (f"manager@{DEMO_DOMAIN}", DEMO_PASSWORD), "admin": (f"admin@{DEMO_DOMAIN}", DEMO_PASSWORD)}
    states = {}
    for role, (email, password) in accounts.items():
        page = log_in_as(browser, live_server, email, password)
        states[role] = page.context.storage_state()
        page.context.close()
    return states


@pytest.fixture
def open_as(browser, live_server, role_states):
    """open_as(role, viewport=None, state=None): a fresh tab in that role's session (or `state`'s)."""
    pages = []

    def do(role: str, viewport=None, state=None):
        page = new_page(browser, live_server, state or role_states[role])
        if viewport:
            page.set_viewport_size(viewport)
        pages.append(page)
        return page
    yield do
    for page in pages:
        page.context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed browser test, keep a screenshot and the page's HTML in test-artifacts/."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    from playwright.sync_api import Page

    pages = [v for v in getattr(item, "funcargs", {}).values() if isinstance(v, Page) and not v.is_closed()]
    if not pages:
        return
    page = pages[0]
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)[-150:]
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
        report.sections.append(("e2e artifacts", f"screenshot and HTML saved as test-artifacts/{name}.png/.html"))
    except Exception as exc:  # a crashed page must not hide the test's own failure
        report.sections.append(("e2e artifacts", f"could not save a screenshot: {exc}"))
