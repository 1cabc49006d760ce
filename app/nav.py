"""The main menu. Each area offers its own links from its package's __init__.py with
`offer_link`; the menu lists them by position, whatever order the blueprints register in."""
from __future__ import annotations

from flask import Blueprint, current_app, url_for
from flask_login import current_user


def offer_link(bp: Blueprint, position: int, roles, endpoint: str, label) -> None:
    """Show a main-menu link to `endpoint` to people whose role is in `roles`, once `bp` is registered."""
    roles = tuple(roles)

    @bp.record_once
    def _register(state) -> None:
        state.app.extensions.setdefault("nav_links", []).append((position, roles, endpoint, label))


def nav_items() -> list[dict]:
    """The current user's main-menu links, in position order (none for visitors)."""
    if not current_user.is_authenticated:
        return []
    links = sorted(current_app.extensions.get("nav_links", []), key=lambda link: link[0])
    return [{"url": url_for(endpoint), "label": label} for _, roles, endpoint, label in links
            if current_user.role in roles]
