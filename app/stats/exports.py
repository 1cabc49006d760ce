"""Exports of a statistics view or of the learner list behind it: CSV, XLSX, JSON.

A registry of formats (name → writer), each streaming rows so that 100,000 learners never
sit in memory at once. Headers are Vietnamese-first labels passed in by the caller.
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from app.tabular import spreadsheet_text

#: Columns holding fractions 0..1: XLSX shows them with a percent number format.
PERCENT = "percent"
#: The site's one way of writing dates, in spreadsheets too.
DATE_FORMAT, DATETIME_FORMAT = "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
NUMBER_FORMATS = {PERCENT: "0.0%", "date": DATE_FORMAT}
#: Column widths (characters) by kind; a longer header widens its column.
WIDTHS = {"text": 28, "number": 12, PERCENT: 12, "date": 16}


@dataclass(frozen=True, eq=False)
class Column:
    header: str
    kind: str = "text"  # text | number | percent | date
    #: The field name in JSON, for other systems (the same names as the statistics API).
    key: str = ""
    #: Stored code → the label people read (audiences): spreadsheets show labels, JSON keeps codes.
    labels: dict | None = None

    def shown(self, value):
        return str(self.labels.get(value, value)) if self.labels and value is not None else value


def _cell_text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == PERCENT:
        return f"{value * 100:.1f}"
    if isinstance(value, (date, datetime)):
        return value.isoformat(sep=" ")[:16] if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return spreadsheet_text(str(value)) if kind == "text" else str(value)


def csv_stream(columns: list[Column], rows: Iterable[tuple]) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark so that spreadsheets read Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in columns])
    yield ("\ufeff" + buffer.getvalue()).encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for n, row in enumerate(rows, start=1):
        writer.writerow([_cell_text(c.shown(v), c.kind) for v, c in zip(row, columns)])
        if n % 1000 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def xlsx_stream(columns: list[Column], rows: Iterable[tuple], sheet: str = "Thống kê") -> Iterator[bytes]:
    """An XLSX workbook built in openpyxl's write-only mode (rows go straight to a temp
    file), then sent in chunks: memory stays flat whatever the number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(sheet[:31])
    # Set before the first row in write-only mode: widths, a frozen, styled header.
    for n, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(n)].width = max(WIDTHS.get(column.kind, 14), min(len(column.header) + 2, 40))
    ws.freeze_panes = "A2"
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="A4161A")
    header = []
    for column in columns:
        title = WriteOnlyCell(ws, value=column.header)
        title.font, title.fill = header_font, header_fill
        title.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(title)
    ws.append(header)
    # Only percent and date cells need a cell object (for their number format): plain values
    # elsewhere keep a 100,000-row export several times faster.
    formats = [NUMBER_FORMATS.get(c.kind) for c in columns]
    rounded = [c.kind != PERCENT for c in columns]

    def cell(value, number_format, round_it):
        if value is None:
            return None
        if isinstance(value, str):
            # openpyxl stores a str starting with "=" as a live formula.
            return spreadsheet_text(value)
        if round_it and isinstance(value, float):
            value = round(value, 2)
        if number_format is None:
            return value
        if number_format == DATE_FORMAT and isinstance(value, datetime):
            number_format = DATETIME_FORMAT
        styled = WriteOnlyCell(ws, value=value)
        styled.number_format = number_format
        return styled

    for row in rows:
        ws.append([cell(c.shown(v), f, r) for v, c, f, r in zip(row, columns, formats, rounded)])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        while chunk := handle.read(64 * 1024):
            yield chunk


def json_stream(columns: list[Column], rows: Iterable[tuple]) -> Iterator[bytes]:
    """A JSON array of objects keyed by field name, one row at a time."""
    yield b"["
    for n, row in enumerate(rows):
        item = {c.key or c.header: (v.isoformat() if isinstance(v, (date, datetime)) else v) for v, c in zip(row, columns)}
        yield ((b"," if n else b"") + json.dumps(item, ensure_ascii=False).encode("utf-8"))
    yield b"]"


#: format name → (writer, MIME type)
FORMATS = {
    "csv": (csv_stream, "text/csv; charset=utf-8"),
    "xlsx": (xlsx_stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": (json_stream, "application/json"),
}
