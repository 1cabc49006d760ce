"""Logging in and out: CSRF, rate limit, no enumeration, safe redirects, sessions."""
import re

from tests.support.client import PASSWORD, csrf_token, login, post


def test_login_page_shows_the_fixed_fields(client):
    html = client.get("/auth/login").get_data(as_text=True)
    for name in ('name="email"', 'name="password"', 'name="csrf_token"'):
        assert name in html
    assert '<label for="email"' in html and '<label for="password"' in html


def test_valid_login_starts_a_session(client, learner):
    response = login(client, learner.email)
    assert response.status_code == 302
    assert client.get("/auth/profile").status_code == 200


def test_email_is_matched_case_insensitively(client, learner):
    assert login(client, "  LEARNER@Example.org ").status_code == 302


def test_login_post_without_csrf_token_is_refused(client, learner):
    response = client.post("/auth/login", data={"email": learner.email, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/auth/profile").status_code == 302


def test_unknown_email_and_wrong_password_get_the_same_answer(client, learner):
    wrong = login(client, learner.email, "Wrong-pass-1")
    unknown = login(client, "nobody@example.org", "Wrong-pass-1")
    assert wrong.status_code == unknown.status_code == 401
    def page(response):  # the form echoes the typed email and a fresh CSRF token
        return re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))

    assert page(wrong) == page(unknown)


def test_eleventh_failed_login_in_a_minute_is_refused(client, learner):
    for _ in range(10):
        assert login(client, learner.email, "Wrong-pass-1").status_code == 401
    assert login(client, learner.email, "Wrong-pass-1").status_code == 429
    assert login(client, learner.email).status_code == 429


def test_successful_logins_do_not_use_up_the_limit(client, learner):
    for _ in range(12):
        assert login(client, learner.email).status_code == 302
        post(client, "/auth/logout")


def test_inactive_account_cannot_log_in(client, learner, db):
    learner.active = False
    db.session.commit()
    assert login(client, learner.email).status_code == 401


def test_a_session_cookie_copied_before_logout_is_refused_after_it(app, learner_client):
    copy = app.test_client()
    copy.set_cookie("session", learner_client.get_cookie("session").value)
    assert copy.get("/auth/profile").status_code == 200
    assert post(learner_client, "/auth/logout").status_code == 302
    assert copy.get("/auth/profile").status_code == 302


def test_logout_needs_post_with_csrf(learner_client):
    assert learner_client.get("/auth/logout").status_code == 405
    assert learner_client.post("/auth/logout").status_code == 400
    assert post(learner_client, "/auth/logout").status_code == 302
    assert learner_client.get("/auth/profile").status_code == 302


def test_password_change_ends_existing_sessions(learner_client, learner, db):
    learner.set_password("Another-pass-2")
    db.session.commit()
    assert learner_client.get("/auth/profile").status_code == 302


def test_login_redirects_only_to_same_site_paths(client, learner):
    token = csrf_token(client)
    response = client.post("/auth/login?next=https://evil.example/x",
                           data={"email": learner.email, "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/"
    client2 = client.application.test_client()
    token = csrf_token(client2)
    response = client2.post("/auth/login?next=/courses/", data={"email": learner.email, "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/courses/"


def test_passwords_are_stored_hashed(learner):
    assert PASSWORD not in learner.password_hash
    assert learner.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_profile_shows_own_details(learner_client, learner):
    html = learner_client.get("/auth/profile").get_data(as_text=True)
    assert "Nguyễn Thị Hồng Nhung" in html and learner.email in html


def test_a_unit_manager_lands_on_their_units_figures_and_a_learner_on_their_courses(client, make_user, root_unit):
    from tests.support.client import login

    manager = make_user("boss@example.org", role="manager")
    assert login(client, manager.email).headers["Location"].endswith("/stats/")
    other = client.application.test_client()
    assert login(other, make_user("pupil@example.org").email).headers["Location"].endswith("/")
    third = client.application.test_client()
    from tests.support.client import csrf_token

    token = csrf_token(third)
    response = third.post("/auth/login?next=/courses/", data={"email": manager.email, "password": "Secret-pass-1",
                                                                "csrf_token": token})
    assert response.headers["Location"].endswith("/courses/")  # an explicit next still wins
