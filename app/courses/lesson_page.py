"""The lesson page, the page learners open most, served from a rendered shell.

A lesson page is the same for every learner but for a few values: the progress bar's percent
and the CSRF token. So the page is rendered once per content version, lesson, language, role
and "lesson done or not" as a *shell* (the template with markers in place of those values),
kept per worker, and each view fills the markers in (a view with a message to show, or a
query string, renders in full: the shell has neither).

A logged-in learner's view is then answered before Flask dispatches it: `ShellServer`, a WSGI
layer, checks the same rules as the full view from one query (session token, active account,
the LOGGED_IN rule, the course's audience), records the visit with the same function and fills
the shell. At anything unusual it hands over to the app: a course not started yet, a message
to show, a query string, a course reached through an assignment, no shell yet in this worker.
A view takes ~0.2 ms of Python this way instead of ~7 ms (docs/deployment.md, Capacity).
"""
from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from hashlib import sha512

from flask import Flask, current_app, g, render_template, request, session
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadData, URLSafeTimedSerializer
from markupsafe import escape
from sqlalchemy.exc import OperationalError
from werkzeug.http import parse_cookie

from app.auth.access import is_allowed, rule_of
from app.auth.services import split_login_token
from app.courses.access import may_open
from app.courses.loader import Course, Lesson
from app.courses.queries import CourseProgress, standing
from app.courses.services import known_course_ids, record_visit
from app.extensions import db
from app.urls import host_is_known
from app.web import chosen_locale, security_headers

HOLES = ("percent", "csrf")
ENDPOINT = "courses.lesson"


class ShellUser:
    """The current user while a shell renders: only what the shell may depend on. A template
    that reads anything else about the user (a name, a unit) fails here instead of baking one
    learner's details into the page every learner gets."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, role: str):
        self.role = role

    def __getattr__(self, name):
        raise RuntimeError(f"the lesson page shell must not depend on current_user.{name}")


@dataclass(frozen=True)
class Learner:
    """Who is asking, as far as the access rules need: one row, no ORM object."""

    role: str
    audience: str | None
    is_authenticated = True


class ShellProgress(CourseProgress):
    """The learner's progress as a shell sees it: the done lessons, the percent a marker."""

    @property
    def percent(self):
        return shells().hole("percent")


class Bounded(dict):
    """A dict that forgets its oldest entries past `size`."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __setitem__(self, key, value) -> None:
        if key not in self:
            while len(self) >= self.size:
                del self[next(iter(self))]
        super().__setitem__(key, value)


class Shells:
    """Rendered shells, per worker, at most `size` (a shell is the size of its lesson, tens of
    kilobytes)."""

    def __init__(self, size: int):
        self.pages: Bounded = Bounded(size)
        # Drawn per worker, so no lesson can hold a marker whose place would then be filled in.
        self.mark = f"\ue000{secrets.token_hex(8)}\ue000"
        self.holes = re.compile(f"{re.escape(self.mark)}({'|'.join(HOLES)}){re.escape(self.mark)}")

    def hole(self, name: str) -> str:
        return f"{self.mark}{name}{self.mark}"

    def split(self, html: str) -> tuple[bytes, ...]:
        """The page's bytes (even items) and the names of its holes (odd items)."""
        return tuple(part.encode() for part in self.holes.split(html))  # encoded once, not per view

    def get(self, key: tuple) -> tuple[bytes, ...] | None:
        return self.pages.get(key)

    def put(self, key: tuple, parts: tuple[bytes, ...]) -> None:
        self.pages[key] = parts


def shells() -> Shells:
    return current_app.extensions["lesson_shells"]


def shell_key(course: Course, lesson: Lesson, locale: str, role: str, done: bool) -> tuple:
    return (course.slug, course.content_hash, lesson.id, locale, role, done)


def _render(course: Course, lesson: Lesson, progress: CourseProgress) -> str:
    before, after = course.neighbours(lesson.id)
    return render_template("courses/lesson.html", course=course, lesson=lesson, progress=progress,
                           before=before, after=after)


def render_shell(course: Course, lesson: Lesson, progress: CourseProgress, role: str) -> tuple[bytes, ...]:
    """The lesson page rendered with markers for the learner's values, split at them."""
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    saved = {name: g.pop(name) for name in (field, "_login_user") if name in g}
    setattr(g, field, shells().hole("csrf"))
    g._login_user = ShellUser(role)
    try:
        html = _render(course, lesson, ShellProgress(course, None, progress.done))
    finally:
        for name in (field, "_login_user"):
            g.pop(name, None)
        for name, value in saved.items():
            setattr(g, name, value)
    return shells().split(html)


def fill(parts: tuple[bytes, ...], percent: int, csrf_token: str) -> bytes:
    """The page for this request: the shell with the learner's values in its holes."""
    values = {b"percent": str(percent).encode(), b"csrf": str(escape(csrf_token)).encode()}
    return b"".join(values[part] if i % 2 else part for i, part in enumerate(parts))


def can_use_shell() -> bool:
    """A shell fits this request: no message waiting to be shown (the shell has none), no query
    string (the language links carry the page's address)."""
    return not request.query_string and not session.get("_flashes")


def lesson_page(course: Course, lesson: Lesson, progress: CourseProgress, role: str | None, locale: str) -> str | bytes:
    """The full view's page: through the shell when one fits, remembered for the next views.
    A visitor who is not signed in (role None, a public course) gets the page in full: shells
    are for signed-in roles."""
    if role is not None and current_app.config["LESSON_SHELLS"] and can_use_shell():
        cache = shells()
        key = shell_key(course, lesson, locale, role, lesson.id in progress.done)
        parts = cache.get(key)
        if parts is None:
            parts = render_shell(course, lesson, progress, role)
            cache.put(key, parts)
        return fill(parts, progress.percent, generate_csrf())
    return _render(course, lesson, progress)


class ShellServer:
    """WSGI middleware: answers a logged-in learner's lesson view from the lesson's shell before
    Flask dispatches the request, and passes every other request (and any view it cannot
    answer exactly as the full view would) to the app unchanged.

    It reads what the full path reads, with the same objects: Flask's signed session cookie
    (the app's own serializer), Flask-Login's session token and session-protection
    identifier, the LOGGED_IN rule and the course's audience (`is_allowed`, `may_open`), the
    learner's standing (`standing`, one query) and the visit (`record_visit`); it answers with
    the headers every response carries and a CSRF token Flask-WTF validates. It hands over when
    the course is not started yet, a message waits to be shown, a query string is given, the
    session would change (protection, no CSRF token yet), or this worker has no shell yet.
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

    def __call__(self, environ, start_response):
        body = self.page(environ) if self.app.config["LESSON_SHELLS"] else None
        if body is None:
            return self.wsgi_app(environ, start_response)
        start_response("200 OK", [*self.headers, ("Content-Length", str(len(body)))])
        return [body]

    def page(self, environ) -> bytes | None:
        """The page, or None for the full path."""
        match = self.path.fullmatch(environ.get("PATH_INFO", ""))
        if (match is None or environ["REQUEST_METHOD"] != "GET" or environ.get("QUERY_STRING")
                or not host_is_known(environ, self.app.config)):
            return None
        session = self.session(parse_cookie(environ).get(self.cookie))
        login = split_login_token(session.get("_user_id") or "")
        if (login is None or self.csrf_field not in session or session.get("_flashes") or session.get("_permanent")
                or not _protection_holds(session, environ, self.app.login_manager.session_protection)):
            return None
        cache = self.app.extensions["lesson_shells"]
        course = self.app.extensions["catalog"].get(match[1])
        lesson = course.lesson(match[2]) if course else None
        course_id = known_course_ids(self.app).get((course.slug, course.content_hash)) if lesson else None
        if course_id is None:
            return None
        try:
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
                parts = cache.get(shell_key(course, lesson, locale, learner.role, lesson.id in facts.done))
                if parts is None:
                    return None
                if record_visit(conn, facts, login[0], course, lesson.id, course_id):
                    conn.commit()
        except OperationalError:
            return None  # busy or unreachable: the full path tries again and shows its error page
        return fill(parts, CourseProgress(course, None, facts.done).percent, self.csrf_token(session[self.csrf_field]))

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
            known = self.verified[cookie] = (data, signed.timestamp())
        return known[0]

    def csrf_token(self, raw: str) -> str:
        """A token Flask-WTF validates against the session's raw token."""
        if self.tokens is None:
            return self.csrf.dumps(raw)
        token = self.tokens.get(raw)
        if token is None:
            token = self.tokens[raw] = self.csrf.dumps(raw)
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
    """Keep the shells, and answer lesson views from them ahead of the app (once the lesson
    route is registered)."""
    app.extensions["lesson_shells"] = Shells(app.config["LESSON_SHELLS_MAX"])
    app.wsgi_app = ShellServer(app, app.wsgi_app)
