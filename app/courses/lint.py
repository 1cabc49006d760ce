"""Quiz-quality and currency warnings for `flask courses check`.

A warning is advice to the course's writers, not a fault: the course still loads, and the
command's exit code only changes with `--strict`. Pure domain code (no Flask): the caller
passes today's date. Each rule is explained for trainers in courses/README.md.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.courses.loader import COURSE_FILE, Course, Problem

#: A course checked against the law longer ago than this many months is out of date.
REVIEW_MONTHS = 12


@dataclass
class QualityWarning(Problem):
    """A quality warning: printed `path:line: warning: message`."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


#: course → its quiz-quality warnings (app.quizzes.lint.quiz_warnings).
QuizLint = Callable[[Course], list[QualityWarning]]


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (29 Feb → 28 Feb when that year has none)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def stale(course: Course, today: date) -> bool:
    """Whether the course was never dated, or was checked more than REVIEW_MONTHS ago."""
    return course.reviewed is None or course.reviewed < months_before(today, REVIEW_MONTHS)


def course_warnings(course: Course, today: date, quiz_lint: QuizLint | None = None) -> list[QualityWarning]:
    """Every warning for one course, in file order (course, lessons, final quiz). The quiz
    warnings come from `quiz_lint` (app.quizzes.lint.quiz_warnings, plugged in like the quiz
    parser, so that courses need not import quizzes)."""
    course_path = f"{course.folder}/{COURSE_FILE}"
    found: list[QualityWarning] = []
    if course.reviewed is None:
        found.append(QualityWarning(course_path, 1, "no 'reviewed:' date: say when the content was last checked against the law"))
    elif stale(course, today):
        found.append(QualityWarning(course_path, 1, f"reviewed on {course.reviewed.isoformat()}, more than "
                                              f"{REVIEW_MONTHS} months ago: check it against the law in force"))
    if not course.sources:
        found.append(QualityWarning(course_path, 1, "no 'sources:': list the laws and decrees the course relies on"))

    if quiz_lint is not None:
        found.extend(quiz_lint(course))
    return found


def lint(courses: dict[str, Course], today: date, quiz_lint: QuizLint | None = None) -> list[QualityWarning]:
    """Warnings for every loaded course."""
    return [w for slug in sorted(courses) for w in course_warnings(courses[slug], today, quiz_lint)]
