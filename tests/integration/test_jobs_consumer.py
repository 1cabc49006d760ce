"""A real consumer (not immediate mode): the request only queues; a consumer thread does the work."""
import io
import zipfile

import pytest
from pypdf import PdfReader

from tests.support.client import login, post
from tests.support.certificates import issue
from tests.support.jobs import queue_for_a_consumer, run_consumer_until


@pytest.fixture
def queued(app, tmp_path, monkeypatch):
    """The queue in a SQLite file and jobs left for a consumer; the consumer's app is the test's."""
    huey = queue_for_a_consumer(app, tmp_path, monkeypatch)
    yield huey
    huey.storage.flush_all()


def run_batch(client, queued) -> zipfile.ZipFile:
    """Start a batch, check it waits, let a consumer thread (no request context) run it; the ZIP."""
    status_url = post(client, "/certificates/manage/batch", {"q": ""}).headers["Location"]
    assert client.get(status_url + ".json").get_json()["status"] == "queued"
    assert len(queued) == 1  # waiting in the queue, not run by the web request
    run_consumer_until(queued, lambda: client.get(status_url + ".json").get_json()["status"] not in ("queued", "running"))
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
