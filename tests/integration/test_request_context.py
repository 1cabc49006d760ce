"""A test-client request runs in a context of its own (tests/support/client.py), as on a server:
what the test holds in its app context (`g`, its database session) never reaches a request."""
from flask import g


def test_a_request_does_not_see_the_user_the_test_left_in_g(app, client, make_user):
    g._login_user = make_user("admin@example.org", role="admin")  # where Flask-Login keeps the current user
    response = client.get("/admin/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]

