"""Using the app as a browser would: the test password, CSRF tokens, logging in, posting forms."""
from __future__ import annotations

import re

PASSWORD = "Secret-pass-1"
CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def csrf_token(client, path: str = "/auth/login") -> str:
    """The CSRF token of the client's session, read off a page with a form."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_INPUT.search(html)
    assert match, f"no csrf_token on {path}"
    return match.group(1)


def login(client, email: str, password: str = PASSWORD):
    """Log in through the real form, CSRF token included."""
    token = csrf_token(client)
    return client.post("/auth/login", data={"email": email, "password": password, "csrf_token": token})


def post(client, path: str, data: dict | None = None, **kwargs):
    """POST with the session's CSRF token, as a browser form would."""
    data = dict(data or {})
    if "csrf_token" not in data:  # not setdefault: that would fetch a page even when given a token
        data["csrf_token"] = csrf_token(client, "/")
    return client.post(path, data=data, **kwargs)
