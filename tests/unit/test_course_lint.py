"""Quiz-quality and currency warnings: each rule on a small course written for the test."""
from datetime import date
from pathlib import Path

from app.courses.lint import course_warnings, months_before
from app.courses.loader import load_course
from app.quizzes.lint import quiz_warnings, same_stem
from app.quizzes.parser import parse_quiz

TODAY = date(2026, 12, 4)
COURSE = """---
title: Lint
audiences: [civil_servant]
language: vi
summary: s
pass_mark: 70
maintainers: [t@example.org]
reviewed: 2026-11-01
sources:
  - title: Luật Phòng, chống tham nhũng
    number: 36/2018/QH14
---
Intro.
"""
LESSON = """---
title: One
---
Text.

```quiz
## Quà {#l1-qua}
Anh Nam được doanh nghiệp tặng một phong bì khi đang thẩm định hồ sơ. Anh nên làm gì?

- (x) Từ chối
- ( ) Nhận
- ( ) Nhận rồi trả lại sau
> Luật cấm nhận quà từ người có việc đang giải quyết.
```
"""
GOOD_FINAL = """---
show_answers: after_pass
---
## Hỏi {#hoi}
Câu hỏi khác hẳn về việc kê khai tài sản hằng năm của công chức?

- (x) Có
- ( ) Không phải vậy
- ( ) Tùy người
> Vì luật quy định.
"""


def make(tmp_path: Path, course=COURSE, lesson=LESSON, final=GOOD_FINAL):
    root = tmp_path / "courses"
    folder = root / "lint"
    folder.mkdir(parents=True)
    (folder / "course.md").write_text(course, encoding="utf-8")
    (folder / "01-one.md").write_text(lesson, encoding="utf-8")
    (folder / "quiz.md").write_text(final, encoding="utf-8")
    course, problems = load_course(folder, root, quiz_parser=parse_quiz)
    assert problems == []
    return course


def messages(course, today=TODAY):
    return [str(w) for w in course_warnings(course, today, quiz_warnings)]


def test_a_careful_course_has_no_warnings(tmp_path):
    assert messages(make(tmp_path)) == []


def test_a_question_without_explanation_is_warned_at_its_line(tmp_path):
    final = GOOD_FINAL.replace("> Vì luật quy định.\n", "")
    found = messages(make(tmp_path, final=final))
    assert found == ["lint/quiz.md:4: warning: question 'hoi' has no explanation (a '> …' line after its answers)"]


def test_a_key_strictly_longest_is_warned_and_so_is_a_course_where_most_are(tmp_path):
    final = GOOD_FINAL.replace("- (x) Có", "- (x) Có, theo luật định rõ ràng")
    found = messages(make(tmp_path, final=final))
    assert "lint/quiz.md:4: warning: question 'hoi': the key is the longest option, which gives it away" in found
    # 1 of 2 single-choice questions: not more than half, no course-level warning.
    assert not any("single-choice questions" in w for w in found)
    lesson = LESSON.replace("- (x) Từ chối", "- (x) Từ chối lịch sự và báo cáo")
    found = messages(make(tmp_path / "b", lesson=lesson, final=final))
    assert "lint/course.md:1: warning: in 2 of 2 single-choice questions the key is the longest option" in found


def test_a_key_as_long_as_a_distractor_is_not_warned(tmp_path):
    final = GOOD_FINAL.replace("- (x) Có", "- (x) Tùy việc")
    assert messages(make(tmp_path, final=final)) == []


def test_a_final_question_repeating_a_practice_stem_is_warned(tmp_path):
    final = GOOD_FINAL.replace(
        "Câu hỏi khác hẳn về việc kê khai tài sản hằng năm của công chức?",
        "Anh Nam được doanh nghiệp tặng một phong bì khi đang thẩm định hồ sơ. Anh phải làm gì?")
    found = messages(make(tmp_path, final=final))
    assert found == ["lint/quiz.md:4: warning: question 'hoi' repeats the practice question 'l1-qua' of lint/01-one.md"]


def test_near_equal_stems_ignore_case_diacritics_and_punctuation_only_up_to_the_threshold():
    assert same_stem("Ông A nhận quà?", "ong a nhan qua")
    assert not same_stem("Ông A nhận quà của doanh nghiệp", "Bà B từ chối quà của doanh nghiệp")


def test_a_small_bank_is_warned_only_while_answers_show_after_every_attempt(tmp_path):
    final = GOOD_FINAL.replace("after_pass", "after_submit")
    found = messages(make(tmp_path, final=final))
    assert found == ["lint/quiz.md:2: warning: answers are shown after every attempt and an attempt draws 1 "
                     "of 1 questions: write at least 2 or use 'show_answers: after_pass'"]


def test_a_pool_counts_what_an_attempt_draws_not_what_is_written(tmp_path):
    question = GOOD_FINAL.split("---\n", 2)[2]
    pooled = "".join(question.replace("{#hoi}", f'{{#hoi{i} pool="p"}}') for i in range(4))
    final = "---\nshow_answers: after_submit\npools:\n  p: 2\n---\n" + pooled
    assert messages(make(tmp_path, final=final)) == []
    final = final.replace("p: 2", "p: 3")
    assert any("draws 3 of 4 questions" in w for w in messages(make(tmp_path / "b", final=final)))


def test_a_course_reviewed_over_twelve_months_ago_or_without_date_or_sources_is_warned(tmp_path):
    course = make(tmp_path)
    assert messages(course, date(2027, 11, 1)) == []
    assert messages(course, date(2027, 11, 2)) == [
        "lint/course.md:1: warning: reviewed on 2026-11-01, more than 12 months ago: check it against the law in force"]
    bare = COURSE.split("reviewed:")[0] + "---\nIntro.\n"
    found = messages(make(tmp_path / "b", course=bare))
    assert found == ["lint/course.md:1: warning: no 'reviewed:' date: say when the content was last checked against the law",
                     "lint/course.md:1: warning: no 'sources:': list the laws and decrees the course relies on"]


def test_twelve_months_before_a_leap_day_is_the_last_day_of_february():
    assert months_before(date(2028, 2, 29), 12) == date(2027, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
