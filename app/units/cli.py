"""`flask units import FILE`."""
import click
from flask.cli import AppGroup

from app.cli_support import import_table_file
from app.units.services import check_unit_rows, import_units

units_cli = AppGroup("units", help="Manage the unit tree.")


@units_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_command(file):
    """Import units from CSV/XLSX (code,name,kind,parent_code); all rows or none."""
    import_table_file(file, check_unit_rows, import_units, "Importing units", "unit")
