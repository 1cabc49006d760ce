"""Changes to the unit tree. Helpers flush; the caller commits once."""
from __future__ import annotations

import re

from sqlalchemy import func, select, update

from app.extensions import db
from app.labels import UNIT_KIND_LABELS, code_for
from app.messages import M
from app.tabular import RowError, require_columns
from app.units.models import Unit, UnitKind
from app.units.signals import subtree_moved, subtree_moving

CODE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
KINDS = {k.value for k in UnitKind}


def create_unit(code: str, name: str, kind: str = UnitKind.OTHER.value, parent: Unit | None = None) -> Unit:
    """Add a unit under `parent` (or as a root) and give it its materialised path."""
    unit = Unit(code=code, name=name, kind=kind, parent=parent, depth=0 if parent is None else parent.depth + 1)
    db.session.add(unit)
    db.session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    db.session.flush()
    return unit


def move_unit(unit: Unit, new_parent: Unit | None) -> None:
    """Re-hang a unit and its whole subtree under `new_parent`, in one UPDATE."""
    if new_parent is not None and unit.contains(new_parent):
        raise ValueError("a unit cannot move under itself or its own descendant")
    old_path, old_depth = unit.path, unit.depth
    new_path = f"{new_parent.path if new_parent else '/'}{unit.id}/"
    shift = (0 if new_parent is None else new_parent.depth + 1) - old_depth
    db.session.flush()
    subtree = list(db.session.scalars(select(Unit.id).where(unit.subtree_filter())))
    # The learners of the subtree leave their old ancestors' statistics for the new ones'
    # (stats listens, as it listens to course completion).
    subtree_moving.send(db.session, unit_ids=subtree)
    db.session.execute(
        update(Unit)
        .where(unit.subtree_filter())
        .values(path=new_path + func.substr(Unit.path, len(old_path) + 1), depth=Unit.depth + shift)
        .execution_options(synchronize_session=False)
    )
    unit.parent_id = new_parent.id if new_parent else None
    db.session.flush()
    subtree_moved.send(db.session)
    db.session.expire_all()


def check_unit_rows(records: list[tuple[int, dict[str, str]]], names: list[str]) -> tuple[list[dict], list[RowError]]:
    """Validate `code,name,kind,parent_code` rows against each other and the database.

    Returns the rows in an order where every parent comes before its children.
    """
    errors = require_columns(names, ["code", "name"])
    if errors:
        return [], errors
    existing = {u.code: u for u in db.session.scalars(select(Unit))}
    by_code: dict[str, tuple[int, dict]] = {}
    for number, record in records:
        code = record.get("code", "")
        kind = code_for(UNIT_KIND_LABELS, record.get("kind")) or record.get("kind", "") or UnitKind.OTHER.value
        parent_code = record.get("parent_code", "")
        if not CODE.match(code):
            errors.append(RowError(number, "code", M("'%(code)s' is not a valid unit code (letters, digits, . _ -)", code=code)))
            continue
        if code in by_code:
            errors.append(RowError(number, "code", M("'%(code)s' also appears on row %(row)s", code=code, row=by_code[code][0])))
            continue
        if not record.get("name"):
            errors.append(RowError(number, "name", M("name is empty")))
        if len(record.get("name", "")) > 255:
            errors.append(RowError(number, "name", M("name is longer than 255 characters")))
        if kind not in KINDS:
            errors.append(RowError(number, "kind", M("unknown kind '%(kind)s' (known: %(kinds)s)", kind=kind, kinds=', '.join(sorted(KINDS)))))
        if parent_code == code:
            errors.append(RowError(number, "parent_code", M("a unit cannot be its own parent")))
        by_code[code] = (number, {"code": code, "name": record.get("name", ""), "kind": kind, "parent_code": parent_code})
    for code, (number, row) in by_code.items():
        parent_code = row["parent_code"]
        if parent_code and parent_code not in by_code and parent_code not in existing:
            errors.append(RowError(number, "parent_code", M("unknown parent unit '%(parent_code)s'", parent_code=parent_code)))
        old = existing.get(code)
        if old is not None:
            old_parent = old.parent.code if old.parent else ""
            if parent_code != old_parent:
                errors.append(RowError(number, "parent_code", M("unit '%(code)s' already exists under '%(old_parent)s'; move it in the admin pages", code=code, old_parent=old_parent or '-')))
    ordered, placed = [], set(existing)
    pending = dict(by_code)
    while pending:
        ready = [c for c, (_, row) in pending.items() if not row["parent_code"] or row["parent_code"] in placed]
        if not ready:
            for code, (number, _) in pending.items():
                errors.append(RowError(number, "parent_code", M("unit '%(code)s' is part of a parent cycle", code=code)))
            break
        for code in ready:
            ordered.append(pending.pop(code)[1])
            placed.add(code)
    return ordered, errors


def import_units(rows: list[dict], progress=None) -> dict[str, int]:
    """Create or rename units from checked rows (parents first). Flushes, never commits."""
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    created = updated = 0
    for row in rows:
        unit = units.get(row["code"])
        if unit is None:
            parent = units.get(row["parent_code"]) if row["parent_code"] else None
            units[row["code"]] = create_unit(row["code"], row["name"], row["kind"], parent)
            created += 1
        elif (unit.name, unit.kind) != (row["name"], row["kind"]):
            unit.name, unit.kind = row["name"], row["kind"]
            updated += 1
        if progress:
            progress(1)
    db.session.flush()
    return {"created": created, "updated": updated, "unchanged": len(rows) - created - updated}
