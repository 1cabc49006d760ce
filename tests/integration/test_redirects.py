"""Open redirects: every `next=` goes through app/redirects.py and stays on this site."""
import pytest

from app.redirects import same_site_path
from tests.support.client import PASSWORD, csrf_token

#: Each would leave the site once a browser cleans it up, or break the Location header.
ATTACKS = [
    "/%09/evil.com", "/\t/evil.com", "/\n/evil.com", "/\r\nSet-Cookie:x=1", "//evil.com",
    "/\\evil.com", "\\\\evil.com", "/%5Cevil.com", "/%2F/evil.com", "%2F%2Fevil.com",
    "https://evil.com/", "javascript:alert(1)", " //evil.com", "/ /evil.com\x00",
    "///evil.com", "/%0d%0aLocation:%20//evil.com", "evil.com", "",
]


@pytest.mark.parametrize("target", ATTACKS)
def test_language_switch_never_redirects_off_site_or_fails(client, target):
    response = client.get("/lang/vi", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ATTACKS)
def test_login_never_redirects_off_site_or_fails(client, learner, target):
    token = csrf_token(client)
    response = client.post("/auth/login", query_string={"next": target},
                           data={"email": learner.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/courses/", "/courses/civics?lang=en&x=%2F", "/lang/en?next=/a",
                                    "/courses/c%C3%B4ng-d%C3%A2n"])
def test_same_site_paths_are_followed(client, target):
    assert same_site_path(target) == target
    assert client.get("/lang/en", query_string={"next": target}).headers["Location"] == target
