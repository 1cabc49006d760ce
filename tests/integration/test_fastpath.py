"""The lesson page's fast path (app/fastpath.py) follows every setting and hook the full path
follows, or stands aside: the full path answers whenever the fast path is not sure."""
import logging
import re
import threading
import time
from pathlib import Path

from flask import request_started

import app.fastpath as fastpath
from app.courses.lesson_page import Bounded
from app.extensions import limiter
from tests.support.client import login
from tests.support.lessons import CONDUCT, page

#: The hooks a lesson view runs today, in order. A new hook, a removed one or another library
#: version fails here: check what app/fastpath.py copies, then update KNOWN_HOOKS / COPIED_FROM.
LESSON_HOOKS = [
    "before_request flask_wtf.csrf.CSRFProtect.init_app.<locals>.csrf_protect",
    "before_request flask_limiter._extension.Limiter._check_request_limit",
    "before_request app.auth.access.enforce_access",
    "after_request flask_limiter._extension.Limiter.__inject_headers",
    "after_request flask_login.login_manager.LoginManager._update_remember_cookie",
    "after_request app.web._security_headers",
    "teardown_request flask_limiter._extension.Limiter.__release_context",
]
COPIED_VERSIONS = {"Flask": "3.1.3", "Flask-Login": "0.6.3", "Flask-WTF": "1.3.0"}
REQUIREMENTS = Path(__file__).parents[2] / "requirements.txt"


def served_fast(app, client) -> bool:
    """A lesson view was answered by the fast path: the app behind it was not called."""
    server, called = app.wsgi_app, []
    inner = server.wsgi_app

    def full_path(environ, start_response):
        called.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    server.wsgi_app = full_path
    try:
        assert client.get(CONDUCT).status_code == 200
    finally:
        server.wsgi_app = inner
    return not called


def warm(client):
    page(client)  # records the course's row and renders the shell
    page(client)


def test_the_hooks_and_library_versions_the_fast_path_knows_are_the_apps(app):
    assert [fastpath.hook_name(kind, hook) for kind, hook in fastpath.lesson_hooks(app)] == LESSON_HOOKS
    assert list(fastpath.KNOWN_HOOKS) == LESSON_HOOKS
    assert fastpath.COPIED_FROM == COPIED_VERSIONS == fastpath.installed_versions()
    pins = dict(re.findall(r"^([\w-]+)==(\S+)", REQUIREMENTS.read_text(), re.M))
    assert {name: pins[name] for name in COPIED_VERSIONS} == COPIED_VERSIONS


def test_the_fast_path_serves_when_nothing_is_unusual(app, learner_client):
    warm(learner_client)
    assert served_fast(app, learner_client)


def test_strong_session_protection_from_configuration_logs_out_on_both_paths(app, learner_client):
    """SESSION_PROTECTION="strong" in configuration: another browser with the cookie of a
    session marked not fresh (logged in from a remember cookie) is logged out, by the full
    path and by the fast path, which used to follow the "basic" mode set in code."""
    app.config["SESSION_PROTECTION"] = "strong"
    warm(learner_client)
    with learner_client.session_transaction() as session:
        session["_fresh"] = False
    for shells in (True, False):
        app.config["LESSON_SHELLS"] = shells
        copy = app.test_client()
        copy.set_cookie("session", learner_client.get_cookie("session").value)
        response = copy.get(CONDUCT, headers={"User-Agent": "another browser"})
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], shells


def test_an_unknown_request_hook_sends_every_lesson_view_to_the_full_path(app, client, learner):
    seen = []
    app.before_request(lambda: seen.append(1))
    login(client, learner.email)
    warm(client)
    seen.clear()
    assert not served_fast(app, client) and seen == [1]


def test_a_receiver_of_request_started_sends_lesson_views_to_the_full_path(app, learner_client):
    warm(learner_client)
    seen = []
    with request_started.connected_to(lambda sender, **extra: seen.append(1), app):
        learner_client.get(CONDUCT)
    assert seen == [1]


def test_a_rate_limit_reaching_lesson_pages_sends_them_to_the_full_path(app, client, learner, monkeypatch):
    from flask_limiter import ApplicationLimit

    monkeypatch.setattr(limiter, "enabled", True)
    monkeypatch.setattr(limiter.limit_manager, "_application_limits",
                        [ApplicationLimit("1000 per minute").bind(limiter)])
    login(client, learner.email)
    warm(client)
    assert not served_fast(app, client)
    assert "X-RateLimit-Limit" in client.get(CONDUCT).headers


def test_refreshing_the_remember_cookie_on_each_request_sends_lesson_views_to_the_full_path(app, learner_client):
    app.config["REMEMBER_COOKIE_REFRESH_EACH_REQUEST"] = True
    warm(learner_client)
    assert not served_fast(app, learner_client)
    assert "remember_token=" in learner_client.get(CONDUCT).headers.get("Set-Cookie", "")


def test_a_csrf_check_on_get_sends_lesson_views_to_the_full_path(app, learner_client):
    warm(learner_client)
    app.config["WTF_CSRF_METHODS"] = ["GET", "POST"]
    assert learner_client.get(CONDUCT).status_code == 400  # the full path's check refuses it


def test_an_error_on_the_fast_path_is_logged_and_the_full_path_answers(app, learner_client, monkeypatch, caplog):
    warm(learner_client)

    def broken(*args):
        raise KeyError("a bug")

    monkeypatch.setattr(fastpath, "standing", broken)
    with caplog.at_level(logging.ERROR, logger="app.fastpath"):
        assert learner_client.get(CONDUCT).status_code == 200  # answered by the full view
    assert any(r.exc_info and "a bug" in str(r.exc_info[1]) for r in caplog.records)


def test_other_versions_of_the_copied_libraries_switch_the_fast_path_off(app, learner_client, monkeypatch, caplog):
    monkeypatch.setattr(fastpath, "COPIED_FROM", {**fastpath.COPIED_FROM, "Flask-Login": "0.0.1"})
    with caplog.at_level(logging.WARNING, logger="app.fastpath"):
        server = fastpath.ShellServer(app, app.wsgi_app.wsgi_app)
    assert not server.copies_hold and "fast path off" in caplog.text
    app.wsgi_app = server
    warm(learner_client)
    assert not served_fast(app, learner_client)


class SlowKey:
    """A key whose hashing lets another thread run, as a busy worker's threads would."""

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        time.sleep(0)
        return hash(self.n)

    def __eq__(self, other):
        return self.n == other.n


def test_the_bounded_caches_stay_bounded_and_whole_under_threads():
    """Threads storing at once: without the lock two of them evict the same oldest entry
    (KeyError), or the cache grows past its size."""
    cache, errors = Bounded(8), []

    def store(n):
        try:
            for i in range(300):
                cache[SlowKey((n, i))] = i
                cache.get(SlowKey((n, i - 1)))
        except Exception as error:  # noqa: BLE001  (any error is the finding)
            errors.append(error)

    threads = [threading.Thread(target=store, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(cache) == 8


def test_the_courses_package_does_not_import_the_request_wiring():
    wiring = re.compile(r"^\s*(from app\.(web|fastpath)\b|from app import .*\b(web|fastpath)\b|import app\.(web|fastpath))", re.M)
    found = [path.name for path in (Path(fastpath.__file__).parent / "courses").glob("*.py")
             if wiring.search(path.read_text(encoding="utf-8"))]
    assert found == []
