"""Bulk onboarding pages: upload → preview (every problem) → confirm → progress → activation links."""
import csv
import io
from datetime import timedelta

from flask import Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.admin import bp, uploads
from app.admin.forms import ImportForm
from app.admin.importing import check_upload, preview
from app.admin.jobs import import_upload as import_job
from app.audit.services import record
from app.auth.access import allow
from app.auth.models import TokenPurpose, User
from app.auth.tokens import issue_tokens, mail_key
from app.extensions import db
from app.progress import routes as jobs
from app.jobs import state as job_state
from app.mail import outbox
from app.mail.jobs import dispatch
from app.mail.smtp import mail_configured
from app.stats.exports import FORMATS, Column
from app.tabular import spreadsheet_text
from app.urls import external_url

KIND = "<any(users, units):kind>"
#: How many rows of each kind the preview lists; the counts are always complete.
PREVIEW_ROWS = 500


def _meta_or_404(kind: str, token: str) -> dict:
    meta = uploads.load_meta(token)
    if meta is None or meta["kind"] != kind:
        abort(404)
    return meta


@bp.route(f"/{KIND}/import", methods=["GET", "POST"])
@allow("admin")
def import_upload(kind):
    """Choose a CSV or XLSX file; it is stored on the server and checked on the next page."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        token = uploads.save_upload(upload.read(), upload.filename or f"{kind}.csv", kind, current_user.id)
        return redirect(url_for("admin.import_show", kind=kind, token=token))
    return render_template("admin/import_upload.html", form=form, kind=kind)


#: A sample file per import: the header row the import reads, and rows written as the
#: interface writes them (labels, not codes, are accepted for role, audience and kind).
SAMPLES = {
    "users": (["email", "full_name", "unit_code", "role", "audience", "password"], [
        ["nguyen.van.an@example.vn", "Nguyễn Văn An", "HN", "Học viên", "Cán bộ, công chức", ""],
        ["tran.thi.binh@example.vn", "Trần Thị Bình", "HN", "Quản lý đơn vị", "", ""]]),
    "units": (["code", "name", "kind", "parent_code"], [
        ["HN-VD", "Phường Ví Dụ", "Phường", "HN"], ["HN-VD-THCS", "Trường THCS Ví Dụ", "Trường trung học cơ sở", "HN-VD"]]),
}


@bp.route(f"/{KIND}/import/sample.<fmt>")
@allow("admin")
def import_sample(kind, fmt):
    """A sample CSV or XLSX to fill in, with the columns the import reads."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    headers, rows = SAMPLES[kind]
    writer, mimetype = FORMATS[fmt]
    return Response(b"".join(writer([Column(h) for h in headers], rows)), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="mau-{kind}.{fmt}"'})


@bp.route(f"/{KIND}/import/<token>")
@allow("admin")
def import_show(kind, token):
    """Before confirmation: every problem by row and column, and what each row would do.
    After: the progress of the import, then its result."""
    meta = _meta_or_404(kind, token)
    if meta["state"] != "uploaded":
        return render_template("admin/import_status.html", kind=kind, token=token, meta=meta,
                               status=_status(token, meta))
    rows, errors = check_upload(kind, token, meta)
    plan = {} if errors else preview(kind, rows)
    return render_template("admin/import_preview.html", kind=kind, token=token, meta=meta, errors=errors,
                           plan=plan, limit=PREVIEW_ROWS, form=ImportForm())


@bp.route(f"/{KIND}/import/<token>/confirm", methods=["POST"])
@allow("admin")
def import_confirm(kind, token):
    """Queue the import of the stored file (once, however often the button is pressed)."""
    meta = _meta_or_404(kind, token)
    back = url_for("admin.import_show", kind=kind, token=token)
    if uploads.claim(token):
        meta["state"] = "queued"
        uploads.write_meta(token, meta)
        jobs.start("import", import_job, current_user.id, back=back, job_id=token)
    return redirect(back)


def _status(token: str, meta: dict) -> dict:
    """The import job's progress, as the jobs' JSON status says it (any admin may follow an import).
    Once the job's state is removed (days after), the upload's own record says how it ended."""
    job = job_state.read(current_app.config["SHARED_DIR"], token) or {
        "kind": "import", "status": meta["state"] if meta["state"] in ("done", "failed") else "queued",
        "result": meta.get("result")}
    return jobs.status_of(token, job) | {"result": job.get("result")}


@bp.route(f"/{KIND}/import/<token>/status")
@allow("admin")
def import_status(kind, token):
    """The import's progress as JSON, polled by the status page's script; `state` is the
    upload's (uploaded, queued, done, failed), `status` the job's."""
    meta = _meta_or_404(kind, token)
    status = _status(token, meta)
    return status | {"state": meta["state"], "error": status["message"] if status["status"] == "failed" else None}


@bp.route("/users/import/<token>/codes", methods=["POST"])
@allow("admin")
def import_codes(token):
    """Fresh activation links for the batch's accounts still without a password, as a printable
    page, a CSV file, or emails. Only hashes are stored, so each request issues new links and
    the earlier ones stop working."""
    meta = _meta_or_404("users", token)
    if meta["state"] != "done":
        abort(404)
    users = list(db.session.scalars(select(User).options(joinedload(User.unit)).where(
        User.id.in_(meta["user_ids"]), User.password_hash.is_(None), User.active.is_(True)).order_by(User.name_key)))
    secrets = issue_tokens([u.id for u in users], TokenPurpose.ACTIVATION,
                           timedelta(days=current_app.config["ACTIVATION_DAYS"]))
    links = [(u, external_url("auth.activate", token=secrets[u.id])) for u in users]
    output = request.form.get("format", "html")
    record(current_user, "user.activation_links", "file", meta["filename"][:64], None, {"count": len(links), "format": output})
    emailed = output == "email" and mail_configured()
    mail_ids = outbox.record_many([
        (u.email, _("Activate your Integrity Academy account"),
         _("Hello %(name)s,\n\nOpen this link to choose your password:\n\n%(link)s\n", name=u.full_name, link=link),
         mail_key(TokenPurpose.ACTIVATION, secrets[u.id])) for u, link in links], TokenPurpose.ACTIVATION.value) if emailed else []
    db.session.commit()
    if output == "csv":
        return _codes_csv(links)
    if emailed:
        dispatch(mail_ids)
        return render_template("admin/import_status.html", kind="users", token=token, meta=meta, emailed=len(links),
                               status=_status(token, meta))
    return render_template("admin/activation_codes.html", links=links, meta=meta)


def _codes_csv(links) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["email", "full_name", "unit_code", "activation_link"])
    for user, link in links:
        writer.writerow([spreadsheet_text(user.email), spreadsheet_text(user.full_name),
                         spreadsheet_text(user.unit.code), link])
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=activation-links.csv",
                             "Cache-Control": "no-store"})
