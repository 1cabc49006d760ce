"""The shared job progress page updates itself from the JSON status, without reloading: the bar,
the sentence, and the download button once the file is ready."""
import pytest
from playwright.sync_api import expect

from app.jobs import state

pytestmark = pytest.mark.e2e


def test_the_progress_page_follows_a_running_job_to_its_download_without_reloading(live_server, page, log_in):
    from sqlalchemy import select

    from app.auth.models import User
    from app.extensions import db

    email = live_server.create_user(role="manager")
    log_in(email)
    with live_server.app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))
    shared = live_server.app.config["SHARED_DIR"]
    job_id = state.new_job_id()
    state.write(shared, job_id, kind="certificate_batch", user_id=user_id, status="running", done=3, total=10,
                suffix=".zip", mimetype="application/zip", filename="certificates.zip")
    page.goto(f"/jobs/{job_id}")
    expect(page.locator("#job-status")).to_have_text("Số tệp PDF đã đóng gói: 3 / 10")
    expect(page.locator("#job-download")).to_be_hidden()
    page.evaluate("window.stillTheSamePage = true")

    state.write(shared, job_id, done=7)
    expect(page.locator("#job-status")).to_have_text("Số tệp PDF đã đóng gói: 7 / 10", timeout=10_000)
    assert page.locator("#job-progress").evaluate("bar => bar.value") == 7
    state.result_path(shared, job_id, ".zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty ZIP
    state.write(shared, job_id, done=10, status="done")
    expect(page.locator("#job-status")).to_have_text("Tệp ZIP đã sẵn sàng.", timeout=10_000)
    expect(page.locator("#job-download")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True  # updated in place, not reloaded
    with page.expect_download() as download:
        page.click("#job-download")
    assert download.value.suggested_filename == "certificates.zip"
