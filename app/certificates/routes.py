"""Certificate pages: my certificates, downloads, public verification, keys, manager lists."""
from __future__ import annotations

from flask import (Response, abort, current_app, flash, redirect, render_template, request,
                   send_file, stream_with_context, url_for)
from flask_babel import gettext as _
from flask_babel import get_locale
from flask_login import current_user

from app.paging import page_number
from app.auth.access import LOGGED_IN, MANAGERS, PUBLIC, allow, require
from app.certificates import bp, documents, queries, services
from app.certificates.batch import stream_zip
from app.certificates.forms import ReasonForm
from app.certificates.jobs import certificate_batch
from app.certificates.models import Certificate
from app.extensions import db, limiter
from app.auth.scope import can_see_user
from app.jobs import state as job_state

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
    """A ZIP of the PDFs the list shows (same search), streamed as each PDF is made."""
    # Made inside the request: capped to what a web worker finishes before its timeout.
    limit = min(current_app.config["CERTIFICATE_BATCH_MAX"], current_app.config["CERTIFICATE_STREAM_MAX"])
    certificates = list(db.session.scalars(queries.in_scope(current_user, request.args.get("q", "")).limit(limit)))
    entries = ((documents.pdf_filename(c), c.issued_at, documents.pdf_bytes(c)) for c in certificates)
    return Response(stream_with_context(stream_zip(entries)), mimetype="application/zip", headers={
        "Content-Disposition": 'attachment; filename="certificates.zip"',
        "X-Certificate-Count": str(len(certificates))})


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


def _batch_job(job_id: str) -> dict:
    """The batch job's state, only for the manager who started it (any app server can answer)."""
    job = job_state.read(current_app.config["SHARED_DIR"], job_id)
    if job is None or job.get("kind") != "certificate_batch":
        abort(404)
    require(job.get("user_id") == current_user.id)
    return job


@bp.route("/certificates/manage/batch", methods=["POST"])
@allow(*MANAGERS)
def batch_start():
    """Queue the ZIP of the list (same search) and show its progress page."""
    job_id = job_state.new_job_id()
    job_state.write(current_app.config["SHARED_DIR"], job_id, kind="certificate_batch", user_id=current_user.id,
                    status=job_state.QUEUED, done=0, total=None, locale=str(get_locale()))
    certificate_batch(job_id, current_user.id, request.form.get("q", ""))
    return redirect(url_for("certificates.batch_status", job_id=job_id))


@bp.route("/certificates/manage/batch/<job_id>")
@allow(*MANAGERS)
def batch_status(job_id):
    """The batch's progress: refreshes itself (script, or a meta refresh without it) until the ZIP is ready."""
    return render_template("certificates/batch.html", job=_batch_job(job_id), job_id=job_id)


@bp.route("/certificates/manage/batch/<job_id>.json")
@allow(*MANAGERS)
def batch_status_json(job_id):
    """The batch's state for the progress page's script."""
    job = _batch_job(job_id)
    return {"status": job["status"], "done": job.get("done", 0), "total": job.get("total"),
            "download": url_for("certificates.batch_download", job_id=job_id) if job["status"] == "done" else None}


@bp.route("/certificates/manage/batch/<job_id>.zip")
@allow(*MANAGERS)
def batch_download(job_id):
    """The finished ZIP, from the shared directory."""
    if _batch_job(job_id)["status"] != job_state.DONE:
        abort(404)
    return send_file(job_state.result_path(current_app.config["SHARED_DIR"], job_id, ".zip"),
                     mimetype="application/zip", as_attachment=True, download_name="certificates.zip")
