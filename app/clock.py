"""Time as the database stores it, and the date as people at the site read it.

Every "now" and "today" in the app comes from here, so that a test (or a fake clock in CI)
can move the whole app through the calendar at once.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

#: The site's zone when no app is at hand (CLI helpers, tests at import time).
DEFAULT_ZONE = "Asia/Ho_Chi_Minh"


def utcnow() -> datetime:
    """Naive UTC, the way every timestamp column stores it."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def site_zone() -> ZoneInfo:
    """The site's time zone: SITE_TIMEZONE of the current app, else Vietnam's."""
    from flask import current_app, has_app_context

    name = current_app.config.get("SITE_TIMEZONE", DEFAULT_ZONE) if has_app_context() else DEFAULT_ZONE
    return ZoneInfo(name)


def today() -> date:
    """Today's date in the site's time zone: what a learner's calendar says, not the server's
    (a server on UTC is still on yesterday until 07:00 in Hanoi)."""
    return datetime.now(site_zone()).date()


def to_site_time(moment: datetime) -> datetime:
    """A naive UTC timestamp from the database, as an aware time in the site's zone."""
    return moment.replace(tzinfo=timezone.utc).astimezone(site_zone())
