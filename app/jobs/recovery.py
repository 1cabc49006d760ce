"""Jobs lost with their consumer are queued again.

A consumer takes a job off the queue before running it, so a consumer killed mid-job (OOM,
SIGKILL, a host that goes away) loses it: huey has no acknowledgement. A job whose work is
safe to run again from the start (it writes its result under a temporary name and renames it
whole, like the certificate ZIP) says so with @rerun_if_lost; its state then records the task
and its arguments, and every consumer looks for such jobs left "running" by a dead consumer on
its own host (at once) or silent for JOBS_STALE_SECONDS (any host), and queues them again.
Jobs that must never run twice (mail) do not opt in.
"""
from __future__ import annotations

import importlib
import logging
import os
import socket
import threading
import time

from app.jobs import state

log = logging.getLogger(__name__)


def rerun_if_lost(work):
    """Mark a job's work as safe to restart from the beginning when its consumer dies."""
    work.rerun_if_lost = True
    return work


def owner() -> str:
    """This consumer process, as recorded in the state of the job it runs."""
    return f"{socket.gethostname()}:{os.getpid()}"


def started(work, args: tuple) -> dict:
    """The state fields a running job records: who runs it, and for a rerunnable one what to rerun."""
    fields = {"status": state.RUNNING, "consumer": owner()}
    if getattr(work, "rerun_if_lost", False):
        fields.update(task=f"{work.__module__}.{work.__name__}", args=list(args))
    return fields


def _dead_here(consumer: str | None) -> bool:
    """True when `consumer` is a process of this host that no longer exists."""
    host, _, pid = (consumer or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def is_lost(job: dict, stale_seconds: float, now: float) -> bool:
    if job.get("status") != state.RUNNING or not job.get("task"):
        return False
    return _dead_here(job.get("consumer")) or now - job.get("updated", now) > stale_seconds


def requeue_lost(shared_dir: str, stale_seconds: float) -> list[str]:
    """Queue every lost rerunnable job again, once per loss even with several consumers looking."""
    folder = state.jobs_dir(shared_dir)
    requeued = []
    for path in sorted(folder.glob("*.json")):
        job_id = path.stem
        job = state.read(shared_dir, job_id)
        if not job or not is_lost(job, stale_seconds, time.time()):
            continue
        attempt = int(job.get("attempts", 0)) + 1
        try:  # the claim: only one consumer requeues this loss
            os.close(os.open(folder / f"{job_id}.retry{attempt}", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            continue
        for leftover in folder.glob(f"{job_id}.*.part"):  # the dead run's half-written result
            leftover.unlink(missing_ok=True)
        state.write(shared_dir, job_id, status=state.QUEUED, attempts=attempt, consumer=None)
        module, _, name = job["task"].rpartition(".")
        getattr(importlib.import_module(module), name)(job_id, *job.get("args", []))
        log.warning("job %s was lost with its consumer %s: queued again (attempt %d)",
                    job_id, job.get("consumer"), attempt)
        requeued.append(job_id)
    return requeued


def watch(shared_dir: str, stale_seconds: float) -> threading.Thread:
    """Look for lost jobs now, then every half stale period, for as long as the consumer runs."""
    def loop():
        while True:
            time.sleep(max(stale_seconds / 2, 1))
            try:
                requeue_lost(shared_dir, stale_seconds)
            except Exception:  # a bad state file must not stop the watch
                log.exception("looking for lost jobs failed")

    requeue_lost(shared_dir, stale_seconds)
    thread = threading.Thread(target=loop, name="lost-jobs", daemon=True)
    thread.start()
    return thread


