"""YAML front matter with line numbers, so that every problem can say file:line."""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml


class FrontMatterError(ValueError):
    """A front matter block that cannot be read; `line` is 1-based in the file."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Document:
    """A Markdown file split into its metadata and its body."""

    meta: dict
    body: str
    #: 1-based line in the file where `body` starts.
    body_line: int
    #: 1-based line of each top-level key in the front matter.
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def parse_document(text: str) -> Document:
    """Split `---` fenced YAML front matter from the Markdown after it."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Document({}, text, 1)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(1, "front matter opened with '---' is never closed")
    source = "\n".join(lines[1:end])
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        meta = yaml.safe_load(source) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(line, f"invalid YAML in front matter: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(2, "front matter must be a mapping of 'key: value' lines")
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    body = "\n".join(lines[end + 1:])
    return Document(meta, body, end + 2, key_lines)
