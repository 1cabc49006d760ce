"""Two gunicorn app servers on one PostgreSQL, one Redis and one job consumer behave as one site.

Runs when TEST_DATABASE_URL names PostgreSQL (the second `make test` of .ci/run) and
redis-server is installed (.ci/run installs Debian's); skipped with the reason otherwise, and a
failure in CI when redis-server is missing there.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import time
import zipfile
from pathlib import Path

import pytest

from bench.cluster import (Tab, cluster_env, consumer, copy_courses, fresh_postgres_database, prepare,
                           redis_server)
from bench.server import gunicorn

DATABASE = os.environ.get("TEST_DATABASE_URL", "")
FIXTURES = Path(__file__).parent.parent / "fixtures" / "courses"
RELOAD_SECONDS = 1
CERTIFICATES = 120

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


def _requirements() -> str | None:
    if not DATABASE.startswith("postgresql"):
        return "needs PostgreSQL: set TEST_DATABASE_URL (the second `make test` of .ci/run does)"
    if shutil.which("redis-server") is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed: .ci/run installs it")
        return "needs redis-server (apt-get install redis-server)"
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Servers A and B, the consumer, and the people of the site; yields a dict of them."""
    reason = _requirements()
    if reason:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("two-servers")
    shared = root / "shared"
    courses = copy_courses(FIXTURES, str(root))
    with redis_server() as redis_url, fresh_postgres_database(DATABASE, "ia_two_servers") as database_url:
        people = prepare(database_url, courses, certificates=CERTIFICATES)
        env = cluster_env(database_url, courses, str(shared), f"{redis_url}/0", f"{redis_url}/1",
                          COURSES_RELOAD_INTERVAL=str(RELOAD_SECONDS), LOCKOUT_AFTER="4",
                          JOBS_STALE_SECONDS="600")
        with gunicorn(database_url, courses, workers=1, env=env, log_path=str(root / "a.log")) as (a, _), \
                gunicorn(database_url, courses, workers=1, env=env, log_path=str(root / "b.log")) as (b, _):
            yield {"a": a, "b": b, "env": env, "people": people, "shared": shared, "courses": Path(courses),
                   "root": root}


def wait_for(check, seconds: float, what: str, every: float = 0.2):
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what}: not within {seconds} s"
        time.sleep(every)


def admin_on(site, server: str) -> Tab:
    tab = Tab(site[server])
    assert tab.log_in(site["people"]["admin"]).status_code == 302
    return tab


def test_a_session_made_on_a_works_on_b(site):
    on_a = admin_on(site, "a")
    on_b = on_a.on(site["b"])
    assert on_b.get("/admin/users").status_code == 200
    assert Tab(site["b"]).get("/admin/users").status_code in (302, 401, 403)  # no cookie, no entry


def test_login_throttling_counts_attempts_made_on_both_servers(site):
    email = site["people"]["learner"]
    for server in ("a", "b", "a", "b"):  # four failures, two per server: LOCKOUT_AFTER is 4
        assert Tab(site[server]).log_in(email, "wrong-password").status_code == 401
    assert Tab(site["a"]).log_in(email).status_code == 401  # paused: even the right password waits
    assert Tab(site["b"]).log_in(email).status_code == 401


def start_batch(tab: Tab) -> str:
    tab.get("/certificates/manage")
    response = tab.post("/certificates/manage/batch", {"q": ""})
    assert response.status_code == 302
    return response.headers["Location"].removeprefix(f"http://127.0.0.1:{tab.port}")


def job_state(tab: Tab, status_path: str) -> dict:
    return tab.get(status_path + ".json").json()


def download_whole(tab: Tab, job: dict) -> list[str]:
    response = tab.get(job["download"])
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert all(archive.read(name).startswith(b"%PDF") for name in names)
    return names


def test_a_batch_started_on_a_completes_in_the_consumer_and_downloads_whole_from_b(site):
    on_a = admin_on(site, "a")
    status = start_batch(on_a)
    on_b = on_a.on(site["b"])
    with consumer(site["env"], str(site["root"] / "consumer.log")):
        job = wait_for(lambda: (j := job_state(on_b, status))["status"] == "done" and j, 90, "the batch")
    names = download_whole(on_b, job)
    assert len(names) == len(set(names)) == CERTIFICATES == job["total"]


def test_an_import_started_on_b_shows_its_progress_on_a(site):
    on_b = admin_on(site, "b")
    on_b.get("/admin/users/import")
    rows = "".join(f"imported{i}@example.org,Người Nhập {i},W1,learner,civil_servant\n" for i in range(30))
    response = on_b.post("/admin/users/import", files={"file": ("users.csv", "email,full_name,unit_code,role,audience\n" + rows)})
    assert response.status_code == 302, response.text[:500]
    page = response.headers["Location"].removeprefix(f"http://127.0.0.1:{site['b']}")
    token = page.rsplit("/", 1)[1]
    on_b.get(page)
    assert on_b.post(f"{page}/confirm").status_code == 302
    on_a = on_b.on(site["a"])
    # Whether the import runs in a thread of B or on the queue, its progress is read from SHARED_DIR.
    with consumer(site["env"]):
        state = wait_for(lambda: (s := on_a.get(f"/admin/users/import/{token}/status").json())
                         .get("state", s.get("status")) in ("done", "failed") and s, 60, "the import")
    assert state.get("state", state.get("status")) == "done" and state["done"] == state["total"] == 30


def test_a_course_published_on_a_is_served_by_b_within_the_reload_interval(site):
    from app.editor.store import version_of

    learner_on_b = Tab(site["b"])
    assert learner_on_b.log_in(site["people"]["reader"]).status_code == 302
    assert "with integrity" not in learner_on_b.get("/courses/civics/lessons/conduct").text
    trainer = Tab(site["a"])
    trainer.log_in(site["people"]["trainer"])
    text = (site["courses"] / "civics" / "01-conduct.md").read_text(encoding="utf-8")
    trainer.get("/editor/civics/files/01-conduct.md")
    saved = trainer.post("/editor/civics/files/01-conduct.md", {
        "text": text.replace("serves the people", "serves the people with integrity"),
        "version": version_of(text), "action": "save"})
    assert saved.status_code == 302, saved.text[:500]
    trainer.get("/editor/civics/")
    assert trainer.post("/editor/civics/publish", {"summary": "two servers"}).status_code == 302
    published = time.monotonic()
    wait_for(lambda: "with integrity" in learner_on_b.get("/courses/civics/lessons/conduct").text,
             RELOAD_SECONDS + 2, "B serving the published course", every=0.1)
    assert time.monotonic() - published <= RELOAD_SECONDS + 2


def test_a_consumer_killed_mid_batch_finishes_it_after_restart_without_duplicates_or_losses(site):
    on_a = admin_on(site, "a")
    status = start_batch(on_a)
    with consumer(site["env"], str(site["root"] / "killed.log")) as first:
        wait_for(lambda: (job_state(on_a, status).get("done") or 0) >= 20, 60, "the batch starting")
        first.send_signal(signal.SIGKILL)  # no graceful stop: the job is lost with it
        first.wait()
    assert job_state(on_a, status)["status"] == "running"
    with consumer(site["env"], str(site["root"] / "restarted.log")):
        job = wait_for(lambda: (j := job_state(on_a, status))["status"] == "done" and j, 90, "the rerun")
    names = download_whole(on_a.on(site["b"]), job)
    assert len(names) == len(set(names)) == CERTIFICATES  # every certificate, each once
    job_id = status.rsplit("/", 1)[1]
    left = sorted(p.name for p in (site["shared"] / "jobs").glob(f"{job_id}*") if not p.name.endswith((".json",)))
    assert [n for n in left if ".retry" not in n] == [f"{job_id}.zip"]  # one ZIP, no half-written one
