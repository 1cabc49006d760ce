"""Database engine settings that depend on the backend: pool size, and SQLite's pragmas.

SQLite defaults suit a single process; under gunicorn several workers write to one file,
so every new connection turns on WAL (readers never wait for a writer), a busy timeout
(a writer waits for the lock instead of failing at once) and foreign keys.
"""
from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session


def engine_options(config: dict) -> dict:
    """SQLALCHEMY_ENGINE_OPTIONS with the pool sized from config, for server databases only
    (SQLite's file and memory pools take no size)."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    url = make_url(config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        options.setdefault("pool_size", config["DATABASE_POOL_SIZE"])
        options.setdefault("max_overflow", config["DATABASE_MAX_OVERFLOW"])
        options.setdefault("pool_recycle", 1800)
    return options


def is_sqlite_file(engine: Engine) -> bool:
    """True for a SQLite database kept in a file (WAL means nothing in memory)."""
    database = engine.url.database or ""
    return engine.dialect.name == "sqlite" and database not in ("", ":memory:") and "mode=memory" not in database


def sqlite_pragmas(busy_timeout_ms: int, wal: bool):
    """A `connect` listener setting the pragmas on each new SQLite connection."""
    def on_connect(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            # journal_mode is stored in the file: switch once, never while it is already WAL
            # (switching needs a moment with no other connection inside a transaction).
            if wal and cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL" if wal else "PRAGMA synchronous = FULL")
        finally:
            cursor.close()
    return on_connect


def init_app(app: Flask, db) -> None:
    """Attach the SQLite pragmas to the app's engine (no-op on PostgreSQL)."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas(app.config["SQLITE_BUSY_TIMEOUT_MS"], is_sqlite_file(engine)))


def note_written(session, *args) -> None:
    """Mark the transaction as written; flushes do it themselves, Core statements call this."""
    session.info["wrote"] = True


event.listen(Session, "after_flush", note_written)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_write(session, *args) -> None:
    session.info.pop("wrote", None)


def commit_if_written(session) -> None:
    """Commit when the transaction wrote something. A request that only read ends without a
    commit, which would expire every loaded object (the current user too) and read it again."""
    if session.info.get("wrote"):
        session.commit()
