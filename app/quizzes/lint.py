"""Quiz-quality warnings for `flask courses check` (see app/courses/lint.py, which adds the
course's currency warnings and takes these through `quiz_lint`). Pure domain code."""
from __future__ import annotations

import re

from app.courses.lint import QualityWarning
from app.courses.loader import COURSE_FILE, Course
from app.quizzes.grading import drawn_count
from app.quizzes.question_types import SingleChoice
from app.quizzes.questions import Question, strip_diacritics

#: Two stems whose word sets overlap this much (Jaccard index) count as the same stem.
NEAR_EQUAL = 0.8


def stem_words(text: str) -> frozenset[str]:
    """The words of a stem, lower-case without diacritics or punctuation."""
    return frozenset(re.findall(r"[a-z0-9]+", strip_diacritics(text).lower()))


def same_stem(a: str, b: str) -> bool:
    """Equal after normalising, or sharing at least NEAR_EQUAL of their words (Jaccard)."""
    wa, wb = stem_words(a), stem_words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= NEAR_EQUAL


def key_is_longest(question: Question) -> bool:
    """A single-choice key strictly longer (in characters) than every distractor."""
    keys = [o for o in question.options if o.correct]
    others = [len(o.text.strip()) for o in question.options if not o.correct]
    return len(keys) == 1 and bool(others) and len(keys[0].text.strip()) > max(others)


def quiz_warnings(course: Course) -> list[QualityWarning]:
    """The warnings on the course's practice and final quizzes, in file order."""
    course_path = f"{course.folder}/{COURSE_FILE}"
    found: list[QualityWarning] = []
    practice = [lesson.practice_quiz for lesson in course.lessons if lesson.practice_quiz is not None]
    quizzes = practice + ([course.final_quiz] if course.final_quiz is not None else [])
    singles = longest = 0
    for quiz in quizzes:
        for question in quiz.questions:
            if not question.feedback.strip():
                found.append(QualityWarning(quiz.path, question.line, f"question '{question.id}' has no explanation "
                                                                "(a '> …' line after its answers)"))
            if question.kind == SingleChoice.kind:
                singles += 1
                if key_is_longest(question):
                    longest += 1
                    found.append(QualityWarning(quiz.path, question.line, f"question '{question.id}': the key is the "
                                                                    "longest option, which gives it away"))
    if singles and longest * 2 > singles:
        found.append(QualityWarning(course_path, 1, f"in {longest} of {singles} single-choice questions the key is "
                                              "the longest option"))

    final = course.final_quiz
    if final is not None:
        stems = [(q, quiz.path) for quiz in practice for q in quiz.questions]
        for question in final.questions:
            match = next(((q, path) for q, path in stems if same_stem(question.text, q.text)), None)
            if match:
                found.append(QualityWarning(final.path, question.line, f"question '{question.id}' repeats the practice "
                                                                 f"question '{match[0].id}' of {match[1]}"))
        drawn, bank = drawn_count(final), len(final.questions)
        if final.settings.show_answers == "after_submit" and bank < 2 * drawn:
            # Point at the `show_answers:` line, where the fix usually goes.
            line = (course.final_source.meta_lines or {}).get("show_answers", 1) if course.final_source else 1
            found.append(QualityWarning(final.path, line, f"answers are shown after every attempt and an attempt "
                                                          f"draws {drawn} of {bank} questions: write at least "
                                                          f"{2 * drawn} or use 'show_answers: after_pass'"))
    return found
