"""Load benchmark: `python -m bench.load [--learners N] [--users C] [--duration S] [--connections K]
[--driver wrk|python]`.

Serves a generated SQLite data set under `gunicorn -w 2` and logs in C learners, who have
started the course (opened its first lesson: not measured; starting a course is once per
learner). Then, in one run, wrk (Debian's `wrk`, a load generator in C, driven by bench/wrk.lua)
sends K requests at a time for S seconds to each route in turn: first the baseline the budgets
are stated against — a bare Flask route that reads one SQLite row (bench/bare.py), under the
same gunicorn —, then /healthz, then the learner's routes (home, course page, lesson page, mark
done) as the logged-in learners in turn. The lesson page phase pages through the course: each
learner's first view of a lesson writes, going back reads.

K defaults to 16 requests in flight: with it the bare route gives what the issue states for it
on this machine (about 2,400 req/s or more, p99 under 10 ms); with 64, requests queue on the two
workers and every route's p99 grows to tens of milliseconds (Little's law: 64 / 2,500 req/s). Quiz attempts are stateful (start, save answers, submit once): 64 learners
at a time take them through the Python client, pausing 0.5-1.5 s between actions as a quick
reader would, and the latencies of the answer saves and submits are printed.

Prints throughput and p50/p95/p99 per route, errors, the lesson page against the baseline and
RSS per worker; exits 1 on any request error. wrk shares the 2 cores with the server.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.client import Browser
from bench.server import PASSWORD, ROOT, gunicorn, prepare_database, rss_mb, worker_pids

BUDGET = {"lesson_rps": 1500, "lesson_ratio": 0.60, "lesson_p99_ms": 20, "quiz_p99_ms": 50, "rss_mb": 120}
WRK_LINE = re.compile(r"^WRK (.*)$", re.M)
QUIZ_CONCURRENCY = 64
#: A person's pause between two actions on a quiz page (seconds, uniform); a quick reader.
THINK_SECONDS = (0.5, 1.5)


@dataclass
class Result:
    """What one route did under load."""

    label: str
    requests: int
    seconds: float
    errors: int
    p50: float
    p95: float
    p99: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def courses_source() -> Path:
    """The shipped courses when present, else the test fixtures."""
    shipped = ROOT / "courses"
    return shipped if any(shipped.glob("*/course.md")) else ROOT / "tests" / "fixtures" / "courses"


def wrk_phase(work: Path, port: int, label: str, paths: list[str], sessions: list[Browser] | None,
              duration: float, connections: int, method: str = "GET", expect: int = 200) -> Result:
    """Drive `paths` (in turn) with wrk for `duration` seconds as the logged-in `sessions`."""
    paths_file, sessions_file = work / "paths.txt", work / "sessions.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    sessions_file.write_text("".join(
        "; ".join(f"{k}={v}" for k, v in b.cookies.items()) + f"\t{b.csrf or ''}\n" for b in sessions or []))
    env = {**os.environ, "WRK_PATHS": str(paths_file), "WRK_SESSIONS": str(sessions_file),
           "WRK_METHOD": method, "WRK_EXPECT": str(expect)}
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration:g}s", "--timeout", "10s",
               "-s", str(ROOT / "bench" / "wrk.lua"), f"http://127.0.0.1:{port}"]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    match = WRK_LINE.search(output)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    f = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    errors = f["unexpected"] + f["connect"] + f["read"] + f["write"] + f["timeout"]
    return Result(label, f["requests"], f["duration_us"] / 1e6, errors,
                  f["p50_us"] / 1000, f["p95_us"] / 1000, f["p99_us"] / 1000)


def python_phase(work: Path, port: int, label: str, paths: list[str], sessions: list[Browser] | None,
                 duration: float, connections: int, method: str = "GET", expect: int = 200) -> Result:
    """The same as wrk_phase with the Python client, for machines without wrk: its threads
    take CPU from the server, so the figures are a floor."""
    timings: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + duration
    # One browser per thread at least: a connection is never shared between threads.
    people = [sessions[i % len(sessions)].clone() for i in range(max(len(sessions), connections))] if sessions else []

    def worker(index: int) -> None:
        mine = people[index::connections] or [Browser("127.0.0.1", port)]
        count, local, bad = index, [], 0
        while time.monotonic() < stop:
            count += 1
            browser, path = mine[count % len(mine)], paths[count % len(paths)]
            started = time.perf_counter()
            try:
                status, _ = browser.request(method, path, {"csrf_token": browser.csrf} if method == "POST" else None)
            except OSError:
                status = 0
            local.append((time.perf_counter() - started) * 1000)
            bad += status != expect
        with lock:
            timings.extend(local)
            errors[0] += bad

    begin = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(label, len(timings), time.monotonic() - begin, errors[0], percentile(timings, 50),
                  percentile(timings, 95), percentile(timings, 99))


def start_course(browser: Browser, email: str, first_lesson: str) -> None:
    """Log in and open the course's first lesson, as on an earlier day."""
    browser.log_in(email, PASSWORD)
    status, _ = browser.get(first_lesson)
    if status != 200:
        raise RuntimeError(f"{email} could not open {first_lesson}: {status}")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def quiz_phase(browsers: list[Browser], slug: str, think: tuple[float, float] = THINK_SECONDS) -> list[Result]:
    """64 learners at once take the final quiz, as people do: open it, save an answer three
    times and submit, pausing `think` seconds (uniform) between actions; each learner who
    is done hands over to the next. The latencies of the saves and of the submits."""
    timings: dict[str, list[float]] = {"quiz answer save": [], "quiz submit": []}
    errors = {label: 0 for label in timings}
    lock = threading.Lock()

    def timed(label: str, browser: Browser, path: str, form: dict) -> None:
        started = time.perf_counter()
        try:
            status, _ = browser.post(path, form)
        except OSError:
            status = 0
        with lock:
            timings[label].append((time.perf_counter() - started) * 1000)
            errors[label] += status != 302

    def take(index: int) -> None:
        rng = random.Random(index)
        browser = browsers[index]
        time.sleep(rng.uniform(*think))
        status, _ = browser.post(f"/courses/{slug}/quiz/start")
        if status != 302 or not browser.location:
            with lock:
                errors["quiz submit"] += 1
            return
        attempt = urlsplit(browser.location).path
        _, page = browser.get(attempt)
        fields = re.findall(r'name="(a-[^"]+)" value="([^"]+)"', page)
        for name, value in rng.sample(fields, min(3, len(fields))):
            time.sleep(rng.uniform(*think))
            timed("quiz answer save", browser, f"{attempt}/save", {name: value})
        time.sleep(rng.uniform(*think))
        timed("quiz submit", browser, f"{attempt}/submit", {"confirm": "1"})

    begin = time.monotonic()
    with ThreadPoolExecutor(QUIZ_CONCURRENCY) as pool:
        list(pool.map(take, range(len(browsers))))
    elapsed = time.monotonic() - begin
    return [Result(label, len(values), elapsed, errors[label], percentile(values, 50), percentile(values, 95),
                   percentile(values, 99)) for label, values in timings.items()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=2000, help="background learners in the data set")
    parser.add_argument("--users", type=int, default=300, help="logged-in learners replayed")
    parser.add_argument("--duration", type=float, default=10, help="seconds per route")
    parser.add_argument("--connections", type=int, default=16, help="requests in flight at once")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--driver", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python",
                        help="the load generator (default: wrk when installed)")
    args = parser.parse_args(argv)
    drive = wrk_phase if args.driver == "wrk" else python_phase

    work = Path(tempfile.mkdtemp(prefix="ia-load-"))
    try:
        courses = work / "courses"
        shutil.copytree(courses_source(), courses)
        db_file = work / "load.db"
        url = f"sqlite:///{db_file}"
        print(f"Preparing {args.learners} learners + {args.users} logged-in ones in {url} ...", flush=True)
        emails = prepare_database(url, str(courses), args.learners, args.users)
        from app import create_app
        app = create_app("development", SQLALCHEMY_DATABASE_URI=url, COURSES_DIR=str(courses))
        with app.app_context():
            from app.courses.catalog import catalog
            course = next(c for c in catalog().all() if c.suits("civil_servant") and c.lessons and c.final_quiz)
        lessons = [f"/courses/{course.slug}/lessons/{lesson.id}" for lesson in course.lessons]
        phase = {"duration": args.duration, "connections": args.connections}
        if drive is wrk_phase:
            version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0]
            print(f"{version}; {args.connections} connections, {args.duration:g} s per route", flush=True)
        else:
            print("wrk is not installed (apt-get install wrk): the Python client drives the load, on the "
                  "same cores as the server, so the figures below are a floor", flush=True)
        with gunicorn(url, str(courses), workers=args.workers, app="bench.bare:app",
                      env={"BARE_DB": str(db_file)}, ready_path="/") as (port, _):
            results = [drive(work, port, "bare route (baseline)", ["/"], None, **phase)]
        with gunicorn(url, str(courses), workers=args.workers, log_path=str(work / "gunicorn.log")) as (port, master):
            browsers = [Browser("127.0.0.1", port) for _ in emails]
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda pair: start_course(pair[0], pair[1], lessons[0]), zip(browsers, emails)))
            for browser in browsers:
                browser.close()
            results.append(drive(work, port, "/healthz", ["/healthz"], None, **phase))
            for label, paths, method, expect in [
                ("home", ["/"], "GET", 200),
                ("course page", [f"/courses/{course.slug}"], "GET", 200),
                ("lesson page", lessons, "GET", 200),
                ("mark done", [f"{p}/done" for p in lessons], "POST", 302),
            ]:
                results.append(drive(work, port, label, paths, browsers, method=method, expect=expect, **phase))
            random.Random(7).shuffle(browsers)
            results += quiz_phase(browsers, course.slug)
            rss = {pid: rss_mb(pid) for pid in worker_pids(master.pid)}
        return report(results, rss)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: list[Result], rss: dict[int, float]) -> int:
    """Print the table and the budgets; 1 on any request error."""
    print(f"\n{'route':<24}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'requests':>10}")
    for r in results:
        print(f"{r.label:<24}{r.rps:>9.0f}{r.p50:>9.1f}{r.p95:>9.1f}{r.p99:>9.1f}{r.errors:>8}{r.requests:>10}")
    by = {r.label: r for r in results}
    base, lesson, submit = by["bare route (baseline)"], by["lesson page"], by["quiz submit"]
    ratio = lesson.rps / base.rps if base.rps else 0.0
    errors = sum(r.errors for r in results)
    print(f"\nlesson page: {lesson.rps:.0f} req/s (budget ≥ {BUDGET['lesson_rps']}), "
          f"{ratio:.0%} of the bare route (budget ≥ {BUDGET['lesson_ratio']:.0%}), "
          f"p99 {lesson.p99:.1f} ms (budget < {BUDGET['lesson_p99_ms']} ms)")
    print(f"quiz submit, {QUIZ_CONCURRENCY} learners taking the quiz at once: p99 {submit.p99:.1f} ms "
          f"(budget < {BUDGET['quiz_p99_ms']} ms)")
    print("RSS per worker: " + ", ".join(f"{pid}: {mb:.0f} MB" for pid, mb in rss.items())
          + f" (budget < {BUDGET['rss_mb']} MB)")
    print(f"errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
