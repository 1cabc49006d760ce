"""The audit log in words: actions, targets, fields and values as a person reads them.

Codes stay in the database (other systems filter on them); pages show these labels, and a code
without a label shows as itself, so a new action is never hidden.
"""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l

from app.labels import AUDIENCE_LABELS, ROLE_LABELS, UNIT_KIND_LABELS, label

ACTION_LABELS = {
    "certificate.issue": _l("Certificate issued"),
    "certificate.revoke": _l("Certificate revoked"),
    "certificate.reinstate": _l("Certificate reinstated"),
    "editor.create_course": _l("Course created in the editor"),
    "editor.remove_lesson": _l("Lesson removed in the editor"),
    "editor.discard_draft": _l("Draft discarded"),
    "editor.publish": _l("Course published"),
    "editor.upload_image": _l("Image uploaded"),
    "user.create": _l("Account created"),
    "user.update": _l("Account changed"),
    "user.deactivate": _l("Account deactivated"),
    "user.reactivate": _l("Account reactivated"),
    "user.reset_password": _l("Password reset link issued"),
    "user.activation_links": _l("Activation links issued"),
    "mail.retry": _l("Failed mail sent again"),
    "user.import": _l("Accounts imported"),
    "unit.create": _l("Unit created"),
    "unit.update": _l("Unit changed"),
    "unit.move": _l("Unit moved"),
    "unit.deactivate": _l("Unit deactivated"),
    "unit.reactivate": _l("Unit reactivated"),
    "unit.import": _l("Units imported"),
    "assignment.create": _l("Course assigned"),
    "assignment.update": _l("Assignment changed"),
    "assignment.activate": _l("Assignment reactivated"),
    "assignment.deactivate": _l("Assignment deactivated"),
}
TARGET_LABELS = {
    "certificate": _l("Certificate"), "course": _l("Course"), "user": _l("Account"), "unit": _l("Unit"),
    "assignment": _l("Assignment"), "file": _l("File"), "mail": _l("Outgoing mail"),
}
FIELD_LABELS = {
    "email": _l("Email"), "full_name": _l("Full name"), "role": _l("Role"), "audience": _l("Audience"),
    "unit_id": _l("Unit"), "active": _l("Active"), "code": _l("Code"), "name": _l("Name"), "kind": _l("Kind"),
    "parent_id": _l("Parent unit"), "path": _l("Place in the tree"), "status": _l("Status"),
    "revoked_at": _l("Revoked at"), "revoked_by_id": _l("Revoked by"), "revoke_reason": _l("Reason"),
    "course_id": _l("Course"), "starts_on": _l("Start date"), "due_on": _l("Due date"), "file": _l("File"),
    "folder": _l("Folder"), "bytes": _l("Size (bytes)"), "count": _l("Count"), "format": _l("Format"),
    "expires_in_hours": _l("Valid for (hours)"), "created": _l("Created"), "updated": _l("Updated"),
    "unchanged": _l("Unchanged"),
}
#: Fields whose stored codes have labels of their own.
VALUE_LABELS = {"role": ROLE_LABELS, "audience": AUDIENCE_LABELS, "kind": UNIT_KIND_LABELS,
                "status": {"valid": _l("valid"), "revoked": _l("revoked")}}


def action_label(code: str) -> str:
    return label(ACTION_LABELS, code)


def target_label(code: str | None) -> str:
    return label(TARGET_LABELS, code)


def field_label(name: str) -> str:
    return label(FIELD_LABELS, name)


def value_label(name: str, value) -> str:
    """A stored value as words: yes/no, a date in the site's format, a code's label."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_l("Yes") if value else _l("No"))
    if name in VALUE_LABELS:
        return label(VALUE_LABELS[name], str(value))
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if len(value) == 10:
            return format_date(moment.date(), "dd/MM/yyyy")
        return format_datetime(moment, "dd/MM/yyyy HH:mm")
    if isinstance(value, datetime):
        return format_datetime(value, "dd/MM/yyyy HH:mm")
    if isinstance(value, date):
        return format_date(value, "dd/MM/yyyy")
    return str(value)


def template_helpers() -> dict:
    return {"action_label": action_label, "target_label": target_label, "field_label": field_label,
            "value_label": value_label}
