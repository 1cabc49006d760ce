"""A signed-off review as an A4 PDF for the personnel file (fpdf2, Open Sans for Vietnamese).

No Flask here: the caller passes the translated labels.
"""
from __future__ import annotations

import ttf_opensans
from fpdf import FPDF

from app.reviews.form import ReviewForm

FONT = "OpenSans"


def _day(moment) -> str:
    return moment.strftime("%d/%m/%Y") if moment else ""


def render_review(review, form: ReviewForm, labels: dict) -> bytes:
    """The PDF bytes: who, which unit, which round, each criterion with both ratings, the
    collective's opinion, the overall rating, who signed off and when."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font(FONT, "", str(ttf_opensans.OPENSANS_REGULAR.path))
    pdf.add_font(FONT, "B", str(ttf_opensans.OPENSANS_BOLD.path))
    pdf.set_title(form.title)
    pdf.set_creator("Integrity Academy")
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def text(value: str, size: float = 10, bold: bool = False, height: float = 5.5):
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(width, height, value)

    text(form.title.upper(), 14, True, 7)
    pdf.ln(2)
    text(f"{labels['person']}: {review.user.full_name}", bold=True)
    text(f"{labels['unit']}: {review.user.unit.name} ({review.user.unit.code})")
    text(f"{labels['period']}: {review.round.period}    {labels['submitted']}: {_day(review.submitted_at)}")
    pdf.ln(3)
    for section in form.sections:
        text(section.title, 12, True, 6.5)
        for item in section.items:
            given = (review.answers or {}).get(item.id, {})
            text(item.title, 10.5, True)
            if item.prompt:
                text(given.get("text", "") or "-")
                continue
            verdict = (review.verdict or {}).get(item.id, {})
            text(f"{labels['self_rating']}: {given.get('rating', '')}    {labels['final_rating']}: {verdict.get('rating', '')}")
            if given.get("account"):
                text(given["account"])
            if given.get("evidence"):
                text(f"{labels['evidence']}: {given['evidence']}")
            if verdict.get("opinion"):
                text(f"{labels['collective']}: {verdict['opinion']}")
        pdf.ln(2)
    text(f"{labels['collective']}: {review.opinion or '-'}", 10.5)
    text(f"{labels['overall']}: {review.overall_rating or ''}", 12, True, 7)
    signer = review.signed_off_by.full_name if review.signed_off_by else ""
    text(f"{labels['signed_off']}: {signer}, {_day(review.signed_off_at)}")
    return bytes(pdf.output())
