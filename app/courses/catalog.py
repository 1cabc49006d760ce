"""The courses the site serves: loaded from COURSES_DIR, kept in memory, reloaded on change."""
from __future__ import annotations

import os
import secrets
import threading
import time
from pathlib import Path

from flask import Flask, current_app

from app.collation import vi_sorted
from app.courses.loader import Course, Problem, check_tree


class Catalog:
    """Holds the loaded courses of one app and notices edited files.

    Each worker process has its own copy, rebuilt from the files; nothing here is state
    that another worker needs, so more workers and machines scale out freely. A publish on
    one server also rewrites the `stamp` file (in SHARED_DIR): every other process reads it at
    its next check and reloads in full, even where file times alone would miss the change (a
    shared volume's cached attributes, a same-size edit within a coarse mtime tick).
    """

    def __init__(self, root: Path, reload_interval: float, asset_base: str, quiz_parser=None,
                 stamp: Path | None = None):
        self.root = root
        self.stamp = stamp
        self._stamp_seen: str | None = None
        self.reload_interval = reload_interval
        self.asset_base = asset_base
        self.quiz_parser = quiz_parser
        self.courses: dict[str, Course] = {}
        self.problems: list[Problem] = []
        self._fingerprint: tuple | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def _stat_fingerprint(self) -> tuple:
        """Path, size and mtime of every file: cheap to take, changes with any edit."""
        entries = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                entries.append((dirpath, name, st.st_size, st.st_mtime_ns))
        return tuple(sorted(entries))

    def refresh(self, force: bool = False) -> None:
        """Reload courses whose files changed since the last look."""
        now = time.monotonic()
        if not force and now - self._checked_at < self.reload_interval and self._fingerprint is not None:
            return
        with self._lock:
            self._checked_at = now
            fingerprint = self._stat_fingerprint()
            stamp = self._read_stamp()
            if fingerprint == self._fingerprint and stamp == self._stamp_seen and not force:
                return
            if stamp != self._stamp_seen:
                self.courses = {}  # another server published: reuse nothing, whatever the file times say
            by_folder = {c.folder: c for c in self.courses.values()}
            self.courses, self.problems = check_tree(
                self.root, self.asset_base, self.quiz_parser, reuse=by_folder
            )
            self._fingerprint = fingerprint
            self._stamp_seen = stamp

    def _read_stamp(self) -> str | None:
        """The last publish's token; reading the file (not its times) sees another host's write."""
        if self.stamp is None:
            return None
        try:
            return self.stamp.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def announce(self) -> None:
        """Tell every process serving these courses to reload at its next check (after a publish)."""
        if self.stamp is None:
            return
        self.stamp.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.stamp.with_name(f".{self.stamp.name}.{os.getpid()}.tmp")
        temporary.write_text(secrets.token_hex(8), encoding="utf-8")
        temporary.replace(self.stamp)

    def get(self, slug: str) -> Course | None:
        self.refresh()
        return self.courses.get(slug)

    def all(self) -> list[Course]:
        self.refresh()
        return vi_sorted(self.courses.values(), key=lambda c: c.title)

    def errors(self) -> list[Problem]:
        self.refresh()
        return self.problems


def init_catalog(app: Flask) -> None:
    """Create the app's catalog; the quizzes area may plug its parser in afterwards."""
    app.extensions["catalog"] = Catalog(
        Path(app.config["COURSES_DIR"]),
        app.config["COURSES_RELOAD_INTERVAL"],
        asset_base="/courses",
        quiz_parser=app.extensions.get("quiz_parser"),
        stamp=Path(app.config["SHARED_DIR"]) / "catalogue-version",
    )


def catalog() -> Catalog:
    """The current app's catalog."""
    return current_app.extensions["catalog"]
