"""The self-review section of the report upward (app/reports/content.py looks this up)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.clock import today
from app.extensions import db
from app.reviews.catalog import forms
from app.reviews.counts import rolled_up
from app.reviews.models import ReviewRound
from app.units.models import Unit


def report_section(unit: Unit, start: date, end: date) -> list[dict]:
    """The rounds due in the period that cover `unit` or lie inside it, with the unit's
    figures for each: who had to write, handed in, was signed off, is overdue, and the
    overall ratings. Empty when no round falls in the period."""
    rounds = [r for r in db.session.scalars(
        select(ReviewRound).where(ReviewRound.due_on >= start, ReviewRound.due_on <= end)
        .order_by(ReviewRound.due_on, ReviewRound.id))
        if r.unit.contains(unit) or unit.contains(r.unit)]
    if not rounds:
        return []
    known = forms()
    rows = []
    for round_ in rounds:
        figures, _ = rolled_up(round_, unit, [], today())
        title = known[round_.form_slug].title if round_.form_slug in known else round_.form_slug
        ratings = "; ".join(f"{label}: {n}" for label, n in sorted(figures.ratings.items())) or "—"
        rows.append([title, round_.period, round_.due_on.strftime("%d/%m/%Y"), figures.assigned,
                     figures.submitted, figures.signed_off, figures.overdue, ratings])
    return [
        {"text": f"Trong kỳ có {len(rounds)} đợt tự kiểm điểm trách nhiệm nêu gương đến hạn; số liệu của {unit.name} như sau."},
        {"headers": ["Mẫu kiểm điểm", "Kỳ", "Hạn nộp", "Phải kiểm điểm", "Đã nộp", "Đã kết luận", "Quá hạn",
                     "Xếp loại chung"], "rows": rows},
    ]
