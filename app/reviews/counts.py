"""Per-unit figures of a round, rolled up the tree: two grouped SQL queries over indexed
columns for the whole subtree, then a sum per child by path prefix (one pass over units,
never over people).

- assigned: active learners of the round's audience in the round's subtree (as now);
- submitted: of those, reviews handed in and not sent back (submitted or signed off);
- signed_off: reviews signed off; ratings: their overall rating label → count;
- overdue: assigned but not submitted once the due date has passed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from app.auth.models import Role, User
from app.extensions import db
from app.reviews.models import Review, ReviewRound, ReviewStatus
from app.units.models import Unit

HANDED_IN = (ReviewStatus.SUBMITTED.value, ReviewStatus.SIGNED_OFF.value)


@dataclass
class RoundFigures:
    assigned: int = 0
    submitted: int = 0
    signed_off: int = 0
    overdue: int = 0
    ratings: Counter = field(default_factory=Counter)

    def add(self, other: RoundFigures) -> None:
        self.assigned += other.assigned
        self.submitted += other.submitted
        self.signed_off += other.signed_off
        self.ratings.update(other.ratings)


def _people(round_: ReviewRound, scope: Unit):
    """Conditions on User (joined to Unit) for the people the round covers inside `scope`."""
    inner = scope if round_.unit.contains(scope) else round_.unit
    return (User.role == Role.LEARNER.value, User.active.is_(True), User.audience == round_.audience,
            inner.subtree_filter(Unit.path))


def per_unit(round_: ReviewRound, scope: Unit) -> dict[str, RoundFigures]:
    """Unit path → figures of the people directly in that unit, for the subtree of `scope`."""
    if not (round_.unit.contains(scope) or scope.contains(round_.unit)):
        return {}
    conditions = _people(round_, scope)
    figures: dict[str, RoundFigures] = {}
    for path, count in db.session.execute(
            select(Unit.path, func.count()).select_from(User).join(Unit, Unit.id == User.unit_id)
            .where(*conditions).group_by(Unit.path)):
        figures.setdefault(path, RoundFigures()).assigned = count
    for path, status, rating, count in db.session.execute(
            select(Unit.path, Review.status, Review.overall_rating, func.count()).select_from(Review)
            .join(User, User.id == Review.user_id).join(Unit, Unit.id == User.unit_id)
            .where(Review.round_id == round_.id, Review.status.in_(HANDED_IN), *conditions)
            .group_by(Unit.path, Review.status, Review.overall_rating)):
        found = figures.setdefault(path, RoundFigures())
        found.submitted += count
        if status == ReviewStatus.SIGNED_OFF.value:
            found.signed_off += count
            if rating:
                found.ratings[rating] += count
    return figures


def rolled_up(round_: ReviewRound, scope: Unit, children: list[Unit], today: date) -> tuple[RoundFigures, list]:
    """Figures of the whole subtree of `scope`, and of each child's subtree, in order."""
    own = per_unit(round_, scope)
    total = RoundFigures()
    by_child = [RoundFigures() for _ in children]
    for path, figures in own.items():
        total.add(figures)
        for n, child in enumerate(children):
            if path.startswith(child.path):
                by_child[n].add(figures)
                break
    late = round_.due_on < today
    for figures in [total, *by_child]:
        figures.overdue = figures.assigned - figures.submitted if late else 0
    return total, by_child


def as_json(unit: Unit, figures: RoundFigures) -> dict:
    return {"code": unit.code, "name": unit.name, "assigned": figures.assigned, "submitted": figures.submitted,
            "signed_off": figures.signed_off, "overdue": figures.overdue, "ratings": dict(figures.ratings)}


def export_columns(scale: list[str]):
    """Columns of a round's figures export: Vietnamese headers, API field names in JSON."""
    from app.stats.exports import Column

    return [Column("Mã đơn vị", key="code"), Column("Đơn vị", key="name"),
            Column("Phải kiểm điểm", "number", "assigned"), Column("Đã nộp", "number", "submitted"),
            Column("Đã kết luận", "number", "signed_off"), Column("Quá hạn", "number", "overdue")] + [
        Column(label, "number", label) for label in scale]


def export_rows(round_: ReviewRound, top: Unit, units: list[Unit], scale: list[str], today: date):
    """One row per unit of `units` (the subtree of `top`): its whole subtree's figures. The
    counts are read once for `top` and added up to every ancestor by path."""
    from app.assignments.queries import ancestor_paths

    subtree: dict[str, RoundFigures] = {}
    for path, figures in per_unit(round_, top).items():
        for ancestor in ancestor_paths(path):
            subtree.setdefault(ancestor, RoundFigures()).add(figures)
    late = round_.due_on < today
    for unit in units:
        figures = subtree.get(unit.path, RoundFigures())
        figures.overdue = figures.assigned - figures.submitted if late else 0
        yield (unit.code, unit.name, figures.assigned, figures.submitted, figures.signed_off, figures.overdue,
               *(figures.ratings.get(label, 0) for label in scale))
