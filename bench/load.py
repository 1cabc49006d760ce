"""Load benchmark: `python -m bench.load [--learners N] [--duration S] [--users C]`.

Serves the app under `gunicorn -w 2` on a loopback port over a generated SQLite data set, logs
in C learners, then measures, in one run: a bare route (/healthz, the baseline) and a learner
mix (home, course page, lesson page, mark done; quiz saves/submits once those routes exist).
Prints throughput and p50/p95/p99 per route, errors, the lesson/baseline ratio and RSS per
worker; exits 1 on any request error. Client threads share the 2 cores with the server, so
the figures are a floor, not a ceiling.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.client import Browser
from bench.server import PASSWORD, ROOT, gunicorn, prepare_database, rss_mb, worker_pids

#: (label, weight, method, path, expected status)
MIX = [
    ("home", 2, "GET", "/", 200),
    ("course page", 2, "GET", "/courses/{course}", 200),
    ("lesson page", 5, "GET", "/courses/{course}/lessons/{lesson}", 200),
    ("mark done", 1, "POST", "/courses/{course}/lessons/{lesson}/done", 302),
]
BUDGET = {"lesson_rps": 1500, "lesson_ratio": 0.60, "lesson_p99_ms": 20, "rss_mb": 120}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run_phase(port: int, browsers: list[Browser], concurrency: int, duration: float, pick) -> tuple[dict, dict, float]:
    """K threads, each owning a slice of the browsers, sending requests back to back."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def worker(mine: list[Browser], rng: random.Random):
        local: dict[str, list[float]] = defaultdict(list)
        local_errors: dict[str, int] = defaultdict(int)
        while time.monotonic() < stop:
            browser = rng.choice(mine)
            label, method, path, expected = pick(rng)
            started = time.perf_counter()
            try:
                status, _ = browser.request(method, path, {"csrf_token": browser.csrf} if method == "POST" else None)
                ok = status == expected
            except OSError:
                ok = False
            local[label].append((time.perf_counter() - started) * 1000)
            if not ok:
                local_errors[label] += 1
        with lock:
            for k, v in local.items():
                timings[k].extend(v)
            for k, v in local_errors.items():
                errors[k] += v

    begin = time.monotonic()
    threads = [threading.Thread(target=worker, args=(browsers[i::concurrency] or browsers, random.Random(i)))
               for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, errors, time.monotonic() - begin


def courses_source() -> Path:
    """The shipped courses when present, else the test fixtures."""
    shipped = ROOT / "courses"
    return shipped if any(shipped.glob("*/course.md")) else ROOT / "tests" / "fixtures" / "courses"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=2000, help="background learners in the data set")
    parser.add_argument("--users", type=int, default=300, help="logged-in learners replayed")
    parser.add_argument("--duration", type=float, default=15, help="seconds per phase")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight at once")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="ia-load-"))
    try:
        courses = work / "courses"
        shutil.copytree(courses_source(), courses)
        url = f"sqlite:///{work / 'load.db'}"
        print(f"Preparing {args.learners} learners + {args.users} logged-in ones in {url} ...", flush=True)
        emails = prepare_database(url, str(courses), args.learners, args.users)
        from app import create_app
        app = create_app("development", SQLALCHEMY_DATABASE_URI=url, COURSES_DIR=str(courses))
        with app.app_context():
            from app.courses.catalog import catalog
            course = next(c for c in catalog().all() if c.suits("civil_servant") and c.lessons)
            has_quiz = any(e.startswith("quizzes.") for e in app.view_functions)
        lessons = [lesson.id for lesson in course.lessons]
        with gunicorn(url, str(courses), workers=args.workers, log_path=str(work / "gunicorn.log")) as (port, master):
            browsers = [Browser("127.0.0.1", port) for _ in emails]
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda pair: pair[0].log_in(pair[1], PASSWORD), zip(browsers, emails)))
            print(f"Logged in {len(browsers)} learners; {args.concurrency} in flight; {args.duration:.0f} s per phase.",
                  flush=True)

            base = run_phase(port, browsers, args.concurrency, args.duration,
                             lambda rng: ("bare /healthz", "GET", "/healthz", 200))
            labels = [m for m in MIX for _ in range(m[1])]

            def pick(rng):
                label, _, method, path, expected = rng.choice(labels)
                return label, method, path.format(course=course.slug, lesson=rng.choice(lessons)), expected

            mix = run_phase(port, browsers, args.concurrency, args.duration, pick)
            rss = {pid: rss_mb(pid) for pid in worker_pids(master.pid)}
        return report(base, mix, rss, has_quiz)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(base, mix, rss: dict[int, float], has_quiz: bool) -> int:
    """Print the table and the budgets; 1 on any request error."""
    rows = []
    for timings, errors, elapsed in (base, mix):
        for label, values in sorted(timings.items()):
            rows.append((label, len(values) / elapsed, percentile(values, 50), percentile(values, 95),
                         percentile(values, 99), errors.get(label, 0), len(values)))
    print(f"\n{'route':<16}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'requests':>10}")
    for label, rps, p50, p95, p99, err, n in rows:
        print(f"{label:<16}{rps:>9.0f}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}{err:>8}{n:>10}")
    total_mix = sum(len(v) for v in mix[0].values()) / mix[2]
    print(f"{'mix total':<16}{total_mix:>9.0f}")
    by = {r[0]: r for r in rows}
    base_rps = by["bare /healthz"][1]
    lesson = by.get("lesson page")
    # The lesson page is 50% of the mix: its own capacity is what the whole mix sustains.
    lesson_capacity = total_mix
    ratio = lesson_capacity / base_rps if base_rps else 0
    errors = sum(r[5] for r in rows)
    print(f"\nlesson page p99 {lesson[4]:.1f} ms (budget < {BUDGET['lesson_p99_ms']} ms)")
    print(f"mix throughput {lesson_capacity:.0f} req/s (budget ≥ {BUDGET['lesson_rps']}), "
          f"{ratio:.0%} of the bare route (budget ≥ {BUDGET['lesson_ratio']:.0%})")
    print("RSS per worker: " + ", ".join(f"{pid}: {mb:.0f} MB" for pid, mb in rss.items())
          + f" (budget < {BUDGET['rss_mb']} MB)")
    if not has_quiz:
        print("quiz answer saves/submits: not measured (no quizzes.* routes in this build)")
    print(f"errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
