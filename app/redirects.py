"""Where a `next=` parameter may send the browser: only a path on this site.

Browsers clean a Location before following it: they drop tabs and newlines anywhere, trim
spaces and control characters at the ends, and read `\\` as `/`. So `/\\t/evil.com` becomes
`//evil.com` (another host), and a CR or LF would not even fit in the header. Anything that
could turn into another host after that cleaning, or after one round of percent-decoding, is
refused here rather than repaired.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from flask import url_for

#: Control characters, DEL and backslashes: what a browser drops or rewrites in a URL.
_REWRITTEN = re.compile(r"[\x00-\x1f\x7f\\]")
MAX_LENGTH = 2048


def same_site_path(target: str | None) -> str | None:
    """`target` if it is a plain path on this site whatever the browser does to it, else None."""
    if not target or len(target) > MAX_LENGTH:
        return None
    for form in (target, unquote(target)):
        if (not form.startswith("/") or form.startswith("//") or _REWRITTEN.search(form)
                or form != form.strip()):
            return None
        parts = urlsplit(form)
        if parts.scheme or parts.netloc:
            return None
    return target


def safe_next(target: str | None, endpoint: str = "main.home") -> str:
    """The place to redirect to after an action: `target` when it is safe, else `endpoint`."""
    return same_site_path(target) or url_for(endpoint)
