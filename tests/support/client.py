"""Using the app as a browser would: the test password, CSRF tokens, logging in, posting forms."""
from __future__ import annotations

import contextvars
import re

from flask.testing import FlaskClient

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


class OwnContextClient(FlaskClient):
    """A test client whose every request runs in a context of its own, as on a server, where each
    request is a new thread: the request pushes its own app context (its own `g`, its own database
    session, closed at its end) instead of borrowing the one the test holds around its setup, its
    checks and its teardown. A test sees what a request wrote the way another request would: by
    reading the database again (a fresh query, `db.session.refresh`, `db.session.expire_all()`)."""

    def open(self, *args, **kwargs):
        if self.preserve_context:
            raise TypeError("`with client:` keeps a request's context for the test: the requests of this "
                            "client run in contexts of their own (tests/support/client.py); read the "
                            "database instead")
        own = contextvars.Context()
        response = own.run(super().open, *args, **kwargs)
        if not response.is_sequence:  # a streamed body goes on in the request's context when read
            response.response = InContext(own, response.response)
        return response


class InContext:
    """A streamed response body whose every step (and close) runs in the context of its request:
    the view's generator pushed that request's contexts there (stream_with_context)."""

    def __init__(self, context: contextvars.Context, body) -> None:
        self.context, self.body = context, iter(body)
        self._close = getattr(body, "close", None)

    def __iter__(self):
        return self

    def __next__(self):
        return self.context.run(next, self.body)

    def close(self) -> None:
        if self._close is not None:
            self.context.run(self._close)
