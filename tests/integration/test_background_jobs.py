"""The statistics rebuild and the report upward as queued jobs: started by a POST (never a GET),
followed on the shared progress page, the report downloaded from it."""
import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from app.jobs import state
from app.stats.models import StatsLearnerCount
from tests.support.client import csrf_token, login
from tests.support.jobs import job_status, start_job


@pytest.fixture(autouse=True)
def _english_pages(english):
    """These tests read the English interface."""


@pytest.fixture
def ward(make_unit, root_unit):
    return make_unit("W1", make_unit("D1", root_unit, kind="district"), name="Phường Điện Biên")


def signed_in(app, user):
    client = app.test_client()
    assert login(client, user.email).status_code == 302
    return client


def jobs_started(app) -> list:
    return sorted((state.jobs_dir(app.config["SHARED_DIR"])).glob("*.json"))


def test_an_admin_rebuilds_the_statistics_as_a_job_from_the_administration_page(app, db, ward, make_user):
    make_user("learner@example.org", unit=ward)
    db.session.execute(StatsLearnerCount.__table__.delete())
    db.session.commit()
    admin = signed_in(app, make_user("admin@example.org", role="admin"))
    assert 'action="/stats/rebuild"' in admin.get("/admin/").get_data(as_text=True)
    page = start_job(admin, "/stats/rebuild")
    job = job_status(admin, page)
    assert job["status"] == "done" and job["done"] == job["total"] == 3
    assert job["message"].startswith("Statistics rebuilt:")
    assert db.session.scalar(select(StatsLearnerCount.learners).filter_by(unit_id=ward.id, audience="civil_servant"))
    assert "Rebuild statistics" in admin.get(page).get_data(as_text=True)


def test_a_manager_sees_no_rebuild_button_and_may_not_start_one(app, ward, make_user):
    manager = signed_in(app, make_user("manager@example.org", role="manager", unit=ward))
    assert "/stats/rebuild" not in manager.get("/admin/").get_data(as_text=True)
    response = manager.post("/stats/rebuild", data={"csrf_token": csrf_token(manager, "/admin/")})
    assert response.status_code == 403 and jobs_started(app) == []


def test_a_report_prepared_in_the_background_downloads_from_its_progress_page(app, ward, make_user):
    manager = signed_in(app, make_user("manager@example.org", role="manager", unit=ward))
    form = manager.get("/reports/units/W1").get_data(as_text=True)
    assert 'formaction="/reports/units/W1/prepare"' in form
    confirm = manager.get("/reports/units/W1/prepare?period=2026-Q3&format=docx")
    assert confirm.status_code == 200 and jobs_started(app) == []  # a GET starts nothing
    assert 'name="period" value="2026-Q3"' in confirm.get_data(as_text=True)
    page = start_job(manager, "/reports/units/W1/prepare", {"period": "2026-Q3", "format": "docx"})
    job = job_status(manager, page)
    assert job["status"] == "done" and job["message"] == "The report is ready."
    response = manager.get(job["download"])
    assert response.headers["Content-Disposition"].endswith('filename=bao-cao-W1-2026-Q3.docx')
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert "Phường Điện Biên" in text or "PHƯỜNG ĐIỆN BIÊN" in text
    other = signed_in(app, make_user("manager2@example.org", role="manager", unit=ward))
    assert other.get(job["download"]).status_code == 404


def test_a_report_range_is_read_back_by_the_job_and_bad_input_queues_nothing(app, ward, make_user):
    manager = signed_in(app, make_user("manager@example.org", role="manager", unit=ward))
    chosen = {"period": "range", "due_from": "2026-01-01", "due_to": "2026-02-15", "format": "pdf"}
    job = job_status(manager, start_job(manager, "/reports/units/W1/prepare", chosen))
    assert job["status"] == "done"
    assert manager.get(job["download"]).headers["Content-Disposition"].endswith("2026-01-01_2026-02-15.pdf")
    before = jobs_started(app)
    bad = manager.post("/reports/units/W1/prepare", data={**chosen, "due_to": "2025-01-01",
                                                          "csrf_token": csrf_token(manager, "/reports/units/W1")})
    assert bad.status_code == 400 and "Choose a period" in bad.get_data(as_text=True)
    assert jobs_started(app) == before


def test_a_broken_wording_file_fails_the_report_job_with_its_message(app, ward, make_user, tmp_path):
    wording = (Path(app.config["REPORTS_DIR"]) / "bao-cao.yaml").read_text(encoding="utf-8")
    (tmp_path / "bao-cao.yaml").write_text(wording.replace("{unit} báo cáo", "{untit} báo cáo"), encoding="utf-8")
    app.config["REPORTS_DIR"] = str(tmp_path)
    manager = signed_in(app, make_user("manager@example.org", role="manager", unit=ward))
    page = start_job(manager, "/reports/units/W1/prepare", {"period": "2026", "format": "docx"})
    job = job_status(manager, page)
    assert job["status"] == "failed"
    assert job["message"].startswith("The report wording file is broken:")
    assert "bao-cao.yaml: 'intro' uses unknown placeholder {untit}" in job["message"]
    assert manager.get(page).status_code == 200
