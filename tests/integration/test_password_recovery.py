"""Forgotten passwords and first logins: same answer for every email, expiring single-use links."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.mail.smtp import build_message
from app.auth.models import AccountToken, TokenPurpose
from app.auth.tokens import issue_token
from tests.support.client import csrf_token, login


def forgot(client, email):
    return client.post("/auth/forgot", data={"email": email, "csrf_token": csrf_token(client, "/auth/forgot")})


def test_forgot_password_answers_the_same_for_known_and_unknown_emails(app, learner):
    known, unknown = forgot(app.test_client(), learner.email), forgot(app.test_client(), "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data() == unknown.get_data()


def test_forgot_password_emails_a_working_single_use_link(app, learner, smtp):
    forgot(app.test_client(), learner.email)
    assert smtp.got_mail.wait(10)
    body = smtp.received[0].get_content()
    assert smtp.received[0]["To"] == learner.email
    path = "/auth/reset/" + body.split("/auth/reset/")[1].split()[0]
    client = app.test_client()
    data = {"password": "Fresh-pass-3", "confirm": "Fresh-pass-3", "csrf_token": csrf_token(client)}
    assert client.post(path, data=data).status_code == 302
    assert login(app.test_client(), learner.email, "Fresh-pass-3").status_code == 302
    assert app.test_client().get(path).status_code == 404


def test_no_mail_is_sent_for_an_unknown_email(app, smtp, learner):
    forgot(app.test_client(), "nobody@example.org")
    forgot(app.test_client(), learner.email)
    assert smtp.got_mail.wait(10)
    assert [m["To"] for m in smtp.received] == [learner.email]


def test_expired_links_do_not_work(app, learner, db):
    secret = issue_token(learner, TokenPurpose.RESET, timedelta(hours=1))
    db.session.scalar(select(AccountToken)).expires_at -= timedelta(hours=2)
    db.session.commit()
    assert app.test_client().get(f"/auth/reset/{secret}").status_code == 404


def test_a_reset_link_is_not_an_activation_link_and_garbage_finds_nothing(app, learner, db):
    secret = issue_token(learner, TokenPurpose.RESET, timedelta(hours=1))
    db.session.commit()
    client = app.test_client()
    assert client.get(f"/auth/activate/{secret}").status_code == 404
    assert client.get("/auth/reset/not-a-token").status_code == 404
    assert client.get(f"/auth/reset/{secret}").status_code == 200


def test_activation_refuses_a_weak_password(app, make_user, root_unit, db):
    from app.auth.accounts import create_user

    user = create_user("fresh@example.org", "Fresh", "learner", root_unit, "civil_servant")
    secret = issue_token(user, TokenPurpose.ACTIVATION, timedelta(days=14))
    db.session.commit()
    client = app.test_client()
    response = client.post(f"/auth/activate/{secret}?lang=en",
                           data={"password": "12345678", "confirm": "12345678", "csrf_token": csrf_token(client)})
    assert response.status_code == 200 and "mixing letters" in response.get_data(as_text=True)
    db.session.expire_all()
    assert user.password_hash is None


@pytest.mark.parametrize("path", ["activate", "reset"])
@pytest.mark.parametrize("common", ["password1", "P@ssw0rd", "qwerty123", "Password1!", "iloveyou2", "matkhau123"])
def test_a_common_password_or_a_trivial_variation_is_refused_on_activation_and_reset(app, root_unit, db, path, common):
    from app.auth.accounts import create_user

    user = create_user("fresh@example.org", "Fresh", "learner", root_unit, "civil_servant")
    purpose = TokenPurpose.ACTIVATION if path == "activate" else TokenPurpose.RESET
    secret = issue_token(user, purpose, timedelta(days=1))
    db.session.commit()
    client = app.test_client()
    response = client.post(f"/auth/{path}/{secret}",
                           data={"password": common, "confirm": common, "csrf_token": csrf_token(client)})
    assert response.status_code == 200
    assert "Mật khẩu này quá phổ biến hoặc quá dễ đoán" in response.get_data(as_text=True)
    db.session.expire_all()
    assert user.password_hash is None


def test_messages_are_utf8_plain_text():
    message = build_message("a@example.org", "b@example.org", "Kích hoạt", "Xin chào Nguyễn Văn A")
    assert message["Subject"] == "Kích hoạt" and "Nguyễn" in message.get_content()
