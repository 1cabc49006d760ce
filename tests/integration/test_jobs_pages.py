"""Every job's progress page, JSON status and download: its starter's alone, the same from any
client (any server), and a failed job a page that says so."""
import json
import time

import pytest

from app.jobs import state
from tests.support.certificates import issue
from tests.support.client import login
from tests.support.jobs import job_status, queue_for_a_consumer, run_consumer_until, start_job

BATCH = "/certificates/manage/batch"


@pytest.fixture(autouse=True)
def _english_pages(english):
    """These tests read the English interface."""


@pytest.fixture
def admin(make_user):
    return make_user("admin@example.org", role="admin")


def signed_in(app, user):
    client = app.test_client()
    assert login(client, user.email).status_code == 302
    return client


def test_a_jobs_progress_reads_the_same_from_a_second_client_while_queued_and_when_done(
        app, db, admin, make_user, tmp_path, monkeypatch):
    issue(db, make_user("holder@example.org"))
    huey = queue_for_a_consumer(app, tmp_path, monkeypatch)
    try:
        first, second = signed_in(app, admin), signed_in(app, admin)  # two sessions, as on two servers
        page = start_job(first, BATCH, {"q": ""})
        assert job_status(second, page)["status"] == "queued"
        assert "PDFs packed: 0" in second.get(page).get_data(as_text=True)
        run_consumer_until(huey, lambda: job_status(second, page)["status"] == "done")
        job = job_status(second, page)
        assert job["done"] == job["total"] == 1 and job["message"] == "ZIP ready."
        assert second.get(job["download"]).mimetype == "application/zip"
    finally:
        huey.storage.flush_all()


def test_a_job_is_its_starters_alone_and_odd_ids_find_nothing(app, admin, make_user):
    starter = signed_in(app, admin)
    page = start_job(starter, BATCH, {"q": ""})
    job_id = page.rsplit("/", 1)[1]
    download = job_status(starter, page)["download"]
    assert starter.get(page).status_code == starter.get(download).status_code == 200
    other_admin = signed_in(app, make_user("admin2@example.org", role="admin"))
    learner = signed_in(app, make_user("learner@example.org"))
    for client in (other_admin, learner):
        for url in (page, page + ".json", download):
            assert client.get(url).status_code == 404, url
    assert other_admin.get(f"/certificates/manage/batch/{job_id}.json").status_code == 404
    assert app.test_client().get(page + ".json").status_code in (302, 401)  # to the login page
    for odd in ("..", "final", f"{job_id}/", job_id.upper(), f"..%2F{job_id}", "%2e%2e", "jobs"):
        assert starter.get(f"/jobs/{odd}").status_code == 404, odd
        assert starter.get(f"/jobs/{odd}.json").status_code == 404, odd


def test_the_old_batch_urls_lead_to_the_shared_pages(app, admin):
    starter = signed_in(app, admin)
    page = start_job(starter, BATCH, {"q": ""})
    job_id = page.rsplit("/", 1)[1]
    assert page.endswith(f"/jobs/{job_id}")
    assert starter.get(f"/certificates/manage/batch/{job_id}").headers["Location"].endswith(page)
    assert starter.get(f"/certificates/manage/batch/{job_id}.json").get_json() == job_status(starter, page)
    assert starter.get(f"/certificates/manage/batch/{job_id}.zip").headers["Location"].endswith(f"{page}/download")


def test_a_failing_job_shows_a_failed_state_with_a_message_not_a_500(app, db, admin, make_user, monkeypatch):
    from app.certificates import documents

    issue(db, make_user("holder@example.org"))
    monkeypatch.setattr(documents, "pdf_bytes", lambda certificate: 1 / 0)
    starter = signed_in(app, admin)
    page = start_job(starter, BATCH, {"q": ""})
    job = job_status(starter, page)
    assert job["status"] == "failed" and job["message"] == "The ZIP could not be made. Try again."
    assert job["download"] is None
    response = starter.get(page)
    assert response.status_code == 200 and "The ZIP could not be made" in response.get_data(as_text=True)
    assert starter.get(f"{page}/download").status_code == 404


def test_a_finished_job_delivered_again_is_not_run_again(app, admin, monkeypatch):
    from app.certificates import jobs as certificate_jobs

    starter = signed_in(app, admin)
    page = start_job(starter, BATCH, {"q": ""})
    job_id = page.rsplit("/", 1)[1]
    monkeypatch.setattr(certificate_jobs, "build_batch", lambda *args: pytest.fail("ran twice"))
    with app.test_request_context():
        certificate_jobs.certificate_batch(job_id, admin.id, "")
    assert state.read(app.config["SHARED_DIR"], job_id)["status"] == "done"


def test_a_finished_jobs_file_is_kept_for_its_download_then_removed_when_a_later_job_starts(app, admin):
    starter = signed_in(app, admin)
    shared = app.config["SHARED_DIR"]
    old = start_job(starter, BATCH, {"q": ""}).rsplit("/", 1)[1]
    waiting = state.new_job_id()
    state.write(shared, waiting, kind="certificate_batch", user_id=admin.id, status=state.QUEUED)
    start_job(starter, BATCH, {"q": ""})
    assert state.result_path(shared, old, ".zip").exists()  # fresh: kept
    for job_id in (old, waiting):  # three days later (a queued job is kept however old)
        path = state.jobs_dir(shared) / f"{job_id}.json"
        path.write_text(json.dumps(json.loads(path.read_text()) | {"updated": time.time() - 3 * 24 * 3600}))
    start_job(starter, BATCH, {"q": ""})
    assert state.read(shared, old) is None and not state.result_path(shared, old, ".zip").exists()
    assert state.read(shared, waiting)["status"] == "queued"
