"""Read-only look-ups of the outbox, for the admin page."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.mail.models import MailStatus, OutgoingMail


def status_counts() -> dict[str, int]:
    """How many mails are in each state (every state present, zero when empty)."""
    counts = dict(db.session.execute(select(OutgoingMail.status, func.count()).group_by(OutgoingMail.status)).all())
    return {status.value: counts.get(status.value, 0) for status in MailStatus}


def not_sent(limit: int) -> list[OutgoingMail]:
    """The mails still waiting, being sent or given up, newest first."""
    return list(db.session.scalars(select(OutgoingMail).where(OutgoingMail.status != MailStatus.SENT.value)
                                   .order_by(OutgoingMail.id.desc()).limit(limit)))
