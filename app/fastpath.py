"""The lesson page's fast path: a logged-in learner's lesson view answered before Flask.

The page itself comes from the shells `app.courses.lesson_page` renders in Flask and keeps
per worker. `ShellServer`, a WSGI layer in front of the app, answers a view from a shell when
it can prove the full path would answer the same page: it checks the same rules from one
query (session token, active account, the LOGGED_IN rule, the course's audience), records the
visit with the same function and fills the shell. A view takes ~0.2 ms of Python this way
instead of ~7 ms (docs/deployment.md, Capacity).

It is a second request pipeline, so it hands over to the full path whenever it is not sure:
at anything unusual in the request (a course not started yet, a message to show, a query
string, a course reached through an assignment, no shell yet in this worker, a session the
full path would change), whenever the app has a request hook or signal receiver it does not
know (KNOWN_HOOKS), when the rate limiter or the remember-cookie refresh would act, when the
libraries whose internals it copies are not the versions it was checked against (COPIED_FROM),
and at any error.
"""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from functools import cache, partial
from hashlib import sha512
from importlib.metadata import version

from flask import Flask, request_finished, request_started
from flask.sessions import SecureCookieSessionInterface
from flask_login import user_accessed
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy.exc import OperationalError
from werkzeug.http import parse_cookie

from app.auth.access import is_allowed, rule_of
from app.auth.services import split_login_token
from app.courses.access import may_open
from app.courses.lesson_page import ENDPOINT, Bounded, fill, shell_key, shells_of
from app.courses.queries import CourseProgress, standing
from app.courses.services import known_course_ids, record_visit
from app.extensions import db, limiter
from app.urls import host_is_known
from app.web import chosen_locale, security_headers

log = logging.getLogger(__name__)

#: The versions whose internals ShellServer copies, as checked: Flask's session cookie (its
#: serializer), Flask-Login's session keys and browser identifier, Flask-WTF's token salt.
#: Another version: the fast path stands aside until someone checks the copies again.
COPIED_FROM = {"Flask": "3.1.3", "Flask-Login": "0.6.3", "Flask-WTF": "1.3.0"}

#: Every request hook that runs for a lesson view, and why the fast path may answer without
#: it. Any other hook (or a signal receiver below) sends every view to the full path.
KNOWN_HOOKS = {
    "before_request flask_wtf.csrf.CSRFProtect.init_app.<locals>.csrf_protect":
        "checks WTF_CSRF_METHODS only: handed over when GET is one",
    "before_request flask_limiter._extension.Limiter._check_request_limit":
        "handed over when a limit applies to the lesson page (limiter_acts)",
    "before_request app.auth.access.enforce_access": "the same rule, is_allowed(rule_of(ENDPOINT))",
    "after_request flask_limiter._extension.Limiter.__inject_headers": "headers only where a limit applied",
    "after_request flask_login.login_manager.LoginManager._update_remember_cookie":
        "handed over when it would act (remember_cookie_acts)",
    "after_request app.web._security_headers": "the same headers, security_headers(config)",
    "teardown_request flask_limiter._extension.Limiter.__release_context": "resets what the check set",
}
#: Signals the full path sends around a lesson view: a receiver would miss the fast path's views.
SIGNALS = {"request_started": request_started, "request_finished": request_finished,
           "user_accessed": user_accessed}


@cache
def installed_versions() -> dict[str, str]:
    return {name: version(name) for name in COPIED_FROM}


def hook_name(kind: str, function) -> str:
    while isinstance(function, partial):
        function = function.func
    return f"{kind} {function.__module__}.{function.__qualname__}"


def lesson_hooks(app: Flask) -> list:
    """The hooks Flask runs for a lesson view (the app's and the courses blueprint's), as
    (kind, function) pairs, and a ("signal", name) pair for each signal with receivers."""
    blueprint = ENDPOINT.split(".")[0]
    hooks = [(kind, function)
             for kind, table in (("before_request", app.before_request_funcs),
                                 ("after_request", app.after_request_funcs),
                                 ("teardown_request", app.teardown_request_funcs),
                                 ("url_value_preprocessor", app.url_value_preprocessors))
             for key in (None, blueprint) for function in table.get(key, ())]
    return hooks + [("signal", name) for name, signal in SIGNALS.items() if signal.receivers]


def unknown_hooks(app: Flask) -> list[str]:
    return [f"signal {hook}" if kind == "signal" else hook_name(kind, hook)
            for kind, hook in lesson_hooks(app)
            if kind == "signal" or hook_name(kind, hook) not in KNOWN_HOOKS]


def limiter_acts(app: Flask) -> bool:
    """Flask-Limiter would count or limit a lesson view: it is on and some limit reaches the
    lesson page (application, default or meta limits, or one on its view or blueprint)."""
    if not limiter.enabled:
        return False
    manager = limiter.limit_manager
    view = app.view_functions[ENDPOINT]
    return bool(manager.application_limits or manager.default_limits or limiter._meta_limits
                or manager.decorated_limits(f"{view.__module__}.{view.__name__}")
                or manager.blueprint_limits(app, ENDPOINT.split(".")[0]) or manager.has_hints(ENDPOINT))


def remember_cookie_acts(app: Flask, session: dict) -> bool:
    """Flask-Login's after_request hook would set or clear the remember cookie."""
    return "_remember" in session or bool(app.config.get("REMEMBER_COOKIE_REFRESH_EACH_REQUEST"))


@dataclass(frozen=True)
class Learner:
    """Who is asking, as far as the access rules need: one row, no ORM object."""

    role: str
    audience: str | None
    is_authenticated = True


class ShellServer:
    """WSGI middleware: answers a logged-in learner's lesson view from the lesson's shell before
    Flask dispatches the request, and passes every other request (and any view it cannot
    answer exactly as the full view would) to the app unchanged.

    It reads what the full path reads, with the same objects: Flask's signed session cookie
    (the app's own serializer), Flask-Login's session token and session-protection
    identifier, the LOGGED_IN rule and the course's audience (`is_allowed`, `may_open`), the
    learner's standing (`standing`, one query) and the visit (`record_visit`); it answers with
    the headers every response carries and a CSRF token Flask-WTF validates.
    """

    def __init__(self, app: Flask, wsgi_app):
        self.app, self.wsgi_app = app, wsgi_app
        rule = next(app.url_map.iter_rules(ENDPOINT)).rule  # /courses/<slug>/lessons/<lesson_id>
        self.path = re.compile(re.sub(r"<[^>]+>", "([^/]+)", rule))
        with app.app_context():
            self.engine = db.engine
        self.cookie = app.config["SESSION_COOKIE_NAME"]
        self.max_age = int(app.permanent_session_lifetime.total_seconds())
        self.sessions = app.session_interface.get_signing_serializer(app)
        self.rule = rule_of(ENDPOINT, app)
        self.csrf_field = app.config["WTF_CSRF_FIELD_NAME"]  # where Flask-WTF keeps the raw token
        # Flask-WTF's token: the session's raw token, signed with this salt (flask_wtf.csrf.generate_csrf).
        self.csrf = URLSafeTimedSerializer(app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key,
                                           salt="wtf-csrf-token")
        self.headers = [("Content-Type", "text/html; charset=utf-8"), ("Vary", "Cookie"),
                        *security_headers(app.config)]
        # Checking a signature costs more than the rest of a view, and a learner sends the same
        # cookie with every page: what a cookie was verified to hold is kept, keyed by the exact
        # cookie (nothing unverified can come out), with when it was signed (for max_age).
        self.verified = Bounded(4096)
        # Flask-WTF accepts a signed token of any age when WTF_CSRF_TIME_LIMIT is None: one per
        # session's raw token serves every page; with a limit, each page gets a fresh one.
        self.tokens = Bounded(4096) if app.config["WTF_CSRF_TIME_LIMIT"] is None else None
        self.copies_hold = installed_versions() == COPIED_FROM and isinstance(
            app.session_interface, SecureCookieSessionInterface)
        if not self.copies_hold:
            log.warning("lesson fast path off: it copies %s, installed are %s", COPIED_FROM, installed_versions())
        # The hooks last checked and whether the fast path may run with them: one attribute, so
        # a thread never reads one check's hooks with another's answer.
        self.checked: tuple[list | None, bool] = (None, False)

    def __call__(self, environ, start_response):
        try:
            body = self.page(environ)
        except OperationalError:
            body = None  # busy or unreachable: the full path tries again and shows its error page
        except Exception:
            log.exception("lesson fast path failed; the full path answers")
            body = None
        if body is None:
            return self.wsgi_app(environ, start_response)
        start_response("200 OK", [*self.headers, ("Content-Length", str(len(body)))])
        return [body]

    def serves(self) -> bool:
        """The fast path may answer at all: shells on, the copies checked, every hook known,
        no limit to count, GET not CSRF-checked."""
        config = self.app.config
        if not (config["LESSON_SHELLS"] and self.copies_hold):
            return False
        if config["WTF_CSRF_ENABLED"] and config["WTF_CSRF_CHECK_DEFAULT"] and "GET" in config["WTF_CSRF_METHODS"]:
            return False
        hooks, known = self.checked
        current = lesson_hooks(self.app)
        if current != hooks:  # hooks and limits are added at setup: checked again only then
            known = not unknown_hooks(self.app) and not limiter_acts(self.app)
            self.checked = (current, known)
        return known

    def page(self, environ) -> bytes | None:
        """The page, or None for the full path."""
        match = self.path.fullmatch(environ.get("PATH_INFO", ""))
        if (match is None or environ["REQUEST_METHOD"] != "GET" or environ.get("QUERY_STRING")
                or not self.serves() or not host_is_known(environ, self.app.config)):
            return None
        session = self.session(parse_cookie(environ).get(self.cookie))
        login = split_login_token(session.get("_user_id") or "")
        if (login is None or self.csrf_field not in session or session.get("_flashes") or session.get("_permanent")
                or remember_cookie_acts(self.app, session)
                or not _protection_holds(session, environ, self.protection())):
            return None
        course = self.app.extensions["catalog"].get(match[1])
        lesson = course.lesson(match[2]) if course else None
        course_id = known_course_ids(self.app).get((course.slug, course.content_hash)) if lesson else None
        if course_id is None:
            return None
        with self.engine.connect() as conn:  # leaving it without a commit rolls back
            facts = standing(conn, login[0], course_id)
            if facts is None or not facts.active or facts.session_token != login[1]:
                return None  # the full path logs the session out
            learner = Learner(facts.role, facts.audience)
            # Assignments are not looked up here (a query per view): a course this learner
            # opens only through one is left to the full path, which looks them up.
            if (not is_allowed(self.rule, learner) or not may_open(learner, course, assigned=frozenset())
                    or not facts.enrolled):
                return None
            locale = chosen_locale(self.app.config, session.get("lang"))
            parts = shells_of(self.app).get(shell_key(course, lesson, locale, learner.role, lesson.id in facts.done))
            if parts is None:
                return None
            if record_visit(conn, facts, login[0], course, lesson.id, course_id):
                conn.commit()
        return fill(parts, CourseProgress(course, None, facts.done).percent, self.csrf_token(session[self.csrf_field]))

    def protection(self) -> str | None:
        """Flask-Login's session protection as the full path reads it: configuration first."""
        return self.app.config.get("SESSION_PROTECTION", self.app.login_manager.session_protection)

    def session(self, cookie: str | None) -> dict:
        """What the session cookie holds ({} when absent, forged or expired); read-only."""
        if not cookie:
            return {}
        known = self.verified.get(cookie)
        if known is None or time.time() - known[1] > self.max_age:
            try:
                data, signed = self.sessions.loads(cookie, max_age=self.max_age, return_timestamp=True)
            except BadData:
                return {}
            known = (data, signed.timestamp())
            self.verified[cookie] = known
        return known[0]

    def csrf_token(self, raw: str) -> str:
        """A token Flask-WTF validates against the session's raw token."""
        if self.tokens is None:
            return self.csrf.dumps(raw)
        token = self.tokens.get(raw)
        if token is None:
            token = self.csrf.dumps(raw)
            self.tokens[raw] = token
        return token


def _protection_holds(session, environ, mode) -> bool:
    """Flask-Login's session protection would leave this session as it is: the identifier
    of the browser (flask_login.utils._create_identifier) is the one stored at login, or the
    session is already marked not fresh ("basic"). "strong" logs a changed browser out."""
    if mode not in ("basic", "strong"):
        return True
    address = environ.get("HTTP_X_FORWARDED_FOR", environ.get("REMOTE_ADDR"))
    address = address.encode().split(b",")[0].strip() if address is not None else None
    agent = environ.get("HTTP_USER_AGENT")
    agent = agent.encode() if agent is not None else None
    identifier = sha512(f"{address}|{agent}".encode()).hexdigest()
    return identifier == session.get("_id") or (mode == "basic" and session.get("_fresh") is False)


def init_app(app: Flask) -> None:
    """Answer lesson views from their shells ahead of the app (once the lesson route is
    registered and the shells are kept: app.courses.lesson_page.init_app)."""
    app.wsgi_app = ShellServer(app, app.wsgi_app)
