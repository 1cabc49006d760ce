"""SQL expressions that SQLite and PostgreSQL spell differently."""
from sqlalchemy import Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class year_month(FunctionElement):
    """'YYYY-MM' of a timestamp, for month-by-month trends."""

    type = String()
    inherit_cache = True
    name = "year_month"


@compiles(year_month)
def _month_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(year_month, "postgresql")
def _month_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


class ancestor_ids(FunctionElement):
    """A table function: one row per id on a materialised path ("/1/5/23/" gives 1, 5, 23),
    in a column `value` (cast it to an integer). Joined to a unit, it lists the unit and
    every ancestor, so that one GROUP BY adds a learner into each subtree they belong to."""

    type = Integer()
    inherit_cache = True
    name = "ancestor_ids"


def _path_as_json(compiler, element, kw) -> str:
    path = compiler.process(element.clauses, **kw)
    return f"'[' || replace(trim({path}, '/'), '/', ',') || ']'"


@compiles(ancestor_ids)
def _ancestors_sqlite(element, compiler, **kw):
    return f"json_each({_path_as_json(compiler, element, kw)})"


@compiles(ancestor_ids, "postgresql")
def _ancestors_postgresql(element, compiler, **kw):
    # A function in FROM may read columns of the items before it (LATERAL is implied).
    return f"json_array_elements_text(CAST({_path_as_json(compiler, element, kw)} AS json))"


__all__ = ["ancestor_ids", "year_month"]
