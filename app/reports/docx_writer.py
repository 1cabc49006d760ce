"""The report as an editable Word document (python-docx), laid out per Decree 30/2020/NĐ-CP
Appendix I: A4 portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right, Times New
Roman; issuing body top-left, national motto top-right, type and subject centred, recipients
bottom-left, signature bottom-right. Pure: no Flask, no database."""
from __future__ import annotations

import io

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from app.reports.document import Document, Heading, Table

FONT = "Times New Roman"
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def _text(paragraph, text: str, size: float = 13, bold: bool = False, italic: bool = False, underline=False):
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
    return run


def _line(cell, text: str, size: float = 13, bold: bool = False, italic: bool = False, align=CENTER,
          underline: bool = False):
    paragraph = cell.add_paragraph() if cell.paragraphs[-1].text else cell.paragraphs[-1]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    _text(paragraph, text, size, bold, italic, underline)
    return paragraph


def _two_columns(doc, widths=(Cm(6.5), Cm(9.5))):
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
    return table.rows[0].cells


def _header(doc, h) -> None:
    left, right = _two_columns(doc)
    if h.parent:
        _line(left, h.parent, 13)
    _line(left, h.unit, 13, bold=True, underline=True)
    _line(left, h.number, 13)
    _line(right, h.motto_1, 12.5, bold=True)
    _line(right, h.motto_2, 13.5, bold=True, underline=True)
    _line(right, h.date_line, 13.5, italic=True)
    for text, size in ((h.type, 14), (h.subject, 14)):
        paragraph = doc.add_paragraph()
        paragraph.alignment = CENTER
        paragraph.paragraph_format.space_before = Pt(6 if text == h.type else 0)
        _text(paragraph, text, size, bold=True)


def _table(doc, block: Table) -> None:
    table = doc.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = block.widths or [1] * len(block.headers)
    scale = 16.5 / sum(widths)
    for cell, title, width in zip(table.rows[0].cells, block.headers, widths):
        cell.width = Cm(width * scale)
        _line(cell, title, 10, bold=True)
    for index, row in enumerate(block.rows):
        bold = block.total and index == len(block.rows) - 1
        cells = table.add_row().cells
        for position, (cell, value) in enumerate(zip(cells, row)):
            cell.width = Cm(widths[position] * scale)
            _line(cell, value, 10.5, bold=bold, align=WD_ALIGN_PARAGRAPH.RIGHT if block.is_numeric(position) else LEFT)


def _footer(doc, h) -> None:
    doc.add_paragraph()
    left, right = _two_columns(doc, (Cm(8), Cm(8)))
    _line(left, h.recipients_title, 12, bold=True, italic=True, align=LEFT)
    for item in h.recipients:
        _line(left, f"- {item}", 11, align=LEFT)
    _line(right, h.signer_authority, 13, bold=True)
    _line(right, h.signer_title, 13, bold=True)
    _line(right, h.signer_name, 13, italic=True)


def _page_numbers(section) -> None:
    """Decree 30: page numbers centred in the top margin, none on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def render_docx(document: Document) -> bytes:
    """The .docx bytes of `document`."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _page_numbers(section)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.header.unit
    _header(doc, document.header)
    for block in document.blocks:
        if isinstance(block, Heading):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(6)
            paragraph.paragraph_format.keep_with_next = True
            _text(paragraph, block.text, 13, bold=True)
        elif isinstance(block, Table):
            _table(doc, block)
        else:
            paragraph = doc.add_paragraph()
            paragraph.alignment = JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1)
            _text(paragraph, block.text, 13, bold=block.bold, italic=block.italic)
    _footer(doc, document.header)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
