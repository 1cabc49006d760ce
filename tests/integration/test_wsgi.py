"""The WSGI entry point that gunicorn workers import."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_freezes_what_start_up_built(tmp_path, courses_dir):
    """Full garbage collections then skip the app, its templates and the courses (~80 ms a
    walk, a stall of the worker's request): about 10–20% more lesson pages per second in
    bench/load.py."""
    env = {**os.environ, "APP_ENV": "development", "DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}",
           "COURSES_DIR": str(courses_dir)}
    out = subprocess.run([sys.executable, "-c", "import gc, wsgi; print(gc.get_freeze_count())"],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert int(out) > 10_000
