"""A file's history from git: who changed what and when, the diff, restoring an old version."""
from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.auth.access import AUTHORS, allow
from app.editor import bp, git, services
from app.editor.forms import ConfirmForm
from app.editor.paths import check_file
from app.editor.routes import _editable
from app.editor.store import version_of


def _commits(folder: str, name: str) -> list[git.Commit]:
    return git.log(Path(current_app.config["COURSES_DIR"]), f"{folder}/{check_file(name)}")


def _commit(folder: str, name: str, sha: str) -> git.Commit:
    if not git.SHA.match(sha):
        abort(404)
    found = next((c for c in _commits(folder, name) if c.sha.startswith(sha)), None)
    if found is None:
        abort(404)
    return found


@bp.route("/<folder>/files/<name>/history")
@allow(*AUTHORS)
def history(folder, name):
    """The published versions of a file, newest first."""
    _editable(folder)
    check_file(name)
    in_git = git.toplevel(Path(current_app.config["COURSES_DIR"])) is not None
    commits = _commits(folder, name) if in_git else []
    return render_template("editor/history.html", folder=folder, name=name, commits=commits,
                           in_git=in_git, commits_enabled=services.git_enabled(), confirm=ConfirmForm())


@bp.route("/<folder>/files/<name>/history/<sha>")
@allow(*AUTHORS)
def history_commit(folder, name, sha):
    """What one commit changed in a file."""
    _editable(folder)
    commit = _commit(folder, name, sha)
    diff = git.show(Path(current_app.config["COURSES_DIR"]), commit.sha, commit.path)
    return render_template("editor/commit.html", folder=folder, name=name, commit=commit, diff=diff,
                           confirm=ConfirmForm())


@bp.route("/<folder>/files/<name>/history/<sha>/restore", methods=["POST"])
@allow(*AUTHORS)
def restore(folder, name, sha):
    """Put a file's text at an old commit into the draft, as a new edit to review and publish."""
    _editable(folder)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    commit = _commit(folder, name, sha)
    old = git.file_at(Path(current_app.config["COURSES_DIR"]), commit.sha, commit.path)
    store = services.store()
    result = store.save(folder, name, old, version_of(store.read(folder, name)))
    for problem in result.problems:
        flash(str(problem), "error")
    if result.saved:
        flash(_("The version of %(when)s is now in the draft. Review it, then publish.",
                when=commit.when.strftime("%Y-%m-%d %H:%M")), "success")
        return redirect(url_for("editor.edit", folder=folder, name=name))
    flash(_("That version does not pass the checks with the rest of the course, so it was not restored."), "error")
    return redirect(url_for("editor.history", folder=folder, name=name))
