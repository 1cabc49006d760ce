"""Every route declares who may open it, and responses carry the security headers."""
import pytest

from app.auth.access import rule_of


def test_every_route_declares_an_access_rule(app):
    with app.test_request_context():
        missing = [rule.endpoint for rule in app.url_map.iter_rules() if rule_of(rule.endpoint) is None]
    assert missing == []


def test_a_view_without_a_rule_is_refused(app, client):
    app.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    assert client.get("/undeclared").status_code == 403


def test_security_headers_are_set(client):
    headers = client.get("/auth/login").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite(client, learner):
    from tests.support.client import login

    response = login(client, learner.email)
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch):
    import pytest

    from app import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")
    monkeypatch.setenv("SECRET_KEY", "dev")
    with pytest.raises(RuntimeError):
        create_app("production")


def test_production_cookies_are_secure(monkeypatch):
    from app import create_app

    monkeypatch.setenv("SECRET_KEY", "a" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://hoc.example.gov.vn")
    app = create_app("production", PUBLIC_BASE_URL="https://hoc.example.gov.vn")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_client_address_comes_from_the_proxy_only_when_trusted(tmp_path, courses_dir):
    from app import create_app

    def seen_address(app):
        app.add_url_rule("/whoami", "whoami", lambda: __import__("flask").request.remote_addr)
        app.view_functions["whoami"].access_rule = frozenset({"public"})
        return app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"},
                                     environ_base={"REMOTE_ADDR": "10.0.0.1"}).get_data(as_text=True)

    common = dict(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'p.db'}", COURSES_DIR=str(courses_dir))
    assert seen_address(create_app("testing", **common)) == "10.0.0.1"
    assert seen_address(create_app("testing", TRUSTED_PROXIES=1, **common)) == "203.0.113.9"


@pytest.mark.parametrize("name", ["OpenSans-Light.ttf", "..%2F__init__.py", "../__init__.py", "OpenSans-Regular.ttf/",
                                  "opensans-regular.ttf"])
def test_the_font_route_serves_only_its_listed_fonts(client, name):
    assert client.get(f"/fonts/{name}").status_code == 404


def test_the_editing_font_is_served_by_the_site(client):
    response = client.get("/fonts/OpenSans-Regular.ttf")
    assert response.status_code == 200 and response.mimetype == "font/ttf" and response.data[:4] == b"\x00\x01\x00\x00"
