"""The import as a queued job: all or nothing, once per upload, its progress readable by any admin
session (any server), and a failure a page with a message naming row and column."""
from sqlalchemy import func, select

from app.admin import jobs as import_jobs
from app.audit.models import AuditEntry
from app.auth.models import User
from app.jobs import state
from tests.support.client import login, post
from tests.support.imports import GOOD, upload
from tests.support.jobs import queue_for_a_consumer, run_consumer_until


def count(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def confirm(client, token, kind="users"):
    assert post(client, f"/admin/{kind}/import/{token}/confirm").status_code == 302
    return client.get(f"/admin/{kind}/import/{token}/status").get_json()


def test_an_import_that_breaks_midway_saves_nothing(app, admin_client, db, monkeypatch):
    before = count(db, User)
    token, _ = upload(admin_client, GOOD.encode())

    def broken_audit(*args):  # after every row is flushed: the rows must go too
        raise RuntimeError("audit store down")
    monkeypatch.setattr(import_jobs, "record", broken_audit)
    status = confirm(admin_client, token)
    assert status["state"] == status["status"] == "failed"
    assert status["error"] == "The import failed; nothing was saved."
    db.session.expire_all()
    assert count(db, User) == before
    page = admin_client.get(f"/admin/users/import/{token}")
    assert page.status_code == 200 and "nothing was saved" in page.get_data(as_text=True)


def test_an_import_delivered_again_imports_once(app, admin_client, people, db):
    token, _ = upload(admin_client, GOOD.encode())
    assert confirm(admin_client, token)["result"]["created"] == 2
    shared = app.config["SHARED_DIR"]
    for status in ("done", "running"):  # delivered again after it finished, or while it runs
        state.write(shared, token, status=status)
        with app.test_request_context():
            import_jobs.import_upload(token, people["admin"].id)
        assert state.read(shared, token)["status"] == status
    assert count(db, AuditEntry, AuditEntry.action == "user.import") == 1
    assert admin_client.get(f"/admin/users/import/{token}/status").get_json()["result"]["created"] == 2


def test_a_problem_appearing_after_the_preview_fails_the_import_naming_row_and_column(
        app, admin_client, tree, db):
    before = count(db, User)
    token, html = upload(admin_client, GOOD.encode())
    assert "2 rows will be created" in html
    tree["other"].code = "D2-RENAMED"  # the file's row 3 names D2
    db.session.commit()
    status = confirm(admin_client, token)
    assert status["state"] == "failed"
    assert "1 problem(s) appeared since the preview, the first at row 3, column unit_code" in status["error"]
    assert count(db, User) == before
    admin_client.get("/lang/vi")
    assert "dòng 3, cột unit_code" in admin_client.get(f"/admin/users/import/{token}").get_data(as_text=True)


def test_a_queued_imports_progress_reads_the_same_from_another_admin_session(
        app, admin_client, people, db, tmp_path, monkeypatch):
    huey = queue_for_a_consumer(app, tmp_path, monkeypatch)
    try:
        token, _ = upload(admin_client, GOOD.encode())
        other = app.test_client()
        login(other, "admin@example.org")
        status_url = f"/admin/users/import/{token}/status"
        assert confirm(admin_client, token)["state"] == "queued"
        assert other.get(status_url).get_json()["status"] == "queued"  # the request only queued it
        run_consumer_until(huey, lambda: other.get(status_url).get_json()["state"] in ("done", "failed"))
        status = other.get(status_url).get_json()
        assert status["state"] == "done" and status["done"] == status["total"] == 2
        assert count(db, User, User.email.in_(["a1@example.org", "a2@example.org"])) == 2
    finally:
        huey.storage.flush_all()


def test_an_import_page_still_shows_how_it_ended_once_its_job_state_is_removed(app, admin_client):
    token, _ = upload(admin_client, GOOD.encode())
    confirm(admin_client, token)
    (state.jobs_dir(app.config["SHARED_DIR"]) / f"{token}.json").unlink()  # removed days later
    status = admin_client.get(f"/admin/users/import/{token}/status").get_json()
    assert status["status"] == status["state"] == "done" and status["result"]["created"] == 2
    assert "2 created" in admin_client.get(f"/admin/users/import/{token}").get_data(as_text=True)
