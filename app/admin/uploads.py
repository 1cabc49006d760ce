"""Import files kept on the server between preview and confirmation, and how their import ended
(state, result, the accounts awaiting activation); its progress is the job's (app/admin/jobs.py).

The browser never sends back a parsed copy: the confirmation names the stored file by a
random token, and the server reads and checks that file again before importing it.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import time
from pathlib import Path

from flask import current_app

TOKEN = re.compile(r"\A[A-Za-z0-9_-]{20,64}\Z")
#: Files older than this are removed when the next file is uploaded.
KEEP_SECONDS = 2 * 24 * 3600


def _dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(data: bytes, filename: str, kind: str, owner_id: int) -> str:
    """Store an uploaded file; returns the token that names it."""
    _purge_old()
    token = secrets.token_urlsafe(24)
    (_dir() / f"{token}.data").write_bytes(data)
    write_meta(token, {"kind": kind, "filename": Path(filename).name[:200], "owner": owner_id,
                       "state": "uploaded", "result": None, "user_ids": []})
    return token


def load_meta(token: str) -> dict | None:
    """The state of an upload, or None for an unknown or malformed token."""
    if not TOKEN.match(token or ""):
        return None
    try:
        return json.loads((_dir() / f"{token}.json").read_text())
    except (OSError, ValueError):
        return None


def write_meta(token: str, meta: dict) -> None:
    """Replace the state atomically, so a reader never sees half a file."""
    target = _dir() / f"{token}.json"
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(meta))
    os.replace(temporary, target)


def read_data(token: str) -> bytes:
    return (_dir() / f"{token}.data").read_bytes()


def claim(token: str, step: str = "confirm") -> bool:
    """True for the first caller of a step only: a double-clicked confirm queues one import
    ("confirm"), and a job delivered twice imports once ("run")."""
    name = f"{token}.lock" if step == "confirm" else f"{token}.{step}.lock"
    try:
        os.close(os.open(_dir() / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        return False


def discard_data(token: str) -> None:
    (_dir() / f"{token}.data").unlink(missing_ok=True)


def _purge_old() -> None:
    limit = time.time() - KEEP_SECONDS
    for path in _dir().iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass
