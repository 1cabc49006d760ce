"""Outgoing mail with the standard library; optional (no MAIL_SERVER: nothing is sent)."""
from __future__ import annotations

import logging
import smtplib
import threading
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def build_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 message (Vietnamese names and text survive)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(body)
    return message


def send_messages(settings: dict, messages: list[EmailMessage]) -> int:
    """Send over one SMTP connection; returns how many were accepted. Logs, never raises."""
    sent = 0
    try:
        with smtplib.SMTP(settings["MAIL_SERVER"], settings["MAIL_PORT"], timeout=30) as smtp:
            if settings.get("MAIL_USE_TLS"):
                smtp.starttls()
            if settings.get("MAIL_USERNAME"):
                smtp.login(settings["MAIL_USERNAME"], settings["MAIL_PASSWORD"])
            for message in messages:
                smtp.send_message(message)
                sent += 1
    except (OSError, smtplib.SMTPException):
        log.exception("sending mail failed after %d of %d message(s)", sent, len(messages))
    return sent


def send_later(messages: list[EmailMessage]) -> threading.Thread | None:
    """Send in a thread so a request answers at once, and in the same time whatever it sends."""
    if not messages or not mail_configured():
        return None
    settings = {k: current_app.config[k] for k in
                ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USERNAME", "MAIL_PASSWORD")}
    thread = threading.Thread(target=send_messages, args=(settings, messages), daemon=True)
    thread.start()
    return thread
