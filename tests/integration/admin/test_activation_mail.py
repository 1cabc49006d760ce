"""Activation links mailed to an imported batch go through the outbox: one mail per link, once."""
import time

from sqlalchemy import select

from app.mail.models import OutgoingMail
from tests.support.client import post
from tests.support.imports import GOOD, upload


def imported(client, token) -> None:
    assert post(client, f"/admin/users/import/{token}/confirm").status_code == 302
    deadline = time.monotonic() + 30
    while client.get(f"/admin/users/import/{token}/status").get_json()["state"] != "done":
        assert time.monotonic() < deadline, "the import did not finish"
        time.sleep(0.05)


def test_activation_mails_of_a_batch_are_recorded_and_sent_once_each(app, db, admin_client, smtp):
    token, _ = upload(admin_client, GOOD.encode())
    imported(admin_client, token)
    response = post(admin_client, f"/admin/users/import/{token}/codes", {"format": "email"})
    assert response.status_code == 200
    assert sorted(m["To"] for m in smtp.received) == ["a1@example.org", "a2@example.org"]
    assert "/auth/activate/" in smtp.received[0].get_content()
    rows = db.session.scalars(select(OutgoingMail)).all()
    assert [(r.purpose, r.status) for r in rows] == [("activation", "sent")] * 2
    assert len({r.dedupe_key for r in rows}) == 2
