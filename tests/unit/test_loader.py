"""The course loader: format, stable ids, content hash, and problems as file:line."""
import shutil
from pathlib import Path

import pytest

from app.courses.loader import RESERVED_LESSON_IDS, check_tree, content_hash, course_folders, load_course
from app.quizzes.parser import parse_quiz

FIXTURES = Path(__file__).parent.parent / "fixtures" / "courses"
REAL = Path(__file__).parent.parent.parent / "courses"


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "courses"
    shutil.copytree(FIXTURES, root)
    return root


def test_fixture_courses_load_with_lessons_in_file_order(tree):
    courses, problems = check_tree(tree)
    assert problems == []
    civics = courses["civics"]
    assert [lesson.id for lesson in civics.lessons] == ["conduct", "gifts"]
    assert civics.audiences == ["civil_servant", "public_employee"]
    assert civics.pass_mark == 70 and civics.certificate is True
    assert "<strong>civics</strong>" in civics.intro_html


def test_the_shipped_courses_have_no_problems():
    courses, problems = check_tree(REAL, quiz_parser=parse_quiz)
    assert [str(p) for p in problems] == []
    # Every course folder loads (none while courses/ is still empty in a branch).
    assert len(courses) == len(course_folders(REAL))
    for course in courses.values():
        assert len(course.lessons) >= 4, course.slug


def test_renumbering_a_lesson_keeps_its_id(tree):
    (tree / "civics" / "02-gifts.md").rename(tree / "civics" / "05-gifts.md")
    courses, _ = check_tree(tree)
    assert [lesson.id for lesson in courses["civics"].lessons] == ["conduct", "gifts"]


def test_content_hash_changes_with_any_byte_and_only_then(tree):
    before = content_hash(tree / "civics")
    assert content_hash(tree / "civics") == before
    path = tree / "civics" / "01-conduct.md"
    path.write_text(path.read_text() + " ")
    assert content_hash(tree / "civics") != before


def test_bad_yaml_is_reported_with_file_and_line(tree):
    (tree / "civics" / "02-gifts.md").write_text("---\ntitle: Gifts\nminutes: [unclosed\n---\nText\n")
    courses, problems = check_tree(tree)
    assert "civics" not in courses
    assert any(p.path == "civics/02-gifts.md" and p.line in (3, 4) and "YAML" in p.message for p in problems), problems


def test_unknown_key_and_bad_values_name_their_line(tree):
    (tree / "civics" / "course.md").write_text(
        "---\ntitle: X\naudiences: [martians]\npass_mark: 150\ncolour: red\n---\nBody\n")
    _, problems = check_tree(tree)
    text = [str(p) for p in problems]
    assert "civics/course.md:3: unknown audience 'martians' (known: all, civil_servant, public_employee, secondary_student, higher_ed_student, other)" in text
    assert any(t.startswith("civics/course.md:4: 'pass_mark'") for t in text)
    assert any(t.startswith("civics/course.md:5: unknown front matter key 'colour'") for t in text)


def test_missing_title_and_unclosed_front_matter_are_problems(tree):
    (tree / "civics" / "01-conduct.md").write_text("---\nminutes: 3\n---\nText\n")
    (tree / "civics" / "02-gifts.md").write_text("---\ntitle: Gifts\nText\n")
    _, problems = check_tree(tree)
    text = [str(p) for p in problems]
    assert "civics/01-conduct.md:1: front matter needs 'title'" in text
    assert "civics/02-gifts.md:1: front matter opened with '---' is never closed" in text


def test_duplicate_lesson_ids_and_badly_named_files_are_problems(tree):
    (tree / "civics" / "03-gifts.md").write_text("---\ntitle: Again\n---\nText\n")
    (tree / "civics" / "notes.md").write_text("stray")
    _, problems = check_tree(tree)
    text = " ".join(str(p) for p in problems)
    assert "lesson id 'gifts' is also used by 02-gifts.md" in text
    assert "civics/notes.md:1: lesson file names start with a number" in text


def test_a_broken_course_does_not_hide_the_others(tree):
    (tree / "civics" / "course.md").write_text("no front matter at all")
    courses, problems = check_tree(tree)
    assert "civics" not in courses
    assert {"students", "open-to-all"} <= set(courses)
    assert problems


def test_invalid_utf8_is_reported_not_raised(tree):
    (tree / "civics" / "02-gifts.md").write_bytes(b"---\ntitle: ok\n---\n\xff\xfe bad")
    _, problems = check_tree(tree)
    assert any(p.path == "civics/02-gifts.md" and "UTF-8" in p.message for p in problems)


def test_practice_quiz_block_is_cut_out_of_the_lesson_text(tree):
    (tree / "civics" / "02-gifts.md").write_text(
        "---\ntitle: Gifts\n---\nRead this.\n\n```quiz\n## Q {#q1}\nText\n\nanswer: true\n```\n")
    course, problems = load_course(tree / "civics", tree)
    assert problems == []
    lesson = course.lesson("gifts")
    assert "answer: true" not in lesson.html
    assert lesson.practice_source.line == 7
    assert lesson.practice_source.text.startswith("## Q {#q1}")


def test_reviewed_date_and_sources_are_read_from_course_front_matter(tree):
    course_md = tree / "civics" / "course.md"
    text = course_md.read_text(encoding="utf-8")
    course_md.write_text(text.replace("---\n", "---\nreviewed: 2026-12-01\nsources:\n"
                                      "  - title: Luật Phòng, chống tham nhũng\n    number: 36/2018/QH14\n"
                                      "    issued: 2018-11-20\n    effective: 2019-07-01\n"
                                      "  - Chỉ thị số 24-CT/TU\n", 1), encoding="utf-8")
    course, problems = load_course(tree / "civics", tree)
    assert problems == []
    assert course.reviewed.isoformat() == "2026-12-01"
    assert [(s.title, s.number, str(s.effective)) for s in course.sources] == [
        ("Luật Phòng, chống tham nhũng", "36/2018/QH14", "2019-07-01"), ("Chỉ thị số 24-CT/TU", "", "None")]


@pytest.mark.parametrize("front, message", [
    ("reviewed: last year\n", ":2: 'reviewed' must be a date written YYYY-MM-DD"),
    ("sources: Luật\n", ":2: 'sources' must be a list"),
    ("sources:\n  - number: 36/2018/QH14\n", ":2: source 1 must be text or a mapping with a 'title'"),
    ("sources:\n  - title: Luật\n    issued: 20/11/2018\n", ":2: source 1: 'issued' must be a date"),
    ("sources:\n  - title: Luật\n    link: x\n", ":2: source 1 has unknown key(s) link"),
])
def test_malformed_reviewed_or_sources_is_reported_with_its_line(tree, front, message):
    course_md = tree / "civics" / "course.md"
    course_md.write_text(course_md.read_text(encoding="utf-8").replace("---\n", "---\n" + front, 1), encoding="utf-8")
    course, problems = load_course(tree / "civics", tree)
    assert course is None and any(message in str(p) for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("name, front", [("01-final.md", ""), ("01-quiz.md", ""), ("01-intro.md", "id: final\n")])
def test_a_lesson_cannot_take_the_id_the_final_quiz_is_stored_under(tmp_path, name, front):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "course.md").write_text("---\ntitle: C\naudiences: [all]\n---\nx\n")
    (folder / name).write_text(f"---\ntitle: L\n{front}---\nText.\n")
    course, problems = load_course(folder, tmp_path)
    assert course is None
    assert any("reserved for the final quiz" in str(p) for p in problems), problems


def test_the_final_quiz_key_is_a_reserved_lesson_id():
    from app.quizzes.models import FINAL

    assert FINAL in RESERVED_LESSON_IDS


def test_a_lesson_too_costly_to_render_is_a_problem_with_its_line_not_a_hang(tree):
    lesson = tree / "civics" / "01-conduct.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n" + "[" * 40000 + "\n", encoding="utf-8")
    courses, problems = check_tree(tree, quiz_parser=parse_quiz)
    assert "civics" not in courses and "quizzed" in courses
    assert any(p.path == "civics/01-conduct.md" and "too many '['" in p.message for p in problems)
