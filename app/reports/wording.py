"""The report's wording, read from a YAML file an admin may adapt (REPORTS_DIR/bao-cao.yaml).

Pure: no Flask. Every sentence is a str.format template; a placeholder the site does not fill
is refused with the file and the key, so that a typo shows up when the report is made instead
of as a literal `{untit}` in a document sent upward.
"""
from __future__ import annotations

import string
from pathlib import Path

import yaml

FILENAME = "bao-cao.yaml"
#: Keys every wording file must have (nested keys as "section.key").
REQUIRED = ("number", "place", "date_line", "motto_1", "motto_2", "type", "subject", "intro", "scope_note",
            "closing", "sections", "columns", "periods", "recipients", "recipients_title", "signer_authority",
            "signer_title", "signer_name", "totals", "audiences", "parent_default", "own_learners", "hidden",
            "no_courses", "no_overdue", "no_units_commended", "no_people", "units_commended", "people_commended",
            "assessment_placeholder")
SECTIONS = ("courses", "figures", "changes", "overdue", "commendation", "reviews", "assessment")


class WordingError(ValueError):
    """The wording file is missing, unreadable, or uses an unknown placeholder."""


class Wording:
    """The wording of one file, filled with the facts of one report."""

    def __init__(self, data: dict, source: str, values: dict | None = None):
        self.data, self.source, self.values = data, source, dict(values or {})

    def bind(self, **values) -> Wording:
        """The same wording with more placeholder values."""
        return Wording(self.data, self.source, {**self.values, **values})

    def raw(self, key: str):
        node = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise WordingError(f"{self.source}: missing key '{key}'")
            node = node[part]
        return node

    def __call__(self, key: str, **extra) -> str:
        """The sentence at `key` ("sections.courses"), its placeholders filled."""
        return self.fill(self.raw(key), key, **extra)

    def fill(self, text, key: str, **extra) -> str:
        values = {**self.values, **extra}
        text = " ".join(str(text).split()) if "\n" in str(text) else str(text)
        for _, name, _, _ in string.Formatter().parse(text):
            if name is not None and name not in values:
                raise WordingError(f"{self.source}: '{key}' uses unknown placeholder {{{name}}}")
        return text.format(**values)

    def items(self, key: str) -> list[str]:
        """A list of sentences (the recipients), each filled."""
        return [self.fill(item, f"{key}[{i}]") for i, item in enumerate(self.raw(key))]


def load(directory: str | Path) -> Wording:
    """The wording file of `directory`; WordingError naming the file (and line) when broken."""
    path = Path(directory) / FILENAME
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise WordingError(f"{path}: cannot read the report wording ({error.strerror})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise WordingError(f"{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(data, dict):
        raise WordingError(f"{path}: expected key: value pairs")
    missing = [key for key in REQUIRED if key not in data]
    missing += [f"sections.{key}" for key in SECTIONS if key not in (data.get("sections") or {})]
    if missing:
        raise WordingError(f"{path}: missing key(s) {', '.join(missing)}")
    return Wording(data, str(path))
