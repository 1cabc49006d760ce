"""Lockout with back-off, headers, production error pages, sessions ending on password change."""
import re
import time

import pytest

from app.auth.access import PUBLIC, allow
from app.auth import throttle
from app.extensions import limiter
from tests.support.client import PASSWORD, login, post


def _page(response):
    """The page without the echoed email and the fresh CSRF token."""
    return re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))


ATTACKER, OWNER = {"REMOTE_ADDR": "203.0.113.66"}, {"REMOTE_ADDR": "198.51.100.7"}


def _client(app, address):
    client = app.test_client()
    client.environ_base.update(address)
    return client


def test_a_stranger_cannot_lock_the_owner_out_with_wrong_passwords(app, learner):
    for _ in range(6):
        assert login(_client(app, ATTACKER), learner.email, "Wrong-pass-1").status_code == 401
    assert login(_client(app, OWNER), learner.email).status_code == 302


def test_a_paused_pair_answers_like_an_unknown_email(app, learner):
    for _ in range(5):
        assert login(_client(app, ATTACKER), learner.email, "Wrong-pass-1").status_code == 401
    locked = login(_client(app, ATTACKER), learner.email)  # the right password, while paused
    unknown = login(_client(app, ATTACKER), "nobody@example.org")
    assert locked.status_code == unknown.status_code == 401
    assert _page(locked) == _page(unknown)


def test_unknown_emails_are_paused_like_known_ones(app):
    """No enumeration: what the storage holds after failures is the same whether the account exists."""
    for _ in range(5):
        login(_client(app, ATTACKER), "nobody@example.org", "Wrong-pass-1")
    assert throttle.is_paused(throttle.counters(app), throttle.pair_key("nobody@example.org", ATTACKER["REMOTE_ADDR"]))


def test_pause_doubles_after_it_ends_and_a_success_resets_it(app, learner):
    key = throttle.pair_key(learner.email, ATTACKER["REMOTE_ADDR"])
    storage = throttle.counters(app)
    for _ in range(5):
        login(_client(app, ATTACKER), learner.email, "Wrong-pass-1")
    assert 25 < storage.get_expiry(key + "/pause") - time.time() <= 30
    storage.clear(key + "/pause")  # the pause has run out
    login(_client(app, ATTACKER), learner.email, "Wrong-pass-1")
    assert 55 < storage.get_expiry(key + "/pause") - time.time() <= 60
    storage.clear(key + "/pause")
    assert login(_client(app, ATTACKER), learner.email).status_code == 302
    assert storage.get(key + "/failures") == 0 and not throttle.is_paused(storage, key)


def test_eleventh_failed_login_from_one_address_is_refused_even_for_unknown_emails(client):
    for n in range(10):
        assert login(client, f"nobody{n}@example.org", "Wrong-pass-1").status_code == 401
    assert login(client, "nobody@example.org", "Wrong-pass-1").status_code == 429


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(app, learner):
    this, other = app.test_client(), app.test_client()
    login(this, learner.email)
    login(other, learner.email)
    response = post(this, "/auth/password", {"current": PASSWORD, "password": "New-secret-2", "confirm": "New-secret-2"})
    assert response.status_code == 302
    assert this.get("/auth/profile").status_code == 200
    assert other.get("/auth/profile").status_code == 302


def test_password_change_needs_the_current_password_and_a_strong_new_one(app, learner_client, learner):
    learner_client.get("/lang/en")
    wrong = post(learner_client, "/auth/password", {"current": "nope-nope-1", "password": "New-secret-2", "confirm": "New-secret-2"})
    weak = post(learner_client, "/auth/password", {"current": PASSWORD, "password": "short", "confirm": "short"})
    letters = post(learner_client, "/auth/password", {"current": PASSWORD, "password": "onlyletters", "confirm": "onlyletters"})
    assert wrong.status_code == weak.status_code == letters.status_code == 200
    assert "current password is wrong" in wrong.get_data(as_text=True)
    assert login(app.test_client(), learner.email).status_code == 302


def test_security_headers_include_framing_and_permissions(client):
    headers = client.get("/").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "object-src 'none'" in headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in headers  # only when served over HTTPS


@pytest.fixture
def production_app(monkeypatch, tmp_path):
    from app import create_app
    from app.extensions import db

    monkeypatch.setenv("SECRET_KEY", "p" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://localhost")
    app = create_app("production", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'prod.db'}",
                     COURSES_DIR=str(tmp_path), UPLOAD_DIR=str(tmp_path / "uploads"), PUBLIC_BASE_URL="https://localhost")

    @allow(PUBLIC)
    def explode():
        raise RuntimeError("secret internals: password=hunter2")

    app.add_url_rule("/explode", "explode", explode)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


def test_production_500_page_leaks_no_stack_trace(production_app):
    assert not production_app.config.get("PROPAGATE_EXCEPTIONS")
    response = production_app.test_client().get("/explode")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in html and "hunter2" not in html and "RuntimeError" not in html
    assert "Nothing was saved" in html or "Đã" in html or "500" in html


def test_production_sends_hsts_and_secure_cookies(production_app):
    client = production_app.test_client()
    response = client.get("/auth/login", base_url="https://localhost")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert "Secure" in response.headers.get("Set-Cookie", "")


def test_logging_in_works_and_still_pauses_with_the_route_limits_switched_off(tmp_path, courses_dir):
    """RATELIMIT_ENABLED=False (a benchmark, a load test) leaves Flask-Limiter without storage:
    the login pause keeps its own, so logging in neither fails with a 500 nor loses the pause."""
    from app import create_app
    from app.auth.accounts import create_user
    from app.extensions import db
    from app.units.models import Unit
    from tests.support.database import database_url

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url(tmp_path), COURSES_DIR=str(courses_dir),
                     RATELIMIT_ENABLED=False)
    try:
        with app.app_context():
            db.create_all()
            unit = Unit(code="R", name="R", kind="province", path="/", depth=0)
            db.session.add(unit)
            db.session.flush()
            create_user("owner@example.org", "Chủ Tài Khoản", "learner", unit, "civil_servant", "Dung-mat-khau-7")
            db.session.commit()
        assert login(app.test_client(), "owner@example.org", "Dung-mat-khau-7").status_code == 302
        for _ in range(5):
            login(_client(app, ATTACKER), "owner@example.org", "Wrong-pass-1")
        assert login(_client(app, ATTACKER), "owner@example.org", "Dung-mat-khau-7").status_code == 401
    finally:
        limiter.enabled = True  # Flask-Limiter keeps the switch on its one global object
        with app.app_context():
            db.session.remove()
            db.drop_all()
