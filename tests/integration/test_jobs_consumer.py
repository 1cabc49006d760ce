"""A real consumer (not immediate mode): the request only queues; a consumer thread does the work."""
import io
import time
import zipfile

import pytest
from pypdf import PdfReader
from huey.storage import SqliteStorage

from app.jobs import huey, tasks
from tests.support.client import login, post
from tests.support.certificates import issue


@pytest.fixture
def queued(app, tmp_path, monkeypatch):
    """The queue in a SQLite file and jobs left for a consumer; the consumer's app is the test's."""
    monkeypatch.setattr(huey, "immediate", False)  # first: leaving immediate mode resets the storage
    monkeypatch.setattr(huey, "storage", SqliteStorage(huey.name, filename=str(tmp_path / "jobs.db")))
    monkeypatch.setattr(tasks, "_consumer_app", lambda: app)
    app.config.update(SHARED_DIR=str(tmp_path / "shared"), JOBS_IMMEDIATE=False)
    yield huey
    huey.storage.flush_all()


def run_batch(client, queued) -> zipfile.ZipFile:
    """Start a batch, check it waits, let a consumer thread (no request context) run it; the ZIP."""
    status_url = post(client, "/certificates/manage/batch", {"q": ""}).headers["Location"]
    assert client.get(status_url + ".json").get_json()["status"] == "queued"
    assert len(queued) == 1  # waiting in the queue, not run by the web request
    consumer = queued.create_consumer(workers=1, worker_type="thread", periodic=False, check_worker_health=False)
    consumer.start()
    try:
        deadline = time.monotonic() + 30
        while client.get(status_url + ".json").get_json()["status"] in ("queued", "running"):
            assert time.monotonic() < deadline, "the consumer did not finish the batch"
            time.sleep(0.2)
    finally:
        consumer.stop(graceful=True)
    job = client.get(status_url + ".json").get_json()
    assert job["status"] == "done"
    return zipfile.ZipFile(io.BytesIO(client.get(job["download"]).data))


def test_a_batch_waits_for_a_consumer_and_the_consumer_finishes_it(app, client, make_user, queued):
    login(client, make_user("admin@example.org", role="admin").email)
    with run_batch(client, queued) as archive:
        assert archive.namelist() == []  # no certificates issued yet: an empty, valid ZIP


def test_a_consumer_prints_the_pdfs_in_the_language_of_the_manager_who_asked(app, client, db, make_user, queued):
    """Guards the consumer's PDFs: outside a request the labels' language came from the request
    (none there), and every batch with a certificate in it failed."""
    certificate = issue(db, make_user("holder@example.org"))
    login(client, make_user("admin@example.org", role="admin").email)
    client.get("/lang/en")
    with run_batch(client, queued) as archive:
        pdf = archive.read(f"{certificate.serial}.pdf")
    assert "This certifies that" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
