"""A certificate batch through the job queue: an app server queues it, a consumer builds the
ZIP, the ZIP downloads whole. Prints the time and the consumer's peak memory (budget 300 MB).

    python -m bench.certificates_batch [--certificates 2000] [--database-url URL] [--jobs-url redis://…]

By default everything is in a scratch folder: a SQLite database and the SQLite queue, so it
needs no service. Exits non-zero when the ZIP is not whole or the memory is over budget.
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
import time
import zipfile
from pathlib import Path

from bench.cluster import Tab, cluster_env, consumer, peak_rss_mb, prepare, scratch
from bench.server import ROOT, gunicorn

BUDGET_MB = 300


def run(certificates: int, database_url: str | None = None, jobs_url: str | None = None,
        courses_dir: str = str(ROOT / "courses")) -> dict:
    """Queue one batch of `certificates` and wait for it; returns the figures."""
    folder = Path(scratch("ia-batch-"))
    try:
        database_url = database_url or f"sqlite:///{folder / 'bench.db'}"
        people = prepare(database_url, courses_dir, certificates=certificates)
        env = cluster_env(database_url, courses_dir, str(folder / "shared"),
                          jobs_url or f"sqlite:///{folder / 'jobs.db'}", "memory://",
                          CERTIFICATE_BATCH_MAX=str(certificates))
        with gunicorn(database_url, courses_dir, workers=1, env=env) as (port, _), \
                consumer(env, str(folder / "consumer.log")) as worker:
            tab = Tab(port)
            tab.log_in(people["admin"])
            tab.get("/certificates/manage")
            status = tab.post("/certificates/manage/batch", {"q": ""}).headers["Location"]
            status = status.removeprefix(f"http://127.0.0.1:{port}")
            start = time.perf_counter()
            while (job := tab.get(status + ".json").json())["status"] in ("queued", "running"):
                time.sleep(0.5)
            elapsed = time.perf_counter() - start
            peak = peak_rss_mb(worker.pid)
            if job["status"] != "done":
                raise SystemExit(f"the batch {job['status']}: see {folder / 'consumer.log'}")
            data = tab.get(job["download"]).content
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            whole = archive.testzip() is None and len(set(names)) == len(names) == certificates
        return {"certificates": certificates, "seconds": elapsed, "peak_mb": peak, "zip_mb": len(data) / 2**20,
                "whole": whole}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(figures: dict) -> int:
    print(f"{'certificates':<14}{'seconds':>10}{'ms/PDF':>10}{'ZIP MB':>10}{'consumer peak MB':>18}  whole")
    print(f"{figures['certificates']:<14}{figures['seconds']:>10.1f}"
          f"{1000 * figures['seconds'] / max(figures['certificates'], 1):>10.1f}{figures['zip_mb']:>10.1f}"
          f"{figures['peak_mb']:>18.0f}  {'yes' if figures['whole'] else 'NO'}")
    over = figures["peak_mb"] >= BUDGET_MB
    print(f"memory budget {BUDGET_MB} MB: {'OVER' if over else 'ok'}")
    return 0 if figures["whole"] and not over else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=2000)
    parser.add_argument("--database-url")
    parser.add_argument("--jobs-url")
    args = parser.parse_args(argv)
    return report(run(args.certificates, args.database_url, args.jobs_url))


if __name__ == "__main__":
    sys.exit(main())
