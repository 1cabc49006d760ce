"""Bulk onboarding in the browser: check a stored file and preview what importing it would do.

The same rules as `flask users import` / `flask units import` (check_user_rows, check_unit_rows);
the import itself is a queued job (app/admin/jobs.py) that checks the file again first.
"""
from __future__ import annotations

from sqlalchemy import select

from app.admin import uploads
from app.admin.preview import classify
from app.auth.accounts import check_user_rows
from app.auth.models import User
from app.extensions import db
from app.tabular import RowError, TableError, read_table
from app.units.models import Unit
from app.units.services import check_unit_rows
from app.messages import M

CHUNK = 5000
USER_FIELDS = ["full_name", "role", "audience", "unit_id"]
UNIT_FIELDS = ["name", "kind"]


def check_upload(kind: str, token: str, meta: dict) -> tuple[list[dict], list[RowError]]:
    """Read the stored file and check every row against the rules and the database."""
    try:
        names, records = read_table(uploads.read_data(token), meta["filename"])
    except TableError as exc:
        return [], [exc.as_row_error()]
    except OSError:
        return [], [RowError(0, "", M("the uploaded file is no longer on the server; upload it again"))]
    check = check_user_rows if kind == "users" else check_unit_rows
    return check(records, names)


def preview(kind: str, rows: list[dict]) -> dict[str, list[dict]]:
    """What importing the checked rows would do, looked up in chunks of keys."""
    if kind == "users":
        key, fields, model, column = "email", USER_FIELDS, User, User.email
    else:
        key, fields, model, column = "code", UNIT_FIELDS, Unit, Unit.code
    keys = [row[key] for row in rows]
    existing = {}
    for start in range(0, len(keys), CHUNK):
        selected = [column] + [getattr(model, f) for f in fields]
        for found in db.session.execute(select(*selected).where(column.in_(keys[start:start + CHUNK]))):
            existing[found[0]] = tuple(found[1:])
    return classify(rows, key, fields, existing)
