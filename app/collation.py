"""Vietnamese sort order: "Điện Biên" before "Kim Mã", "Đ" after "D", tones after the bare letter.

A byte-wise or SQL-default ORDER BY puts "Đ" (U+0110) after "Z". ICU's CLDR collation for "vi" is
the well-kept rule set; its sort key is stored as hex text in an indexed column, so a long list
(units, users) is ordered in SQL and paged there, whatever the database's own collation.
Hex digits compare the same in every collation, so the stored keys sort as the bytes do.
"""
from __future__ import annotations

from functools import lru_cache

import icu

#: Room for a 255-character name: ICU keys run about 2–3 bytes a letter, hex doubles them.
SORT_KEY_LENGTH = 1024


@lru_cache(maxsize=1)
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi"))


def sort_key(text: str | None) -> str:
    """The Vietnamese collation key of `text`, as text that sorts byte-wise in that order."""
    return _collator().getSortKey(text or "").hex()[:SORT_KEY_LENGTH]


def vi_sorted(items, key=lambda item: item):
    """Sort short in-memory lists (courses, options) the way the database sorts the long ones."""
    return sorted(items, key=lambda item: sort_key(key(item)))
