"""A small keep-alive HTTP client that behaves like one browser tab: cookies, CSRF tokens,
no redirects followed. Used by the load benchmark and the fault tests."""
from __future__ import annotations

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


class Browser:
    """One person's connection to the site (one keep-alive socket, one cookie jar)."""

    def __init__(self, host: str, port: int, timeout: float = 30.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.csrf: str | None = None
        #: The Location header of the last response (where a redirect points).
        self.location: str | None = None
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def clone(self) -> "Browser":
        """Another tab of the same session (own connection, same cookies and CSRF token)."""
        other = Browser(self.host, self.port, self.timeout)
        other.cookies, other.csrf = dict(self.cookies), self.csrf
        return other

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        """Send one request; returns (status, body). A dropped connection is closed and
        re-raised, so that the caller decides whether to retry."""
        headers = {"Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = self._connection()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.headers.get("Connection", "").lower() == "close":
            self.close()
        self.location = response.headers.get("Location")
        match = CSRF_INPUT.search(text)
        if match:
            self.csrf = match.group(1)
        return response.status, text

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, form: dict | None = None) -> tuple[int, str]:
        """POST a form with the CSRF token last seen on a page."""
        data = dict(form or {})
        data.setdefault("csrf_token", self.csrf or "")
        return self.request("POST", path, data)

    def log_in(self, email: str, password: str) -> None:
        """Log in through the real form; raises if the site refuses."""
        self.get("/auth/login")
        status, _ = self.post("/auth/login", {"email": email, "password": password})
        if status != 302:
            raise RuntimeError(f"login of {email} answered {status}")
        self.get("/")  # a page rendered in the session, for a fresh CSRF token
