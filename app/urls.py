"""The site's own absolute addresses, and the host names it answers to.

Every link that leaves the site (mails, activation and reset links, certificate QR codes,
credentials, the DID) is built from PUBLIC_BASE_URL, never from the request's Host header: a
request sent with `Host: evil.example` must not make the site hand out evil.example links or
sign credentials naming `did:web:evil.example`. Requests for other hosts are refused outright
(Flask's TRUSTED_HOSTS, set from `trusted_hosts`).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host

#: Development and tests also answer on the loopback names, whatever the port.
LOCAL_HOSTS = ("localhost", "127.0.0.1")


def public_base_url() -> str:
    """PUBLIC_BASE_URL without its trailing slash."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of `endpoint` on the public address (works outside a request too)."""
    return public_base_url() + current_app.url_map.bind("localhost").build(endpoint, values)


def base_url_problem(base_url: str) -> str | None:
    """Why `base_url` cannot be the site's public address, or None."""
    parts = urlsplit(base_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return f"PUBLIC_BASE_URL must be the site's address, like https://hoc.example.gov.vn (got {base_url!r})"
    return None


def trusted_hosts(base_url: str, extra: str | list[str] | None, local: bool) -> list[str]:
    """The host names requests may name: PUBLIC_BASE_URL's, the TRUSTED_HOSTS list (comma
    separated; `.example.org` also allows its subdomains) and, when `local`, the loopback names."""
    if isinstance(extra, str):
        extra = extra.split(",")
    hosts = [urlsplit(base_url).hostname or "", *(h.strip() for h in extra or []), *(LOCAL_HOSTS if local else ())]
    return list(dict.fromkeys(h for h in hosts if h))


def host_is_known(environ, config) -> bool:
    """Whether the request's Host (after ProxyFix) is one of TRUSTED_HOSTS."""
    try:
        get_host(environ, config["TRUSTED_HOSTS"])
    except SecurityError:
        return False
    return True


class KnownHostsOnly:
    """WSGI layer around the Flask app: a request naming a host not in TRUSTED_HOSTS gets a
    plain 400 before anything renders. Flask checks TRUSTED_HOSTS too, but then has no URL
    adapter left to render its error page with. (The lesson page's ShellServer, in front of
    this layer, checks with `host_is_known` and hands such requests on.)"""

    BODY = "400 Bad Request: unknown host name. / Tên máy chủ không hợp lệ.\n".encode()

    def __init__(self, app: Flask, wsgi_app):
        self.config, self.wsgi_app = app.config, wsgi_app

    def __call__(self, environ, start_response):
        if not host_is_known(environ, self.config):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                               ("Content-Length", str(len(self.BODY)))])
            return [self.BODY]
        return self.wsgi_app(environ, start_response)
