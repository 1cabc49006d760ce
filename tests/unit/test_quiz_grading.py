"""Grading: every kind, partial credit, drawing pools and shuffles with a seed, and properties."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.courses.loader import QuizSource
from app.quizzes.grading import clean_answer, correct_sheet, draw, grade_question, grade_sheet
from app.quizzes.question_types import QUESTION_TYPES, normalise
from app.quizzes.parser import parse_quiz


def quiz_of(text, meta=None):
    quiz, problems = parse_quiz(QuizSource(text, "c/quiz.md", 1, meta or {}, {}))
    assert problems == [], problems
    return quiz


SINGLE = "## S {#s}\nT\n\n- ( ) A\n- (x) B\n- ( ) C\n"
MULTI = "## M {#m}\nT\n\n- [x] R1\n- [x] R2\n- [ ] W1\n- [ ] W2\n"


def keys(question, *texts):
    return [o.key for o in question.options if o.text in texts]


def test_single_choice_earns_all_or_nothing():
    q = quiz_of(SINGLE).questions[0]
    assert grade_question(q, keys(q, "B")[0]) == 1.0
    assert grade_question(q, keys(q, "A")[0]) == 0.0
    assert grade_question(q, None) == 0.0
    assert grade_question(q, "forged") == 0.0


def test_multiple_choice_partial_credit_rule():
    q = quiz_of(MULTI).questions[0]
    assert grade_question(q, keys(q, "R1", "R2")) == 1.0
    assert grade_question(q, keys(q, "R1")) == 0.5
    assert grade_question(q, keys(q, "R1", "W1")) == 0.0  # +1/2 − 1/2
    assert grade_question(q, keys(q, "R1", "R2", "W1")) == 0.5
    assert grade_question(q, keys(q, "R1", "R2", "W1", "W2")) == 0.0  # ticking everything earns nothing
    assert grade_question(q, keys(q, "W1", "W2")) == 0.0  # floor at 0
    assert grade_question(q, keys(q, "R1") * 3) == 0.5  # repeats count once
    assert grade_question(q, "not a list") == 0.0


def test_true_false_and_vietnamese_words():
    q = quiz_of("## T {#t}\nT\n\nanswer: Đúng\n").questions[0]
    assert grade_question(q, "true") == 1.0 and grade_question(q, "false") == 0.0 and grade_question(q, "yes") == 0.0


def test_short_text_ignores_case_diacritics_and_spaces_unless_exact():
    q = quiz_of("## T {#t}\nT\n\naccept: Luật Phòng, chống tham nhũng\naccept: PCTN\n").questions[0]
    assert grade_question(q, "  luat   phong, CHONG tham nhung ") == 1.0
    assert grade_question(q, "pctn") == 1.0
    assert grade_question(q, "luat phong chong tham nhung") == 0.0  # the comma matters
    exact = quiz_of("## T {#t exact=true}\nT\n\naccept: Hà Nội\n").questions[0]
    assert grade_question(exact, " Hà  Nội ") == 1.0
    assert grade_question(exact, "ha noi") == 0.0
    assert normalise("Đà  Nẵng") == "da nang"


def test_points_weight_the_score_and_pass_mark_decides():
    quiz = quiz_of("## A {#a points=3}\nT\n\nanswer: true\n\n## B {#b}\nT\n\nanswer: false\n")
    result = grade_sheet(quiz, ["a", "b"], {"a": "true", "b": "true"})
    assert (result.points, result.possible, result.percent) == (3, 4, 75.0)
    assert result.passed(75) and not result.passed(76)


def test_questions_removed_since_the_start_count_neither_way():
    quiz = quiz_of("## A {#a}\nT\n\nanswer: true\n")
    result = grade_sheet(quiz, ["a", "gone"], {"a": "true", "gone": "true"})
    assert (result.percent, result.possible) == (100.0, 1)


def test_clean_answer_keeps_only_known_options():
    q = quiz_of(MULTI).questions[0]
    assert clean_answer(q, ["forged"] + keys(q, "R1")) == keys(q, "R1")
    assert clean_answer(q, []) is None


POOLED = "\n".join(f"## Q{i} {{#q{i} pool={'p' if i < 6 else 'r'}}}\nT\n\n- (x) A{i}\n- ( ) B{i}\n- ( ) C{i}\n" for i in range(8))


def test_pools_draw_n_per_attempt_and_a_seed_fixes_the_draw():
    quiz = quiz_of(POOLED, {"pools": {"p": 2, "r": 1}, "shuffle_questions": True, "shuffle_options": True})
    first = draw(quiz, 42)
    assert draw(quiz, 42) == first
    ids = [d.question_id for d in first]
    assert len(ids) == 3 and sum(i in {"q6", "q7"} for i in ids) == 1
    draws = {tuple(d.question_id for d in draw(quiz, seed)) for seed in range(40)}
    assert len(draws) > 5
    orders = {tuple(draw(quiz, seed)[0].options) for seed in range(40)}
    assert len(orders) > 1


def test_without_shuffle_the_file_order_stays():
    quiz = quiz_of(SINGLE + "\n" + MULTI)
    drawn = draw(quiz, 7)
    assert [d.question_id for d in drawn] == ["s", "m"]
    assert drawn[0].options == [o.key for o in quiz.questions[0].options]


def test_every_question_type_is_registered():
    assert set(QUESTION_TYPES) == {"single", "multiple", "truefalse", "short"}


# -- properties ---------------------------------------------------------------

LINE = st.sampled_from(["## Q", "## Q {#x points=2}", "## {#", "- (x) A", "- ( ) B", "- [x] C", "- [ ] D",
                        "answer: true", "answer: sai", "accept: X", "  > fb", "> general", "", "text", "```",
                        "## Q {#y pool=p tags=\"a b\"}", "- (x) A"])
MARKDOWN = st.lists(st.one_of(LINE, st.text(string.printable + "đĐàáạ", max_size=30)), max_size=30).map("\n".join)
ANSWER = st.one_of(st.none(), st.text(max_size=20), st.lists(st.text(max_size=12), max_size=4), st.integers(),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN, st.dictionaries(st.sampled_from(["pools", "attempts", "show_answers", "x"]),
                                 st.one_of(st.integers(), st.text(max_size=5), st.dictionaries(st.text(max_size=3), st.integers())), max_size=3))
def test_no_input_crashes_the_parser(text, meta):
    quiz, problems = parse_quiz(QuizSource(text, "c/quiz.md", 3, meta, {}))
    assert all(p.line >= 1 for p in problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN, st.dictionaries(st.text(max_size=8), ANSWER, max_size=5), st.integers(0, 2**32))
def test_no_answer_sheet_crashes_the_grader_and_scores_stay_in_range(text, answers, seed):
    quiz, _ = parse_quiz(QuizSource(text, "c/quiz.md", 1, {}, {}))
    ids = [d.question_id for d in draw(quiz, seed)]
    result = grade_sheet(quiz, ids, answers | {qid: a for qid, a in zip(ids, answers.values())})
    assert 0 <= result.percent <= 100


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN, st.integers(0, 2**32))
def test_a_fully_right_sheet_always_scores_100(text, seed):
    quiz, problems = parse_quiz(QuizSource(text, "c/quiz.md", 1, {}, {}))
    if problems or not quiz.questions:
        return
    ids = [d.question_id for d in draw(quiz, seed)]
    assert grade_sheet(quiz, ids, correct_sheet(quiz, ids)).percent == 100.0


WORD = st.text(string.ascii_letters + "đàáạ ", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def valid_quiz(draw_):
    """A quiz text that always parses: random kinds, option counts, points and pools."""
    parts = []
    for i in range(draw_(st.integers(1, 6))):
        kind = draw_(st.sampled_from(["single", "multiple", "tf", "short"]))
        points = draw_(st.sampled_from(["", " points=2", " points=0.5"]))
        parts.append(f"## Q{i} {{#q{i}{points}}}\n\n{draw_(WORD)}\n")
        if kind in ("single", "multiple"):
            n = draw_(st.integers(2, 5))
            right = draw_(st.sets(st.integers(0, n - 1), min_size=1, max_size=1 if kind == "single" else n))
            box = ("(x)", "( )") if kind == "single" else ("[x]", "[ ]")
            parts += [f"- {box[0] if j in right else box[1]} option {j}\n  > fb {j}" for j in range(n)]
        elif kind == "tf":
            parts.append(f"answer: {draw_(st.sampled_from(['true', 'false', 'đúng', 'sai']))}")
        else:
            parts += [f"accept: {w}" for w in draw_(st.lists(WORD, min_size=1, max_size=3))]
        parts.append("\n> general\n")
    return "\n".join(parts)


@settings(max_examples=200, deadline=None)
@given(valid_quiz(), st.integers(0, 2**32), st.booleans())
def test_a_fully_right_sheet_on_any_valid_quiz_scores_100(text, seed, shuffle):
    quiz = quiz_of(text, {"shuffle_questions": shuffle, "shuffle_options": shuffle})
    ids = [d.question_id for d in draw(quiz, seed)]
    assert grade_sheet(quiz, ids, correct_sheet(quiz, ids)).percent == 100.0
