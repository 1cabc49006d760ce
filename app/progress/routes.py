"""The progress page of any job, its JSON status and its result file: for the person who started it.

Every server answers the same, from the job's state in SHARED_DIR. An area starts its job with
start() and sends the person to jobs.status; the words come from its registered Kind.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, send_file, url_for
from flask_babel import get_locale
from flask_login import current_user

from app.auth.access import LOGGED_IN, allow
from app.jobs import state
from app.jobs.kinds import KINDS, describe

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def start(kind: str, task, *args, back: str, job_id: str | None = None, **fields) -> str:
    """Record a new job of `kind` for the signed-in person, queue task(job_id, *args); its id.
    `back` is where the progress page leads when done; `fields` go into the state (e.g. the
    result's suffix, file name and MIME type for a job that leaves a file). `job_id` names a job
    after what it works on (an import after its upload); a new random id otherwise."""
    job_id = job_id or state.new_job_id()
    state.purge(current_app.config["SHARED_DIR"])  # the results of jobs finished days ago go
    state.write(current_app.config["SHARED_DIR"], job_id, kind=kind, user_id=current_user.id, status=state.QUEUED,
                done=0, total=None, locale=str(get_locale()), back=back, **fields)
    task(job_id, *args)
    return job_id


def owned(job_id: str, kind: str | None = None) -> dict:
    """The job's state, only for the person who started it: 404 for anyone else and any odd id."""
    job = state.read(current_app.config["SHARED_DIR"], job_id)
    if job is None or job.get("kind") not in KINDS or (kind and job["kind"] != kind) \
            or job.get("user_id") != current_user.id:
        abort(404)  # another person's job is not theirs to know of
    return job


def status_of(job_id: str, job: dict) -> dict:
    """The JSON the progress page's script reads."""
    return {"status": job["status"], "done": job.get("done") or 0, "total": job.get("total"),
            "message": describe(job),
            "download": url_for("jobs.download", job_id=job_id) if _has_file(job) else None}


def _has_file(job: dict) -> bool:
    return job["status"] == state.DONE and bool(job.get("suffix"))


@bp.route("/<job_id>")
@allow(LOGGED_IN)
def status(job_id):
    """The job's progress: updates itself (script, or a refresh without it) until done or failed."""
    job = owned(job_id)
    return render_template("jobs/status.html", job=job, job_id=job_id, kind=KINDS[job["kind"]],
                           status=status_of(job_id, job))


@bp.route("/<job_id>.json")
@allow(LOGGED_IN)
def status_json(job_id):
    """The job's state for the progress page's script (and any other server's page)."""
    return status_of(job_id, owned(job_id))


@bp.route("/<job_id>/download")
@allow(LOGGED_IN)
def download(job_id):
    """The job's finished file, from the shared directory."""
    job = owned(job_id)
    if not _has_file(job):
        abort(404)
    return send_file(state.result_path(current_app.config["SHARED_DIR"], job_id, job["suffix"]),
                     mimetype=job["mimetype"], as_attachment=True, download_name=job["filename"])
