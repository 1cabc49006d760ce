"""The outbox: one row per mail to send, kept after sending as a record of what went out."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.extensions import db


class MailStatus(str, enum.Enum):
    """Where a mail is: waiting, being handed to the SMTP server, handed over, or given up."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutgoingMail(db.Model):
    """A mail recorded before it is sent (app/mail/outbox.py)."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    #: The text, sealed with a key derived from SECRET_KEY (it carries a live one-time link,
    #: and only hashes of those are stored elsewhere); emptied once the mail is sent.
    body: Mapped[str] = mapped_column(Text)
    #: What the mail is for (a TokenPurpose value for link mails): for people reading the outbox.
    purpose: Mapped[str] = mapped_column(String(32))
    #: At most one mail per key, e.g. "reset:<hash of the token>": never two mails for one link.
    dedupe_key: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=MailStatus.QUEUED.value, index=True)
    #: Sending tries that failed (SMTP down, refused, a consumer lost mid-send).
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    #: Not to be tried before this (a retry's delay); a queued row long past it lost its job.
    due_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    #: When the row was claimed for sending: a 'sending' row this old was lost with its consumer.
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<OutgoingMail {self.id} {self.purpose} {self.status}>"
