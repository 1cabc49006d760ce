"""`flask backup [-o FILE]`."""
import sys
from pathlib import Path

import click
from flask import current_app

from app.clock import utcnow
from app.ops.backup import BackupError, backup, default_name


@click.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Where to write the copy "
              "(default: instance/backups/integrity-<UTC time>.db or .dump).")
def backup_command(output):
    """Make an online copy of the database (SQLite backup API, or pg_dump on PostgreSQL)."""
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    target = Path(output) if output else (
        Path(current_app.instance_path) / "backups" / default_name(url, utcnow().strftime("%Y%m%d-%H%M%S")))
    try:
        backup(url, target)
    except BackupError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Backup written to {target} ({target.stat().st_size} bytes).")
