"""When a course counts as complete. Pure rules, unit-tested without a database."""
from __future__ import annotations

from collections.abc import Iterable


def lessons_required(lesson_ids: list[str], completion: dict) -> set[str]:
    """The lessons a learner must finish; front matter `completion: {lessons: [...]}` narrows it."""
    wanted = completion.get("lessons", "all")
    if wanted == "all" or wanted is None:
        return set(lesson_ids)
    return set(wanted) & set(lesson_ids)


def final_quiz_required(has_final_quiz: bool, completion: dict) -> bool:
    """A final quiz counts unless the front matter says `completion: {final_quiz: false}`."""
    return has_final_quiz and completion.get("final_quiz", True) is not False


def is_complete(done: Iterable[str], lesson_ids: list[str], completion: dict,
                has_final_quiz: bool, quiz_passed: bool) -> bool:
    """Every required lesson done, and the final quiz passed when it counts."""
    if not lessons_required(lesson_ids, completion) <= set(done):
        return False
    return quiz_passed or not final_quiz_required(has_final_quiz, completion)
