"""Shared pieces of the command-line groups: stopping with a message, importing a table file."""
import sys
from typing import NoReturn

import click

from app.extensions import db
from app.tabular import TableError, read_table_file


def fail(*lines: str, code: int = 1) -> NoReturn:
    """Print each line on stderr and stop the command with exit status `code`."""
    for line in lines:
        click.echo(line, err=True)
    sys.exit(code)


def checked_file_rows(file, check) -> list[dict]:
    """For the import commands: read FILE, run `check(records, names)`, and on any problem
    print every one as `FILE: row N, column C: reason` and exit 1, having imported nothing."""
    try:
        names, records = read_table_file(file)
    except TableError as exc:
        fail(f"{file}: {exc}")
    rows, errors = check(records, names)
    if errors:
        fail(*(f"{file}: {error}" for error in errors), f"Nothing imported: {len(errors)} problem(s).")
    return rows


def import_table_file(file, check, import_rows, label: str, noun: str) -> None:
    """`flask units|users import FILE`: the checked rows (all or none), imported with a progress
    bar on stderr, committed once, then the counts ("3 unit(s) created, 1 updated, 0 unchanged.")."""
    rows = checked_file_rows(file, check)
    with click.progressbar(length=len(rows), label=label, file=sys.stderr) as bar:
        result = import_rows(rows, progress=bar.update)
    db.session.commit()
    click.echo(f"{result['created']} {noun}(s) created, {result['updated']} updated, {result['unchanged']} unchanged.")
