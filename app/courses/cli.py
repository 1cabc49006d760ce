"""`flask courses check|sync`."""
import sys
from pathlib import Path

from dataclasses import replace

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale, gettext

from app.clock import today
from app.courses.catalog import catalog
from app.courses.lint import lint
from app.courses.loader import check_tree
from app.courses.services import sync_courses
from app.extensions import db
from app.messages import translated

courses_cli = AppGroup("courses", help="Check and record the Markdown courses in COURSES_DIR.")


@courses_cli.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Courses folder (default: COURSES_DIR).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on quiz-quality warnings too.")
@click.option("--lang", type=click.Choice(["en", "vi"]), default="en", show_default=True,
              help="Language of the messages (vi for authors who read Vietnamese).")
def check(directory, strict, lang):
    """Validate every course file; print `path:line: message` for each problem, then
    `path:line: warning: message` for each quiz-quality or currency warning."""
    root = Path(directory or current_app.config["COURSES_DIR"])
    if not root.is_dir():
        click.echo(f"{root}: courses folder not found", err=True)
        sys.exit(2)
    courses, problems = check_tree(root, quiz_parser=current_app.extensions.get("quiz_parser"))
    warnings = lint(courses, today(), current_app.extensions.get("quiz_lint"))
    with force_locale(lang):
        for problem in [*problems, *warnings]:
            # the Problem with its message in `lang` (Messages re-render from their msgid)
            click.echo(str(replace(problem, message=translated(problem.message, gettext))))
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
