"""Report periods: a year (`2026`), a half-year (`2026-H1`), a quarter (`2026-Q3`) or a date
range, and the period just before each. Pure: no Flask, no database.

"In the period" means what the statistics' due-date filter means: the assignments whose due
date falls between the period's first and last day, both included.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_YEAR = re.compile(r"\A(\d{4})\Z")
_PART = re.compile(r"\A(\d{4})-([HQ])([1-4])\Z", re.IGNORECASE)


class PeriodError(ValueError):
    """A period that cannot be read; the message names the value and what is accepted."""


@dataclass(frozen=True)
class Period:
    """A closed range of days with the code it was given as (`2026-Q3`, or `FROM..TO`)."""

    code: str
    start: date
    end: date
    #: "year", "half", "quarter" or "range": decides the wording and the previous period.
    kind: str
    number: int = 0

    @property
    def year(self) -> int:
        return self.start.year

    def previous(self) -> Period:
        """The period of the same kind just before this one (a range: as many days, just before)."""
        if self.kind == "year":
            return parse_period(str(self.year - 1))
        if self.kind in ("half", "quarter"):
            letter, count = ("H", 2) if self.kind == "half" else ("Q", 4)
            year, number = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, count)
            return parse_period(f"{year}-{letter}{number}")
        days = (self.end - self.start).days + 1
        end = self.start - timedelta(days=1)
        return date_range(end - timedelta(days=days - 1), end)


def _last_day(year: int, month: int) -> date:
    return date(year + 1, 1, 1) - timedelta(days=1) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def parse_period(text: str) -> Period:
    """`2026`, `2026-H1`/`H2` or `2026-Q1`..`Q4` as a Period; PeriodError otherwise."""
    value = (text or "").strip()
    if match := _YEAR.match(value):
        year = int(match.group(1))
        return Period(value, date(year, 1, 1), date(year, 12, 31), "year")
    match = _PART.match(value)
    if match and (match.group(2).upper() == "Q" or match.group(3) in "12"):
        year, letter, number = int(match.group(1)), match.group(2).upper(), int(match.group(3))
        months = 6 if letter == "H" else 3
        first = (number - 1) * months + 1
        return Period(f"{year}-{letter}{number}", date(year, first, 1), _last_day(year, first + months - 1),
                      "half" if letter == "H" else "quarter", number)
    raise PeriodError(f"period '{text}': expected a year (2026), a half-year (2026-H1, 2026-H2) "
                      "or a quarter (2026-Q1 … 2026-Q4)")


def parse_date(text: str, name: str) -> date:
    """An ISO date (YYYY-MM-DD) given as option `name`; PeriodError naming it otherwise."""
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise PeriodError(f"{name} '{text}': expected a date as YYYY-MM-DD") from None


def date_range(start: date, end: date) -> Period:
    """The days from `start` to `end`, both included; PeriodError when the range is empty."""
    if end < start:
        raise PeriodError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
    return Period(f"{start.isoformat()}..{end.isoformat()}", start, end, "range")


def from_code(code: str) -> Period:
    """The Period whose `code` this is (`2026-Q3`, or `FROM..TO`): a period read back from a job."""
    start, dots, end = code.partition("..")
    return date_range(parse_date(start, "--from"), parse_date(end, "--to")) if dots else parse_period(code)


def resolve(period: str | None, start: str | None, end: str | None) -> Period:
    """The Period that a `--period` or a `--from`/`--to` pair names (exactly one of the two)."""
    if period and (start or end):
        raise PeriodError("give either --period or --from/--to, not both")
    if period:
        return parse_period(period)
    if start and end:
        return date_range(parse_date(start, "--from"), parse_date(end, "--to"))
    if start or end:
        raise PeriodError("--from and --to go together: give both dates")
    raise PeriodError("no period: give --period (2026, 2026-H1, 2026-Q3) or --from and --to")
