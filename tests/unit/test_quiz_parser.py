"""The Markdown quiz syntax: every kind of question, feedback, settings, and problems as file:line."""
from app.courses.loader import QuizSource
from app.quizzes.parser import parse_quiz
from app.quizzes.questions import option_key, slugify


def parse(text, meta=None, path="c/quiz.md", line=5):
    meta = meta or {}
    return parse_quiz(QuizSource(text, path, line, meta, {k: i + 2 for i, k in enumerate(meta)}))


def messages(problems):
    return [str(p) for p in problems]


FULL = """Intro **text**.

## Pick one {#one points=2 pool=p tags="topic:gifts law:x"}

Which *one*?

- ( ) Wrong A
  > Not A.
- (x) Right B
  > Yes, B.

> General one.

## Pick many {#many}

Which?

- [x] R1
- [ ] W1
- [x] R2

## Say true

Is it?

answer: sai
  > Indeed false.

## Type it {#type exact=true}

Name it.

accept: Hà Nội
  > Capital.
accept: HN
"""


def test_every_kind_with_feedback_points_tags_and_ids_is_read():
    quiz, problems = parse(FULL, {"pools": {"p": 1}})
    assert problems == []
    one, many, tf, short = quiz.questions
    assert (one.kind, many.kind, tf.kind, short.kind) == ("single", "multiple", "truefalse", "short")
    assert one.id == "one" and one.points == 2 and one.pool == "p" and one.tags == ("topic:gifts", "law:x")
    assert one.line == 7 and "<em>one</em>" in one.html
    assert [(o.text, o.correct, o.feedback) for o in one.options] == [("Wrong A", False, "Not A."), ("Right B", True, "Yes, B.")]
    assert one.feedback == "General one." and one.feedback_html == "<p>General one.</p>"
    assert [o.correct for o in many.options] == [True, False, True]
    assert tf.id == "say-true" and tf.truth is False and tf.truth_feedback == "Indeed false."
    assert short.exact and [a.text for a in short.accepts] == ["Hà Nội", "HN"] and short.accepts[0].feedback == "Capital."
    assert "<strong>text</strong>" in quiz.intro_html
    assert not quiz.practice


def test_option_keys_are_opaque_and_stable_across_reordering():
    a, _ = parse("## Q {#q}\nT\n\n- (x) Yes\n- ( ) No\n")
    b, _ = parse("## Q {#q}\nT\n\n- ( ) No\n- (x) Yes\n")
    assert {o.text: o.key for o in a.questions[0].options} == {o.text: o.key for o in b.questions[0].options}
    assert option_key("Yes").startswith("o") and "Yes" not in option_key("Yes")


def test_settings_are_read_and_defaults_apply():
    quiz, problems = parse("## Q\nT\n\nanswer: true\n", {
        "title": "Final", "pass_mark": 80, "attempts": 3, "time_limit": 15, "shuffle_questions": True,
        "shuffle_options": True, "show_answers": "after_pass", "one_per_page": True})
    assert problems == []
    s = quiz.settings
    assert (s.title, s.pass_mark, s.attempts, s.time_limit, s.shuffle_questions, s.shuffle_options,
            s.show_answers, s.one_per_page) == ("Final", 80, 3, 15, True, True, "after_pass", True)
    default, _ = parse("## Q\nT\n\nanswer: true\n")
    d = default.settings
    assert (d.pass_mark, d.attempts, d.time_limit, d.show_answers, d.shuffle_questions) == (None, 0, None, "after_submit", False)


def test_unknown_and_bad_settings_name_their_line():
    _, problems = parse("## Q\nT\n\nanswer: true\n", {"colour": "red", "attempts": -1, "show_answers": "later", "pools": "x"})
    text = messages(problems)
    assert text[0].startswith("c/quiz.md:2: unknown quiz setting 'colour'")
    assert any(t.startswith("c/quiz.md:3: 'attempts' must be a whole number") for t in text)
    assert any(t.startswith("c/quiz.md:4: 'show_answers' must be one of") for t in text)
    assert any(t.startswith("c/quiz.md:5: 'pools' must map") for t in text)


def test_malformed_questions_are_problems_with_file_lines():
    text = ("## Two right {#a}\nT\n\n- (x) A\n- (x) B\n\n"
            "## None right {#b}\nT\n\n- [ ] A\n- [ ] B\n\n"
            "## Mixed {#c}\nT\n\n- (x) A\n- [ ] B\n\n"
            "## No answers {#d}\nJust text.\n\n"
            "## Bad tf {#e}\nT\n\nanswer: maybe\n\n"
            "## Dup {#a}\nT\n\nanswer: true\nstray words\n\n"
            "## Bad attr {#f colour=red points=x}\nT\n\nanswer: true\n\n"
            "## Same twice {#g}\nT\n\n- (x) A\n- ( ) A\n")
    _, problems = parse(text, line=10)
    text = messages(problems)
    assert "c/quiz.md:10: single-choice question 'a' needs exactly one '- (x)' option, has 2" in text
    assert "c/quiz.md:16: multiple-choice question 'b' needs at least one '- [x]' option" in text
    assert "c/quiz.md:26: question 'c' mixes kinds of answers (single and multiple)" in text
    assert any(t.startswith("c/quiz.md:28: question 'd' has no answers") for t in text)
    assert "c/quiz.md:34: 'answer:' must be true or false (or đúng / sai), not 'maybe'" in text
    assert "c/quiz.md:36: question id 'a' is also used on line 10" in text
    assert any(t.startswith("c/quiz.md:40: unexpected text among the answers") for t in text)
    assert any(t.startswith("c/quiz.md:42: unknown question attribute 'colour'") for t in text)
    assert "c/quiz.md:42: points must be a number above 0, not 'x'" in text
    assert "c/quiz.md:51: option 'A' appears twice in question 'g'" in text


def test_pools_must_match_questions():
    text = "## A {#a pool=p}\nT\n\nanswer: true\n\n## B {#b pool=q}\nT\n\nanswer: true\n"
    _, problems = parse(text, {"pools": {"p": 2}}, line=1)
    text = messages(problems)
    assert "c/quiz.md:6: pool 'q' is not listed under 'pools' in the front matter" in text
    assert "c/quiz.md:2: pool 'p' draws 2 question(s) but has 1" in text


def test_a_quiz_without_questions_is_a_problem():
    _, problems = parse("Only words.", line=4)
    assert messages(problems) == ["c/quiz.md:4: quiz has no questions (each starts with a '## ' heading)"]


def test_headings_inside_code_blocks_are_question_text():
    quiz, problems = parse("## Q {#q}\n```\n## not a question\n```\n\nanswer: true\n")
    assert problems == [] and len(quiz.questions) == 1


def test_a_lesson_block_is_a_practice_quiz():
    quiz, problems = parse("## Q\nT\n\nanswer: true\n", path="c/01-a.md")
    assert problems == [] and quiz.practice


def test_ids_derive_from_titles_without_diacritics():
    assert slugify("Quà tặng: Đúng hay sai?") == "qua-tang-dung-hay-sai"
    assert slugify("???") == "question"


def test_question_html_is_sanitised():
    quiz, _ = parse("## Q {#q}\n<script>alert(1)</script> Hi\n\n- (x) <img src=x onerror=alert(1)>A\n- ( ) B\n")
    question = quiz.questions[0]
    assert "<script" not in question.html and "onerror" not in question.options[0].html
