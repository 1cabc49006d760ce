"""`flask units import FILE`."""
import sys

import click
from flask.cli import AppGroup

from app.extensions import db
from app.cli_support import checked_file_rows
from app.units.services import check_unit_rows, import_units

units_cli = AppGroup("units", help="Manage the unit tree.")


@units_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_command(file):
    """Import units from CSV/XLSX (code,name,kind,parent_code); all rows or none."""
    rows = checked_file_rows(file, check_unit_rows)
    with click.progressbar(length=len(rows), label="Importing units", file=sys.stderr) as bar:
        result = import_units(rows, progress=bar.update)
    db.session.commit()
    click.echo(f"{result['created']} unit(s) created, {result['updated']} updated, {result['unchanged']} unchanged.")
