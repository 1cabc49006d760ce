"""Pages of a list: numbers only, no database (the queries count and slice in SQL)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Page:
    """One page of a longer list."""

    items: list
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page


def page_number(raw: str | None, default: int = 1) -> int:
    """A page number from a query string; anything odd means the first page."""
    try:
        return max(1, min(int(raw or default), 1_000_000))
    except ValueError:
        return 1
