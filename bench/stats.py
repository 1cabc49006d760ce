"""Times the statistics pages and exports on a database made by `python -m bench.seed`.

    python -m bench.stats [--database-url URL] [--runs 5]

Prints median times through the Flask test client (logged in as the bench admin), the
peak Python memory of the streamed exports, and the ratio to a baseline request (/healthz,
a bare SELECT 1) in the same run. Budgets from issue 4: province page under 200 ms on
SQLite and 100 ms on PostgreSQL for 100,000 learners, 500 ms on PostgreSQL for 1,000,000;
XLSX export memory under 200 MB.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

from bench.seed import ADMIN_EMAIL, PASSWORD, absolute_url


def _client(database_url: str):
    from app import create_app

    courses = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "courses"
    app = create_app("development", SQLALCHEMY_DATABASE_URI=absolute_url(database_url), COURSES_DIR=str(courses),
                     RATELIMIT_ENABLED=False)
    client = app.test_client()
    html = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)
    client.post("/auth/login", data={"email": ADMIN_EMAIL, "password": PASSWORD, "csrf_token": token})
    return app, client


def _time(client, path: str, runs: int) -> tuple[float, int]:
    """Median milliseconds of `runs` requests (after one warm-up), and the body size."""
    size = len(client.get(path).data)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        _ = response.data
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(samples), size


def _peak_rss_mb(reset: bool = False) -> float | None:
    """The process's peak resident memory (VmHWM) in MB; `reset` restarts the peak from now
    (Linux only: None elsewhere)."""
    try:
        if reset:
            Path("/proc/self/clear_refs").write_text("5")
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _export_memory(client, path: str) -> tuple[float, float | None, int]:
    """Seconds, peak RSS of the whole process in MB, and bytes of one streamed export."""
    _peak_rss_mb(reset=True)
    start = time.perf_counter()
    response = client.get(path, buffered=False)
    size = sum(len(chunk) for chunk in response.response)
    seconds = time.perf_counter() - start
    return seconds, _peak_rss_mb(), size


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:///instance/bench.db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-exports", dest="exports", action="store_false",
                        help="time the pages only (a million learners' exports take many minutes)")
    args = parser.parse_args(argv)
    app, client = _client(args.database_url)
    from sqlalchemy import func, select

    from app.auth.models import User
    from app.extensions import db
    from app.units.models import Unit

    with app.app_context():
        root = db.session.scalar(select(Unit).where(Unit.parent_id.is_(None)))
        leaf = db.session.scalar(select(Unit).where(Unit.depth == func.max(Unit.depth).select().scalar_subquery()).limit(1))
        root_code, leaf_code = root.code, leaf.code
        learners = db.session.scalar(select(func.count()).select_from(User).where(User.role == "learner"))
        units = db.session.scalar(select(func.count()).select_from(Unit))
    postgres = args.database_url.startswith("postgresql")
    budget = (500 if learners > 100_000 else 100) if postgres else 200
    print(f"{learners} learners, {units} units on {'PostgreSQL' if postgres else 'SQLite'}\n")
    baseline, _ = _time(client, "/healthz", args.runs)
    rows = [("baseline GET /healthz (SELECT 1)", baseline, "")]
    for label, path in [("province page", f"/stats/units/{root_code}"),
                        ("province page, one course, this year", f"/stats/units/{root_code}?course=integrity-annual&period=year"),
                        ("province API JSON", f"/api/v1/stats/units/{root_code}"),
                        ("leaf unit page", f"/stats/units/{leaf_code}"),
                        ("leaf overdue list", f"/stats/units/{leaf_code}/overdue")]:
        ms, _ = _time(client, path, args.runs)
        rows.append((label, ms, f"budget {budget} ms" if label == "province page" else ""))
    print(f"{'view':42} {'median ms':>10} {'x baseline':>11}  note")
    for label, ms, note in rows:
        print(f"{label:42} {ms:10.1f} {ms / baseline:11.1f}  {note}")
    exports = [] if not args.exports else [
        ("province learners CSV", f"/stats/units/{root_code}/export.csv?view=learners"),
        ("province learners XLSX", f"/stats/units/{root_code}/export.xlsx?view=learners"),
        ("province units XLSX", f"/stats/units/{root_code}/export.xlsx")]
    if exports:
        print()
        print(f"{'streamed export':42} {'seconds':>10} {'peak RSS MB':>11}  bytes")
    for label, path in exports:
        seconds, peak, size = _export_memory(client, path)
        peak_text = "n/a" if peak is None else f"{peak:.1f}"
        print(f"{label:42} {seconds:10.2f} {peak_text:>11}  {size}  (budget: under 200 MB)")
    try:
        import resource
        print(f"\nprocess peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    except ImportError:  # not on this platform
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
