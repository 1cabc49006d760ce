"""Talking to the SMTP server, with the standard library; optional (no MAIL_SERVER: nothing is sent)."""
from __future__ import annotations

import smtplib
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Iterator

from flask import current_app

#: The settings a sender needs, copied out of the app's configuration.
SETTINGS = ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_SENDER")
#: Seconds each SMTP command may take; a claimed row must outlive it (MAIL_STALE_SECONDS).
TIMEOUT = 30
#: A failure of the connection or of the server: worth trying again later.
TRANSPORT_ERRORS = (OSError, smtplib.SMTPException)


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def build_message(sender: str, to: str, subject: str, body: str, message_id: str | None = None) -> EmailMessage:
    """A plain-text UTF-8 message (Vietnamese names and text survive). A fixed Message-ID lets
    mail programs fold a copy sent twice (app/mail/outbox.py says when that can happen)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    if message_id:
        message["Message-ID"] = message_id
    message.set_content(body)
    return message


@contextmanager
def connection(settings: dict) -> Iterator[smtplib.SMTP]:
    """One logged-in SMTP connection; raises TRANSPORT_ERRORS when the server cannot be reached."""
    with smtplib.SMTP(settings["MAIL_SERVER"], settings["MAIL_PORT"], timeout=TIMEOUT) as smtp:
        if settings.get("MAIL_USE_TLS"):
            smtp.starttls()
        if settings.get("MAIL_USERNAME"):
            smtp.login(settings["MAIL_USERNAME"], settings["MAIL_PASSWORD"])
        yield smtp
