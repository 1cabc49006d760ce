"""bench.certificates_batch: its table, its exit status, and a small run end to end."""
import os

import pytest

from bench.certificates_batch import report, run

FIGURES = {"certificates": 2000, "seconds": 80.0, "peak_mb": 200.0, "zip_mb": 50.0, "whole": True}


def test_the_report_prints_time_and_peak_memory_and_passes_within_budget(capsys):
    assert report(FIGURES) == 0
    out = capsys.readouterr().out
    assert "consumer peak MB" in out and "200" in out and "budget 300 MB: ok" in out


@pytest.mark.parametrize("change", [{"whole": False}, {"peak_mb": 300.0}])
def test_a_broken_zip_or_memory_over_budget_exits_non_zero(change):
    assert report({**FIGURES, **change}) == 1


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")), reason="serves its own SQLite file")
def test_a_small_batch_goes_through_the_queue_and_downloads_whole():
    figures = run(12)
    assert figures["whole"] and figures["certificates"] == 12 and figures["peak_mb"] > 0
