"""The report as a PDF (fpdf2, Open Sans for Vietnamese), the same Document and the same
Decree 30 layout as the .docx: A4 portrait, margins 20/20/30/15 mm. Pure: no Flask."""
from __future__ import annotations

import ttf_opensans
from fpdf import FPDF
from fpdf.fonts import FontFace

from app.reports.document import Document, Heading, Table

FONT = "OpenSans"
LEFT, RIGHT, TOP = 30.0, 15.0, 20.0
WIDTH = 210.0 - LEFT - RIGHT


class _ReportPDF(FPDF):
    def header(self):
        """Decree 30: page numbers centred in the top margin, none on the first page."""
        if self.page_no() > 1:
            self.set_font(FONT, "", 11)
            self.set_y(10)
            self.cell(0, 5, str(self.page_no()), align="C")
            self.set_y(TOP)


def _pdf() -> FPDF:
    pdf = _ReportPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=20)
    for style, face in (("", "REGULAR"), ("B", "BOLD"), ("I", "ITALIC"), ("BI", "BOLDITALIC")):
        pdf.add_font(FONT, style, str(getattr(ttf_opensans, f"OPENSANS_{face}").path))
    return pdf


def _cell(pdf: FPDF, x: float, width: float, text: str, size: float, style: str = "", align: str = "C") -> None:
    pdf.set_x(x)
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(width, size * 0.45, text, align=align, new_x="LMARGIN", new_y="NEXT")


def _column(pdf: FPDF, x: float, width: float, lines, underline_after: int | None = None) -> float:
    """Lines (text, size, style) centred in a column starting at the header's top; the y below."""
    pdf.set_y(TOP)
    for index, (text, size, style) in enumerate(lines):
        _cell(pdf, x, width, text, size, style)
        if index == underline_after:
            pdf.set_font(FONT, style, size)
            half = min(pdf.get_string_width(lines[index][0]), width) / 2
            pdf.line(x + width / 2 - half, pdf.get_y() + 0.5, x + width / 2 + half, pdf.get_y() + 0.5)
            pdf.ln(2)
    return pdf.get_y()


def _header(pdf: FPDF, h) -> None:
    left = [(h.parent, 11, "")] if h.parent else []
    left += [(h.unit, 11, "B"), (h.number, 11, "")]
    bottom_left = _column(pdf, LEFT - 10, 70, left, underline_after=len(left) - 2)
    right = [(h.motto_1, 10.5, "B"), (h.motto_2, 11.5, "B"), (h.date_line, 11, "I")]
    bottom_right = _column(pdf, LEFT + 62, WIDTH - 62, right, underline_after=1)
    pdf.set_y(max(bottom_left, bottom_right) + 6)
    _cell(pdf, LEFT, WIDTH, h.type, 13, "B")
    _cell(pdf, LEFT, WIDTH, h.subject, 12, "B")
    pdf.ln(4)


def _table(pdf: FPDF, block: Table) -> None:
    widths = block.widths or [1] * len(block.headers)
    pdf.set_font(FONT, "", 7.5)
    align = ["RIGHT" if block.is_numeric(i) else "LEFT" for i in range(len(widths))]
    with pdf.table(col_widths=widths, width=WIDTH, align="LEFT", text_align=align, line_height=4,
                   headings_style=FontFace(emphasis="BOLD"), first_row_as_headings=True) as table:
        table.row(block.headers)
        for index, values in enumerate(block.rows):
            last = block.total and index == len(block.rows) - 1
            table.row(values, style=FontFace(emphasis="BOLD") if last else None)
    pdf.ln(2)


def _footer(pdf: FPDF, h) -> None:
    pdf.ln(6)
    if pdf.get_y() > 240:
        pdf.add_page()
    top = pdf.get_y()
    _cell(pdf, LEFT, 80, h.recipients_title, 10, "BI", "L")
    for item in h.recipients:
        _cell(pdf, LEFT, 80, f"- {item}", 9, "", "L")
    pdf.set_y(top)
    for text, style in ((h.signer_authority, "B"), (h.signer_title, "B"), (h.signer_name, "I")):
        _cell(pdf, LEFT + 80, WIDTH - 80, text, 11, style)


def render_pdf(document: Document) -> bytes:
    """The PDF bytes of `document`."""
    pdf = _pdf()
    pdf.set_title(document.title)
    pdf.set_author(document.header.unit)
    pdf.set_creator("Integrity Academy")
    pdf.add_page()
    _header(pdf, document.header)
    for block in document.blocks:
        if isinstance(block, Heading):
            if pdf.get_y() > 297 - 45:  # keep a heading with the first lines below it
                pdf.add_page()
            pdf.ln(2)
            _cell(pdf, LEFT, WIDTH, block.text, 11, "B", "L")
        elif isinstance(block, Table):
            _table(pdf, block)
        else:
            pdf.set_font(FONT, ("B" if block.bold else "") + ("I" if block.italic else ""), 11)
            pdf.multi_cell(WIDTH, 5.5, block.text, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    _footer(pdf, document.header)
    return bytes(pdf.output())
