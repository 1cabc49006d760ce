"""Learners' stored progress survives content rewrites: the lesson ids the shipped courses had in
November 2026 (tests/fixtures/course_ids_2026-11.json, generated from the loader on main) still exist.

Progress rows, views and certificates are keyed by course and lesson id, and the demo seed marks
lessons done by id; a lesson may only go if the fixture's `retired` list names it with a reason.
"""
import json
from pathlib import Path

from app.courses.loader import check_tree
from app.quizzes.parser import parse_quiz

ROOT = Path(__file__).parent.parent.parent
BEFORE = json.loads((ROOT / "tests" / "fixtures" / "course_ids_2026-11.json").read_text(encoding="utf-8"))


def current():
    courses, _ = check_tree(ROOT / "courses", quiz_parser=parse_quiz)
    return courses


def test_every_lesson_of_november_2026_still_exists_unless_retired_with_a_reason():
    retired = {(r["course"], r["lesson"]) for r in BEFORE["retired"] if r.get("reason", "").strip()}
    courses = current()
    missing = []
    for slug, old in BEFORE["courses"].items():
        course = courses.get(slug)
        have = {lesson.id for lesson in course.lessons} if course else set()
        missing += [f"{slug}/{lesson}" for lesson in old["lessons"] if lesson not in have and (slug, lesson) not in retired]
    assert missing == [], "lessons gone without a 'retired' entry (course, lesson, reason) in the fixture"


def test_every_retired_entry_gives_a_reason():
    assert all(r.get("reason", "").strip() for r in BEFORE["retired"])


def test_the_demo_seeds_certified_course_still_has_a_final_quiz_and_its_old_lessons():
    # app/demo/seed.py certifies the demo civil servant in the civil servants' course: a final
    # quiz result plus every lesson done, recorded by the ids below.
    course = current()["liem-chinh-cong-vu"]
    assert course.final_quiz is not None and course.certificate
    old = set(BEFORE["courses"]["liem-chinh-cong-vu"]["lessons"])
    retired = {r["lesson"] for r in BEFORE["retired"] if r["course"] == "liem-chinh-cong-vu"}
    assert old - retired <= {lesson.id for lesson in course.lessons}


def test_the_demo_city_has_two_tiers_of_local_government_and_no_districts():
    # Districts ended on 1 July 2025: the city's wards and communes hang straight off the city.
    from app.demo.data import ACCOUNTS, UNITS

    kinds = {code: (kind, parent) for code, _, kind, parent in UNITS}
    assert "district" not in {kind for kind, _ in kinds.values()}
    assert all(parent == "HN" for kind, parent in kinds.values() if kind in ("ward", "commune"))
    manager_unit = next(unit for _, _, role, unit, _ in ACCOUNTS if role == "manager")
    assert kinds[manager_unit][0] in ("ward", "commune", "department")
