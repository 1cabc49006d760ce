"""A job's state as a small JSON file in SHARED_DIR/jobs: written atomically, read by any server."""
from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


def jobs_dir(shared_dir: str) -> Path:
    path = Path(shared_dir) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_job_id() -> str:
    return secrets.token_urlsafe(16)


def _path(shared_dir: str, job_id: str) -> Path:
    if not job_id.replace("-", "").replace("_", "").isalnum():
        raise KeyError(job_id)  # ids come from URLs: never a path outside the jobs folder
    return jobs_dir(shared_dir) / f"{job_id}.json"


def write(shared_dir: str, job_id: str, **fields) -> dict:
    """Merge fields into the job's state; a rename makes the write atomic for readers on other servers."""
    state = read(shared_dir, job_id) or {}
    state.update(fields, updated=time.time())  # a running job's heartbeat (app/jobs/recovery.py)
    path = _path(shared_dir, job_id)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    temporary.replace(path)
    return state


def read(shared_dir: str, job_id: str) -> dict | None:
    try:
        return json.loads(_path(shared_dir, job_id).read_text(encoding="utf-8"))
    except (FileNotFoundError, KeyError):
        return None


def result_path(shared_dir: str, job_id: str, suffix: str) -> Path:
    _path(shared_dir, job_id)  # validates the id
    return jobs_dir(shared_dir) / f"{job_id}{suffix}"


#: A finished job's state and file are kept this long (for its download), then removed.
KEEP_SECONDS = 2 * 24 * 3600


def purge(shared_dir: str, keep_seconds: float = KEEP_SECONDS) -> list[str]:
    """Remove the state and files of jobs that finished more than keep_seconds ago; their ids.
    Queued and running jobs stay, however old (app/jobs/recovery.py looks after lost ones)."""
    folder = jobs_dir(shared_dir)
    limit = time.time() - keep_seconds
    removed = []
    for path in folder.glob("*.json"):
        job = read(shared_dir, path.stem)
        if job and job.get("status") in (DONE, FAILED) and job.get("updated", 0) < limit:
            for leftover in folder.glob(f"{path.stem}.*"):
                leftover.unlink(missing_ok=True)
            removed.append(path.stem)
    return removed
