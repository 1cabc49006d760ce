"""Imports of accounts and units as queued jobs: the whole file in one transaction, once.

The job's id is the upload's token, so the upload, its job and its progress share one name. Any
consumer runs it; progress goes to the job's state in SHARED_DIR, so every server's page shows it.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.admin import uploads
from app.admin.importing import CHUNK, check_upload
from app.audit.services import record
from app.auth.accounts import import_users
from app.auth.models import User
from app.extensions import db
from app.jobs import huey, state
from app.jobs.kinds import Kind, register
from app.jobs.tasks import AlreadyClaimed, JobFailed, in_app, once
from app.messages import M
from app.units.services import import_units

register("import", Kind(
    title=_l("Import"), running=_l("Importing: %(done)s of %(total)s rows…"),
    done=lambda job: _("Import finished: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.",
                       **job["result"]),
    failed=_l("The import failed; nothing was saved.")))

#: How many times in an import the progress is written for the status page.
PROGRESS_WRITES = 50


@huey.task()
@in_app
@once
def import_upload(app, token: str, actor_id: int) -> None:
    """Re-check the stored file and import all its rows or none. Not rerun when lost (a second run
    of a committed import would record it twice): the upload is claimed before anything is done."""
    meta = uploads.load_meta(token)
    if meta is None:
        raise JobFailed(M("the uploaded file is no longer on the server; upload it again"))
    if not uploads.claim(token, "run"):
        raise AlreadyClaimed(token)  # a second delivery of the job: the first one imports
    shared = app.config["SHARED_DIR"]
    meta["state"] = "failed"  # until the commit says otherwise
    try:
        rows, errors = check_upload(meta["kind"], token, meta)
        if errors:  # the database changed since the preview
            first = errors[0]
            raise JobFailed(M("%(num)d problem(s) appeared since the preview, the first at row %(row)s, "
                              "column %(column)s: nothing was imported. Upload the file again to see them all.",
                              num=len(errors), row=first.row, column=first.column or "-"))
        state.write(shared, token, total=len(rows), done=0)
        result = _import(shared, token, meta, rows, actor_id)
        db.session.commit()
        meta.update(state="done", result=result)
        state.write(shared, token, done=len(rows), result=result)
    finally:
        uploads.write_meta(token, meta)
        uploads.discard_data(token)


def _import(shared: str, token: str, meta: dict, rows: list[dict], actor_id: int) -> dict:
    """Import the checked rows (flushes, no commit), writing the progress now and then; the counts."""
    step = max(1, len(rows) // PROGRESS_WRITES)
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if done % step == 0:
            state.write(shared, token, done=done)

    if meta["kind"] == "users":
        result = import_users(rows, progress=progress)
        meta["user_ids"] = _awaiting_activation([row["email"] for row in rows])
    else:
        result = import_units(rows, progress=progress)
    record(db.session.get(User, actor_id), f"{meta['kind'][:-1]}.import", "file", meta["filename"][:64], None, result)
    return result


def _awaiting_activation(emails: list[str]) -> list[int]:
    """Ids of the file's accounts that have no password yet (they need an activation link)."""
    ids = []
    for start in range(0, len(emails), CHUNK):
        ids += db.session.scalars(select(User.id).where(User.email.in_(emails[start:start + CHUNK]),
                                                        User.password_hash.is_(None), User.active.is_(True)))
    return ids
