"""Shared pieces of the import commands."""
import sys

import click

from app.tabular import TableError, read_table_file


def checked_file_rows(file, check) -> list[dict]:
    """For the import commands: read FILE, run `check(records, names)`, and on any problem
    print every one as `FILE: row N, column C: reason` and exit 1, having imported nothing."""
    try:
        names, records = read_table_file(file)
    except TableError as exc:
        click.echo(f"{file}: {exc}", err=True)
        sys.exit(1)
    rows, errors = check(records, names)
    if errors:
        for error in errors:
            click.echo(f"{file}: {error}", err=True)
        click.echo(f"Nothing imported: {len(errors)} problem(s).", err=True)
        sys.exit(1)
    return rows
