"""Moodle GIFT and Aiken: what is read, what is reported, and the round trip."""
from app.courses.loader import QuizSource
from app.quizzes.aiken import parse_aiken
from app.quizzes.gift import export_gift, parse_gift
from app.quizzes.interop import to_markdown, unique_ids
from app.quizzes.parser import parse_quiz

GIFT = r"""// A comment line
$CATEGORY: $course$/Quà tặng/Gifts

::Cash::[markdown]Which gift is **refused**? {
  =Cash from a party#Always refused.
  ~A calendar#Fine.
  ####See Decree 59.
}

::Flags::Which are conflicts? {
  ~%50%Your brother's file
  ~%50%Shares in a bidder
  ~%-100%A public course
}

::TF::Gifts are reported.{T#No, they are.#Right.}

Name the law in short.{=PCTN =Luật PCTN#Also fine.}

::Esc::Escaped \~ \= \# \{ \} \: here {=a\=b ~c}

::Num::How many days?{#5:1}

::Match::Match these {=a -> 1 =b -> 2 =c -> 3}

::Essay::Write about integrity.{}

Integrity is { =honesty ~greed } in public life.
"""


def quiz_from(drafts):
    unique_ids(drafts, set())
    quiz, problems = parse_quiz(QuizSource(to_markdown(drafts), "c/quiz.md", 1, {}, {}))
    assert problems == [], problems
    return quiz


def fingerprint(quiz):
    from app.quizzes.question_types import MultipleChoice

    out = []
    for q in quiz.questions:
        weights = MultipleChoice.weights(q) if q.kind == "multiple" else {}
        out.append((q.id, q.kind, q.title, q.text, q.truth, q.feedback, q.tags,
                    [(o.text, o.correct, o.feedback, round(weights.get(o.key, 0), 4)) for o in q.options],
                    [(a.text, a.feedback) for a in q.accepts]))
    return out


def test_gift_kinds_feedback_titles_categories_and_escapes_are_read():
    drafts, problems = parse_gift(GIFT, "bank.gift")
    quiz = quiz_from(drafts)
    cash, flags, tf, law, esc, blank = quiz.questions
    assert (cash.kind, cash.title, cash.tags) == ("single", "Cash", ("category:qua-tang/gifts",))
    assert "<strong>refused</strong>" in cash.html and cash.feedback == "See Decree 59."
    assert [(o.text, o.correct, o.feedback) for o in cash.options] == [("Cash from a party", True, "Always refused."), ("A calendar", False, "Fine.")]
    assert flags.kind == "multiple" and [o.correct for o in flags.options] == [True, True, False]
    assert tf.kind == "truefalse" and tf.truth is True and tf.truth_feedback == "Right." and "No, they are." in tf.feedback
    assert law.kind == "short" and [a.text for a in law.accepts] == ["PCTN", "Luật PCTN"] and law.title.startswith("Name the law")
    assert esc.text == "Escaped ~ = # { } : here" and [o.text for o in esc.options] == ["a=b", "c"]
    assert blank.text.startswith("Integrity is") and "in public life." in blank.text
    text = [str(p) for p in problems]
    assert "bank.gift:22: unsupported GIFT question type: numerical {#…}, skipped" in text
    assert "bank.gift:24: unsupported GIFT question type: matching (->), skipped" in text
    assert "bank.gift:26: unsupported GIFT question type: essay {}, skipped" in text


def test_weights_that_differ_from_our_rule_are_noted_not_dropped():
    drafts, problems = parse_gift("Q {~%70%A ~%30%B ~%0%C}\n", "w.gift")
    assert len(drafts) == 1 and drafts[0].kind == "multiple"
    assert [str(p) for p in problems] == ["w.gift:1: note: option weights mapped to our grading rule (right/wrong options, partial credit for multiple choice)"]


def test_gift_round_trip_keeps_questions_answers_and_weights():
    drafts, _ = parse_gift(GIFT, "bank.gift")
    first = quiz_from(drafts)
    exported = export_gift(first)
    assert "~%50%Your brother's file" in exported and "~%-100%A public course" in exported
    again, problems = parse_gift(exported, "out.gift")
    assert problems == []
    second = quiz_from(again)
    assert fingerprint(second) == fingerprint(first)
    assert export_gift(second) == exported


def test_aiken_questions_become_single_choice():
    drafts, problems = parse_aiken("What is integrity?\nA. Greed\nB) Honesty\nANSWER: B\n\nSecond?\nA. x\nB. y\nANSWER: A\n", "a.txt")
    assert problems == []
    quiz = quiz_from(drafts)
    assert [q.kind for q in quiz.questions] == ["single", "single"]
    assert [o.correct for o in quiz.questions[0].options] == [False, True]


def test_aiken_errors_name_their_lines():
    _, problems = parse_aiken("Q one\nA. x\nB. y\nANSWER: C\n\nQ two\nA. x\n\nQ three\nA. a\nB. b\n", "a.txt")
    assert [str(p) for p in problems] == [
        "a.txt:4: ANSWER 'C' is not one of the options A, B",
        "a.txt:6: question has no ANSWER line",
        "a.txt:9: question has no ANSWER line",
    ]
