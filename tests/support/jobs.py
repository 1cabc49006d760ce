"""Starting a queued job through its form and reading its JSON status (JOBS_IMMEDIATE runs it inline)."""
from __future__ import annotations

import io
import time
import zipfile

from tests.support.client import post


def start_job(client, path: str, data: dict | None = None) -> str:
    """POST the job's form; the progress page's URL it redirects to."""
    response = post(client, path, data or {})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def job_status(client, page_url: str) -> dict:
    """The JSON status of the job whose progress page is `page_url`."""
    response = client.get(page_url + ".json")
    assert response.status_code == 200, response.status_code
    return response.get_json()


def certificate_zip(client, q: str = "") -> zipfile.ZipFile:
    """Start a certificate batch of the list (search `q`) and open the finished ZIP."""
    job = job_status(client, start_job(client, "/certificates/manage/batch", {"q": q}))
    assert job["status"] == "done", job
    return zipfile.ZipFile(io.BytesIO(client.get(job["download"]).data))


def queue_for_a_consumer(app, folder, monkeypatch):
    """Leave jobs in a SQLite queue under `folder` for a consumer (not run by the request); the huey.
    The consumer's app is the test's. The caller empties the queue (huey.storage.flush_all())."""
    from huey.storage import SqliteStorage

    from app.jobs import huey, tasks

    monkeypatch.setattr(huey, "immediate", False)  # first: leaving immediate mode resets the storage
    monkeypatch.setattr(huey, "storage", SqliteStorage(huey.name, filename=str(folder / "jobs.db")))
    monkeypatch.setattr(tasks, "_consumer_app", lambda: app)
    app.config.update(SHARED_DIR=str(folder / "shared"), JOBS_IMMEDIATE=False)
    return huey


def run_consumer_until(huey, finished, seconds: float = 30) -> None:
    """Run a consumer thread until finished() is true (no request context in it, as in production)."""
    consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=False, check_worker_health=False)
    consumer.start()
    try:
        deadline = time.monotonic() + seconds
        while not finished():
            assert time.monotonic() < deadline, "the consumer did not finish the job"
            time.sleep(0.2)
    finally:
        consumer.stop(graceful=True)
