"""Lockout with back-off, headers, production error pages, sessions ending on password change."""
import re
from datetime import timedelta

import pytest

from app.auth.access import PUBLIC, allow
from app.clock import utcnow
from tests.conftest import PASSWORD, csrf_token, login, post


def _page(response):
    """The page without the echoed email and the fresh CSRF token."""
    return re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))


def test_account_is_paused_after_five_failures_and_answers_like_an_unknown_email(app, learner, db):
    for _ in range(5):
        assert login(app.test_client(), learner.email, "Wrong-pass-1").status_code == 401
    db.session.expire_all()
    assert learner.failed_logins == 5 and learner.locked_until > utcnow()
    locked = login(app.test_client(), learner.email)  # the right password, while paused
    unknown = login(app.test_client(), "nobody@example.org")
    assert locked.status_code == unknown.status_code == 401
    assert _page(locked) == _page(unknown)


def test_pause_doubles_after_it_ends_and_a_success_resets_it(app, learner, db):
    learner.failed_logins, learner.locked_until = 5, utcnow() - timedelta(seconds=1)
    db.session.commit()
    login(app.test_client(), learner.email, "Wrong-pass-1")
    db.session.expire_all()
    assert learner.failed_logins == 6
    assert timedelta(seconds=50) < learner.locked_until - utcnow() <= timedelta(seconds=60)
    learner.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert login(app.test_client(), learner.email).status_code == 302
    db.session.expire_all()
    assert learner.failed_logins == 0 and learner.locked_until is None


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
