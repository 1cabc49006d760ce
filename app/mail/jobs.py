"""Sending the outbox on the job queue: one task per batch of rows, queued after the commit that
recorded them, and a periodic sweep for rows whose job was lost. Commits once per row."""
from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from huey import crontab
from huey.exceptions import RetryTask

from app.clock import utcnow
from app.extensions import db
from app.jobs import huey
from app.jobs.tasks import job_app
from app.mail import outbox, smtp

log = logging.getLogger(__name__)

#: Rows per queued task: many consumers can share a large batch (thousands of activation mails).
TASK_ROWS = 200


def _permanent(error: OSError) -> bool:
    """The server refused this message for good (a 5xx about it): retrying will not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def deliver(app, ids: list[int] | None = None) -> list[int]:
    """Send the rows of `ids` (None: the stale and overdue ones) that are still queued, each
    claimed first; those left queued (the server failed; tried again later)."""
    config = app.config
    settings = {key: config[key] for key in smtp.SETTINGS}
    if not settings["MAIL_SERVER"]:
        return []  # no server: nothing is sent, rows wait until one is configured
    stale, tries, delay = config["MAIL_STALE_SECONDS"], config["MAIL_MAX_ATTEMPTS"], config["MAIL_RETRY_SECONDS"]
    revived = outbox.requeue_stale(utcnow(), stale, tries)
    db.session.commit()
    if ids is None:
        ids = sorted(set(revived + outbox.queued_ids(due_before=utcnow() - timedelta(seconds=stale))))
    if not ids:
        return []
    try:
        with smtp.connection(settings) as server:
            for mail_id in ids:
                _send_one(server, mail_id, settings, config, tries)
    except smtp.TRANSPORT_ERRORS as error:
        db.session.rollback()
        log.warning("sending mail failed (%s): the batch's queued mails are tried again in %ss", error, delay)
        outbox.count_failure(ids, outbox.QUEUED, f"{type(error).__name__}: {error}", utcnow(), tries, delay)
        db.session.commit()
    return outbox.still_queued(ids)


def _send_one(server, mail_id: int, settings: dict, config, tries: int) -> None:
    """Claim, send, mark sent: each step committed, so the claim is seen by every other consumer
    before the mail leaves, and "sent" is recorded the moment the server has accepted it."""
    claimed = outbox.claim(mail_id, utcnow())
    db.session.commit()
    if not claimed:
        return  # another consumer has it, or it is sent or given up
    mail = db.session.get(outbox.OutgoingMail, mail_id)
    body = outbox.unseal(mail.body, config["SECRET_KEY"])
    if body is None:
        outbox.count_failure([mail_id], outbox.SENDING, "sealed with another SECRET_KEY", utcnow(), tries, 0, True)
        db.session.commit()
        return
    sender = settings["MAIL_SENDER"]
    message = smtp.build_message(sender, mail.recipient, mail.subject, body, outbox.message_id(mail, sender))
    try:
        server.send_message(message)
    except smtp.TRANSPORT_ERRORS as error:
        if not _permanent(error):
            outbox.release(mail_id)  # the whole batch's try is counted by deliver()
            db.session.commit()
            raise
        outbox.count_failure([mail_id], outbox.SENDING, f"{type(error).__name__}: {error}", utcnow(), tries, 0, True)
    else:
        if not outbox.mark_sent(mail_id, utcnow()):
            log.warning("mail %s was sent but its claim had been taken for lost meanwhile", mail_id)
    db.session.commit()


@huey.task()
def send_mail(ids: list[int]) -> None:
    """The queued task: send these rows; while some wait on a failing server, run again later."""
    with job_app() as app:
        left = deliver(app, ids)
        if left:
            raise RetryTask(delay=app.config["MAIL_RETRY_SECONDS"])


@huey.periodic_task(crontab(minute="*/5"))
def sweep_mail() -> None:
    """Every consumer, every five minutes: rows lost mid-send or whose job was lost."""
    with job_app() as app:
        deliver(app)


def dispatch(ids: list[int]) -> None:
    """After the commit that recorded them: queue the sending (run at once in immediate mode).
    A queue that cannot be reached loses nothing: the rows are in the database, the sweep sends them.
    None stands for a mail not recorded (no mail server)."""
    ids = [mail_id for mail_id in ids if mail_id is not None]
    for start in range(0, len(ids), TASK_ROWS):
        try:
            send_mail(ids[start:start + TASK_ROWS])
        except Exception:  # Redis or the queue file unreachable: any error, as the mail is safe
            log.exception("queueing %d mail(s) failed; the sweep will send them", len(ids[start:start + TASK_ROWS]))
