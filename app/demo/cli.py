"""`flask demo seed`: a small city with its people and some progress, into an empty database."""
import click
from flask.cli import AppGroup

from app.demo.data import DEMO_DOMAIN, DEMO_PASSWORD
from app.demo.seed import seed_demo
from app.extensions import db

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("seed")
@click.option("--force", is_flag=True, help="Seed even if accounts already exist (adds only what is missing).")
def seed_command(force):
    """Seed units, accounts and progress; prints the demo logins."""
    result = seed_demo(force=force)
    if result is None:
        click.echo("The database already has accounts; demo data not seeded (use --force to add what is missing).")
    else:
        db.session.commit()
        click.echo(f"Seeded {result['units']} units, {result['users']} accounts, {result['progress']} lessons of progress, "
                   f"{result['assignments']} assignments.")
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for local, role in (("admin", "admin"), ("manager", "unit manager, Phường Ba Đình (ward)"),
                        ("trainer", "trainer"), ("hocvien", "learner, civil servant"),
                        ("hocsinh", "learner, high school"), ("sinhvien", "learner, university")):
        click.echo(f"  {local + '@' + DEMO_DOMAIN:<30} {role}")
