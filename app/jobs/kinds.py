"""What the progress page says about each kind of job: its areas register one Kind each.

The page, its JSON and the result download are shared (app/progress/routes.py); only these words and
the result's file differ from one kind of job to another.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _

from app.messages import Message, translated


@dataclass(frozen=True)
class Kind:
    """The words of one kind of job, lazy strings translated when the page is shown."""

    #: The page's heading.
    title: object
    #: While it runs: a text with %(done)s and %(total)s.
    running: object
    #: When it is done: a text, or a function of the job's state giving one (a summary of its result).
    done: object | Callable[[dict], str]
    #: When it failed without a message of its own.
    failed: object
    #: The download button's label, for jobs that leave a file.
    download: object = None


KINDS: dict[str, Kind] = {}


def register(name: str, kind: Kind) -> None:
    KINDS[name] = kind


def describe(job: dict) -> str:
    """The sentence the progress page shows for the job's state, in the reader's language."""
    kind = KINDS[job["kind"]]
    if job["status"] == "done":
        return kind.done(job) if callable(kind.done) else str(kind.done)
    if job["status"] == "failed":
        error = job.get("error")
        return translated(Message(error["msgid"], **error["values"]), _) if error else str(kind.failed)
    return str(kind.running) % {"done": job.get("done") or 0, "total": job.get("total") or "…"}
