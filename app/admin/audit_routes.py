"""The audit log viewer: read-only, admins only (there is no route that edits or deletes)."""
from flask import render_template, request

from app.admin import bp
from app.admin.forms import AuditFilterForm
from app.admin.queries import audit_entries
from app.audit import labels
from app.auth.access import allow
from app.paging import page_number


@bp.route("/audit")
@allow("admin")
def audit():
    """Who did what to which record and when, newest first, filtered and paginated."""
    form = AuditFilterForm(request.args)
    filters = {}
    if form.validate():
        filters = {name: form[name].data for name in ("actor", "action", "target_type", "target_id", "since", "until")}
        filters = {k: v for k, v in filters.items() if v}
    page = audit_entries(page_number(request.args.get("page")), **filters)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("admin/audit.html", form=form, page=page, args=args, **labels.template_helpers())
