"""XSS payloads in Markdown, names, unit names, import files, audit values and query strings never
come back executable in any page."""
import io
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest

from app.audit.services import record
from tests.support.routes import ADMIN, LEARNER, MANAGER, client_for, route_requests, world  # noqa: F401
from tests.support.client import post

PAYLOADS = [
    '<script>alert("x1")</script>',
    '<img src=x onerror=alert("x2")>',
    '"><svg onload=alert("x3")>',
    "javascript:alert('x4')",
    "'><iframe src=javascript:alert(5)></iframe>",
    "{{ 7*7 }}<b onmouseover=alert(6)>",
]
class _Executable(HTMLParser):
    """Collects what a browser would run: event-handler attributes, inline script, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed"):  # an <svg> runs nothing without on* handlers, caught above
            self.found.append(f"<{tag}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}")


def assert_safe(html: str, where: str) -> None:
    parser = _Executable()
    parser.feed(html)
    assert parser.found == [], f"{where}: executable markup {parser.found}"
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in html, f"{where}: payload came back unescaped: {payload!r}"


def _plant(world, courses_dir, db):
    joined = " ".join(PAYLOADS)
    world["target"].full_name = f"Target {PAYLOADS[0]}{PAYLOADS[2]}"[:255]
    world["users"][LEARNER].full_name = f"Learner {PAYLOADS[1]}"
    world["ward"].name = f"Ward {PAYLOADS[2]}{PAYLOADS[4]}"[:255]
    record(world["users"][ADMIN], f"user.update", "user", world["target"].id, {"full_name": joined}, {"role": PAYLOADS[1]})
    db.session.commit()
    lesson = courses_dir / "civics" / "01-conduct.md"
    lesson.write_text(lesson.read_text() + "\n\n" + "\n\n".join(PAYLOADS) +
                      "\n\n[click me](javascript:alert('x7'))\n\n<a href=\"javascript:alert(8)\">x</a>\n", encoding="utf-8")


@pytest.mark.slow  # every page as three roles: about 13 s
def test_payloads_never_come_back_executable_in_any_page(app, world, courses_dir, db):
    _plant(world, courses_dir, db)
    query = urlencode({"q": PAYLOADS[0], "next": PAYLOADS[3], "unit": PAYLOADS[1], "actor": PAYLOADS[2],
                       "action": PAYLOADS[4], "role": PAYLOADS[2], "page": PAYLOADS[0]})
    checked = 0
    for role in (LEARNER, MANAGER, ADMIN):
        client = client_for(app, world, role)
        for endpoint, method, url, route in route_requests(app, world):
            if method != "GET" or endpoint in ("static", "courses.files"):
                continue
            for full_url in (url, f"{url}?{query}"):  # stored payloads, then reflected ones
                with client.get(full_url) as response:  # closed even when a check fails: downloads stream
                    if response.mimetype == "text/html":
                        assert_safe(response.get_data(as_text=True), f"{role} {full_url}")
                        checked += 1
    assert checked > 30
    lesson = client_for(app, world, LEARNER).get("/courses/civics/lessons/conduct").get_data(as_text=True)
    assert "click me" in lesson  # the planted Markdown was rendered (and defused)


def test_payloads_in_an_import_file_are_shown_escaped_in_the_preview(app, world):
    client = client_for(app, world, ADMIN)
    rows = "email,full_name,unit_code,role,audience\n" + "\n".join(
        f'"{p.replace(chr(34), chr(34) * 2)}","{p.replace(chr(34), chr(34) * 2)}","{p.replace(chr(34), chr(34) * 2)}",learner,civil_servant'
        for p in PAYLOADS)
    response = post(client, "/admin/users/import", {"file": (io.BytesIO(rows.encode()), "<b onclick=alert(1)>.csv")},
                    content_type="multipart/form-data")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "không phải địa chỉ email hợp lệ" in html  # the row error, in the page's language
    assert_safe(html, "import preview")
    assert "&lt;script&gt;" in html


def test_login_form_escapes_the_typed_email(client):
    from tests.support.client import csrf_token

    response = client.post("/auth/login", data={"email": PAYLOADS[2], "password": "x", "csrf_token": csrf_token(client)})
    assert_safe(response.get_data(as_text=True), "login")
