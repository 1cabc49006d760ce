"""SQL expressions that SQLite and PostgreSQL spell differently."""
from sqlalchemy import Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


def _spelled(function: type[FunctionElement], sqlite: str, postgresql: str) -> None:
    """Teach SQLAlchemy how each database writes `function`: `{arg}` stands for its argument."""
    def spell(template: str):
        return lambda element, compiler, **kw: template.format(arg=compiler.process(element.clauses, **kw))
    compiles(function)(spell(sqlite))  # the default, which SQLite uses
    compiles(function, "postgresql")(spell(postgresql))


class year_month(FunctionElement):
    """'YYYY-MM' of a timestamp, for month-by-month trends."""

    type = String()
    inherit_cache = True
    name = "year_month"


_spelled(year_month, sqlite="strftime('%Y-%m', {arg})", postgresql="to_char({arg}, 'YYYY-MM')")


class ancestor_ids(FunctionElement):
    """A table function: one row per id on a materialised path ("/1/5/23/" gives 1, 5, 23),
    in a column `value` (cast it to an integer). Joined to a unit, it lists the unit and
    every ancestor, so that one GROUP BY adds a learner into each subtree they belong to."""

    type = Integer()
    inherit_cache = True
    name = "ancestor_ids"


#: The path as a JSON array text: "/1/5/23/" → "[1,5,23]".
_PATH_AS_JSON = "'[' || replace(trim({arg}, '/'), '/', ',') || ']'"
# A function in FROM may read columns of the items before it (on PostgreSQL, LATERAL is implied).
_spelled(ancestor_ids, sqlite=f"json_each({_PATH_AS_JSON})",
         postgresql=f"json_array_elements_text(CAST({_PATH_AS_JSON} AS json))")


__all__ = ["ancestor_ids", "year_month"]
