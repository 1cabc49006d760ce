"""The report upward made by a job consumer: the file goes to SHARED_DIR, then is downloaded from
the progress page (a large subtree's report can take longer than a web request may)."""
from __future__ import annotations

import os

from flask_babel import lazy_gettext as _l

from app.auth.models import User
from app.extensions import db
from app.jobs import huey, state
from app.jobs.kinds import Kind, register
from app.jobs.recovery import rerun_if_lost
from app.jobs.tasks import JobFailed, in_app, in_locale, once
from app.messages import M
from app.reports.periods import from_code
from app.reports.service import make_report
from app.reports.wording import WordingError
from app.units.models import Unit

register("report", Kind(
    title=_l("Report upward"), running=_l("Making the report…"), done=_l("The report is ready."),
    failed=_l("The report could not be made. Try again."), download=_l("Download the report")))


@huey.task()
@in_app
@once
@rerun_if_lost  # the file is made again from the database and renamed whole: running it again is safe
def report_file(app, job_id: str, unit_id: int, period_code: str, fmt: str, viewer_id: int) -> None:
    """Write the report of a unit for a period, as the viewer who asked may see it."""
    state.write(app.config["SHARED_DIR"], job_id, total=1)
    unit, viewer = db.session.get(Unit, unit_id), db.session.get(User, viewer_id)
    try:
        with in_locale(app, job_id):
            data = make_report(unit, from_code(period_code), fmt, viewer)
    except WordingError as problem:
        raise JobFailed(M("The report wording file is broken: %(problem)s", problem=str(problem))) from None
    target = state.result_path(app.config["SHARED_DIR"], job_id, f".{fmt}")
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(target)  # a download never sees half a file
    state.write(app.config["SHARED_DIR"], job_id, done=1)
