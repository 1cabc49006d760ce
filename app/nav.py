"""Extra links in the main menu, contributed by areas (administration, statistics, ...).

An area calls `add_nav_item(provider)` with a function of the current user that returns
(label, url) pairs; base.html shows them in `nav_items`.
"""
from __future__ import annotations

from typing import Callable, Iterable

from flask import Flask
from flask_login import current_user

_providers: list[Callable] = []


def add_nav_item(provider: Callable[[object], Iterable[tuple[str, str]]]) -> None:
    """Register a provider once (module import time); repeated registration is ignored."""
    if provider not in _providers:
        _providers.append(provider)


def init_app(app: Flask) -> None:
    @app.context_processor
    def nav_items():
        if not current_user.is_authenticated:
            return {"nav_items": []}
        items = [{"label": label, "url": url} for provider in _providers for label, url in provider(current_user)]
        return {"nav_items": items}
