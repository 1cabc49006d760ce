"""Markup rules that axe checks in the browser, kept here too so they hold without chromium."""


def test_form_fields_carry_no_none_valued_aria_attributes(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert '="None"' not in html
    assert 'id="email"' in html and 'aria-describedby' not in html.split('id="email"')[0].rsplit("<input", 1)[1]


def test_a_field_with_an_error_points_to_its_message(client):
    from tests.support.client import csrf_token
    token = csrf_token(client)
    html = client.post("/auth/login", data={"email": "not-an-email", "password": "", "csrf_token": token}).get_data(as_text=True)
    assert 'aria-invalid="true"' in html and 'aria-describedby="email-error"' in html and 'id="email-error"' in html
