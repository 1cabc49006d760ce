"""How a queued job runs: inside an app context (the request's one in immediate mode, else one
app made once per consumer process), its state recorded. The tasks themselves live in their
areas (e.g. app/certificates/jobs.py), which import this, never the other way."""
from __future__ import annotations

import functools
import logging
from contextlib import contextmanager

from flask import current_app, has_app_context

from app.jobs import huey, recovery, state

log = logging.getLogger(__name__)


class JobFailed(Exception):
    """A job that ends on a known problem: its message (an app.messages.M, shown translated on the
    progress page) goes into the job's state instead of a traceback."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class AlreadyClaimed(Exception):
    """Raised by a job that finds its work done or under way by another delivery of it: the state
    is left as that other run writes it (a re-delivered job must not do its work twice)."""


def once(work):
    """Mark a job's work as never to run again once its state says done or failed: a second
    delivery of it, or a rerun, then does nothing (opt-in, like recovery.rerun_if_lost)."""
    work.once = True
    return work


_app = None


def use_app(app) -> None:
    """Run jobs in `app` (the one `flask jobs worker` made) instead of making a second copy."""
    global _app
    _app = app


def _consumer_app():
    global _app
    if _app is None:
        from app import create_app

        _app = create_app()
    return _app


def in_app(work):
    """Run work(app) in an app context, recording a failure in the job state instead of losing it."""
    @functools.wraps(work)
    def run(job_id: str, *args):
        if has_app_context():
            return _guarded(current_app._get_current_object(), work, job_id, *args)
        app = _consumer_app()
        with app.app_context():
            return _guarded(app, work, job_id, *args)
    return run


def _guarded(app, work, job_id, *args):
    from app.extensions import db

    shared = app.config["SHARED_DIR"]
    if getattr(work, "once", False) and (state.read(shared, job_id) or {}).get("status") in (state.DONE, state.FAILED):
        log.warning("job %s has finished already: not run again", job_id)
        return
    state.write(shared, job_id, **recovery.started(work, args))
    try:
        work(app, job_id, *args)
    except AlreadyClaimed:
        log.warning("job %s is done or running elsewhere: not run again", job_id)
        return
    except JobFailed as failure:
        db.session.rollback()
        log.warning("job %s failed: %s", job_id, failure)
        state.write(shared, job_id, status=state.FAILED, error=_as_error(failure.message))
        return
    except Exception:
        db.session.rollback()
        log.exception("job %s failed", job_id)
        state.write(shared, job_id, status=state.FAILED)
        raise
    finally:
        if not huey.immediate:  # a consumer's session must not outlive the job; inline, it is the request's
            db.session.remove()
    state.write(shared, job_id, status=state.DONE)


@contextmanager
def job_app():
    """The app for a job that keeps its own state (the mail outbox) instead of a job-state file:
    the current one inline (immediate mode, a CLI command), else the consumer's, in a context
    of its own whose session ends with it."""
    if has_app_context():
        yield current_app._get_current_object()
        return
    app = _consumer_app()
    with app.app_context():
        yield app


def _as_error(message) -> dict:
    """A message as state JSON: its msgid and values, so each reader sees it in their language."""
    return {"msgid": getattr(message, "msgid", str(message)), "values": getattr(message, "values", {})}


def in_locale(app, job_id: str):
    """A context in the language of the person who started the job (no request here to tell it)."""
    from flask_babel import force_locale

    job = state.read(app.config["SHARED_DIR"], job_id) or {}
    return force_locale(job.get("locale") or app.config["BABEL_DEFAULT_LOCALE"])
