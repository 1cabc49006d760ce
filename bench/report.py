"""Times the report upward of a province on a database made by `python -m bench.seed`.

    python -m bench.seed --learners 100000 --units 1000 --database-url sqlite:///instance/bench.db
    python -m bench.report [--database-url URL] [--unit P] [--period 2026] [--runs 3]

Prints the median seconds to make the .docx and the PDF of the unit's report (the same call as
`flask reports unit`), against the budget of issue 18: under 10 s for a province of 1,000 units
and 100,000 learners.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from bench.seed import absolute_url

BUDGET_SECONDS = 10.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:///instance/bench.db")
    parser.add_argument("--unit", default="P")
    parser.add_argument("--period", default=None, help="default: this year")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from sqlalchemy import func, select

    from app import create_app
    from app.auth.models import User
    from app.clock import today
    from app.extensions import db
    from app.reports.periods import parse_period
    from app.reports.service import FORMATS, make_report
    from app.units.models import Unit

    courses = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "courses"
    app = create_app("development", SQLALCHEMY_DATABASE_URI=absolute_url(args.database_url), COURSES_DIR=str(courses))
    with app.app_context():
        unit = db.session.scalar(select(Unit).where(Unit.code == args.unit))
        if unit is None:
            print(f"unknown unit '{args.unit}': run python -m bench.seed first", file=sys.stderr)
            return 2
        period = parse_period(args.period or str(today().year))
        units = db.session.scalar(select(func.count()).select_from(Unit).where(unit.subtree_filter()))
        learners = db.session.scalar(select(func.count()).select_from(User).where(User.role == "learner"))
        print(f"report of {unit.code} ({unit.name}), period {period.code}: {units} units, {learners} learners")
        print(f"{'format':<8}{'median s':>10}{'max s':>8}{'bytes':>10}  budget {BUDGET_SECONDS:.0f} s")
        worst = 0.0
        for fmt in sorted(FORMATS):
            samples, size = [], 0
            for _ in range(args.runs):
                db.session.expire_all()
                start = time.perf_counter()
                size = len(make_report(unit, period, fmt, SimpleNamespace(unit=unit)))
                samples.append(time.perf_counter() - start)
            worst = max(worst, max(samples))
            print(f"{fmt:<8}{statistics.median(samples):>10.2f}{max(samples):>8.2f}{size:>10}")
        print("within budget" if worst < BUDGET_SECONDS else "OVER BUDGET")
        return 0 if worst < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
