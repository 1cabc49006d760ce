"""The certificate batch as a job: a ZIP of a manager's list written to SHARED_DIR, then downloaded."""
from __future__ import annotations

import os
import secrets

from flask_babel import lazy_gettext as _l

from app.auth.models import User
from app.certificates import documents, queries
from app.certificates.batch import write_zip
from app.extensions import db
from app.jobs import huey, state
from app.jobs.kinds import Kind, register
from app.jobs.recovery import rerun_if_lost
from app.jobs.tasks import in_app, in_locale, once

register("certificate_batch", Kind(
    title=_l("Certificate ZIP"), running=_l("PDFs packed: %(done)s / %(total)s"), done=_l("ZIP ready."),
    failed=_l("The ZIP could not be made. Try again."), download=_l("Download ZIP")))

#: How often (in PDFs) the progress is written for the status page.
PROGRESS_EVERY = 10


def build_batch(shared_dir: str, job_id: str, user_id: int, search: str, limit: int) -> None:
    """Write the ZIP of the PDFs the manager's list shows (same scope and search), counting as it goes."""
    viewer = db.session.get(User, user_id)
    certificates = list(db.session.scalars(queries.in_scope(viewer, search).limit(limit)))
    state.write(shared_dir, job_id, total=len(certificates), done=0)
    target = state.result_path(shared_dir, job_id, ".zip")
    # Each run its own temporary file: a rerun of a lost job never writes into the dead run's.
    partial = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
    packed = 0

    def entries():
        nonlocal packed
        for certificate in certificates:
            yield documents.pdf_filename(certificate), certificate.issued_at, documents.pdf_bytes(certificate)
            packed += 1
            if packed % PROGRESS_EVERY == 0:
                state.write(shared_dir, job_id, done=packed)

    try:
        with partial.open("wb") as out:
            write_zip(out, entries())
        partial.replace(target)  # a download never sees half a ZIP
    finally:
        partial.unlink(missing_ok=True)
    state.write(shared_dir, job_id, done=packed)


@huey.task()
@in_app
@once
@rerun_if_lost  # the ZIP is rebuilt whole from the database: running it again is safe
def certificate_batch(app, job_id: str, user_id: int, search: str) -> None:
    """The queued task: a subtree's certificates as one ZIP in the shared directory."""
    with in_locale(app, job_id):  # the PDFs' labels in the language of the manager who asked
        build_batch(app.config["SHARED_DIR"], job_id, user_id, search, app.config["CERTIFICATE_BATCH_MAX"])
