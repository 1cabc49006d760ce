"""`flask reviews check|open|export`."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.clock import today
from app.extensions import db
from app.reviews.counts import export_columns, export_rows
from app.reviews.form import load_forms
from app.reviews.models import ReviewRound
from app.reviews.queries import commendations
from app.reviews.services import ReviewError, open_round
from app.stats.exports import FORMATS, Column
from app.stats.queries import subtree_units
from app.units.models import Unit

reviews_cli = AppGroup("reviews", help="Self-review forms in REVIEWS_DIR, rounds and their figures.")


def _fail(message: str, code: int = 2):
    click.echo(message, err=True)
    sys.exit(code)


@reviews_cli.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Forms folder (default: REVIEWS_DIR).")
def check(directory):
    """Validate every form; print `path:line: message` for each problem."""
    root = Path(directory or current_app.config["REVIEWS_DIR"])
    if not root.is_dir():
        _fail(f"{root}: reviews folder not found")
    forms, problems = load_forms(root)
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{len(forms)} form(s) OK, {len(problems)} problem(s)", err=True)
    sys.exit(1 if problems else 0)


def _unit(code: str) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        _fail(f"unknown unit '{code}'")
    return unit


@reviews_cli.command("open")
@click.option("--form", "slug", required=True, help="The form's folder name.")
@click.option("--unit", "code", required=True, help="Root unit of the subtree.")
@click.option("--period", required=True, help="2026, 2026-H1 or 2026-Q3.")
@click.option("--due", required=True, help="Due date YYYY-MM-DD.")
@click.option("--audience", default=None, help="Audience (default: the form's first).")
def open_command(slug, code, period, due, audience):
    """Open a review round for a unit subtree."""
    forms, _ = load_forms(Path(current_app.config["REVIEWS_DIR"]))
    form = forms.get(slug)
    if form is None:
        _fail(f"unknown or invalid form '{slug}' (run `flask reviews check`)")
    try:
        due_on = date.fromisoformat(due)
    except ValueError:
        _fail(f"--due: '{due}' is not a date YYYY-MM-DD")
    try:
        round_ = open_round(None, form, _unit(code), audience or form.audiences[0], period, due_on)
    except ReviewError as exc:
        _fail(f"--{exc.field.replace('_', '-')}: {exc}")
    db.session.commit()
    click.echo(f"round {round_.id} opened: {slug} {period} for {code}, due {due_on.isoformat()}")


@reviews_cli.command("export")
@click.option("--unit", "code", help="Unit code (default: the round's unit).")
@click.option("--round", "round_id", type=int, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def export_command(code, round_id, fmt, output):
    """One row per unit of the subtree, parents first: the round's figures rolled up."""
    round_ = db.session.get(ReviewRound, round_id)
    if round_ is None:
        _fail(f"unknown round {round_id}")
    top = _unit(code) if code else round_.unit
    scale = _scale(round_)
    _write(fmt, export_columns(scale), export_rows(round_, top, subtree_units(top), scale, today()), output)


@reviews_cli.command("commendations")
@click.option("--round", "round_id", type=int, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def commendations_command(round_id, fmt, output):
    """The people and units proposed for commendation in a round, with the reasons."""
    round_ = db.session.get(ReviewRound, round_id)
    if round_ is None:
        _fail(f"unknown round {round_id}")
    rows = ((c.user.full_name if c.user else "", c.user.unit.name if c.user else c.unit.name,
             c.unit.code if c.unit else c.user.unit.code, c.reason, c.created_at.date())
            for c in commendations(None, round_))
    columns = [Column("Cá nhân", key="person"), Column("Đơn vị", key="unit"), Column("Mã đơn vị", key="code"),
               Column("Lý do", key="reason"), Column("Ngày đề nghị", "date", "proposed_on")]
    _write(fmt, columns, rows, output)


def _write(fmt: str, columns: list[Column], rows, output: str | None) -> None:
    writer, _ = FORMATS[fmt]
    out = open(output, "wb") if output else sys.stdout.buffer
    try:
        for chunk in writer(columns, rows):
            out.write(chunk)
    finally:
        if output:
            out.close()


def _scale(round_: ReviewRound) -> list[str]:
    forms, _ = load_forms(Path(current_app.config["REVIEWS_DIR"]))
    form = forms.get(round_.form_slug)
    return form.scale if form else []
