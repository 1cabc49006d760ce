"""A job lost with its consumer is queued again once, and only when it is safe to rerun."""
import os
import subprocess
import time

import pytest

from app.jobs import recovery, state

CALLS = []


def fake_task(job_id, *args):
    """Stands for a huey task wrapper: calling it queues the job."""
    CALLS.append((job_id, *args))


TASK = f"{__name__}.fake_task"


@pytest.fixture
def shared(tmp_path):
    CALLS.clear()
    return str(tmp_path)


def dead_consumer() -> str:
    process = subprocess.Popen(["true"])
    process.wait()
    return f"{recovery.owner().rpartition(':')[0]}:{process.pid}"


def test_a_job_of_a_dead_consumer_on_this_host_is_queued_again_once_without_its_half_result(shared):
    state.write(shared, "job1", status=state.RUNNING, consumer=dead_consumer(), task=TASK, args=[7, "q"])
    leftover = state.jobs_dir(shared) / "job1.zip.123-abcd.part"
    leftover.write_bytes(b"half")
    assert recovery.requeue_lost(shared, stale_seconds=3600) == ["job1"]
    assert recovery.requeue_lost(shared, stale_seconds=3600) == []  # now queued, not running
    assert CALLS == [("job1", 7, "q")]
    job = state.read(shared, "job1")
    assert job["status"] == state.QUEUED and job["attempts"] == 1
    assert not leftover.exists()


def test_a_job_that_did_not_opt_in_is_never_run_again(shared):
    """Guards mail and other work that must not run twice."""
    state.write(shared, "mail", status=state.RUNNING, consumer=dead_consumer())
    assert recovery.requeue_lost(shared, stale_seconds=0) == []
    assert CALLS == []


def test_a_live_consumer_keeps_its_job_until_it_falls_silent(shared, monkeypatch):
    state.write(shared, "job2", status=state.RUNNING, consumer=recovery.owner(), task=TASK, args=[])
    assert recovery.requeue_lost(shared, stale_seconds=60) == []
    later = time.time() + 61
    monkeypatch.setattr(recovery.time, "time", lambda: later)
    assert recovery.requeue_lost(shared, stale_seconds=60) == ["job2"]


def test_two_consumers_looking_at_once_queue_a_loss_only_once(shared):
    state.write(shared, "job3", status=state.RUNNING, consumer=dead_consumer(), task=TASK, args=[])
    os.close(os.open(state.jobs_dir(shared) / "job3.retry1", os.O_CREAT | os.O_WRONLY))  # the other one's claim
    assert recovery.requeue_lost(shared, stale_seconds=3600) == []
    assert CALLS == []


def test_a_running_rerunnable_job_records_what_to_rerun():
    @recovery.rerun_if_lost
    def work(app, job_id, user_id):
        pass

    fields = recovery.started(work, (5,))
    assert fields["task"].endswith(".work") and fields["args"] == [5] and fields["status"] == state.RUNNING
    assert "task" not in recovery.started(lambda app, job_id: None, ())
