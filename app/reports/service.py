"""Make a report file: the facts, the wording from REPORTS_DIR, the chosen writer."""
from __future__ import annotations

from flask import current_app

from app.reports import wording as wording_file
from app.reports.content import gather
from app.reports.document import compose
from app.reports.docx_writer import render_docx
from app.reports.pdf_writer import render_pdf
from app.reports.periods import Period
from app.units.models import Unit

#: format → (writer, MIME type): the file formats a report comes in.
FORMATS = {
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (render_pdf, "application/pdf"),
}


def make_report(unit: Unit, period: Period, fmt: str, viewer) -> bytes:
    """The report file of `unit` for `period` in format `fmt`, with `viewer`'s privacy floor."""
    writer, _ = FORMATS[fmt]
    wording = wording_file.load(current_app.config["REPORTS_DIR"])
    return writer(compose(gather(unit, period, viewer), wording))


def filename(unit: Unit, period: Period, fmt: str) -> str:
    """bao-cao-<unit code>-<period>.<fmt>"""
    return f"bao-cao-{unit.code}-{period.code.replace('..', '_')}.{fmt}"
