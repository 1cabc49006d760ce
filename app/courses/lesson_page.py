"""The lesson page, the page learners open most, served from a rendered shell.

A lesson page is the same for every learner but for a few values: the progress bar's percent
and the CSRF token. So the page is rendered once per content version, lesson, language, role
and "lesson done or not" as a *shell* (the template with markers in place of those values),
kept per worker, and each view fills the markers in (a view with a message to show, or a
query string, renders in full: the shell has neither).

A logged-in learner's view is then answered before Flask dispatches it, from the same shells,
by `app.fastpath.ShellServer` (request wiring, beside app.web: this package does not import it).
"""
from __future__ import annotations

import re
import secrets
from threading import Lock

from flask import Flask, current_app, g, render_template, request, session
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from app.courses.loader import Course, Lesson
from app.courses.queries import CourseProgress

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


class ShellProgress(CourseProgress):
    """The learner's progress as a shell sees it: the done lessons, the percent a marker."""

    @property
    def percent(self):
        return shells().hole("percent")


class Bounded:
    """A mapping that forgets its oldest entries past `size`, safe to share between a
    worker's threads (gunicorn --threads): storing evicts, and two threads evicting at once
    would both pick the same oldest entry."""

    def __init__(self, size: int):
        self.size = size
        self.items: dict = {}
        self.lock = Lock()

    def get(self, key, default=None):
        return self.items.get(key, default)  # one dict lookup: atomic

    def __setitem__(self, key, value) -> None:
        with self.lock:
            if key not in self.items:
                while len(self.items) >= self.size:
                    del self.items[next(iter(self.items))]
            self.items[key] = value

    def __len__(self) -> int:
        return len(self.items)


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
    return shells_of(current_app)


def shells_of(app: Flask) -> Shells:
    return app.extensions["lesson_shells"]


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


def init_app(app: Flask) -> None:
    """Keep the shells (app.fastpath answers lesson views from them ahead of the app)."""
    app.extensions["lesson_shells"] = Shells(app.config["LESSON_SHELLS_MAX"])
