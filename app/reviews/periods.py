"""Review periods as text: "2026", "2026-H1", "2026-Q3" → the dates they span. Pure."""
from __future__ import annotations

import re
from datetime import date

_PERIOD = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]))?$")
#: A form's period kind → the period texts it accepts.
KIND_OF = {"yearly": "", "half-yearly": "H", "quarterly": "Q"}


def period_bounds(text: str) -> tuple[date, date]:
    """First and last day of a period; ValueError names the expected shape."""
    match = _PERIOD.match(text or "")
    if match is None:
        raise ValueError(f"period '{text}' must look like 2026, 2026-H1 or 2026-Q3")
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        return date(year, 1, 1), date(year, 12, 31)
    months = 6 if part[0] == "H" else 3
    first = (int(part[1]) - 1) * months + 1
    last = first + months - 1
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return date(year, first, 1), date.fromordinal(end.toordinal() - 1)


def fits(kind: str, text: str) -> bool:
    """Whether a period text suits a form's period kind (yearly forms take "2026")."""
    period_bounds(text)
    part = text[5:6]
    return part == KIND_OF.get(kind, "?")
