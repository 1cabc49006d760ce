"""Unit pickers: find a unit by part of its name or code, among the units the person may see.

The form field stays a plain code box (it works without script); static/js/unit-picker.js offers
these matches in a <datalist> as the person types. The scope is applied here, on the server.
"""
from __future__ import annotations

from sqlalchemy import func, or_, select

from app.auth.models import User
from app.auth.scope import unit_scope_filter
from app.extensions import db
from app.units.models import Unit

#: render_kw for a unit-code field: the script finds it by this attribute.
UNIT_PICKER = {"data-unit-picker": "", "autocomplete": "off"}

MAX_OPTIONS = 20


def unit_options(viewer: User, text: str, limit: int = MAX_OPTIONS) -> list[dict]:
    """Up to `limit` visible units whose name or code contains `text`, in Vietnamese name order."""
    text = (text or "").strip().lower()[:64]
    query = select(Unit.code, Unit.name).where(unit_scope_filter(viewer), Unit.active.is_(True))
    if text:
        query = query.where(or_(func.lower(Unit.name).contains(text, autoescape=True),
                                func.lower(Unit.code).contains(text, autoescape=True)))
    rows = db.session.execute(query.order_by(Unit.name_key, Unit.code).limit(limit))
    return [{"code": code, "name": name} for code, name in rows]
