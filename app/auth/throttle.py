"""Failed logins pause one account from one client address, never the account everywhere.

A pause that held an account for every client let anyone lock anyone out (admins included)
with five wrong passwords. Now failures are counted per (account, address): after
LOCKOUT_AFTER of them that pair is paused, the pause doubling with each further failure up to
LOCKOUT_MAX_SECONDS, while the owner from their own address still gets in. Failures per
address, whatever the account, are capped by LOGIN_RATE_LIMIT (app/auth/routes.py).

The counters live in a storage of the `limits` library at RATELIMIT_STORAGE_URI (the one
Flask-Limiter uses), so every worker and server shares them when that storage is shared
(Redis, Memcached), and they expire by themselves. It is the app's own, not Flask-Limiter's:
switching the route limits off (RATELIMIT_ENABLED=False) leaves Flask-Limiter without a
storage, and must not break logging in or switch the pause off. Keys are hashes: no email
address is written to the storage.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from hashlib import sha256

from flask import Flask, current_app
from limits.storage import Storage, storage_from_string

#: Failures are forgotten this long after the first one of a series (or at a success).
FAILURES_KEPT_SECONDS = 24 * 3600


def init_app(app: Flask) -> None:
    app.extensions["login_throttle"] = storage_from_string(
        app.config["RATELIMIT_STORAGE_URI"], **app.config.get("RATELIMIT_STORAGE_OPTIONS", {}))


def counters(app: Flask | None = None) -> Storage:
    """Where the failure counters and pauses are kept."""
    return (app or current_app).extensions["login_throttle"]


@dataclass(frozen=True)
class Lockout:
    """The back-off settings (LOCKOUT_AFTER, LOCKOUT_BASE_SECONDS, LOCKOUT_MAX_SECONDS)."""

    after: int = 5
    base_seconds: int = 30
    max_seconds: int = 3600


def lock_delay(failures: int, after: int, base_seconds: int, max_seconds: int) -> timedelta | None:
    """How long an account pauses after `failures` failed logins in a row: doubling, capped."""
    if failures < after:
        return None
    return timedelta(seconds=min(max_seconds, base_seconds * 2 ** min(failures - after, 20)))


def pair_key(email: str, address: str | None) -> str:
    digest = sha256(f"{email.strip().lower()}\0{address or '-'}".encode()).hexdigest()[:40]
    return f"login-pair/{digest}"


def is_paused(storage: Storage, key: str) -> bool:
    return storage.get(key + "/pause") > 0


def record_failure(storage: Storage, key: str, lockout: Lockout) -> None:
    """Count one more failure for the pair and pause it once there are enough."""
    failures = storage.incr(key + "/failures", FAILURES_KEPT_SECONDS)
    delay = lock_delay(failures, lockout.after, lockout.base_seconds, lockout.max_seconds)
    if delay is not None:
        storage.clear(key + "/pause")
        # Whole seconds: Redis EXPIRE refuses "30.0" (the memory storage took it, Redis gave a 500).
        storage.incr(key + "/pause", int(delay.total_seconds()))


def record_success(storage: Storage, key: str) -> None:
    storage.clear(key + "/failures")
    storage.clear(key + "/pause")
