"""Sorting checked import rows into created / updated / unchanged. Pure: no Flask, no database."""
from __future__ import annotations


def classify(rows: list[dict], key: str, fields: list[str], existing: dict[str, tuple]) -> dict[str, list[dict]]:
    """Split rows by what importing them would do, given the stored values of `fields` per key."""
    result = {"created": [], "updated": [], "unchanged": []}
    for row in rows:
        stored = existing.get(row[key])
        if stored is None:
            result["created"].append(row)
        elif tuple(row[f] for f in fields) != tuple(stored):
            result["updated"].append(row)
        else:
            result["unchanged"].append(row)
    return result
