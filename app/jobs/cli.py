"""`flask jobs worker`: the consumer that runs queued jobs (beside the web server, or on its own host)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="The job queue: run a consumer.")


@jobs_cli.command("worker")
@click.option("--workers", "-w", default=1, show_default=True, help="Jobs run at the same time.")
def worker(workers: int) -> None:
    """Run the consumer until stopped (Ctrl-C / SIGTERM finishes the running job first)."""
    from flask import current_app

    from app.jobs import huey, recovery, tasks
    # The tasks are registered by their areas' modules, which the app (made by `flask`) imported.

    huey.immediate = False
    tasks.use_app(current_app._get_current_object())
    recovery.watch(current_app.config["SHARED_DIR"], current_app.config["JOBS_STALE_SECONDS"])
    # periodic: the mail sweep (app/mail/jobs.py) runs on every consumer; its claims make that safe.
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True)
    consumer.run()
