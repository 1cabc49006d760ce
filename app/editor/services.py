"""Editor actions that reach beyond the files: audit entries, git commits, the catalog.

They flush; the view commits once.
"""
from __future__ import annotations

from pathlib import Path

from flask import current_app, url_for

from app.audit.services import record
from app.auth.models import Role, User
from app.courses.catalog import catalog
from app.courses.loader import COURSE_FILE, Problem
from app.courses.services import record_course
from app.editor import documents, git
from app.editor.store import DraftStore, PublishResult


def store() -> DraftStore:
    """The draft store over this app's COURSES_DIR, with the quiz parser when one is plugged in."""
    return DraftStore(Path(current_app.config["COURSES_DIR"]), current_app.extensions.get("quiz_parser"))


def maintainers(folder: str) -> list[str]:
    """Who maintains a course, as its working copy's course.md says."""
    return documents.maintainers(store().read(folder, COURSE_FILE))


def can_edit(user: User, folder: str) -> bool:
    """Admins edit every course; a trainer edits those listing their e-mail."""
    if user.role == Role.ADMIN.value:
        return True
    return user.role == Role.TRAINER.value and user.email.lower() in maintainers(folder)


def preview_base(folder: str) -> str:
    """The asset base for previews: images come from the draft, so new uploads show.
    The loader appends `<slug>/files/` to it, as it does for the learner's pages."""
    return url_for("editor.asset", folder=folder, rel="x").removesuffix("/x")


def git_enabled() -> bool:
    return git.enabled(Path(current_app.config["COURSES_DIR"]), current_app.config["COURSES_GIT_COMMIT"])


def create_course(user: User, folder: str, course_md: str, lesson_name: str, lesson_md: str) -> list[Problem]:
    """Start a new course as a draft; its creator maintains it."""
    problems = store().create(folder, {COURSE_FILE: course_md, lesson_name: lesson_md})
    if not problems:
        record(user, "editor.create_course", "course", folder, None, {"folder": folder})
    return problems


def remove_lesson(user: User, folder: str, name: str) -> list[Problem]:
    """Take a lesson out of the draft (learners' progress on it stays in the database)."""
    problems = store().remove(folder, name)
    if not problems:
        record(user, "editor.remove_lesson", "course", folder, {"file": name}, None)
    return problems


def discard_draft(user: User, folder: str) -> None:
    store().discard(folder)
    record(user, "editor.discard_draft", "course", folder)


def publish(user: User, folder: str, summary: str, force: bool = False) -> tuple[PublishResult, str | None]:
    """Make a draft live, commit it when COURSES_DIR is git-backed, record the new version."""
    cat = catalog()
    result = store().publish(folder, cat.asset_base, force)
    if result.course is None:
        return result, None
    sha = None
    if git_enabled():
        message = f"Publish {folder}: {summary.strip() or 'edited in the browser'}"
        sha = git.commit(Path(current_app.config["COURSES_DIR"]), folder, user.full_name, user.email,
                         message, (current_app.config["COURSES_GIT_COMMITTER_NAME"],
                                   current_app.config["COURSES_GIT_COMMITTER_EMAIL"]))
    cat.announce()  # the other app servers reload within COURSES_RELOAD_INTERVAL
    cat.refresh(force=True)
    if not result.problems:
        record_course(result.course, git_commit=sha)
    record(user, "editor.publish", "course", folder, None,
           {"content_hash": result.course.content_hash, "files": result.changed, "commit": sha,
            "summary": summary})
    return result, sha
