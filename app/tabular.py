"""Reading CSV and XLSX files into rows of text, with row numbers for error messages, and
making text safe to write into one."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_text(value: str) -> str:
    """Text as a spreadsheet cell shows it, never runs it: a cell that would start a formula
    (a name like '=HYPERLINK(…)' or '@SUM(…)') is prefixed with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass
class RowError:
    """One problem in an import file. `row` is the line of the file (header = 1)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


#: Longest value one cell may hold: far beyond any field we import (names: 255 characters).
MAX_CELL_CHARS = 10_000


class TableError(ValueError):
    """The file cannot be read (wrong type, no header, bad encoding, a cell too long to be
    data); `row` and `column` say where when one place is to blame."""

    def __init__(self, message: str, row: int = 1, column: str = ""):
        super().__init__(message)
        self.message, self.row, self.column = message, row, column

    def as_row_error(self) -> RowError:
        return RowError(self.row, self.column, self.message)

    def __str__(self) -> str:
        return str(self.as_row_error()) if self.column else self.message


def read_table(data: bytes, filename: str = "") -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header names (lower-cased) and (row number, {column: text}) for every non-empty row."""
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        rows = _xlsx_rows(data)
    else:
        rows = _csv_rows(data)
    try:
        header = next(rows)
    except StopIteration:
        raise TableError("the file is empty") from None
    names = [str(h or "").strip().lower().lstrip("\ufeff") for h in header]
    if not any(names):
        raise TableError("the first row must name the columns")
    records = []
    for number, values in enumerate(rows, start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        for i, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                column = names[i] if i < len(names) and names[i] else f"#{i + 1}"
                raise TableError(f"the value is longer than {MAX_CELL_CHARS} characters", number, column)
        if not any(cells):
            continue
        cells += [""] * (len(names) - len(cells))
        record = {name: cells[i] for i, name in enumerate(names) if name}
        if len(cells) > len(names) and any(cells[len(names):]):
            record["\0extra"] = "yes"
        records.append((number, record))
    return names, records


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(f"row {line}: the file is not UTF-8 text (save it as 'CSV UTF-8')") from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # The csv module stops at 128 KiB in one field with an error that names no place; let it
    # read any field this file could hold (only ever raised, so never lower for another
    # reader) and let read_table refuse long cells with their row and column.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as exc:  # e.g. a NUL character
        raise TableError(f"the file is not readable CSV ({exc})") from None


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(f"the file is not a readable XLSX workbook ({exc.__class__.__name__})") from None
    sheet = workbook.worksheets[0]
    for values in sheet.iter_rows(values_only=True):
        yield ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)) for v in values]
    workbook.close()


def read_table_file(path: str | Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    path = Path(path)
    return read_table(path.read_bytes(), path.name)


def require_columns(names: list[str], required: list[str]) -> list[RowError]:
    """Errors for required columns missing from the header row."""
    return [RowError(1, column, f"missing column '{column}'") for column in required if column not in names]

