"""Migration files are numbered in chain order: a file's number is its revision id and it revises
the file before it, so reading migrations/versions in name order is reading the upgrade path.
Numbers may skip (0006 was never shipped); the order may not."""
import ast
import re
from pathlib import Path

VERSIONS = Path(__file__).parents[2] / "migrations/versions"


def migrations() -> list[tuple[str, str, str | None, str]]:
    """(file name, revision, down_revision, docstring) of every migration, in file-name order."""
    found = []
    for path in sorted(VERSIONS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        values = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                  for target in node.targets
                  if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant)}
        found.append((path.name, values.get("revision"), values.get("down_revision"),
                      ast.get_docstring(tree) or ""))
    return found


def test_every_migration_file_is_named_for_its_revision_id():
    wrong = [f"{name}: revision = {revision!r}" for name, revision, _, _ in migrations()
             if not re.fullmatch(r"\d{4}", str(revision)) or not name.startswith(f"{revision}_")]
    assert not wrong


def test_each_migration_revises_the_file_before_it():
    chain = migrations()
    assert chain[0][2] is None, f"{chain[0][0]} must be the first revision"
    wrong = [f"{name}: down_revision = {down!r}, the file before it is {before[1]!r}"
             for before, (name, _, down, _) in zip(chain, chain[1:]) if down != before[1]]
    assert not wrong


def test_migration_headers_repeat_the_revision_ids():
    """The "Revision ID:"/"Revises:" lines are what a reader sees first: they must not contradict the code."""
    wrong = []
    for name, revision, down, doc in migrations():
        header = dict(re.findall(r"^(Revision ID|Revises): *(\S*)$", doc, flags=re.M))
        if header.get("Revision ID") != revision or header.get("Revises") != (down or ""):
            wrong.append(f"{name}: header says {header}, code says {revision!r} revises {down!r}")
    assert not wrong
