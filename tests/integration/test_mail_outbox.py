"""Outgoing mail through the outbox: recorded with its token, sent after commit by a job, each
row claimed before it is sent, never twice for one token (app/mail/outbox.py)."""
import socket
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.auth.models import AccountToken, TokenPurpose
from app.auth.tokens import issue_token, mail_key
from app.clock import utcnow
from app.mail import jobs, outbox
from app.mail.models import OutgoingMail
from tests.support.client import csrf_token


def forgot(app, email):
    client = app.test_client()
    return client.post("/auth/forgot", data={"email": email, "csrf_token": csrf_token(client, "/auth/forgot")})


def mails(db) -> list[OutgoingMail]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id)))


def closed_port() -> int:
    """A local port nobody listens on: the SMTP server is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_password_reset_mail_arrives_once_and_its_row_is_marked_sent(app, db, learner, smtp):
    assert forgot(app, learner.email).status_code == 200
    assert [m["To"] for m in smtp.received] == [learner.email]
    [mail] = mails(db)
    assert (mail.status, mail.purpose, mail.attempts, mail.sent_at is not None) == ("sent", "reset", 0, True)
    assert mail.body == ""  # the link is not kept once it has left


def test_the_body_waiting_in_the_outbox_is_sealed(app, db, learner, smtp, monkeypatch):
    monkeypatch.setattr("app.auth.password_routes.dispatch", lambda ids: None)  # recorded, not yet sent
    forgot(app, learner.email)
    [mail] = mails(db)
    assert mail.status == "queued" and "/auth/reset/" not in mail.body
    assert "/auth/reset/" in outbox.unseal(mail.body, app.config["SECRET_KEY"])
    assert outbox.unseal(mail.body, "another key") is None


def test_rerunning_the_task_for_a_sent_mail_sends_nothing(app, db, learner, smtp):
    forgot(app, learner.email)
    [mail] = mails(db)
    jobs.send_mail([mail.id])
    jobs.send_mail([mail.id])
    assert len(smtp.received) == 1


def test_smtp_down_keeps_the_mail_queued_and_a_later_run_sends_it_once(app, db, learner, smtp):
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = closed_port()
    assert forgot(app, learner.email).status_code == 200  # the person sees the same page
    [mail] = mails(db)
    assert mail.status == "queued" and mail.attempts == 1 and "ConnectionRefusedError" in mail.last_error
    assert mail.due_at > utcnow()  # tried again after MAIL_RETRY_SECONDS, not at once
    app.config["MAIL_PORT"] = port
    result = app.test_cli_runner().invoke(args=["mail", "send-queued"])
    assert "1 mail(s) tried, 0 still queued" in result.output
    app.test_cli_runner().invoke(args=["mail", "send-queued"])
    jobs.send_mail([mail.id])
    assert [m["To"] for m in smtp.received] == [learner.email]
    assert mails(db)[0].status == "sent"


def test_a_mail_is_given_up_after_max_attempts_and_retry_sends_it(app, db, learner, smtp):
    port, app.config["MAIL_PORT"], app.config["MAIL_MAX_ATTEMPTS"] = app.config["MAIL_PORT"], closed_port(), 2
    forgot(app, learner.email)
    [mail] = mails(db)
    jobs.send_mail([mail.id])
    [mail] = mails(db)
    assert (mail.status, mail.attempts) == ("failed", 2)
    jobs.send_mail([mail.id])  # a failed mail is not tried again by itself
    assert mails(db)[0].attempts == 2
    app.config["MAIL_PORT"] = port
    result = app.test_cli_runner().invoke(args=["mail", "retry"])
    assert "1 failed mail(s) queued again" in result.output
    assert len(smtp.received) == 1 and mails(db)[0].status == "sent"


def record_reset(db, user) -> int:
    secret = issue_token(user, TokenPurpose.RESET, timedelta(hours=1))
    mail_id = outbox.record(user.email, "Đặt lại mật khẩu", f"link {secret}", "reset", mail_key(TokenPurpose.RESET, secret))
    db.session.commit()
    return mail_id


def test_a_claimed_row_is_left_alone_until_stale_then_sent_once(app, db, learner, smtp):
    mail_id = record_reset(db, learner)
    assert outbox.claim(mail_id, utcnow())  # a consumer took it ... and died before sending
    db.session.commit()
    assert not outbox.claim(mail_id, utcnow())  # nobody else can take it meanwhile
    jobs.deliver(app)
    jobs.send_mail([mail_id])
    assert smtp.received == []  # not stale yet: it may still be on its way
    db.session.execute(update(OutgoingMail).values(claimed_at=utcnow() - timedelta(
        seconds=app.config["MAIL_STALE_SECONDS"] + 1), due_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    jobs.sweep_mail.call_local()
    jobs.sweep_mail.call_local()
    assert len(smtp.received) == 1
    [mail] = mails(db)
    assert (mail.status, mail.attempts, mail.last_error) == ("sent", 1, None)


def test_a_queued_mail_whose_job_was_lost_is_sent_by_the_sweep(app, db, learner, smtp):
    mail_id = record_reset(db, learner)  # recorded and committed; the queue never got its job
    jobs.sweep_mail.call_local()
    assert smtp.received == []  # too fresh: its job may still be waiting in the queue
    db.session.execute(update(OutgoingMail).values(due_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    jobs.sweep_mail.call_local()
    assert len(smtp.received) == 1 and mails(db)[0].id == mail_id


def test_a_crash_between_accept_and_marking_sent_gives_a_copy_with_the_same_message_id(app, db, learner, smtp,
                                                                                         monkeypatch):
    """The remaining at-least-once window, documented: the server has the mail, the row does not know."""
    mail_id = record_reset(db, learner)
    with monkeypatch.context() as patch:
        patch.setattr(outbox, "mark_sent", lambda *args: (_ for _ in ()).throw(SystemExit("killed")))
        with pytest.raises(SystemExit):
            jobs.deliver(app, [mail_id])
    db.session.rollback()
    db.session.execute(update(OutgoingMail).values(claimed_at=utcnow() - timedelta(days=1)))
    db.session.commit()
    jobs.deliver(app, [mail_id])
    first, second = smtp.received
    assert first["Message-ID"] == second["Message-ID"] and first["Message-ID"].startswith("<")


def test_rolling_back_the_token_drops_its_mail(app, db, learner, smtp):
    secret = issue_token(learner, TokenPurpose.RESET, timedelta(hours=1))
    outbox.record(learner.email, "Đặt lại mật khẩu", secret, "reset", mail_key(TokenPurpose.RESET, secret))
    db.session.rollback()
    assert mails(db) == [] and db.session.scalars(select(AccountToken)).all() == []


def test_the_dedupe_key_rejects_a_second_mail_for_the_same_token(app, db, learner, smtp):
    secret = issue_token(learner, TokenPurpose.RESET, timedelta(hours=1))
    key = mail_key(TokenPurpose.RESET, secret)
    outbox.record(learner.email, "Một", secret, "reset", key)
    with pytest.raises(IntegrityError):
        outbox.record(learner.email, "Hai", secret, "reset", key)
    db.session.rollback()


def test_without_a_mail_server_nothing_is_recorded_or_sent(app, db, learner):
    assert not app.config["MAIL_SERVER"]
    assert forgot(app, learner.email).status_code == 200
    assert mails(db) == []
    result = app.test_cli_runner().invoke(args=["mail", "send-queued"])
    assert result.exit_code != 0 and "MAIL_SERVER is not set" in result.output


def test_mail_list_shows_the_outbox(app, db, learner, smtp):
    forgot(app, learner.email)
    output = app.test_cli_runner().invoke(args=["mail", "list", "--status", "sent"]).output
    assert f"sent\t0\treset\t{learner.email}" in output


def test_two_consumers_sending_one_batch_at_once_send_each_mail_once(app, db, make_user, smtp):
    from app.extensions import db as _db

    ids = [record_reset(db, make_user(f"hv{n}@example.org")) for n in range(12)]
    barrier = threading.Barrier(2)

    def consumer():
        with app.app_context():
            barrier.wait()
            jobs.deliver(app, ids)
            _db.session.remove()

    threads = [threading.Thread(target=consumer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(m["To"] for m in smtp.received) == sorted(f"hv{n}@example.org" for n in range(12))
    assert {m.status for m in mails(db)} == {"sent"}


def test_the_request_only_queues_the_mail_and_a_consumer_sends_it_retrying_while_smtp_is_down(
        app, db, learner, smtp, tmp_path, monkeypatch):
    from huey.storage import SqliteStorage

    from app.jobs import huey, tasks

    monkeypatch.setattr(huey, "immediate", False)  # first: leaving immediate mode resets the storage
    monkeypatch.setattr(huey, "storage", SqliteStorage(huey.name, filename=str(tmp_path / "jobs.db")))
    forgot(app, learner.email)
    assert smtp.received == [] and len(huey) == 1 and mails(db)[0].status == "queued"
    port, app.config["MAIL_PORT"] = app.config["MAIL_PORT"], closed_port()
    huey.execute(huey.dequeue())
    assert len(huey) == 0 and huey.scheduled_count() == 1  # tried again after MAIL_RETRY_SECONDS
    app.config["MAIL_PORT"] = port
    due = huey.scheduled()[0].eta  # the delay has passed: what the consumer's scheduler does
    [retry] = huey.read_schedule(due)
    monkeypatch.setattr(tasks, "_consumer_app", lambda: app)
    consumer = threading.Thread(target=huey.execute, args=(retry, due))  # no app context there, as in a consumer
    consumer.start()
    consumer.join(30)
    assert [m["To"] for m in smtp.received] == [learner.email] and huey.scheduled_count() == 0


def test_an_admin_sees_failed_mail_and_tries_it_again_in_vietnamese(app, db, learner, smtp, make_user):
    from tests.support.client import login, post

    port, app.config["MAIL_PORT"], app.config["MAIL_MAX_ATTEMPTS"] = app.config["MAIL_PORT"], closed_port(), 1
    forgot(app, learner.email)
    assert mails(db)[0].status == "failed"
    admin = app.test_client()
    login(admin, make_user("admin@example.org", role="admin").email)
    html = admin.get("/admin/mail").get_data(as_text=True)
    assert "Thư gửi đi" in html and learner.email in html and "Gửi không được" in html and "ConnectionRefusedError" in html
    app.config["MAIL_PORT"] = port
    response = post(admin, "/admin/mail/retry", {"id": str(mails(db)[0].id)})
    assert response.status_code == 302
    assert [m["To"] for m in smtp.received] == [learner.email] and mails(db)[0].status == "sent"
    assert "Đã xếp 1 thư để gửi lại." in admin.get("/admin/mail").get_data(as_text=True)


def test_a_refused_address_fails_at_once_and_the_rest_of_the_batch_goes_on(app, db, make_user, smtp):
    ids = [record_reset(db, make_user(email)) for email in ("refused@example.org", "ok@example.org")]
    assert jobs.deliver(app, ids) == []  # nothing left to retry
    assert [m["To"] for m in smtp.received] == ["ok@example.org"]
    refused, sent = mails(db)
    assert (refused.status, refused.attempts, sent.status) == ("failed", 1, "sent")
    assert "SMTPRecipientsRefused" in refused.last_error
