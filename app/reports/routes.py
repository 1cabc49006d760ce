"""The "Báo cáo" page of a unit: choose a period and a format, download the report."""
from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.access import MANAGERS, allow
from app.clock import today
from app.reports import bp
from app.reports.forms import ReportForm, period_choices
from app.reports.periods import PeriodError
from app.reports.service import FORMATS, filename, make_report
from app.reports.wording import WordingError
from app.stats.view_setup import visible_unit


def _form() -> ReportForm:
    form = ReportForm(request.args)
    form.period.choices = period_choices(today())
    return form


@bp.route("/units/<code>")
@allow(*MANAGERS)
def unit(code):
    """The report form of a unit in the viewer's scope."""
    unit = visible_unit(code)
    form = _form()
    if not request.args:
        form.period.data = form.period.choices[0][0]
    return render_template("reports/unit.html", unit=unit, form=form, error=None)


@bp.route("/units/<code>/download")
@allow(*MANAGERS)
def download(code):
    """The report file (docx or pdf) of a unit for the chosen period; the form again on bad input."""
    unit = visible_unit(code)
    form = _form()
    form.validate()
    error = None
    if form.format.data not in FORMATS:
        error = _("Choose a format: Word (.docx) or PDF.")
    else:
        try:
            period = form.chosen_period()
            data = make_report(unit, period, form.format.data, current_user)
        except PeriodError:
            error = _("Choose a period: a year, a half-year, a quarter, or two dates (YYYY-MM-DD), "
                      "the first not after the second.")
        except WordingError as problem:
            error = _("The report wording file is broken: %(problem)s", problem=str(problem))
    if error:
        return render_template("reports/unit.html", unit=unit, form=form, error=error), 400
    return Response(data, mimetype=FORMATS[form.format.data][1], headers={
        "Content-Disposition": f'attachment; filename="{filename(unit, period, form.format.data)}"'})
