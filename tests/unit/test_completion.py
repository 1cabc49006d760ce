"""Completion rules: every required lesson, plus the final quiz when it counts."""
from app.courses.completion import is_complete


def test_all_lessons_done_completes_a_course_without_final_quiz():
    assert is_complete({"a", "b"}, ["a", "b"], {}, has_final_quiz=False, quiz_passed=False)


def test_a_missing_lesson_keeps_the_course_incomplete():
    assert not is_complete({"a"}, ["a", "b"], {}, has_final_quiz=False, quiz_passed=False)


def test_a_final_quiz_must_be_passed():
    assert not is_complete({"a"}, ["a"], {}, has_final_quiz=True, quiz_passed=False)
    assert is_complete({"a"}, ["a"], {}, has_final_quiz=True, quiz_passed=True)


def test_front_matter_can_waive_the_quiz_or_narrow_the_lessons():
    assert is_complete({"a"}, ["a"], {"final_quiz": False}, has_final_quiz=True, quiz_passed=False)
    assert is_complete({"a"}, ["a", "b"], {"lessons": ["a"]}, has_final_quiz=False, quiz_passed=False)
