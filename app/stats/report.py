"""A unit's statistics as the pages, exports and API show them: figures of the unit, of
each child unit, the month trend, with the privacy floor applied for the viewer."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app

from app.auth.models import User
from app.clock import today as clock_today
from app.stats import queries
from app.stats.figures import Figures, Filters, apply_privacy, total
from app.units.models import Unit


@dataclass
class Report:
    """What one statistics view shows."""

    unit: Figures
    #: Learners directly in the unit (not in a child), None when there are none.
    own: Figures | None
    children: list[Figures]
    trend: dict[str, int] = field(default_factory=dict)


def _identity(unit: Unit) -> dict:
    return {"unit_id": unit.id, "code": unit.code, "name": unit.name, "path": unit.path}


def unit_report(unit: Unit, filters: Filters, viewer: User, today: date | None = None) -> Report:
    """Figures of `unit` and of each of its children, from their subtree summary rows."""
    today = today or clock_today()
    minimum = current_app.config["STATS_PRIVACY_MIN"]
    children = queries.children_of(unit)
    groups, trend = queries.unit_breakdown(unit, children, filters, today)
    rows = []
    for child in children:
        row = groups.get(str(child.id), Figures())
        row = Figures(**_identity(child), **_counts(row))
        rows.append(apply_privacy(row, viewer.unit.path, minimum))
    own = groups.get("")
    if own is not None:
        own = apply_privacy(Figures(**_identity(unit), **_counts(own)), viewer.unit.path, minimum)
    whole = total(rows + ([own] if own else []), **_identity(unit))
    whole.child_codes = [c.code for c in children]
    apply_privacy(whole, viewer.unit.path, minimum)
    return Report(whole, own, rows, trend)


def _counts(row: Figures) -> dict:
    return {name: getattr(row, name) for name in ("learners", "assigned", "started", "completed", "passed",
                                                     "overdue", "score_sum", "score_count")}


def as_json(figures: Figures) -> dict:
    """The API shape of one unit's figures (rates as fractions 0..1, null when undefined)."""
    return {
        "code": figures.code, "name": figures.name, "assigned": figures.assigned, "started": figures.started,
        "completed": figures.completed, "passed": figures.passed, "overdue": figures.overdue,
        "participation_rate": _round(figures.participation), "completion_rate": _round(figures.completion),
        "pass_rate": _round(figures.pass_rate), "avg_score": figures.avg_score,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def report_json(report: Report) -> dict:
    """A unit with its children one level down; each child lists its own children's codes,
    so another system walks the tree by asking for each code in turn."""
    body = as_json(report.unit)
    codes = queries.child_codes([child.unit_id for child in report.children])
    body["children"] = [{**as_json(child), "children": codes[child.unit_id]} for child in report.children]
    body["trend"] = [{"month": month, "completed": count} for month, count in report.trend.items()]
    return body


def tree_figures(top: Unit, filters: Filters, today: date | None = None) -> list[Figures]:
    """Subtree figures of every unit under `top` (itself included), parents first.

    Each unit's own learners' figures come from the summary rows; the roll-up to ancestors
    adds those per-unit figures (one per unit, not per learner) deepest first.
    """
    units = queries.subtree_units(top)
    own = queries.own_figures(top, units, filters, today or clock_today())
    by_id = {u.id: Figures(**_identity(u), **_counts(own[u.id])) for u in units}
    for u in units:
        if u.parent_id in by_id and u.id != top.id:
            by_id[u.parent_id].child_codes.append(u.code)
    for u in sorted(units, key=lambda u: u.depth, reverse=True):
        if u.id != top.id and u.parent_id in by_id:
            by_id[u.parent_id].add(by_id[u.id])
    return [by_id[u.id] for u in units]
