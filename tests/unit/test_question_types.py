"""The question-type registry: a kind is one class, and every part of the quiz code asks it."""
import re

from app.courses.loader import QuizSource
from app.quizzes.gift import export_gift
from app.quizzes.grading import grade_sheet
from app.quizzes.interop import Draft, DraftOption, to_markdown
from app.quizzes.parser import parse_quiz
from app.quizzes.question_types import QUESTION_TYPES, GiftAnswer, ShortText
from app.quizzes.questions import Accept


class Numeric(ShortText):
    """A kind the site does not have: 'number: 3.14', right when the posted number is equal."""

    kind = "numeric"
    pattern = re.compile(r"^number:\s*(?P<value>.*?)\s*$")

    @classmethod
    def read(cls, question, line):
        value = cls.pattern.match(line).group("value")
        try:
            accept = Accept(str(float(value)))
        except ValueError:
            return None, f"'{value}' is not a number"
        question.accepts.append(accept)
        return accept, ""

    @staticmethod
    def grade(question, answer):
        return 1.0 if float(answer) == float(question.accepts[0].text) else 0.0

    @staticmethod
    def gift(question):
        return [GiftAnswer("#", a.text) for a in question.accepts]

    @staticmethod
    def markdown(draft):
        return [f"number: {a.text}" for a in draft.accepts]


QUIZ = "## Pi {#pi}\nRound pi.\n\nnumber: 3.14\n  > close enough\n\n## Bad {#bad}\nT\n\nnumber: many\n"


def test_a_new_kind_is_one_class_that_parser_grading_and_formats_all_use(monkeypatch):
    monkeypatch.setitem(QUESTION_TYPES, Numeric.kind, Numeric)
    quiz, problems = parse_quiz(QuizSource(QUIZ, "c/quiz.md", 1, {}, {}))
    assert [p.message for p in problems] == ["'many' is not a number"]
    pi = quiz.by_id["pi"]
    assert (pi.kind, pi.accepts[0].text, pi.accepts[0].feedback) == ("numeric", "3.14", "close enough")
    assert grade_sheet(quiz, ["pi"], {"pi": "3.140"}).percent == 100
    assert "\t#3.14" in export_gift(quiz)
    draft = Draft(line=1, kind="numeric", title="E", text="e?", id="e", accepts=[DraftOption("2.718", True)])
    assert "number: 2.718" in to_markdown([draft]).splitlines()


def test_every_kind_names_its_own_template():
    templates = [t.template for t in QUESTION_TYPES.values()]
    assert all(t.startswith("quizzes/questions/") for t in templates)
    assert len(set(templates)) == len(templates)
