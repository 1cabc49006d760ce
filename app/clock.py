"""Time as the database stores it."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC, the way every timestamp column stores it."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
