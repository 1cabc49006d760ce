"""`flask mail list|send-queued|retry`: the outbox seen and worked from a shell (cron, after an outage)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.clock import utcnow
from app.extensions import db
from app.mail import outbox
from app.mail.jobs import deliver
from app.mail.models import MailStatus, OutgoingMail

mail_cli = AppGroup("mail", help="The outgoing mail outbox: list, send what waits, retry what failed.")


@mail_cli.command("list")
@click.option("--status", type=click.Choice([s.value for s in MailStatus]), help="Only mails in this state.")
@click.option("--limit", default=50, show_default=True)
def list_command(status, limit):
    """The latest mails: id, status, tries, purpose, recipient, created, last error."""
    query = select(OutgoingMail).order_by(OutgoingMail.id.desc()).limit(limit)
    if status:
        query = query.where(OutgoingMail.status == status)
    for mail in db.session.scalars(query):
        click.echo(f"{mail.id}\t{mail.status}\t{mail.attempts}\t{mail.purpose}\t{mail.recipient}\t"
                   f"{mail.created_at:%Y-%m-%d %H:%M}\t{mail.last_error or ''}")


def _send(ids: list[int]) -> None:
    if not current_app.config.get("MAIL_SERVER"):
        raise click.ClickException("MAIL_SERVER is not set: nothing can be sent")
    left = deliver(current_app._get_current_object(), ids)
    click.echo(f"{len(ids)} mail(s) tried, {len(left)} still queued (flask mail list shows why)")


@mail_cli.command("send-queued")
def send_queued_command():
    """Send every queued mail now, in this process (no consumer needed), each claimed first."""
    _send(outbox.queued_ids())


@mail_cli.command("retry")
@click.argument("ids", nargs=-1, type=int)
def retry_command(ids):
    """Queue failed mails again (all, or those with these ids) and send them now."""
    again = outbox.retry_failed(list(ids) or None, utcnow())
    db.session.commit()
    click.echo(f"{len(again)} failed mail(s) queued again")
    _send(again)
