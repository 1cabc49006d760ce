"""On small random data, a round's figures at every level of the tree equal a plain recount."""
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.auth.models import User
from app.clock import today
from app.extensions import db
from app.reviews.counts import export_rows, rolled_up
from app.reviews.models import Review, ReviewRound
from app.stats.queries import children_of
from app.units.services import create_unit

TODAY = today()
STATUSES = ["draft", "submitted", "returned", "signed_off"]
RATINGS = ["Tốt", "Đạt", "Chưa đạt"]

people = st.lists(st.tuples(
    st.integers(0, 5),                                  # unit index
    st.sampled_from(["civil_servant", "public_employee"]),
    st.booleans(),                                      # active
    st.sampled_from(["learner", "learner", "manager"]),
    st.sampled_from([None] + STATUSES),                 # review state (None: not opened)
    st.sampled_from(RATINGS),
), max_size=16)
parents = st.lists(st.integers(0, 4), min_size=5, max_size=5)


def recount(round_, unit):
    """The documented rules, person by person."""
    figures = {"assigned": 0, "submitted": 0, "signed_off": 0, "overdue": 0, "ratings": {}}
    reviews = {r.user_id: r for r in db.session.query(Review).filter_by(round_id=round_.id)}
    for user in db.session.query(User):
        if not (user.role == "learner" and user.active and user.audience == round_.audience
                and round_.unit.contains(user.unit) and unit.contains(user.unit)):
            continue
        figures["assigned"] += 1
        review = reviews.get(user.id)
        handed_in = review is not None and review.status in ("submitted", "signed_off")
        figures["submitted"] += handed_in
        figures["overdue"] += (not handed_in) and round_.due_on < TODAY
        if review is not None and review.status == "signed_off":
            figures["signed_off"] += 1
            figures["ratings"][review.overall_rating] = figures["ratings"].get(review.overall_rating, 0) + 1
    return figures


def shape(f):
    return {"assigned": f.assigned, "submitted": f.submitted, "signed_off": f.signed_off, "overdue": f.overdue,
            "ratings": dict(f.ratings)}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parent_choice=parents, people_spec=people, round_unit=st.integers(0, 5), late=st.booleans())
def test_round_figures_equal_a_recount_at_every_level(app, parent_choice, people_spec, round_unit, late):
    try:
        units = [create_unit("R", "Gốc", "province")]
        for i, choice in enumerate(parent_choice):
            units.append(create_unit(f"U{i}", f"Đơn vị {i}", "ward", units[min(choice, len(units) - 1)]))
        round_ = ReviewRound(form_slug="f", unit_id=units[round_unit].id, audience="civil_servant", period="2026",
                             due_on=TODAY + timedelta(days=-3 if late else 3))
        db.session.add(round_)
        db.session.flush()
        for n, (ui, audience, active, role, status, rating) in enumerate(people_spec):
            user = User(email=f"p{n}@x.org", full_name=f"P {n}", role=role, audience=audience, unit=units[ui],
                        active=active)
            db.session.add(user)
            db.session.flush()
            if status is not None:
                db.session.add(Review(round_id=round_.id, user_id=user.id, status=status, answers={}, verdict={},
                                      overall_rating=rating if status == "signed_off" else None))
        db.session.flush()
        db.session.refresh(round_)
        for unit in units:
            children = children_of(unit)
            total, by_child = rolled_up(round_, unit, children, TODAY)
            assert shape(total) == recount(round_, unit), unit.code
            for child, figures in zip(children, by_child):
                assert shape(figures) == recount(round_, child), child.code
        for row, unit in zip(export_rows(round_, units[0], units, RATINGS, TODAY), units):
            expected = recount(round_, unit)
            assert row[2:6] == (expected["assigned"], expected["submitted"], expected["signed_off"],
                                expected["overdue"]), unit.code
            assert dict(zip(RATINGS, row[6:])) == {r: expected["ratings"].get(r, 0) for r in RATINGS}, unit.code
    finally:
        db.session.rollback()
