"""On small random data, every figure at every level of the tree equals a plain recount."""
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.assignments.models import Assignment
from app.auth.models import User
from app.clock import today
from app.courses.catalog import catalog
from app.courses.models import Enrollment
from app.courses.services import course_row
from app.extensions import db
from app.stats.figures import Filters
from app.stats.report import tree_figures, unit_report
from app.units.services import create_unit

TODAY = today()
AUDIENCES = ["civil_servant", "secondary_student"]

people = st.lists(st.tuples(
    st.integers(0, 5),                      # unit index
    st.sampled_from(AUDIENCES),
    st.booleans(),                          # active
    st.sampled_from(["learner", "learner", "learner", "trainer"]),
    st.integers(-60, 60),                   # joined, days from today
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(0, 100), st.integers(-50, 0)), max_size=3),
), max_size=14)
assignments = st.lists(st.tuples(
    st.integers(0, 2), st.integers(0, 5), st.sampled_from([None] + AUDIENCES), st.integers(-40, 40), st.booleans(),
), max_size=4)
parents = st.lists(st.integers(0, 4), min_size=5, max_size=5)
filter_choice = st.tuples(st.sampled_from([None, 0, 1]), st.sampled_from([None] + AUDIENCES))


def build(parent_choice, people_spec, assignment_spec):
    root = create_unit("R", "Gốc", "province")
    units = [root]
    for i, choice in enumerate(parent_choice):
        units.append(create_unit(f"U{i}", f"Đơn vị {i}", "ward", units[min(choice, len(units) - 1)]))
    courses = [course_row(c) for c in catalog().all()]
    admin = User(email="admin@x.org", full_name="A", role="admin", unit=root, active=True)
    db.session.add(admin)
    for n, (ui, audience, active, role, joined, progress) in enumerate(people_spec):
        user = User(email=f"p{n}@x.org", full_name=f"P {n}", role=role, audience=audience, unit=units[ui],
                    active=active, created_at=datetime.combine(TODAY + timedelta(days=joined), datetime.min.time()))
        db.session.add(user)
        db.session.flush()
        seen = set()
        for ci, stage, score, when in progress:
            if ci in seen:
                continue
            seen.add(ci)
            at = datetime.combine(TODAY + timedelta(days=when), datetime.min.time())
            db.session.add(Enrollment(user_id=user.id, course_id=courses[ci].id, started_at=at, lessons_done=0,
                                      completed_at=at if stage >= 2 else None,
                                      passed_at=at if stage >= 3 else None,
                                      best_score=float(score) if stage >= 1 else None))
    for ci, ui, audience, due, active in assignment_spec:
        db.session.add(Assignment(course_id=courses[ci].id, unit_id=units[ui].id, audience=audience,
                                  starts_on=TODAY - timedelta(days=90), due_on=TODAY + timedelta(days=due), active=active))
    db.session.flush()
    return units, admin


def recount(unit, filters=Filters()):
    """The documented rules, applied row by row in Python."""
    pairs = {}
    for a in db.session.query(Assignment).filter_by(active=True):
        if filters.course_id not in (None, a.course_id):
            continue
        for u in db.session.query(User).filter_by(role="learner", active=True):
            if filters.audience not in (None, u.audience):
                continue
            if a.unit.contains(u.unit) and unit.contains(u.unit) and a.audience in (None, u.audience):
                key = (u.id, a.course_id)
                pairs[key] = min(pairs.get(key, a.due_on), a.due_on)
    enrollments = {(e.user_id, e.course_id): e for e in db.session.query(Enrollment)}
    users = {u.id: u for u in db.session.query(User)}
    figures = {"learners": len({uid for uid, _ in pairs}), "assigned": len(pairs), "started": 0, "completed": 0,
               "passed": 0, "overdue": 0, "score_sum": 0.0, "score_count": 0}
    trend = {}
    for (uid, cid), due in pairs.items():
        e = enrollments.get((uid, cid))
        figures["started"] += e is not None
        figures["completed"] += bool(e and e.completed_at)
        figures["passed"] += bool(e and e.passed_at)
        if e is not None and e.best_score is not None:
            figures["score_sum"] += e.best_score
            figures["score_count"] += 1
        if e and e.completed_at:
            month = e.completed_at.strftime("%Y-%m")
            trend[month] = trend.get(month, 0) + 1
        joined = users[uid].created_at.date()
        figures["overdue"] += (not (e and e.completed_at)) and due < TODAY and joined <= due
    return figures, dict(sorted(trend.items()))


def counts(f):
    return {k: getattr(f, k) for k in ("learners", "assigned", "started", "completed", "passed", "overdue",
                                        "score_sum", "score_count")}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parent_choice=parents, people_spec=people, assignment_spec=assignments, choice=filter_choice)
def test_every_figure_equals_a_recount_at_every_level(app, parent_choice, people_spec, assignment_spec, choice):
    try:
        units, admin = build(parent_choice, people_spec, assignment_spec)
        course = None if choice[0] is None else course_row(catalog().all()[choice[0]]).id
        for filters in (Filters(), Filters(course_id=course, audience=choice[1])):
            tree = {f.code: f for f in tree_figures(units[0], filters, TODAY)}
            for unit in units:
                expected, trend = recount(unit, filters)
                report = unit_report(unit, filters, admin, TODAY)
                assert counts(report.unit) == expected, unit.code
                assert report.trend == trend, unit.code
                assert counts(tree[unit.code]) == expected, unit.code
                for child in report.children:
                    assert counts(child) == recount(next(u for u in units if u.code == child.code), filters)[0]
    finally:
        db.session.rollback()
