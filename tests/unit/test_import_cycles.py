"""No two area packages of app/ import each other, at module level or inside a function:
a cycle makes each package unusable without the other and import order fragile."""
import ast
from pathlib import Path

APP = Path(__file__).parents[2] / "app"
#: Cycles known and not yet broken (issue 20): each entry is a sorted pair. Empty it, never grow it.
KNOWN: set[tuple[str, ...]] = set()


def package_imports() -> dict[str, dict[str, str]]:
    """package → package it imports → one file that does."""
    edges: dict[str, dict[str, str]] = {}
    for path in APP.rglob("*.py"):
        parts = path.relative_to(APP).parts
        if len(parts) < 2:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                name = module.split(".")
                if name[0] == "app" and len(name) > 1 and (APP / name[1]).is_dir() and name[1] != parts[0]:
                    edges.setdefault(parts[0], {}).setdefault(name[1], str(path.relative_to(APP.parent)))
    return edges


def cycles(edges) -> set[tuple[str, ...]]:
    """Every package cycle, as the sorted tuple of its packages."""
    found = set()

    def walk(start, node, trail):
        for nxt in edges.get(node, {}):
            if nxt == start:
                found.add(tuple(sorted(trail)))
            elif nxt not in trail and nxt > start:
                walk(start, nxt, trail + [nxt])

    for start in edges:
        walk(start, start, [start])
    return found


def test_area_packages_import_each_other_in_one_direction_only():
    edges = package_imports()
    assert edges, "no imports found: is APP right?"
    new = cycles(edges) - KNOWN
    assert not new, "package import cycles: " + "; ".join(
        " → ".join(f"{a} ({edges[a][b]})" for a, b in zip(c, c[1:] + c[:1]) if b in edges.get(a, {})) for c in new)


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b": "x"}, "b": {"c": "y"}, "c": {"a": "z"}}) == {("a", "b", "c")}
