"""The baseline of bench/load.py: a bare Flask route that reads one SQLite row, served by
the same gunicorn in the same run as the app (`gunicorn bench.bare:app`, BARE_DB=file)."""
import os
import sqlite3

from flask import Flask, g

app = Flask(__name__)


def _connection() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(os.environ["BARE_DB"])
    return g.db


@app.teardown_appcontext
def _close(_exc) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


@app.get("/")
def one_row():
    row = _connection().execute("SELECT id, email FROM users ORDER BY id LIMIT 1").fetchone()
    return {"id": row[0], "email": row[1]}
