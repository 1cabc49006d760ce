"""`flask courses check` on quizzes, and `flask quizzes import-gift|export-gift|import-aiken`."""
from tests.support.cli import run, write

GIFT = """$CATEGORY: Gifts

::Cash::Which gift is refused?{=Cash#Always.~A pen}

::Flags::Which are conflicts?{~%50%Brother ~%50%Shares ~%-100%Course}

::Num::How many?{#5}
"""


def test_a_malformed_quiz_block_is_reported_as_file_and_line(app, courses_dir):
    (courses_dir / "quizzed" / "02-practice.md").write_text(
        "---\ntitle: P\n---\nText.\n\n```quiz\n## Q {#q}\nWhich?\n\n- (x) A\n- (x) B\n```\n")
    result = run(app, "courses", "check")
    assert result.exit_code == 1
    assert "quizzed/02-practice.md:7: single-choice question 'q' needs exactly one '- (x)' option, has 2" in result.output


def test_a_malformed_final_quiz_is_reported_as_file_and_line(app, courses_dir):
    path = courses_dir / "quizzed" / "quiz.md"
    path.write_text(path.read_text().replace("answer: đúng", "answer: perhaps"))
    result = run(app, "courses", "check")
    assert "quizzed/quiz.md:33: 'answer:' must be true or false (or đúng / sai), not 'perhaps'" in result.output


def test_quality_warnings_follow_the_problems_and_fail_the_check_only_when_strict(app, courses_dir):
    # The fixture courses have no `reviewed:` date: a warning, not a problem.
    result = run(app, "courses", "check")
    assert result.exit_code == 0
    assert "quizzed/course.md:1: warning: no 'reviewed:' date" in result.output
    assert run(app, "courses", "check", "--strict").exit_code == 1


def test_import_gift_creates_the_quiz_and_reports_what_it_skipped(app, courses_dir, tmp_path):
    result = run(app, "quizzes", "import-gift", write(tmp_path, "b.gift", GIFT), "--course", "civics")
    assert result.exit_code == 0, result.output
    assert "b.gift:7: unsupported GIFT question type: numerical {#…}, skipped" in result.output
    text = (courses_dir / "civics" / "quiz.md").read_text()
    assert text.startswith("---\ntitle: Final quiz")
    assert "## Cash {#cash tags=\"category:gifts\"}" in text and "- [x] Brother" in text
    assert run(app, "courses", "check").exit_code == 0


def test_import_gift_twice_extends_the_quiz_with_fresh_ids(app, courses_dir, tmp_path):
    path = write(tmp_path, "b.gift", GIFT)
    run(app, "quizzes", "import-gift", path, "--course", "civics")
    run(app, "quizzes", "import-gift", path, "--course", "civics")
    text = (courses_dir / "civics" / "quiz.md").read_text()
    assert "{#cash " in text and "{#cash-2 " in text


def test_an_import_that_would_not_validate_changes_nothing(app, courses_dir, tmp_path):
    before = (courses_dir / "quizzed" / "quiz.md").read_text()
    bad = "::Twice::Pick{=Same ~Same}\n"
    result = run(app, "quizzes", "import-gift", write(tmp_path, "b.gift", bad), "--course", "quizzed")
    assert result.exit_code == 1 and "would not validate" in result.output and "appears twice" in result.output
    assert (courses_dir / "quizzed" / "quiz.md").read_text() == before


def test_export_then_import_gives_the_same_quiz(app, courses_dir, tmp_path):
    out = tmp_path / "out.gift"
    result = run(app, "quizzes", "export-gift", "quizzed", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "~%50%Handling your brother" in out.read_text()
    assert run(app, "quizzes", "import-gift", str(out), "--course", "civics").exit_code == 0
    again = run(app, "quizzes", "export-gift", "civics").output
    assert again.strip() == out.read_text().strip()
    printed = run(app, "quizzes", "export-gift", "quizzed").output
    assert printed.strip() == out.read_text().strip()


def test_import_aiken_with_errors_names_lines_and_imports_nothing(app, courses_dir, tmp_path):
    bad = write(tmp_path, "a.txt", "Q?\nA. x\nB. y\nANSWER: Z\n")
    result = run(app, "quizzes", "import-aiken", bad, "--course", "civics")
    assert result.exit_code == 1 and "a.txt:4: ANSWER 'Z' is not one of the options A, B" in result.output
    assert not (courses_dir / "civics" / "quiz.md").exists()
    good = write(tmp_path, "b.txt", "What is integrity?\nA. Greed\nB. Honesty\nANSWER: B\n")
    assert run(app, "quizzes", "import-aiken", good, "--course", "civics").exit_code == 0
    assert "- (x) Honesty" in (courses_dir / "civics" / "quiz.md").read_text()


def test_courses_check_in_vietnamese_names_quiz_problems_in_vietnamese(app, courses_dir):
    path = courses_dir / "quizzed" / "quiz.md"
    path.write_text(path.read_text().replace("answer: đúng", "answer: perhaps"))
    result = run(app, "courses", "check", "--lang", "vi")
    assert "quizzed/quiz.md:33: 'answer:' phải là true hoặc false (hay đúng / sai), không phải 'perhaps'" in result.output
    assert "warning: " in result.output  # the line's shape stays: path:line: [warning:] message
