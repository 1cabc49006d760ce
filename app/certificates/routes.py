"""Certificate pages: my certificates, downloads, public verification, keys, manager lists."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.paging import page_number
from app.auth.access import LOGGED_IN, MANAGERS, PUBLIC, allow, require
from app.certificates import bp, documents, queries, services
from app.certificates.forms import ReasonForm
from app.certificates.jobs import certificate_batch
from app.certificates.models import Certificate
from app.extensions import db, limiter
from app.auth.scope import can_see_user
from app.progress import routes as jobs

PER_PAGE = 50


def _own_or_in_scope(code: str) -> Certificate:
    """The certificate by code, if it is the viewer's own or its holder is in their scope."""
    certificate = queries.by_code(code)
    if certificate is None:
        abort(404)
    require(certificate.user_id == current_user.id or can_see_user(current_user, certificate.user))
    return certificate


@bp.route("/certificates/")
@allow(LOGGED_IN)
def mine():
    """The signed-in person's own certificates, with their downloads."""
    return render_template("certificates/mine.html", certificates=queries.of_user(current_user.id))


@bp.route("/certificates/<code>.pdf")
@allow(LOGGED_IN)
def download_pdf(code):
    """The printable PDF, for its holder or a manager of the holder's unit."""
    certificate = _own_or_in_scope(code)
    return Response(documents.pdf_bytes(certificate), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{documents.pdf_filename(certificate)}"'})


@bp.route("/certificates/<code>.json")
@allow(LOGGED_IN)
def download_credential(code):
    """The signed Open Badges 3.0 credential, for its holder or a manager of the holder's unit."""
    certificate = _own_or_in_scope(code)
    try:
        signed = documents.signed_credential(certificate)
    except documents.RevokedCertificate:
        return render_template("error.html", status=410, title=_("Certificate revoked"),
                               message=_("This certificate was revoked, so no signed credential is issued for it.")), 410
    response = current_app.json.response(signed)
    response.headers["Content-Disposition"] = f'attachment; filename="{certificate.serial}.json"'
    return response


def _wants_json() -> bool:
    return request.args.get("format") == "json" or request.accept_mimetypes.best == "application/json"


@bp.route("/verify")
@allow(PUBLIC)
def verify_lookup():
    """The landing page's look-up form lands here: go to the code's verification page."""
    code = request.args.get("code", "").strip()
    if not code:
        return redirect(url_for("main.home"))
    return redirect(url_for("certificates.verify", code=code))


@bp.route("/verify/<code>")
@allow(PUBLIC)
@limiter.limit(lambda: current_app.config["VERIFY_RATE_LIMIT"])
def verify(code):
    """Public check of a certificate: valid, revoked or unknown; name, course, unit and date only."""
    certificate = queries.by_code(code)
    if certificate is None:
        if _wants_json():
            return {"status": "not_found", "code": code}, 404
        return render_template("certificates/verify.html", facts=None, code=code), 404
    facts = queries.public_facts(certificate)
    if _wants_json():
        return facts | {"code": certificate.code}
    return render_template("certificates/verify.html", facts=facts, code=code, certificate=certificate)


@bp.route("/.well-known/did.json")
@allow(PUBLIC)
def did_json():
    """The site's DID document (did:web) with the credential-signing public key."""
    return documents.did_document()


@bp.route("/.well-known/jwks.json")
@allow(PUBLIC)
def jwks_json():
    """The credential-signing public key as a JSON Web Key Set."""
    return documents.jwks()


@bp.route("/certificates/manage")
@allow(*MANAGERS)
def manage():
    """Certificates of the learners in the viewer's scope, searchable, one page at a time."""
    search = request.args.get("q", "")
    page = db.paginate(queries.in_scope(current_user, search), page=page_number(request.args.get("page")),
                       per_page=PER_PAGE, error_out=False)
    return render_template("certificates/manage.html", page=page, search=search, form=ReasonForm(),
                           batch_max=current_app.config["CERTIFICATE_BATCH_MAX"])


@bp.route("/certificates/manage/batch.zip")
@allow(*MANAGERS)
def batch_zip():
    """The old link of a ZIP made inside the request (cut off by the web timeout): now the list's
    batch form, which queues the ZIP. A GET starts no work."""
    return redirect(url_for("certificates.manage", q=request.args.get("q") or None, _anchor="batch"), 303)


def _change_status(code: str, change, message: str):
    certificate = queries.by_code(code)
    if certificate is None:
        abort(404)
    form = ReasonForm()
    if not form.validate_on_submit():
        flash(_("Give a reason."), "error")
        return redirect(url_for("certificates.manage", q=certificate.serial))
    change(certificate, current_user, form.reason.data)
    db.session.commit()
    flash(message.format(serial=certificate.serial), "success")
    return redirect(url_for("certificates.manage", q=certificate.serial))


@bp.route("/certificates/<code>/revoke", methods=["POST"])
@allow("admin")
def revoke(code):
    """Revoke a certificate (admins only), with a reason."""
    return _change_status(code, services.revoke, _("Certificate {serial} revoked."))


@bp.route("/certificates/<code>/reinstate", methods=["POST"])
@allow("admin")
def reinstate(code):
    """Reinstate a revoked certificate (admins only), with a reason."""
    return _change_status(code, services.reinstate, _("Certificate {serial} reinstated."))


@bp.route("/certificates/manage/batch", methods=["POST"])
@allow(*MANAGERS)
def batch_start():
    """Queue the ZIP of the list (same search) and show its progress page."""
    job_id = jobs.start("certificate_batch", certificate_batch, current_user.id, request.form.get("q", ""),
                        back=url_for("certificates.manage"), suffix=".zip", mimetype="application/zip",
                        filename="certificates.zip")
    return redirect(url_for("jobs.status", job_id=job_id))


# The batch's first URLs, before every job had one progress page: kept for pages already open.
@bp.route("/certificates/manage/batch/<job_id>")
@allow(*MANAGERS)
def batch_status(job_id):
    """The batch's progress page (now the jobs' shared one)."""
    jobs.owned(job_id, "certificate_batch")
    return redirect(url_for("jobs.status", job_id=job_id))


@bp.route("/certificates/manage/batch/<job_id>.json")
@allow(*MANAGERS)
def batch_status_json(job_id):
    """The batch's state, as the jobs' shared JSON status gives it."""
    return jobs.status_of(job_id, jobs.owned(job_id, "certificate_batch"))


@bp.route("/certificates/manage/batch/<job_id>.zip")
@allow(*MANAGERS)
def batch_download(job_id):
    """The finished ZIP (now the jobs' shared download)."""
    jobs.owned(job_id, "certificate_batch")
    return redirect(url_for("jobs.download", job_id=job_id))
