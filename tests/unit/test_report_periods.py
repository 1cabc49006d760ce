"""Report periods: years, halves, quarters and ranges, the period before each, bad input."""
from datetime import date

import pytest

from app.reports.periods import PeriodError, parse_period, resolve


@pytest.mark.parametrize("code, start, end", [
    ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
    ("2026-h2", date(2026, 7, 1), date(2026, 12, 31)),
    ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
    ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
    ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
    ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
])
def test_period_codes_cover_their_days_both_ends_included(code, start, end):
    period = parse_period(code)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("code, previous", [("2026", "2025"), ("2026-H1", "2025-H2"), ("2026-H2", "2026-H1"),
                                            ("2026-Q1", "2025-Q4"), ("2026-Q3", "2026-Q2")])
def test_the_previous_period_is_the_one_just_before(code, previous):
    assert parse_period(code).previous().code == previous


def test_the_range_before_a_range_has_as_many_days_and_ends_the_day_before():
    period = resolve(None, "2026-03-01", "2026-03-31")
    before = period.previous()
    assert (before.start, before.end) == (date(2026, 1, 29), date(2026, 2, 28))


@pytest.mark.parametrize("period, start, end, message", [
    ("2026-Q0", None, None, "period '2026-Q0'"),
    ("2026-H3", None, None, "period '2026-H3'"),
    ("26", None, None, "period '26'"),
    (None, "2026-13-01", "2026-12-31", "--from '2026-13-01'"),
    (None, "2026-01-01", "soon", "--to 'soon'"),
    (None, "2026-02-01", "2026-01-31", "is before --from"),
    (None, None, "2026-01-31", "go together"),
    ("2026", "2026-01-01", "2026-01-31", "not both"),
    (None, None, None, "no period"),
])
def test_bad_periods_say_what_was_wrong(period, start, end, message):
    with pytest.raises(PeriodError, match=message):
        resolve(period, start, end)
