"""`flask units import FILE`."""
import sys

import click
from flask.cli import AppGroup

from app.extensions import db
from app.tabular import TableError, read_table_file
from app.units.services import check_unit_rows, import_units

units_cli = AppGroup("units", help="Manage the unit tree.")


@units_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_command(file):
    """Import units from CSV/XLSX (code,name,kind,parent_code); all rows or none."""
    try:
        names, records = read_table_file(file)
    except TableError as exc:
        click.echo(f"{file}: {exc}", err=True)
        sys.exit(1)
    rows, errors = check_unit_rows(records, names)
    if errors:
        for error in errors:
            click.echo(f"{file}: {error}", err=True)
        click.echo(f"Nothing imported: {len(errors)} problem(s).", err=True)
        sys.exit(1)
    with click.progressbar(length=len(rows), label="Importing units", file=sys.stderr) as bar:
        result = import_units(rows, progress=bar.update)
    db.session.commit()
    click.echo(f"{result['created']} unit(s) created, {result['updated']} updated, {result['unchanged']} unchanged.")
