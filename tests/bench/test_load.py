"""bench.load: the table it prints and its exit status (its figures are never asserted)."""
import os
import shutil
import subprocess
import sys

import pytest

from bench.load import Result, report
from bench.server import ROOT

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))
ROUTES = ["bare route (baseline)", "/healthz", "home", "course page", "lesson page", "mark done",
          "quiz answer save", "quiz submit"]


def results(errors_on: str | None = None) -> list[Result]:
    return [Result(label, 100, 1.0, 1 if label == errors_on else 0, 1.0, 2.0, 3.0) for label in ROUTES]


def test_report_prints_every_route_and_passes_without_errors(capsys):
    assert report(results(), {1: 100.0}) == 0
    out = capsys.readouterr().out
    assert all(label in out for label in ROUTES) and "p99 ms" in out and "errors: 0" in out


def test_any_request_error_makes_the_benchmark_exit_non_zero(capsys):
    assert report(results(errors_on="mark done"), {1: 100.0}) == 1
    assert "errors: 1" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(ON_POSTGRES, reason="serves its own SQLite file")
@pytest.mark.parametrize("driver", ["wrk", "python"])
def test_the_load_benchmark_runs_every_route_without_errors(driver):
    if driver == "wrk" and shutil.which("wrk") is None:
        if os.environ.get("CI"):
            pytest.fail("wrk is not installed: .ci/run installs it")
        pytest.skip("wrk is not installed (apt-get install wrk)")
    run = subprocess.run([sys.executable, "-m", "bench.load", "--learners", "40", "--users", "6", "--duration", "1",
                          "--connections", "4", "--driver", driver],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert all(label in run.stdout for label in ROUTES) and "errors: 0" in run.stdout
