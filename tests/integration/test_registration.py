"""Self-registration: closed unless configured; creates only an inactive learner of audience
"other" in the configured unit; opens by a mailed single-use link; tells nobody whether an
address already has an account; rate-limited."""
import re

import pytest
from sqlalchemy import func, select

from app.auth.models import AccountToken, User
from tests.support.client import csrf_token, login

PASSWORD = "Tham-gia-2026"


@pytest.fixture
def open_registration(app, db, make_unit, root_unit, smtp):
    unit = make_unit("CONG-DAN", root_unit, name="Người dân tự đăng ký")
    db.session.commit()  # requests read the database in sessions of their own
    app.config["SELF_REGISTRATION_UNIT"] = unit.code
    return smtp


def register(client, email, name="Trần Thị Dân", password=PASSWORD, **extra):
    data = {"full_name": name, "email": email, "password": password, "confirm": password,
            "csrf_token": csrf_token(client, "/auth/register"), **extra}
    return client.post("/auth/register", data=data)


def mailed_link(smtp, index=-1) -> str:
    assert smtp.got_mail.wait(10)
    body = smtp.received[index].get_content()
    return re.search(r"https?://[^/\s]+(/auth/confirm/\S+)", body).group(1)


def test_registration_is_closed_unless_a_unit_and_mail_are_configured(app, client, make_unit, root_unit):
    assert client.get("/auth/register").status_code == 404
    assert "/auth/register" not in client.get("/auth/login").get_data(as_text=True)
    app.config["SELF_REGISTRATION_UNIT"] = make_unit("CONG-DAN", root_unit).code
    assert client.get("/auth/register").status_code == 404  # no mail server: nobody could confirm


def test_the_login_page_offers_registration_when_open(client, open_registration):
    assert "/auth/register" in client.get("/auth/login").get_data(as_text=True)


def test_a_new_account_is_an_inactive_learner_of_audience_other(client, db, open_registration):
    response = register(client, "Dan@Example.org", role="admin", audience="civil_servant", unit="ROOT")
    assert response.status_code == 200
    user = db.session.scalar(select(User).filter_by(email="dan@example.org"))
    assert (user.role, user.audience, user.unit.code, user.active) == ("learner", "other", "CONG-DAN", False)
    assert login(client, "dan@example.org", PASSWORD).status_code == 401  # not before confirming


def test_the_mailed_link_opens_the_account_once_and_only_on_a_post(app, db, open_registration):
    register(app.test_client(), "dan@example.org")
    link = mailed_link(open_registration)
    visitor = app.test_client()
    assert visitor.get(link).status_code == 200  # a mail scanner opening it changes nothing
    assert db.session.scalar(select(User.active).filter_by(email="dan@example.org")) is False
    opened = visitor.post(link, data={"csrf_token": csrf_token(visitor, link)})
    assert opened.status_code == 302
    assert visitor.get("/auth/profile").status_code == 200  # signed in
    assert app.test_client().get(link).status_code == 404  # spent
    assert login(app.test_client(), "dan@example.org", PASSWORD).status_code == 302


def test_an_address_with_an_account_gets_the_same_answer_and_no_mail(app, db, learner, open_registration):
    def page(response):
        return re.sub(r"\S+@example\.org", "", response.get_data(as_text=True))

    known = register(app.test_client(), learner.email)
    unknown = register(app.test_client(), "someone-new@example.org")
    assert known.status_code == unknown.status_code == 200
    assert page(known) == page(unknown)
    assert db.session.scalar(select(func.count(AccountToken.id)).filter_by(user_id=learner.id)) == 0
    assert login(app.test_client(), learner.email).status_code == 302


def test_registering_again_before_confirming_replaces_the_first_link(app, db, open_registration):
    register(app.test_client(), "dan@example.org", password="Ke-mao-danh-1")
    first = mailed_link(open_registration)
    open_registration.got_mail.clear()
    register(app.test_client(), "dan@example.org", name="Trần Thị Dân Thật")
    second = mailed_link(open_registration)
    assert first != second
    assert app.test_client().get(first).status_code == 404
    visitor = app.test_client()
    visitor.post(second, data={"csrf_token": csrf_token(visitor, second)})
    assert login(app.test_client(), "dan@example.org", PASSWORD).status_code == 302
    assert db.session.scalar(select(User.full_name).filter_by(email="dan@example.org")) == "Trần Thị Dân Thật"


def test_a_weak_password_or_bad_address_is_refused_with_a_message(client, db, open_registration):
    weak = register(client, "dan@example.org", password="password1")
    assert weak.status_code == 200 and 'aria-invalid="true"' in weak.get_data(as_text=True)
    assert register(client, "not-an-address").status_code == 200
    assert db.session.scalar(select(func.count(User.id)).filter(User.email.in_(["dan@example.org", "not-an-address"]))) == 0


def test_registration_is_rate_limited(client, open_registration):
    codes = [register(client, f"person{i}@example.org").status_code for i in range(6)]
    assert codes == [200] * 5 + [429]
