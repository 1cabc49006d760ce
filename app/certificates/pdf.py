"""The printable certificate: A4 landscape PDF with fpdf2. Pure: no Flask, no database.

The same facts always give the same bytes (creation date = issue date, fixed metadata and
file id), so a certificate is regenerated on demand instead of stored.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

import segno
import ttf_opensans
from fpdf import FPDF

PAGE_W, PAGE_H = 297.0, 210.0
#: The site's red (app.css --red) and a dark ink, so the paper matches the pages.
RED, INK = (164, 22, 26), (29, 29, 31)
#: Where the QR code sits and how big a module is, in mm (tests read the code back from here).
QR_X, QR_Y, QR_MODULE = 237.0, 150.0, 1.0
FONT = "OpenSans"


@dataclass(frozen=True)
class CertificateFacts:
    """What the PDF prints; labels come already translated."""

    holder_name: str
    course_title: str
    unit_name: str
    issued_at: datetime
    issued_on: str
    score: str
    serial: str
    code: str
    issuer: str
    verify_url: str
    labels: dict
    signatory_name: str = ""
    signatory_title: str = ""
    #: dd/mm/yyyy when the certificate was revoked: the page is stamped so no copy passes for valid.
    revoked_on: str = ""


def qr_matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The QR code's modules (1 = dark) for `url`, without the quiet zone."""
    return tuple(tuple(row) for row in segno.make(url, error="m", boost_error=False).matrix)


def _runs(row: tuple[int, ...]):
    """(start, length) of each horizontal run of dark modules, so the PDF draws fewer boxes."""
    start = None
    for i, dark in enumerate(row + (0,)):
        if dark and start is None:
            start = i
        elif not dark and start is not None:
            yield start, i - start
            start = None


def _draw_qr(pdf: FPDF, url: str) -> None:
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(qr_matrix(url)):
        for c, length in _runs(row):
            pdf.rect(QR_X + c * QR_MODULE, QR_Y + r * QR_MODULE, length * QR_MODULE, QR_MODULE, style="F")


def _centered(pdf: FPDF, y: float, text: str, size: float, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_xy(20, y)
    pdf.multi_cell(PAGE_W - 40, size * 0.45, text, align="C")


def render_certificate(facts: CertificateFacts) -> bytes:
    """The PDF bytes of one certificate."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font(FONT, "", str(ttf_opensans.OPENSANS_REGULAR.path))
    pdf.add_font(FONT, "B", str(ttf_opensans.OPENSANS_BOLD.path))
    moment = facts.issued_at.replace(tzinfo=timezone.utc)
    pdf.set_creation_date(moment)
    pdf.set_title(f"{facts.labels['title']} {facts.serial}")
    pdf.set_author(facts.issuer)
    pdf.set_subject(facts.course_title)
    pdf.set_creator("Integrity Academy")
    pdf.set_producer("Integrity Academy")
    pdf.file_id = lambda: _file_id(facts)
    pdf.add_page()

    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, PAGE_W - 16, PAGE_H - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, PAGE_W - 22, PAGE_H - 22)

    pdf.set_text_color(*RED)
    _centered(pdf, 22, facts.issuer, 14, bold=True)
    _centered(pdf, 38, facts.labels["title"].upper(), 30, bold=True)
    pdf.set_text_color(*INK)
    _centered(pdf, 58, facts.labels["certifies"], 13)
    _centered(pdf, 70, facts.holder_name, 28, bold=True)
    if facts.unit_name:
        _centered(pdf, 86, facts.unit_name, 13)
    _centered(pdf, 98, facts.labels["completed"], 13)
    pdf.set_text_color(*RED)
    _centered(pdf, 108, facts.course_title, 20, bold=True)

    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 10)
    lines = [
        f"{facts.labels['date']}: {facts.issued_on}",
        f"{facts.labels['score']}: {facts.score}",
        f"{facts.labels['serial']}: {facts.serial}",
        f"{facts.labels['code']}: {facts.code}",
    ]
    pdf.set_xy(24, 146)
    pdf.multi_cell(100, 6, "\n".join(lines))
    pdf.set_font(FONT, "", 8)
    pdf.set_xy(24, 172)
    pdf.multi_cell(100, 4, f"{facts.labels['verify']}\n{facts.verify_url}")
    _signatory(pdf, facts)
    _draw_qr(pdf, facts.verify_url)
    if facts.revoked_on:
        _revoked_stamp(pdf, facts.labels["revoked"] % {"date": facts.revoked_on})
    return bytes(pdf.output())


def _revoked_stamp(pdf: FPDF, text: str) -> None:
    """A red band across the page that no printout can lose."""
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.5)
    pdf.rect(30, 118, PAGE_W - 60, 22, style="DF")
    pdf.set_text_color(*RED)
    _centered(pdf, 123, text.upper(), 15, bold=True)


def _signatory(pdf: FPDF, facts: CertificateFacts) -> None:
    """The signature block between the facts and the QR code: on behalf of the issuer, the
    signatory's title, room for a seal and signature, then the name."""
    x, width = 128.0, 100.0
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 10)
    pdf.set_xy(x, 146)
    pdf.multi_cell(width, 5, f"{facts.labels['on_behalf']} {facts.issuer}".upper(), align="C")
    if facts.signatory_title:
        pdf.set_font(FONT, "B", 11)
        pdf.set_x(x)
        pdf.multi_cell(width, 5.5, facts.signatory_title.upper(), align="C")
    if facts.signatory_name:
        pdf.set_font(FONT, "B", 12)
        pdf.set_xy(x, 184)
        pdf.multi_cell(width, 6, facts.signatory_name, align="C")


def _file_id(facts: CertificateFacts) -> str:
    """The PDF /ID: derived from the certificate, not the clock, so output is reproducible."""
    digest = hashlib.md5(f"{facts.serial}|{facts.verify_url}".encode(), usedforsecurity=False).hexdigest().upper()
    return f"<{digest}><{digest}>"
