"""The statistics rebuild as a queued job, started from the administration page.

`flask stats rebuild` does the same in the terminal, synchronously. One transaction: the pages
show the old counts until the new ones are committed whole.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.jobs import huey, state
from app.jobs.kinds import Kind, register
from app.jobs.recovery import rerun_if_lost
from app.jobs.tasks import in_app, once
from app.stats import counters

register("stats_rebuild", Kind(
    title=_l("Rebuild statistics"), running=_l("Summary tables recounted: %(done)s of %(total)s"),
    done=lambda job: _("Statistics rebuilt: %(rows)s summary rows.", rows=job.get("rows", 0)),
    failed=_l("The statistics could not be rebuilt; the old counts are kept.")))


@huey.task()
@in_app
@once
@rerun_if_lost  # a recount from the raw rows in one transaction: running it again is safe
def stats_rebuild(app, job_id: str) -> None:
    """Recount every statistics summary row from the raw rows, writing the progress per table."""
    shared = app.config["SHARED_DIR"]
    counts = counters.rebuild(db.session, progress=lambda done, total: state.write(shared, job_id, done=done,
                                                                                   total=total))
    db.session.commit()
    state.write(shared, job_id, rows=sum(counts.values()))
