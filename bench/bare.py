"""The baseline of bench/load.py: a bare Flask route that reads one SQLite row, served by
the same gunicorn in the same run as the app (`gunicorn bench.bare:app`, BARE_DB=file).
One connection per worker process, opened on first use, as a lean app would keep it."""
import os
import sqlite3
from functools import cache

from flask import Flask

app = Flask(__name__)


@cache
def _connection() -> sqlite3.Connection:
    return sqlite3.connect(os.environ["BARE_DB"], check_same_thread=False)


@app.get("/")
def one_row():
    row = _connection().execute("SELECT id, email FROM users ORDER BY id LIMIT 1").fetchone()
    return {"id": row[0], "email": row[1]}
