"""`flask quizzes import-gift|export-gift|import-aiken`: question banks in and out of quiz.md."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.cli_support import fail
from app.courses.frontmatter import FrontMatterError, parse_document
from app.courses.loader import FINAL_QUIZ_FILE, QuizSource, course_folders
from app.quizzes.aiken import parse_aiken
from app.quizzes.gift import export_gift, parse_gift
from app.quizzes.interop import DEFAULT_FRONT_MATTER, to_markdown, unique_ids
from app.quizzes.parser import parse_quiz

quizzes_cli = AppGroup("quizzes", help="Import and export quiz questions (Moodle GIFT and Aiken).")


def _course_folder(slug: str) -> Path:
    """The folder of the course with this id (its folder name or its front matter id)."""
    root = Path(current_app.config["COURSES_DIR"])
    for folder in course_folders(root):
        if folder.name == slug:
            return folder
        try:
            meta = parse_document((folder / "course.md").read_text(encoding="utf-8")).meta
        except (OSError, FrontMatterError, UnicodeDecodeError):
            continue
        if meta.get("id") == slug:
            return folder
    fail(f"unknown course '{slug}' in {root}", code=2)


def _parse(folder: Path, text: str):
    """Parse a quiz.md text as the loader would: (quiz, problems)."""
    rel = f"{folder.name}/{FINAL_QUIZ_FILE}"
    try:
        doc = parse_document(text)
    except FrontMatterError as exc:
        return None, [f"{rel}:{exc.line}: {exc.message}"]
    quiz, problems = parse_quiz(QuizSource(doc.body, rel, doc.body_line, doc.meta, doc.key_lines))
    return quiz, [str(p) for p in problems]


def _import(folder: Path, drafts, notes) -> None:
    """Append the drafts to the course's quiz.md, only if the result validates."""
    for note in notes:
        click.echo(str(note), err=True)
    path = folder / FINAL_QUIZ_FILE
    existing = path.read_text(encoding="utf-8") if path.is_file() else DEFAULT_FRONT_MATTER
    quiz, problems = _parse(folder, existing) if path.is_file() else (None, [])
    unique_ids(drafts, {q.id for q in quiz.questions} if quiz else set())
    text = existing.rstrip("\n") + "\n\n" + to_markdown(drafts)
    _, problems = _parse(folder, text)
    if problems:
        fail(*(f"would not validate: {problem}" for problem in problems), f"{path}: nothing changed")
    if not drafts:
        fail("no questions to import; nothing changed")
    path.write_text(text, encoding="utf-8")
    click.echo(f"{len(drafts)} question(s) imported into {path}, {len(notes)} note(s)")


def _import_command(name: str):
    """The decorators of an import command: the bank FILE (read with `_bank_text`) and --course."""
    def decorate(command):
        command = click.option("--course", "slug", required=True, help="Course id; its quiz.md is created or extended.")(command)
        command = click.argument("file", type=click.Path(exists=True, dir_okay=False))(command)
        return quizzes_cli.command(name)(command)
    return decorate


def _bank_text(file) -> str:
    """A question bank's text; Moodle and spreadsheet tools often start UTF-8 files with a BOM."""
    return Path(file).read_text(encoding="utf-8-sig")


@_import_command("import-gift")
def import_gift(file, slug):
    """Convert a Moodle GIFT file into questions of the course's final quiz."""
    folder = _course_folder(slug)
    drafts, notes = parse_gift(_bank_text(file), file)
    _import(folder, drafts, notes)


@_import_command("import-aiken")
def import_aiken(file, slug):
    """Convert a Moodle Aiken file into single-choice questions of the course's final quiz."""
    folder = _course_folder(slug)
    drafts, problems = parse_aiken(_bank_text(file), file)
    if problems:
        fail(*map(str, problems), "nothing imported")
    _import(folder, drafts, [])


@quizzes_cli.command("export-gift")
@click.argument("slug")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def export(slug, output):
    """Write the course's final quiz as Moodle GIFT."""
    path = _course_folder(slug) / FINAL_QUIZ_FILE
    if not path.is_file():
        fail(f"{path}: course has no final quiz")
    quiz, problems = _parse(path.parent, path.read_text(encoding="utf-8"))
    if problems:
        fail(*problems)
    text = export_gift(quiz)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"{len(quiz.questions)} question(s) written to {output}", err=True)
    else:
        click.echo(text)
