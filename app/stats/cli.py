"""`flask stats export [--unit CODE] [--course SLUG] --format csv|xlsx|json [-o FILE]`,
`flask stats rebuild`."""
from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.clock import today
from app.courses.models import Course
from app.extensions import db
from app.stats import counters, queries
from app.stats.exports import FORMATS, Column
from app.stats.figures import Filters
from app.stats.report import tree_figures
from app.stats.tables import UNIT_COLUMNS, unit_rows
from app.units.models import Unit

stats_cli = AppGroup("stats", help="Statistics of assigned courses per unit.")


@stats_cli.command("export")
@click.option("--unit", "code", help="Unit code (default: the whole tree from its root units).")
@click.option("--course", "slug", help="Only this course (slug).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def export_command(code, slug, fmt, output):
    """Export the figures of every unit of a subtree, one row per unit, parents first."""
    filters = Filters()
    if slug:
        course_id = db.session.scalar(select(Course.id).where(Course.slug == slug))
        if course_id is None:
            click.echo(f"unknown course '{slug}'", err=True)
            sys.exit(2)
        filters = Filters(course_id=course_id)
    if code:
        unit = db.session.scalar(select(Unit).where(Unit.code == code))
        if unit is None:
            click.echo(f"unknown unit '{code}'", err=True)
            sys.exit(2)
        tops = [unit]
    else:
        tops = queries.roots()
    rows = [row for top in tops for row in tree_figures(top, filters, today())]
    writer, _ = FORMATS[fmt]
    out = open(output, "wb") if output else sys.stdout.buffer
    try:
        for chunk in writer(UNIT_COLUMNS + _tree_columns(), (r + (f.path.count("/") - 2, ",".join(f.child_codes))
                                                             for f in rows for r in unit_rows([f]))):
            out.write(chunk)
    finally:
        if output:
            out.close()
    click.echo(f"{len(rows)} unit(s) exported.", err=True)


def _tree_columns() -> list[Column]:
    return [Column("Cấp", "number", "depth"), Column("Đơn vị trực thuộc", key="children")]


@stats_cli.command("rebuild")
def rebuild_command():
    """Recount the statistics summary rows from the raw rows, in one transaction (repairs)."""
    counts = counters.rebuild(db.session)
    db.session.commit()
    click.echo(", ".join(f"{name}: {n}" for name, n in counts.items()))
