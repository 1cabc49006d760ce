"""Shared fixtures: a fresh app and database per test, factories, logged-in clients. The helpers
tests call directly live in tests/support/."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.auth.accounts import create_user
from app.extensions import db as _db
from app.units.models import Unit
from app.units.services import create_unit
from tests.support import FIXTURES
from tests.support.client import PASSWORD, OwnContextClient, login
from tests.support.database import database_url

TRANSLATIONS = Path(__file__).parent.parent / "app" / "translations"


def pytest_configure(config):
    """Every app the tests make (the fixture's, and those a test makes itself) gets the client
    whose requests run in contexts of their own (tests/support/client.py).

    TEST_CLOCK=2026-12-31T23:30+07:00 runs the whole suite at that moment, the clock ticking on
    from there (CI runs it at the turn of the year): no test may depend on today's date."""
    Flask.test_client_class = OwnContextClient
    moment = os.environ.get("TEST_CLOCK")
    if moment:
        import time_machine

        config._test_clock = time_machine.travel(moment, tick=True)
        config._test_clock.start()


def pytest_unconfigure(config):
    Flask.test_client_class = None
    clock = getattr(config, "_test_clock", None)
    if clock is not None:
        clock.stop()


def pytest_report_header(config):
    if os.environ.get("TEST_CLOCK"):
        return f"fake clock: the suite runs at {os.environ['TEST_CLOCK']} (TEST_CLOCK)"
    return None


def pytest_sessionstart(session):
    """Compile the message catalogues if `make` has not (pytest run directly)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as src:
                catalog = read_po(src)
            with mo.open("wb") as out:
                write_mo(out, catalog)


@pytest.fixture
def courses_dir(tmp_path) -> Path:
    """A writable copy of the test courses."""
    target = tmp_path / "courses"
    shutil.copytree(FIXTURES / "courses", target)
    return target


@pytest.fixture
def app(tmp_path, courses_dir):
    """A fresh app and database. The test holds an app context for its setup (the factories below),
    its own checks and its teardown; the test client's requests never share it: each pushes its own
    context, with its own `g` and database session (OwnContextClient, see pytest_configure)."""
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url(tmp_path), COURSES_DIR=str(courses_dir),
                     CERTIFICATE_KEY_PATH=str(tmp_path / "instance" / "certificate-signing-key.pem"),
                     UPLOAD_DIR=str(tmp_path / "uploads"), SHARED_DIR=str(tmp_path / "shared"))
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_unit(db):
    """make_unit(code, parent=None, kind=..., name=...) → a flushed Unit."""
    def factory(code: str, parent: Unit | None = None, kind: str = "ward", name: str | None = None) -> Unit:
        return create_unit(code, name or f"Unit {code}", kind, parent)
    return factory


@pytest.fixture
def root_unit(make_unit):
    return make_unit("ROOT", kind="province", name="Thành phố Thử nghiệm")


@pytest.fixture
def make_user(db, root_unit):
    """make_user(email=..., role=..., unit=..., audience=...) → a committed User."""
    counter = {"n": 0}

    def factory(email: str | None = None, role: str = "learner", unit: Unit | None = None,
                audience: str | None = "civil_servant", name: str = "Nguyễn Văn Thử", password: str = PASSWORD):
        counter["n"] += 1
        email = email or f"user{counter['n']}@example.org"
        if role != "learner" and audience == "civil_servant":
            audience = None
        user = create_user(email, name, role, unit or root_unit, audience, password)
        db.session.commit()
        return user
    return factory


@pytest.fixture
def smtp(app):
    """A local SMTP server the app's mail goes to (tests/support/smtp.py)."""
    from tests.support.smtp import serve_smtp

    yield from serve_smtp(app)


@pytest.fixture
def learner(make_user):
    return make_user("learner@example.org", audience="civil_servant", name="Nguyễn Thị Hồng Nhung")


@pytest.fixture
def learner_client(client, learner):
    login(client, learner.email)
    return client


@pytest.fixture
def english(app):
    """Pages in English for tests that read the interface's words (Vietnamese is the default)."""
    app.config["BABEL_DEFAULT_LOCALE"] = "en"
