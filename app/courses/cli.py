"""`flask courses check|sync`."""
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.clock import today
from app.courses.catalog import catalog
from app.courses.lint import lint
from app.courses.loader import check_tree
from app.courses.services import sync_courses
from app.extensions import db

courses_cli = AppGroup("courses", help="Check and record the Markdown courses in COURSES_DIR.")


@courses_cli.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Courses folder (default: COURSES_DIR).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on quiz-quality warnings too.")
def check(directory, strict):
    """Validate every course file; print `path:line: message` for each problem, then
    `path:line: warning: message` for each quiz-quality or currency warning."""
    root = Path(directory or current_app.config["COURSES_DIR"])
    if not root.is_dir():
        click.echo(f"{root}: courses folder not found", err=True)
        sys.exit(2)
    courses, problems = check_tree(root, quiz_parser=current_app.extensions.get("quiz_parser"))
    warnings = lint(courses, today(), current_app.extensions.get("quiz_lint"))
    for problem in [*problems, *warnings]:
        click.echo(str(problem))
    click.echo(f"{len(courses)} course(s) OK, {len(problems)} problem(s), {len(warnings)} warning(s)", err=True)
    sys.exit(1 if problems or (strict and warnings) else 0)


@courses_cli.command("sync")
def sync():
    """Record every valid course and its content version in the database."""
    cat = catalog()
    cat.refresh(force=True)
    result = sync_courses(cat.all(), git_commit=None)
    db.session.commit()
    for problem in cat.errors():
        click.echo(f"skipped: {problem}", err=True)
    click.echo(
        f"{len(cat.courses)} course(s) synced: {result['created']} new, "
        f"{result['updated']} changed, {result['retired']} retired; {len(cat.errors())} problem(s)"
    )
