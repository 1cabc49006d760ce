"""`flask users create|import`."""
import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.auth.accounts import AUDIENCES, ROLES, AccountError, check_user_rows, create_user, import_users
from app.extensions import db
from app.cli_support import checked_file_rows
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
        click.echo(f"Error: --unit: unknown unit '{unit_code}'", err=True)
        sys.exit(1)
    try:
        user = create_user(email, name, role, unit, audience, password)
    except AccountError as exc:
        click.echo(f"Error: --{exc.field.replace('full_name', 'name')}: {exc.message}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Created {user.role} {user.email} in {unit.code}.")


@users_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_command(file):
    """Import accounts from CSV/XLSX (email,full_name,unit_code,role,audience[,password]); all rows or none."""
    rows = checked_file_rows(file, check_user_rows)
    with click.progressbar(length=len(rows), label="Importing accounts", file=sys.stderr) as bar:
        result = import_users(rows, progress=bar.update)
    db.session.commit()
    click.echo(f"{result['created']} account(s) created, {result['updated']} updated, {result['unchanged']} unchanged.")
