"""What the quiz templates show, built from a parsed quiz and an attempt. No Flask here."""
from __future__ import annotations

from dataclasses import dataclass, field

from app.quizzes.questions import Option, Question, Quiz


@dataclass
class PageQuestion:
    """A drawn question as the learner sees it: its number, options in the drawn order, answer."""

    number: int
    question: Question
    options: list[Option]
    answer: object = None

    def chosen(self, key: str) -> bool:
        return key == self.answer or (isinstance(self.answer, list) and key in self.answer)


@dataclass
class ResultRow(PageQuestion):
    """A graded question with the fraction earned."""

    fraction: float = 0.0
    points: float = 0.0
    accepted: list[str] = field(default_factory=list)


def page_questions(quiz: Quiz, attempt) -> list[PageQuestion]:
    """The attempt's questions in their drawn order; questions since removed are left out."""
    by_id = quiz.by_id
    answers = attempt.answers or {}
    out = []
    for drawn in attempt.drawn or []:
        question = by_id.get(drawn.get("q"))
        if question is None:
            continue
        order = [question.option(k) for k in drawn.get("o", [])]
        options = [o for o in order if o is not None]
        # options added to the file after the attempt started go last
        options += [o for o in question.options if o not in options]
        out.append(PageQuestion(len(out) + 1, question, options, (answers.get(question.id) or {}).get("v")))
    return out


def result_rows(quiz: Quiz, attempt) -> list[ResultRow]:
    """Each drawn question with the learner's answer and the fraction of its points earned."""
    results = attempt.results or {}
    rows = []
    for page in page_questions(quiz, attempt):
        fraction = float(results.get(page.question.id, 0.0))
        rows.append(ResultRow(page.number, page.question, page.options, page.answer, fraction,
                              round(fraction * page.question.points, 2),
                              [a.text for a in page.question.accepts]))
    return rows


def blank_questions(quiz: Quiz) -> list[PageQuestion]:
    """A practice quiz's questions in file order, unanswered."""
    return [PageQuestion(n, q, list(q.options)) for n, q in enumerate(quiz.questions, start=1)]


def lessons_to_review(course, quiz: Quiz, attempt) -> list:
    """The lessons behind the questions missed: a lesson whose practice questions share a
    `topic:` tag with a missed question, in course order."""
    results = attempt.results or {}
    missed: set[str] = set()
    for question_id in attempt.question_ids:
        question = quiz.by_id.get(question_id)
        if question is not None and float(results.get(question_id, 0.0)) < 1.0:
            missed.update(tag for tag in question.tags if tag.startswith("topic:"))

    def topics(lesson) -> set[str]:
        return {tag for practice in lesson.practice_quiz.questions for tag in practice.tags}

    return [lesson for lesson in course.lessons if lesson.practice_quiz is not None and missed & topics(lesson)]
