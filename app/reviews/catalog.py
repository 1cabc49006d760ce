"""The forms in REVIEWS_DIR, read again only when a form.md changes (a stat per form)."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from app.courses.render import render_markdown
from app.courses.loader import Problem
from app.reviews.form import ReviewForm, load_forms


def _stamp(root: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in root.glob("*/form.md"))) if root.is_dir() else ()


def forms() -> dict[str, ReviewForm]:
    """Valid forms by slug. A broken form is left out (and logged), never an error page."""
    root = Path(current_app.config["REVIEWS_DIR"])
    cache = current_app.extensions.setdefault("review_forms", {})
    stamp = _stamp(root)
    if cache.get("stamp") != stamp:
        loaded, problems = load_forms(root)
        for problem in problems:
            current_app.logger.warning("review form skipped: %s", problem)
        # Guidance is rendered once per file version, never per request.
        html = {(slug, item.id): render_markdown(item.guidance) for slug, form in loaded.items()
                for item in form.items()}
        cache.update(stamp=stamp, forms=loaded, html=html, problems=problems)
    return cache["forms"]


def guidance_html(slug: str, item_id: str) -> str:
    forms()
    return current_app.extensions["review_forms"]["html"].get((slug, item_id), "")


def problems() -> list[Problem]:
    forms()
    return current_app.extensions["review_forms"]["problems"]
