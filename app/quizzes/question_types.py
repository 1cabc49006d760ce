"""The question-type registry: each kind of question is one class, so adding a kind is one
class here and one template (its `template`).

A type owns everything that differs between kinds: how its answer lines read and are written
back in our Markdown syntax, what is wrong with a parsed question, how a posted answer is
stored and graded, what the statistics count, and its answers in Moodle's GIFT. The parser,
grading, the formats, the statistics and the templates ask the registry instead of testing
`question.kind`. Pure domain code: no Flask, no database.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from app.courses.render import render_inline
from app.messages import M
from app.quizzes.questions import Accept, Option, Question, option_key, strip_diacritics

_CHOICE = re.compile(r"^-\s+(?P<box>\(\s*[xX]?\s*\)|\[\s*[xX]?\s*\])\s+(?P<text>\S.*)$")
_ANSWER = re.compile(r"^answer:\s*(?P<value>.*?)\s*$", re.IGNORECASE)
_ACCEPT = re.compile(r"^accept:\s*(?P<value>.*?)\s*$", re.IGNORECASE)


def normalise(text: str, exact: bool = False) -> str:
    """Whitespace collapsed; unless exact, also case and Vietnamese diacritics ignored."""
    text = " ".join(unicodedata.normalize("NFC", str(text)).split())
    return text if exact else strip_diacritics(text).casefold()


def one_line(text: str) -> str:
    return " ".join(text.split())


def feedback_lines(text: str, indent: str = "") -> list[str]:
    """Feedback in our syntax: '> ' lines, indented under the answer they belong to."""
    return [f"{indent}> {part}".rstrip() for part in text.strip().split("\n")]


def _answer_feedback(text: str) -> list[str]:
    return feedback_lines(one_line(text), "  ") if text else []


class GiftAnswer(NamedTuple):
    """One answer inside a GIFT question's {…}: its marker ('=', '~', '~%50%', 'TRUE'), its text
    and its '#' feedbacks, which gift.py escapes and joins."""

    marker: str
    text: str = ""
    feedbacks: tuple[str, ...] = ()


def _gift_feedback(text: str) -> tuple[str, ...]:
    return (text,) if text else ()


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.5f}".rstrip("0").rstrip(".")


class QuestionType:
    """One kind of question. Subclasses set `kind` and `template` and fill in the methods."""

    #: The name stored in attempts and written in files (the registry's key).
    kind = ""
    #: The template whose macros show the question: fields(pq, name), result(row), choices(stat).
    template = ""
    #: What this kind's answer lines look like.
    pattern: re.Pattern

    @classmethod
    def reads(cls, line: str) -> bool:
        """Whether a line of a question's body is one of this kind's answer lines."""
        return cls.pattern.match(line) is not None

    @classmethod
    def read(cls, question: Question, line: str) -> tuple[object, str]:
        """Add an answer line to the question. Returns what the indented '> …' lines below it
        are the feedback of (None: nothing), and the problem with the line ("" if none)."""
        raise NotImplementedError

    @staticmethod
    def add_feedback(question: Question, target, text: str) -> None:
        """Add an indented '> …' line to the feedback of the answer line above it."""
        target.feedback = (target.feedback + "\n" + text).strip()
        target.feedback_html = render_inline(target.feedback)

    @classmethod
    def check(cls, question: Question) -> list[str]:
        """What is wrong with the question's answers as a whole (reported at its heading)."""
        return [M("exact=true only applies to short-text questions ('accept:')")] if question.exact else []

    @staticmethod
    def clean(question: Question, raw: list[str]):
        """The answer as stored, from the form values posted for the question (None: unanswered)."""
        raise NotImplementedError

    @staticmethod
    def grade(question: Question, answer) -> float:
        """Fraction of the question's points earned, from 0 to 1."""
        raise NotImplementedError

    @staticmethod
    def correct_answer(question: Question):
        """A sheet answer that earns full points."""
        raise NotImplementedError

    @staticmethod
    def tally(answer) -> list[str]:
        """What the question statistics count for a stored answer: each option key chosen, or the answer."""
        return [str(a) for a in answer] if isinstance(answer, list) else [str(answer)]

    @staticmethod
    def gift(question: Question) -> list[GiftAnswer]:
        """The answers of the question in GIFT."""
        raise NotImplementedError

    @staticmethod
    def markdown(draft) -> list[str]:
        """An imported question's (interop.Draft) answer lines in our syntax, with their feedback."""
        raise NotImplementedError


class _Choice(QuestionType):
    """The options of single and multiple choice: '- (x) …' and '- [x] …' lines."""

    pattern = _CHOICE
    #: How the option box opens, and the marks of a right and a wrong option.
    box, right, wrong = "(", "(x)", "( )"

    @classmethod
    def reads(cls, line):
        match = cls.pattern.match(line)
        return match is not None and match.group("box").startswith(cls.box)

    @classmethod
    def read(cls, question, line):
        match = cls.pattern.match(line)
        body = match.group("text").strip()
        key = option_key(body)
        if question.option(key) is not None:
            return None, M("option '%(option)s' appears twice in question '%(qid)s'", option=body, qid=question.id)
        option = Option(key, body, render_inline(body), "x" in match.group("box").lower())
        question.options.append(option)
        return option, ""

    @classmethod
    def check(cls, question):
        problems = cls.key_problems(question, sum(o.correct for o in question.options))
        if len(question.options) < 2:
            problems.append(M("question '%(qid)s' needs at least two options", qid=question.id))
        return problems + super().check(question)

    @staticmethod
    def key_problems(question: Question, correct: int) -> list[str]:
        """What is wrong with the number of right options."""
        raise NotImplementedError

    @staticmethod
    def option_weights(correct: list[bool]) -> list[float]:
        """Each option's share of the points (negative: a penalty), given which options are right."""
        raise NotImplementedError

    @classmethod
    def markdown(cls, draft):
        out = []
        for option in draft.options:
            out.append(f"- {cls.right if option.correct else cls.wrong} {one_line(option.text)}")
            out += _answer_feedback(option.feedback)
        return out


class SingleChoice(_Choice):
    kind = "single"
    template = "quizzes/questions/single.html"

    @staticmethod
    def key_problems(question, correct):
        if correct == 1:
            return []
        return [M("single-choice question '%(qid)s' needs exactly one '- (x)' option, has %(count)s", qid=question.id, count=correct)]

    @staticmethod
    def option_weights(correct):
        return [1.0 if c else 0.0 for c in correct]

    @staticmethod
    def clean(question, raw):
        keys = [k for k in raw if question.option(k) is not None]
        return keys[0] if keys else None

    @staticmethod
    def grade(question, answer):
        option = question.option(answer) if isinstance(answer, str) else None
        return 1.0 if option is not None and option.correct else 0.0

    @staticmethod
    def correct_answer(question):
        return next(o.key for o in question.options if o.correct)

    @staticmethod
    def gift(question):
        return [GiftAnswer("=" if o.correct else "~", o.text, _gift_feedback(o.feedback)) for o in question.options]


class MultipleChoice(_Choice):
    """Partial credit: each ticked right option earns 1/(number of right options), each
    ticked wrong option costs 1/(number of wrong options); the total stays within 0..1.
    Ticking everything (or nothing) therefore earns 0."""

    kind = "multiple"
    template = "quizzes/questions/multiple.html"
    box, right, wrong = "[", "[x]", "[ ]"

    @staticmethod
    def key_problems(question, correct):
        return [] if correct >= 1 else [M("multiple-choice question '%(qid)s' needs at least one '- [x]' option", qid=question.id)]

    @staticmethod
    def option_weights(correct):
        right = sum(correct)
        return [1 / right if c else -1 / (len(correct) - right) for c in correct]

    @classmethod
    def weights(cls, question) -> dict[str, float]:
        """Each option's share of the points by key: what grading adds up and GIFT writes."""
        return dict(zip([o.key for o in question.options], cls.option_weights([o.correct for o in question.options])))

    @staticmethod
    def clean(question, raw):
        keys = sorted({k for k in raw if question.option(k) is not None})
        return keys or None

    @staticmethod
    def grade(question, answer):
        if not isinstance(answer, list):
            return 0.0
        weights = MultipleChoice.weights(question)
        total = sum(weights.get(k, 0.0) for k in set(a for a in answer if isinstance(a, str)))
        return min(1.0, max(0.0, round(total, 9)))

    @staticmethod
    def correct_answer(question):
        return sorted(o.key for o in question.options if o.correct)

    @staticmethod
    def gift(question):
        weights = MultipleChoice.weights(question)
        return [GiftAnswer(f"~%{_percent(weights[o.key])}%", o.text, _gift_feedback(o.feedback))
                for o in question.options]


class TrueFalse(QuestionType):
    """One 'answer:' line with true or false (or the Vietnamese đúng, sai); the indented
    feedback under it is the question's truth_feedback."""

    kind = "truefalse"
    template = "quizzes/questions/truefalse.html"
    pattern = _ANSWER
    #: The words an 'answer:' line may hold, in any case.
    words = {"true": True, "false": False, "đúng": True, "sai": False}

    @classmethod
    def read(cls, question, line):
        value = cls.pattern.match(line).group("value").lower()
        problem = ""
        if question.truth is not None:
            problem = M("question '%(qid)s' has more than one 'answer:' line", qid=question.id)
        elif value not in cls.words:
            problem = M("'answer:' must be true or false (or đúng / sai), not '%(value)s'", value=value)
        else:
            question.truth = cls.words[value]
        return "truth", problem  # feedback below the line, even a wrong one, is the answer's

    @staticmethod
    def add_feedback(question, target, text):
        question.truth_feedback = (question.truth_feedback + "\n" + text).strip()
        question.truth_feedback_html = render_inline(question.truth_feedback)

    @classmethod
    def check(cls, question):
        missing = [M("true/false question '%(qid)s' has no valid 'answer:' line", qid=question.id)] if question.truth is None else []
        return missing + super().check(question)

    @staticmethod
    def clean(question, raw):
        values = [v for v in raw if v in ("true", "false")]
        return values[0] if values else None

    @staticmethod
    def grade(question, answer):
        if answer not in ("true", "false"):
            return 0.0
        return 1.0 if (answer == "true") == question.truth else 0.0

    @staticmethod
    def correct_answer(question):
        return "true" if question.truth else "false"

    @staticmethod
    def gift(question):
        # GIFT gives true/false two feedbacks: for a wrong answer (ours has none), then a right one.
        feedbacks = ("", question.truth_feedback) if question.truth_feedback else ()
        return [GiftAnswer("TRUE" if question.truth else "FALSE", "", feedbacks)]

    @staticmethod
    def markdown(draft):
        return [f"answer: {'true' if draft.truth else 'false'}"] + _answer_feedback(draft.truth_feedback)


class ShortText(QuestionType):
    """'accept: …' lines; answers match ignoring case and diacritics unless exact=true."""

    kind = "short"
    template = "quizzes/questions/short.html"
    pattern = _ACCEPT

    @classmethod
    def read(cls, question, line):
        value = cls.pattern.match(line).group("value")
        if not value:
            return None, M("'accept:' needs the text to accept")
        accept = Accept(value)
        question.accepts.append(accept)
        return accept, ""

    @classmethod
    def check(cls, question):
        return []  # exact=true is for this kind

    @staticmethod
    def clean(question, raw):
        text = " ".join((raw[0] if raw else "").split())[:500]
        return text or None

    @staticmethod
    def grade(question, answer):
        if not isinstance(answer, str):
            return 0.0
        given = normalise(answer, question.exact)
        return 1.0 if any(normalise(a.text, question.exact) == given for a in question.accepts) else 0.0

    @staticmethod
    def correct_answer(question):
        return question.accepts[0].text

    @staticmethod
    def tally(answer):
        # Answers that differ only in case or diacritics are counted as one.
        return QuestionType.tally(answer) if isinstance(answer, list) else [normalise(str(answer))]

    @staticmethod
    def gift(question):
        return [GiftAnswer("=", a.text, _gift_feedback(a.feedback)) for a in question.accepts]

    @staticmethod
    def markdown(draft):
        out = []
        for accept in draft.accepts:
            out.append(f"accept: {one_line(accept.text)}")
            out += _answer_feedback(accept.feedback)
        return out


#: The registry: question kind → its type. Add a kind by adding a class here.
QUESTION_TYPES: dict[str, type[QuestionType]] = {t.kind: t for t in (SingleChoice, MultipleChoice, TrueFalse, ShortText)}


def type_of_line(line: str) -> type[QuestionType] | None:
    """The type whose answer lines look like this one, if any."""
    return next((t for t in QUESTION_TYPES.values() if t.reads(line)), None)
