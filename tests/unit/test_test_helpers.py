"""Tests share helpers through tests/support/, never by importing conftest.py or another test
module: a helper buried in one test file ties every file that borrows it to that file's imports
and fixtures, and conftest.py is pytest's to load, not a library."""
import ast
from pathlib import Path

TESTS = Path(__file__).parents[1]


def shared_imports() -> set[tuple[str, str]]:
    """(file, module) for each import of conftest or of a test module, at any depth."""
    found = set()
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""] if node.level == 0 else [f".{node.module or ''}"]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                last = module.rsplit(".", 1)[-1]
                if last == "conftest" or last.startswith("test_"):
                    found.add((str(path.relative_to(TESTS.parent)), module))
    return found


def test_test_modules_import_helpers_from_support_not_from_each_other_or_conftest():
    assert shared_imports() == set(), "move the helper to tests/support/ and import it from there"
