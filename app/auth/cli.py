"""`flask users create|import`."""
import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.auth.accounts import AUDIENCES, ROLES, AccountError, check_user_rows, create_user, import_users
from app.extensions import db
from app.cli_support import fail, import_table_file
from app.units.models import Unit

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True, help="Full name, as printed on certificates.")
@click.option("--password", required=True)
@click.option("--role", type=click.Choice(ROLES), default="learner", show_default=True)
@click.option("--unit", "unit_code", required=True, help="Code of the user's unit.")
@click.option("--audience", type=click.Choice(AUDIENCES), help="Required for learners.")
def create_command(email, name, password, role, unit_code, audience):
    """Create one account."""
    unit = db.session.scalar(select(Unit).filter_by(code=unit_code))
    if unit is None:
        fail(f"Error: --unit: unknown unit '{unit_code}'")
    try:
        user = create_user(email, name, role, unit, audience, password)
    except AccountError as exc:
        fail(f"Error: --{exc.field.replace('full_name', 'name')}: {exc.message}")
    db.session.commit()
    click.echo(f"Created {user.role} {user.email} in {unit.code}.")


@users_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_command(file):
    """Import accounts from CSV/XLSX (email,full_name,unit_code,role,audience[,password]); all rows or none."""
    import_table_file(file, check_user_rows, import_users, "Importing accounts", "account")
