"""`flask reports unit CODE --period 2026|2026-H1|2026-Q3 [--from DATE --to DATE] --format docx|pdf -o FILE`."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.extensions import db
from app.reports.periods import PeriodError, resolve
from app.reports.service import FORMATS, make_report
from app.reports.wording import WordingError
from app.units.models import Unit

reports_cli = AppGroup("reports", help="Periodic reports upward (Word and PDF).")


@reports_cli.command("unit")
@click.argument("code")
@click.option("--period", help="2026 (year), 2026-H1/H2 (half-year) or 2026-Q1…Q4 (quarter).")
@click.option("--from", "start", metavar="DATE", help="First due date of a date range (YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="Last due date of a date range (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="File to write.")
def unit_command(code, period, start, end, fmt, output):
    """Write the report of unit CODE for a period: assignments due in the period, figures of
    the unit and its child units, changes since the previous period, commendations."""
    try:
        chosen = resolve(period, start, end)
    except PeriodError as error:
        _fail(str(error))
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        _fail(f"unknown unit '{code}'")
    # The figures as the unit's own managers see them (the privacy floor of a viewer inside it).
    try:
        data = make_report(unit, chosen, fmt, SimpleNamespace(unit=unit))
    except WordingError as error:
        _fail(str(error))
    Path(output).write_bytes(data)
    click.echo(f"{output}: {unit.code} {chosen.code} ({len(data)} bytes)", err=True)


def _fail(message: str):
    click.echo(f"error: {message}", err=True)
    sys.exit(2)
