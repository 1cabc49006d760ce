"""The draft store: where trainers' edits wait until they are published.

Pure: no Flask, no database. A course's draft is a copy of its folder under
COURSES_DIR/.drafts/<folder>/. The leading dot hides it from the loader, the catalog's
change detection and the content hash, so learners never see a draft; it lives beside
the courses so that every app server sees the same drafts. Every write is a temporary
file in the same folder renamed over the target (os.replace), so a reader sees either
the old bytes or the new ones, never half a file.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from app.courses.loader import (COURSE_FILE, FINAL_QUIZ_FILE, LESSON_FILE, Course, Problem,
                                QuizParser, content_hash, course_folders, load_course)
from app.courses.frontmatter import FrontMatterError, parse_document
from app.courses.assets import asset_file
from app.editor.paths import DRAFTS, check_file, check_folder, check_image, inside

META_FILE = ".draft.json"


def version_of(text: str | None) -> str:
    """The version a form was based on: sha256 of the file's text ('' for no file)."""
    return "" if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise(text: str) -> str:
    """Browser text as stored: Unix line ends and one final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\n") + "\n"


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a hidden temp file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def visible_files(folder: Path) -> dict[str, Path]:
    """Non-hidden files under `folder` by relative posix path (what the content hash covers)."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


@dataclass
class Conflict:
    """The file changed since the form was loaded: both texts, for the trainer to merge."""

    theirs: str
    yours: str
    theirs_version: str

    @property
    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.theirs.splitlines(keepends=True), self.yours.splitlines(keepends=True),
            "theirs (saved)", "yours (not saved)"))


@dataclass
class SaveResult:
    """What became of a save: saved, refused for problems, or refused for a conflict."""

    saved: bool
    problems: list[Problem] = field(default_factory=list)
    conflict: Conflict | None = None


@dataclass
class PublishResult:
    """What a publish did: the live course and the files it added, changed or removed."""

    course: Course | None
    problems: list[Problem] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    stale: bool = False


class DraftStore:
    """Reads and writes course files under `root`, drafts first."""

    def __init__(self, root: Path, quiz_parser: QuizParser | None = None):
        self.root = Path(root)
        self.quiz_parser = quiz_parser

    # -- where things are ------------------------------------------------------------
    def live_dir(self, folder: str) -> Path:
        return inside(self.root, check_folder(folder))

    def draft_dir(self, folder: str) -> Path:
        return inside(self.root, DRAFTS, check_folder(folder))

    def has_draft(self, folder: str) -> bool:
        return self.draft_dir(folder).is_dir()

    def working_dir(self, folder: str) -> Path:
        """The draft when there is one, else the live folder."""
        return self.draft_dir(folder) if self.has_draft(folder) else self.live_dir(folder)

    def exists(self, folder: str) -> bool:
        return self.live_dir(folder).is_dir() or self.has_draft(folder)

    def folders(self) -> list[str]:
        """Every course folder, live or only drafted so far."""
        names = {p.name for p in course_folders(self.root)}
        names |= {p.name for p in course_folders(self.root / DRAFTS)}
        return sorted(n for n in names if n != DRAFTS)

    def path(self, folder: str, name: str) -> Path:
        return inside(self.working_dir(folder), check_file(name))

    def read(self, folder: str, name: str) -> str | None:
        """A file's text as the editor shows it (draft first), None when it does not exist."""
        path = self.path(folder, name)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def lesson_files(self, folder: str) -> list[str]:
        """Lesson file names of the working copy, in course order."""
        names = [p.name for p in self.working_dir(folder).glob("*.md") if LESSON_FILE.match(p.name)]
        return sorted(names, key=lambda n: (int(LESSON_FILE.match(n).group(1)), n))

    def draft_base(self, folder: str) -> str | None:
        """The live content hash the draft started from."""
        meta = self.draft_dir(folder) / META_FILE
        return json.loads(meta.read_text())["base"] if meta.is_file() else None

    # -- checking ---------------------------------------------------------------------
    def validate(self, folder: str, changes: dict[str, str | None] | None = None,
                 asset_base: str | None = None) -> tuple[Course | None, list[Problem]]:
        """Load the working copy with `changes` applied (None deletes), in a temp folder."""
        source = self.working_dir(folder)
        with tempfile.TemporaryDirectory(prefix="editor-") as tmp:
            target = Path(tmp) / folder
            target.mkdir()
            for path in source.glob("*.md"):
                shutil.copy2(path, target / path.name)
            for name, text in (changes or {}).items():
                if text is None:
                    (target / check_file(name)).unlink(missing_ok=True)
                else:
                    (target / check_file(name)).write_text(text, encoding="utf-8")
            course, problems = load_course(target, Path(tmp), asset_base, self.quiz_parser)
        return course, problems + self._slug_clashes(folder, course)

    def _slug_clashes(self, folder: str, course: Course | None) -> list[Problem]:
        """A course id taken by another folder would hide that course (and take over its
        learners' records): refuse it here, where the catalog would only report it."""
        if course is None:
            return []
        for other in course_folders(self.root):
            if other.name != folder and _course_id(other) == course.slug:
                return [Problem(f"{folder}/{COURSE_FILE}", 1, f"course id '{course.slug}' is already used by {other.name}/")]
        return []

    def refusals(self, folder: str, changes: dict[str, str | None]) -> list[Problem]:
        """Problems that forbid a change: any in the changed files, or new ones elsewhere."""
        _, before = self.validate(folder)
        _, after = self.validate(folder, changes)
        known = {(p.path, p.message) for p in before}
        changed = {f"{folder}/{name}" for name in changes}
        return [p for p in after if p.path in changed or (p.path, p.message) not in known]

    # -- writing drafts -----------------------------------------------------------------
    def ensure_draft(self, folder: str) -> Path:
        """Start the course's draft as a copy of the live folder, once."""
        draft = self.draft_dir(folder)
        if draft.is_dir():
            return draft
        live = self.live_dir(folder)
        drafts = self.root / DRAFTS
        drafts.mkdir(exist_ok=True)
        # Drafts are not content: keep them out of any git repository around COURSES_DIR.
        if not (drafts / ".gitignore").exists():
            write_atomic(drafts / ".gitignore", b"*\n")
        staging = Path(tempfile.mkdtemp(dir=drafts, prefix=f".{folder}-"))
        for rel, path in visible_files(live).items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, staging / rel)
        base = content_hash(live) if live.is_dir() else None
        (staging / META_FILE).write_text(json.dumps({"base": base}))
        os.rename(staging, draft)
        return draft

    def save(self, folder: str, name: str, text: str, based_on: str) -> SaveResult:
        """Save one file into the draft, unless it changed since `based_on` or does not validate."""
        text = normalise(text)
        current = self.read(folder, name)
        if version_of(current) != based_on:
            return SaveResult(False, conflict=Conflict(current or "", text, version_of(current)))
        problems = self.refusals(folder, {name: text})
        if problems:
            return SaveResult(False, problems=problems)
        write_atomic(self.ensure_draft(folder) / check_file(name), text.encode("utf-8"))
        return SaveResult(True)

    def remove(self, folder: str, name: str) -> list[Problem]:
        """Remove a lesson from the draft, unless the course would no longer validate."""
        problems = self.refusals(folder, {check_file(name): None})
        if not problems:
            (self.ensure_draft(folder) / name).unlink(missing_ok=True)
        return problems

    def reorder(self, folder: str, order: list[str]) -> None:
        """Renumber lessons to follow `order`, keeping each file's slug (and so its lesson id)."""
        if sorted(order) != sorted(self.lesson_files(folder)):
            raise ValueError("the lesson list changed")
        draft = self.ensure_draft(folder)
        moves = []
        for number, name in enumerate(order, start=1):
            new = f"{number:02d}-{LESSON_FILE.match(name).group(2)}.md"
            if new != name:
                hidden = f".move-{number}-{name}"
                os.replace(draft / name, draft / hidden)
                moves.append((hidden, new))
        # Two steps so that 01-a ⇄ 02-b never collide on the way.
        for hidden, new in moves:
            os.replace(draft / hidden, draft / new)

    def create(self, folder: str, files: dict[str, str]) -> list[Problem]:
        """Start a new course that exists only as a draft until it is published."""
        if self.exists(folder):
            return [Problem(f"{folder}/{COURSE_FILE}", 1, "a course with this folder name already exists")]
        draft = self.ensure_draft(folder)
        for name, text in files.items():
            write_atomic(draft / check_file(name), normalise(text).encode("utf-8"))
        _, problems = self.validate(folder)
        if problems:
            self.discard(folder)
        return problems

    def save_image(self, folder: str, name: str, data: bytes) -> str:
        """Store a checked image in the draft's images/ folder; its Markdown path."""
        draft = self.ensure_draft(folder)
        write_atomic(inside(draft, "images", check_image(name)), data)
        return f"images/{name}"

    def asset(self, folder: str, rel: str) -> Path | None:
        """A media file of the working copy (for previews), None if not there: the rule
        learners' pages are served by (app.courses.assets)."""
        return asset_file(self.working_dir(folder), rel)

    def discard(self, folder: str) -> None:
        shutil.rmtree(self.draft_dir(folder), ignore_errors=True)

    # -- publishing ---------------------------------------------------------------------
    def publish(self, folder: str, asset_base: str | None = None, force: bool = False) -> PublishResult:
        """Make the draft live: validate it whole, write each changed file atomically,
        remove files the draft no longer has, then drop the draft."""
        draft, live = self.draft_dir(folder), self.live_dir(folder)
        course, problems = load_course(draft, self.root / DRAFTS, asset_base, self.quiz_parser)
        problems += self._slug_clashes(folder, course)
        if problems:
            return PublishResult(None, problems)
        base = self.draft_base(folder)
        if not force and (content_hash(live) if live.is_dir() else None) != base:
            return PublishResult(None, stale=True)
        new, old = visible_files(draft), visible_files(live)
        changed = []
        for rel, path in new.items():
            data = path.read_bytes()
            if rel not in old or old[rel].read_bytes() != data:
                write_atomic(live / rel, data)
                changed.append(rel)
        for rel, path in old.items():
            if rel not in new:
                path.unlink()
                changed.append(rel)
        self.discard(folder)
        course, problems = load_course(live, self.root, asset_base, self.quiz_parser)
        return PublishResult(course, problems, sorted(changed))


def _course_id(folder: Path) -> str:
    """The id a course folder claims (front matter `id`, else the folder name)."""
    try:
        meta = parse_document((folder / COURSE_FILE).read_text(encoding="utf-8")).meta
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return folder.name
    return str(meta.get("id") or folder.name)


def lesson_slug(name: str) -> str:
    """The slug part of a lesson file name (01-conduct.md → conduct)."""
    return LESSON_FILE.match(name).group(2)


EDITABLE = (COURSE_FILE, FINAL_QUIZ_FILE)
