"""Host header injection: links and credentials come from PUBLIC_BASE_URL, unknown hosts are refused."""
import pytest

from app.urls import trusted_hosts
from tests.support.client import CSRF_INPUT

EVIL = "evil.example"


def test_a_request_naming_an_unknown_host_is_refused(client):
    response = client.get("/auth/login", headers={"Host": EVIL})
    assert response.status_code == 400
    assert client.get("/auth/login", headers={"Host": "localhost:5000"}).status_code == 200


def test_a_forwarded_unknown_host_is_refused_behind_a_trusted_proxy(app, client):
    from app import create_app

    proxied = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                         COURSES_DIR=app.config["COURSES_DIR"], TRUSTED_PROXIES=1)
    assert proxied.test_client().get("/auth/login", headers={"X-Forwarded-Host": EVIL}).status_code == 400


def test_the_lesson_page_shell_refuses_an_unknown_host_too(learner_client):
    assert learner_client.get("/courses/civics/lessons/conduct").status_code == 200  # the shell exists
    assert learner_client.get("/courses/civics/lessons/conduct", headers={"Host": EVIL}).status_code == 400


def test_password_reset_mail_links_to_the_public_address_whatever_the_host(app, learner, smtp):
    """Even a host the site trusts (here localhost) never decides the link: PUBLIC_BASE_URL does."""
    app.config["PUBLIC_BASE_URL"] = "https://hoc.example.gov.vn"
    client, host = app.test_client(), {"Host": "127.0.0.1:8000"}
    token = CSRF_INPUT.search(client.get("/auth/forgot", headers=host).get_data(as_text=True)).group(1)
    client.post("/auth/forgot", data={"email": learner.email, "csrf_token": token}, headers=host)
    assert smtp.received, "no mail was sent"
    body = smtp.received[0].get_content()
    assert "https://hoc.example.gov.vn/auth/reset/" in body and "127.0.0.1" not in body


def test_signed_credentials_and_the_did_name_the_public_address_not_the_host(app, client):
    app.config["PUBLIC_BASE_URL"] = "https://hoc.example.gov.vn"
    did = client.get("/.well-known/did.json", headers={"Host": "127.0.0.1"}).get_json()
    assert did["id"] == "did:web:hoc.example.gov.vn"


def test_no_view_builds_an_external_url_from_the_request(app):
    """One helper (app.urls.external_url) builds absolute links; url_for(_external=True) uses the Host."""
    from pathlib import Path

    sources = Path(app.root_path).rglob("*")
    offenders = [str(p) for p in sources if p.suffix in (".py", ".html") and "_external" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_production_refuses_to_start_without_its_public_address(monkeypatch):
    from app import create_app

    monkeypatch.setenv("SECRET_KEY", "a" * 40)
    for missing in ("", "hoc.example.gov.vn", "https://"):
        monkeypatch.setenv("PUBLIC_BASE_URL", missing)
        with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
            create_app("production")


def test_trusted_hosts_come_from_the_public_address_the_list_and_locally_loopback():
    assert trusted_hosts("https://hoc.example.gov.vn/academy", "a.example, .b.example", False) == [
        "hoc.example.gov.vn", "a.example", ".b.example"]
    assert trusted_hosts("http://127.0.0.1:5000", "", True) == ["127.0.0.1", "localhost"]
