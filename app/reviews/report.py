"""The self-review figures of the report upward (section VI; its wording is in bao-cao.yaml)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.clock import today
from app.extensions import db
from app.reviews.catalog import forms
from app.reviews.counts import rolled_up
from app.reviews.models import ReviewRound
from app.units.models import Unit


@dataclass(frozen=True)
class RoundFigures:
    """One round's figures for the reported unit."""

    form: str
    period: str
    due_on: date
    assigned: int
    submitted: int
    signed_off: int
    overdue: int
    ratings: dict[str, int]


def report_section(unit: Unit, start: date, end: date) -> list[RoundFigures]:
    """The rounds due in the period that cover `unit` or lie inside it, with the unit's
    figures for each: who had to write, handed in, was signed off, is overdue, and the
    overall ratings. Empty when no round falls in the period."""
    rounds = [r for r in db.session.scalars(
        select(ReviewRound).where(ReviewRound.due_on >= start, ReviewRound.due_on <= end)
        .order_by(ReviewRound.due_on, ReviewRound.id))
        if r.unit.contains(unit) or unit.contains(r.unit)]
    known = forms() if rounds else {}
    rows = []
    for round_ in rounds:
        figures, _ = rolled_up(round_, unit, [], today())
        title = known[round_.form_slug].title if round_.form_slug in known else round_.form_slug
        rows.append(RoundFigures(title, round_.period, round_.due_on, figures.assigned, figures.submitted,
                                 figures.signed_off, figures.overdue, dict(figures.ratings)))
    return rows
