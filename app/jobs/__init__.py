"""Long work on a job queue (huey): any app server enqueues, any consumer runs it.

The queue is SQLite in instance/ by default (one host) and Redis when JOBS_URL is redis://…
(several app servers). A job's progress and result live in SHARED_DIR, not in one server's
memory, so the status page answers the same from every server. See docs/deployment.md.
"""
from __future__ import annotations

import os
from pathlib import Path

from huey import RedisHuey, SqliteHuey

_BASE = Path(__file__).resolve().parent.parent.parent


def make_huey(url: str):
    """The huey instance for a JOBS_URL: Redis for redis://…, else SQLite at the path (or instance/jobs.db)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("integrity-academy", url=url)
    path = url.removeprefix("sqlite:///") if url else str(_BASE / "instance" / "jobs.db")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("integrity-academy", filename=path)


#: Made once per process from the environment, so the web server and the consumer agree on the queue.
huey = make_huey(os.environ.get("JOBS_URL", ""))


def init_app(app) -> None:
    """Immediate mode (jobs run inline, in memory) when the app asks for it: tests."""
    huey.immediate = bool(app.config.get("JOBS_IMMEDIATE"))
