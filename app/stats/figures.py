"""Statistics arithmetic: rates, totals, sorting, privacy floor and commendation ranking.

Pure domain code over plain dataclasses (no Flask, no database): the SQL in queries.py
returns one aggregate row per child unit, and everything here works on those few rows.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from app.collation import sort_key

#: Columns a child-unit table can be sorted by.
SORT_KEYS = ("name", "assigned", "participation", "completion", "passed", "overdue", "avg_score")


@dataclass(frozen=True)
class Filters:
    """What a statistics view counts: one course, one audience, assignments due in a period."""

    course_id: int | None = None
    audience: str | None = None
    due_from: date | None = None
    due_to: date | None = None


@dataclass
class Figures:
    """The counts of one unit subtree (or of the learners directly in a unit)."""

    unit_id: int | None = None
    code: str = ""
    name: str = ""
    path: str = ""
    #: Distinct assigned learners (the privacy floor counts these).
    learners: int = 0
    #: Assigned (learner, course) pairs: the denominator of every rate.
    assigned: int = 0
    started: int = 0
    completed: int = 0
    passed: int = 0
    overdue: int = 0
    score_sum: float = 0.0
    score_count: int = 0
    #: True when the privacy floor hides the average and per-learner rows from this viewer.
    private: bool = False
    child_codes: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        """Add another group's counts into this one (sums of disjoint learner sets)."""
        for name in ("learners", "assigned", "started", "completed", "passed", "overdue",
                     "score_sum", "score_count"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def participation(self) -> float | None:
        return rate(self.started, self.assigned)

    @property
    def completion(self) -> float | None:
        return rate(self.completed, self.assigned)

    @property
    def pass_rate(self) -> float | None:
        return rate(self.passed, self.assigned)

    @property
    def avg_score(self) -> float | None:
        """Average best final-quiz score, None when nobody has one or the floor hides it."""
        if self.private or not self.score_count:
            return None
        return round(self.score_sum / self.score_count, 1)


def rate(part: int, whole: int) -> float | None:
    """part / whole as a fraction in [0, 1], None when there is nothing to divide by."""
    return None if not whole else part / whole


def total(rows: Iterable[Figures], **identity) -> Figures:
    """The sum of disjoint rows (children and the unit's own learners) as one row."""
    result = Figures(**identity)
    for row in rows:
        result.add(row)
    return result


def apply_privacy(row: Figures, viewer_path: str, minimum: int) -> Figures:
    """Mark `row` private when it is small and the viewer's own unit is not inside it."""
    inside = bool(row.path) and viewer_path.startswith(row.path)
    row.private = row.learners < minimum and not inside
    return row


def sort_rows(rows: list[Figures], key: str = "name", worst_first: bool = False) -> list[Figures]:
    """Rows ordered by a column; `worst_first` puts the lowest rates (most overdue) on top.

    Rows without a value (no assigned learners, hidden average) always go last.
    """
    if key not in SORT_KEYS:
        key = "name"
    if key == "name":
        return sorted(rows, key=lambda r: (sort_key(r.name), r.code))
    values = {
        "assigned": lambda r: r.assigned, "participation": lambda r: r.participation,
        "completion": lambda r: r.completion, "passed": lambda r: r.pass_rate,
        "overdue": lambda r: r.overdue, "avg_score": lambda r: r.avg_score,
    }[key]
    # For overdue "worse" is higher; for everything else it is lower.
    descending = (key == "overdue") == worst_first
    present = [r for r in rows if values(r) is not None]
    missing = [r for r in rows if values(r) is None]
    present.sort(key=lambda r: (values(r), sort_key(r.name)), reverse=descending)
    return present + sorted(missing, key=lambda r: sort_key(r.name))


def commendation_ranking(rows: list[Figures], minimum_assigned: int) -> list[tuple[int, Figures]]:
    """Units ranked by completion rate (then participation, then size), with their rank.

    Units with fewer than `minimum_assigned` assigned learners are left out, so that a unit
    of two cannot win; equal figures share a rank.
    """
    eligible = [r for r in rows if r.assigned >= minimum_assigned]
    eligible.sort(key=lambda r: (-(r.completion or 0), -(r.participation or 0), -r.assigned, r.name))
    ranked, previous, rank = [], None, 0
    for position, row in enumerate(eligible, start=1):
        marks = (row.completion, row.participation)
        if marks != previous:
            rank, previous = position, marks
        ranked.append((rank, replace(row)))
    return ranked
