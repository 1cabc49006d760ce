"""Online copies of the database while the site keeps serving. No Flask imports."""
from __future__ import annotations

import glob
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """The copy could not be made; the message says why and what to do."""


def backup_sqlite(database: str, target: Path) -> None:
    """Copy a live SQLite file with SQLite's backup API: a consistent snapshot even while
    workers write (a plain file copy could catch a half-written page or miss the WAL)."""
    if not Path(database).exists():
        raise BackupError(f"database file not found: {database}")
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
    finally:
        copy.close()
        source.close()


def find_pg_dump() -> str | None:
    """pg_dump on PATH, else the newest one Debian's postgresql-client installed."""
    found = shutil.which("pg_dump")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))
    return candidates[-1] if candidates else None


def backup_postgresql(url: str, target: Path) -> None:
    """pg_dump in its custom format (restore with pg_restore), one consistent snapshot."""
    pg_dump = find_pg_dump()
    if pg_dump is None:
        raise BackupError("pg_dump not found: install the PostgreSQL client (apt-get install postgresql-client) "
                          "or back up with your provider's tools (see docs/deployment.md).")
    libpq_url = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run([pg_dump, "--format=custom", "--no-owner", f"--file={target}", libpq_url],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


def backup(url: str, target: Path) -> Path:
    """Copy the database at `url` into `target` (which must not exist yet)."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} already exists; choose another file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise BackupError("an in-memory SQLite database cannot be backed up")
        backup_sqlite(parsed.database, target)
    elif backend == "postgresql":
        backup_postgresql(url, target)
    else:
        raise BackupError(f"no backup method for {backend} databases")
    return target


def default_name(url: str, stamp: str) -> str:
    """integrity-<stamp>.db for SQLite, .dump (pg_restore format) for PostgreSQL."""
    return f"integrity-{stamp}.{'db' if make_url(url).get_backend_name() == 'sqlite' else 'dump'}"
