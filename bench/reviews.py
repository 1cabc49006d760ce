"""Times a self-review round over a synthetic province: the figures page and the API.

    python -m bench.reviews [--people 100000] [--units 1000] [--database-url URL] [--runs 5]

Builds its own database (emptied first): a province → wards → agencies tree (two tiers of local government), `--people`
civil servants spread over the units, one yearly round on the province with reviews in every
state (Core executemany, a few seconds). Then prints median times of the province's figures
page and of `GET /api/v1/reviews/units/<code>?round=<id>`, logged in as an admin. Budget
from issue 17: under 200 ms each on SQLite for 100,000 people in 1,000 units.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from bench.seed import ADMIN_EMAIL, PASSWORD, absolute_url
from bench.stats import _time

CHUNK = 20_000


def build(app, people: int, units: int, seed: int) -> int:
    """Fill the database; returns the round's id."""
    from app.auth.accounts import create_user
    from app.auth.models import User
    from app.clock import today, utcnow
    from app.extensions import db
    from app.reviews.models import Review, ReviewRound
    from app.units.models import Unit

    rng = random.Random(seed)
    db.drop_all()
    db.create_all()
    province = Unit(code="P", name="Tỉnh Thử nghiệm", kind="province", path="", depth=0)
    db.session.add(province)
    db.session.flush()
    province.path = f"/{province.id}/"
    wards = max(1, units // 30)
    rows, next_id = [], province.id + 1
    parents = []
    for d in range(wards):
        rows.append({"id": next_id, "code": f"X{d}", "name": f"Phường {d}", "kind": "ward", "parent_id": province.id,
                     "path": f"{province.path}{next_id}/", "depth": 1, "active": True, "created_at": utcnow()})
        parents.append(rows[-1])
        next_id += 1
    while len(rows) < units - 1:
        parent = parents[len(rows) % wards]
        rows.append({"id": next_id, "code": f"W{next_id}", "name": f"Cơ quan {next_id}", "kind": "agency",
                     "parent_id": parent["id"], "path": f"{parent['path']}{next_id}/", "depth": 2, "active": True,
                     "created_at": utcnow()})
        next_id += 1
    db.session.execute(insert(Unit), rows)
    create_user(ADMIN_EMAIL, "Bench Admin", "admin", province, None, PASSWORD)
    round_ = ReviewRound(form_slug="can-bo-cong-chuc", unit_id=province.id, audience="civil_servant", period="2026",
                         due_on=today() - timedelta(days=1), created_at=utcnow())
    db.session.add(round_)
    db.session.flush()
    leaves = [r["id"] for r in rows if r["depth"] == 2] or [province.id]
    first_user = db.session.query(db.func.max(User.id)).scalar() + 1
    for start in range(0, people, CHUNK):
        batch = range(start, min(people, start + CHUNK))
        db.session.execute(insert(User), [
            {"id": first_user + n, "email": f"p{n}@bench.example", "full_name": f"Người {n}", "role": "learner",
             "audience": "civil_servant", "unit_id": rng.choice(leaves), "active": True, "password_hash": "!",
             "created_at": utcnow()} for n in batch])
        reviews = []
        for n in batch:
            status = rng.choice(["draft", "submitted", "returned", "signed_off", "signed_off", None])
            if status:
                reviews.append({"round_id": round_.id, "user_id": first_user + n, "status": status, "answers": {},
                                "verdict": {}, "updated_at": utcnow(),
                                "overall_rating": rng.choice(["Tốt", "Đạt", "Chưa đạt"]) if status == "signed_off" else None})
        db.session.execute(insert(Review), reviews)
    db.session.commit()
    return round_.id


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:///instance/bench-reviews.db")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    from app import create_app

    root = Path(__file__).resolve().parent.parent
    Path("instance").mkdir(exist_ok=True)
    app = create_app("development", SQLALCHEMY_DATABASE_URI=absolute_url(args.database_url),
                     COURSES_DIR=str(root / "tests" / "fixtures" / "courses"), REVIEWS_DIR=str(root / "reviews"),
                     RATELIMIT_ENABLED=False)
    with app.app_context():
        started = time.perf_counter()
        round_id = build(app, args.people, args.units, args.seed)
        print(f"built {args.people:,} people in {args.units:,} units in {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    import re
    html = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)
    client.post("/auth/login", data={"email": ADMIN_EMAIL, "password": PASSWORD, "csrf_token": token})
    for label, path in (("province page", f"/reviews/rounds/{round_id}/units/P"),
                        ("API province", f"/api/v1/reviews/units/P?round={round_id}"),
                        ("API ward", f"/api/v1/reviews/units/X0?round={round_id}")):
        ms, size = _time(client, path, args.runs)
        print(f"{label:15} {ms:8.1f} ms  ({size:,} bytes)  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
