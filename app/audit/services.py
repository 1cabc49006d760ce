"""Recording audit entries. Call from services, in the same transaction as the change."""
from __future__ import annotations

from flask import has_request_context, request

from app.audit.models import AuditEntry
from app.clock import utcnow
from app.extensions import db


def snapshot(obj, fields: list[str]) -> dict:
    """The named attributes of `obj` as JSON-safe values, for before/after."""
    return {f: _plain(getattr(obj, f)) for f in fields}


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def record(actor, action: str, target_type: str, target_id, before: dict | None = None,
           after: dict | None = None) -> AuditEntry:
    """Add an audit entry for a change made by `actor` (a User, or None for the system)."""
    entry = AuditEntry(
        at=utcnow(),
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        before=before,
        after=after,
        ip=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    db.session.flush()
    return entry
