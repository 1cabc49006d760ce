"""History through git: commit a publish, list a file's commits, show and fetch old versions.

Pure: no Flask. Runs the `git` program with fixed argument lists (never a shell) and
paths that were already checked to stay inside COURSES_DIR.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SHA = re.compile(r"\A[0-9a-f]{7,40}\Z")
_FIELD, _RECORD = "\x1f", "\x1e"
#: What git reads as the edge of an identity (`Name <email>`), and control characters.
_IDENT_CRUD = re.compile(r"[<>\x00-\x1f\x7f]+")


class GitError(RuntimeError):
    """git failed; the message is git's own."""


@dataclass
class Commit:
    """One commit that touched a file, with the file's path at that commit."""

    sha: str
    author: str
    email: str
    when: datetime
    message: str
    path: str


def _git(cwd: Path, *args: str, env: dict | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, timeout=60)
    if check and result.returncode != 0:
        raise GitError(result.stderr.strip() or result.stdout.strip())
    return result.stdout


def toplevel(root: Path) -> Path | None:
    """The top of the git work tree that holds `root`, None when it is not in one."""
    try:
        out = _git(root, "rev-parse", "--show-toplevel")
    except (GitError, OSError):
        return None
    return Path(out.strip()).resolve()


def enabled(root: Path, always: bool) -> bool:
    """Whether publishing commits: `root` is a repository's top, or the site says to commit
    even into a larger repository (COURSES_GIT_COMMIT)."""
    top = toplevel(root)
    return top is not None and (always or top == Path(root).resolve())


def ident(name: str, email: str) -> tuple[str, str]:
    """A name and email git records as given: a full name such as `Eve <boss@example.org>`
    must not become the author's address, so the brackets and control characters go."""
    clean_email = re.sub(r"[\s<>]+", "", _IDENT_CRUD.sub("", email))
    clean_name = " ".join(_IDENT_CRUD.sub(" ", name).split())
    return clean_name or clean_email, clean_email


def commit(root: Path, folder: str, author: str, email: str, message: str,
           committer: tuple[str, str]) -> str | None:
    """Commit the changes under `root/folder` only; the sha, or None when nothing changed."""
    author, email = ident(author, email)
    committer = ident(*committer)
    _git(root, "add", "-A", "--", folder)
    if not _git(root, "diff", "--cached", "--name-only", "--", folder).strip():
        return None
    env = {"GIT_COMMITTER_NAME": committer[0], "GIT_COMMITTER_EMAIL": committer[1],
           "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email}
    _git(root, "-c", f"user.name={committer[0]}", "-c", f"user.email={committer[1]}",
         "commit", "--quiet", "--no-verify", f"--author={author} <{email}>", "-m", message, "--", folder, env=env)
    return _git(root, "rev-parse", "HEAD").strip()


def log(root: Path, rel: str, limit: int = 100) -> list[Commit]:
    """Commits touching `rel` (relative to root), newest first, following renames."""
    out = _git(root, "log", "--follow", f"-n{limit}", "--name-only", "--relative",
               f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%ae{_FIELD}%aI{_FIELD}%s", "--", rel, check=False)
    commits = []
    for record in out.split(_RECORD)[1:]:
        head, _, names = record.partition("\n")
        sha, author, email, when, message = head.split(_FIELD)
        path = next((n for n in names.splitlines() if n.strip()), rel)
        commits.append(Commit(sha, author, email, datetime.fromisoformat(when), message, path))
    return commits


def show(root: Path, sha: str, rel: str) -> str:
    """The diff a commit made to a file."""
    if not SHA.match(sha):
        raise GitError("not a commit id")
    return _git(root, "show", "--relative", "--format=", "--find-renames", sha, "--", rel)


def file_at(root: Path, sha: str, rel: str) -> str:
    """A file's text at a commit."""
    if not SHA.match(sha):
        raise GitError("not a commit id")
    return _git(root, "show", f"{sha}:./{rel}")
