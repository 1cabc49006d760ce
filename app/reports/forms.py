"""The report form: which period (a year, half-year, quarter or date range) and which format.
A GET form: making a report changes nothing, so it needs no CSRF token."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, RadioField, SelectField
from wtforms.validators import InputRequired, Optional

from app.reports.periods import Period, PeriodError, date_range, parse_period

RANGE = "range"


def period_choices(today: date) -> list[tuple[str, str]]:
    """The periods of this year and the last (quarters, halves, years), newest first, and a range."""
    choices = []
    for year in (today.year, today.year - 1):
        choices += [(f"{year}-Q{q}", _l("Quarter %(q)s/%(year)s", q=q, year=year)) for q in (4, 3, 2, 1)]
        choices += [(f"{year}-H{h}", _l("Half %(h)s/%(year)s", h=h, year=year)) for h in (2, 1)]
        choices.append((str(year), _l("Year %(year)s", year=year)))
    return choices + [(RANGE, _l("Between the dates below"))]


class ReportForm(Form):
    period = SelectField(_l("Period (assignments due in it)"), validators=[InputRequired()])
    due_from = DateField(_l("From"), validators=[Optional()])
    due_to = DateField(_l("To"), validators=[Optional()])
    format = RadioField(_l("Format"), default="docx", validators=[InputRequired()], choices=[
        ("docx", _l("Word (.docx), to edit and sign")), ("pdf", _l("PDF"))])

    def chosen_period(self) -> Period:
        """The Period the form names; PeriodError with a message for the form otherwise."""
        if self.period.data == RANGE:
            if self.due_from.errors or self.due_to.errors or not (self.due_from.data and self.due_to.data):
                raise PeriodError("both dates of the range are needed")
            return date_range(self.due_from.data, self.due_to.data)
        return parse_period(self.period.data or "")
