"""The outbox's rules, each a statement that flushes and never commits; app/mail/jobs.py commits.

A mail is recorded in the caller's transaction, with what it carries (a one-time link): a
rollback drops both, a commit keeps both. After commit a job sends it, claiming the row first
(queued → sending in one UPDATE that only one claimer can win), then marking it sent.

"Never twice" holds exactly this far: one row per dedupe key (one mail per link), and one
claimer per row. What remains is the moment between the SMTP server accepting the message and
the commit that marks its row sent: a consumer dying there, or a connection dropping while the
server's "250 accepted" is on its way, leaves the row claimed but unmarked, and the sweep sends
it again after MAIL_STALE_SECONDS. The job commits right after each accepted message to keep
that moment short, and the copy carries the same Message-ID, so mail programs may fold the two.
"""
from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from sqlalchemy import case, select, update

from app.extensions import db
from app.mail.models import MailStatus, OutgoingMail

QUEUED, SENDING, SENT, FAILED = (s.value for s in MailStatus)
#: Ids per statement when many rows change at once (parameter limits of SQLite and PostgreSQL).
CHUNK = 500


def _fernet(secret_key: str | bytes) -> Fernet:
    raw = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"mail-outbox\0" + raw).digest()))


def seal(body: str, secret_key: str | bytes) -> str:
    """The body as stored: a database copy alone does not give away the live links in it."""
    return _fernet(secret_key).encrypt(body.encode()).decode()


def unseal(sealed: str, secret_key: str | bytes) -> str | None:
    """The body, or None when it was sealed with another SECRET_KEY."""
    try:
        return _fernet(secret_key).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def message_id(mail: OutgoingMail, sender: str) -> str:
    """The same Message-ID every time this row is sent."""
    digest = hashlib.sha256(f"{mail.id}:{mail.dedupe_key}".encode()).hexdigest()[:32]
    return f"<{digest}@{sender.rpartition('@')[2] or 'localhost'}>"


def record(recipient: str, subject: str, body: str, purpose: str, dedupe_key: str) -> int | None:
    """Put a mail in the outbox in the caller's transaction; its id, or None when no mail server
    is configured (then nothing is recorded, as nothing would be sent). A second mail with the
    same dedupe key fails the flush (IntegrityError). Flushes."""
    return (record_many([(recipient, subject, body, dedupe_key)], purpose) or [None])[0]


def record_many(mails: list[tuple[str, str, str, str]], purpose: str) -> list[int]:
    """record() for many (recipient, subject, body, dedupe key) at once; their ids. Flushes."""
    config = current_app.config
    if not mails or not config.get("MAIL_SERVER"):
        return []
    rows = [OutgoingMail(recipient=recipient, subject=subject, body=seal(body, config["SECRET_KEY"]),
                         purpose=purpose, dedupe_key=key, status=QUEUED, attempts=0)
            for recipient, subject, body, key in mails]
    db.session.add_all(rows)
    db.session.flush()
    return [row.id for row in rows]


def claim(mail_id: int, now: datetime) -> bool:
    """Take a queued row for sending; False when another consumer has it, or it is sent or failed."""
    result = db.session.execute(
        update(OutgoingMail).where(OutgoingMail.id == mail_id, OutgoingMail.status == QUEUED)
        .values(status=SENDING, claimed_at=now).execution_options(synchronize_session=False))
    return result.rowcount == 1


def mark_sent(mail_id: int, now: datetime) -> bool:
    """The SMTP server accepted it: sent, and the body (its link) is no longer kept."""
    result = db.session.execute(
        update(OutgoingMail).where(OutgoingMail.id == mail_id, OutgoingMail.status == SENDING)
        .values(status=SENT, sent_at=now, body="", last_error=None).execution_options(synchronize_session=False))
    return result.rowcount == 1


def release(mail_id: int) -> None:
    """Give a claimed row back untried (the batch it was in stopped; the failure is counted there)."""
    db.session.execute(
        update(OutgoingMail).where(OutgoingMail.id == mail_id, OutgoingMail.status == SENDING)
        .values(status=QUEUED, claimed_at=None).execution_options(synchronize_session=False))


def count_failure(ids: list[int], status: str, error: str, now: datetime, max_attempts: int,
                  retry_seconds: float, permanent: bool = False) -> None:
    """One more failed try for the rows of `ids` still in `status`: queued again after the delay,
    or failed for good at max_attempts (at once when `permanent`: no retry would help)."""
    attempts = OutgoingMail.attempts + 1
    new_status = FAILED if permanent else case((attempts >= max_attempts, FAILED), else_=QUEUED)
    for start in range(0, len(ids), CHUNK):
        db.session.execute(
            update(OutgoingMail).where(OutgoingMail.id.in_(ids[start:start + CHUNK]), OutgoingMail.status == status)
            .values(status=new_status, attempts=attempts, last_error=error[:500], claimed_at=None,
                    due_at=now + timedelta(seconds=retry_seconds))
            .execution_options(synchronize_session=False))


def requeue_stale(now: datetime, stale_seconds: float, max_attempts: int) -> list[int]:
    """Rows claimed longer ago than stale_seconds were lost with their consumer mid-send: queued
    again, the loss counted as a try (a mail that kills its consumer every time stops at max)."""
    stale = [row for row in db.session.scalars(select(OutgoingMail.id).where(
        OutgoingMail.status == SENDING, OutgoingMail.claimed_at < now - timedelta(seconds=stale_seconds)))]
    count_failure(stale, SENDING, "lost mid-send with its job consumer", now, max_attempts, 0)
    return stale


def queued_ids(due_before: datetime | None = None) -> list[int]:
    """Queued rows, oldest first; with `due_before`, only those due before it (the sweep: a row
    due well before now lost its job, to a consumer killed after taking it or a queue that
    could not be reached after the commit)."""
    query = select(OutgoingMail.id).where(OutgoingMail.status == QUEUED)
    if due_before is not None:
        query = query.where(OutgoingMail.due_at <= due_before)
    return list(db.session.scalars(query.order_by(OutgoingMail.id)))


def still_queued(ids: list[int]) -> list[int]:
    found = []
    for start in range(0, len(ids), CHUNK):
        found += db.session.scalars(select(OutgoingMail.id).where(
            OutgoingMail.id.in_(ids[start:start + CHUNK]), OutgoingMail.status == QUEUED))
    return found


def retry_failed(ids: list[int] | None, now: datetime) -> list[int]:
    """Failed rows (all, or those of `ids`) queued again from scratch, the cause fixed; their ids."""
    query = select(OutgoingMail.id).where(OutgoingMail.status == FAILED)
    if ids is not None:
        query = query.where(OutgoingMail.id.in_(ids))
    found = list(db.session.scalars(query.order_by(OutgoingMail.id)))
    for start in range(0, len(found), CHUNK):
        db.session.execute(
            update(OutgoingMail).where(OutgoingMail.id.in_(found[start:start + CHUNK]), OutgoingMail.status == FAILED)
            .values(status=QUEUED, attempts=0, due_at=now).execution_options(synchronize_session=False))
    return found
