"""Bulk onboarding in the browser: check a stored file, preview it, import it in a worker thread.

The same rules as `flask users import` / `flask units import` (check_user_rows, import_users,
check_unit_rows, import_units). The worker runs the whole file in ONE transaction with its own
app context and reports progress through the upload's state file, which the status page polls.
"""
from __future__ import annotations

import logging
import threading

from flask import Flask, current_app
from sqlalchemy import select

from app.admin import uploads
from app.admin.preview import classify
from app.audit.services import record
from app.auth.accounts import check_user_rows, import_users
from app.auth.models import User
from app.extensions import db
from app.tabular import RowError, TableError, read_table
from app.units.models import Unit
from app.units.services import check_unit_rows, import_units
from app.messages import M

log = logging.getLogger(__name__)
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


def start_import(token: str, actor_id: int) -> threading.Thread:
    """Run the import of a claimed upload in a worker thread (the request answers at once)."""
    app = current_app._get_current_object()
    thread = threading.Thread(target=run_import, args=(app, token, actor_id), daemon=True, name=f"import-{token[:8]}")
    app.extensions.setdefault("admin_imports", {})[token] = thread
    thread.start()
    return thread


def wait_for(app: Flask, token: str) -> None:
    """Block until an import thread ends (tests, and shutting down cleanly)."""
    thread = app.extensions.get("admin_imports", {}).pop(token, None)
    if thread is not None:
        thread.join()


def run_import(app: Flask, token: str, actor_id: int) -> None:
    """The worker: re-check the file, import all rows or none, record the result."""
    with app.app_context():
        meta = uploads.load_meta(token)
        try:
            rows, errors = check_upload(meta["kind"], token, meta)
            if errors:  # the database changed since the preview
                meta.update(state="failed", error=f"{len(errors)} problem(s) appeared since the preview; nothing imported")
                return
            meta.update(state="running", total=len(rows), done=0)
            uploads.write_meta(token, meta)
            step = max(1, len(rows) // 50)

            def progress(n: int) -> None:
                meta["done"] += n
                if meta["done"] % step == 0:
                    uploads.write_meta(token, meta)

            actor = db.session.get(User, actor_id)
            if meta["kind"] == "users":
                result = import_users(rows, progress=progress)
                meta["user_ids"] = _awaiting_activation([row["email"] for row in rows])
            else:
                result = import_units(rows, progress=progress)
            record(actor, f"{meta['kind'][:-1]}.import", "file", meta["filename"][:64], None, result)
            db.session.commit()
            meta.update(state="done", done=len(rows), result=result)
        except Exception:  # anything: roll back, say so, keep the worker alive
            db.session.rollback()
            log.exception("import %s failed", token)
            meta.update(state="failed", error="the import failed; nothing was saved")
        finally:
            uploads.write_meta(token, meta)
            uploads.discard_data(token)
            db.session.remove()


def _awaiting_activation(emails: list[str]) -> list[int]:
    """Ids of the file's accounts that have no password yet (they need an activation link)."""
    ids = []
    for start in range(0, len(emails), CHUNK):
        ids += db.session.scalars(select(User.id).where(User.email.in_(emails[start:start + CHUNK]),
                                                        User.password_hash.is_(None), User.active.is_(True)))
    return ids
