"""The outgoing mail outbox for admins: what waits or failed, and a button to try failed mail again."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user

from app.admin import bp
from app.audit.services import record
from app.auth.access import allow
from app.clock import utcnow
from app.extensions import db
from app.labels import label
from app.mail import outbox, queries
from app.mail.jobs import dispatch

#: Rows the page lists; the counts are always complete (`flask mail list` shows any row).
SHOWN = 200
STATUS_LABELS = {"queued": _l("Waiting"), "sending": _l("Being sent"), "sent": _l("Sent"), "failed": _l("Failed")}
PURPOSE_LABELS = {"reset": _l("Password reset"), "activation": _l("Account activation"),
                  "confirm": _l("Address confirmation")}


@bp.route("/mail")
@allow("admin")
def mail_outbox():
    """Counts per state and the mails not sent, newest first."""
    return render_template("admin/mail.html", counts=queries.status_counts(), mails=queries.not_sent(SHOWN),
                           configured=bool(current_app.config.get("MAIL_SERVER")),
                           status_label=lambda code: label(STATUS_LABELS, code),
                           purpose_label=lambda code: label(PURPOSE_LABELS, code))


@bp.route("/mail/retry", methods=["POST"])
@allow("admin")
def mail_retry():
    """Queue one failed mail (field `id`) or every failed mail again, and send after the commit."""
    wanted = request.form.get("id", type=int)
    again = outbox.retry_failed([wanted] if wanted else None, utcnow())
    if again:
        record(current_user, "mail.retry", "mail", wanted or "*", None, {"count": len(again)})
    db.session.commit()
    dispatch(again)
    flash(_("Mails queued to be sent again: %(count)d.", count=len(again)), "success")
    return redirect(url_for("admin.mail_outbox"))
