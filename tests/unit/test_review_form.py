"""The self-review form parser: a pure function, problems as line numbers; and periods."""
from pathlib import Path

import pytest

from app.reviews.form import load_forms, parse_form
from app.reviews.periods import fits, period_bounds

REVIEWS = Path(__file__).parents[2] / "reviews"
GOOD = """---
title: Tự kiểm điểm
audiences: [civil_servant]
period: yearly
summary: Tóm tắt
reviewed: 2026-12-01
sources: [Công văn 377/UBND-NC]
scale: [Tốt, Đạt, Chưa đạt]
---
Lời dẫn.

## Đạo đức

### Quy tắc ứng xử {#quy-tac}

Hướng dẫn **đậm**.

### Kết quả {#ket-qua prompt}

Nêu kết quả.
"""


def test_a_valid_form_gives_sections_criteria_prompts_and_guidance():
    form, problems = parse_form(GOOD, "mau")
    assert problems == []
    assert form.scale == ["Tốt", "Đạt", "Chưa đạt"]
    assert [i.id for i in form.criteria()] == ["quy-tac"]
    assert [i.id for i in form.prompts()] == ["ket-qua"]
    assert form.criteria()[0].guidance == "Hướng dẫn **đậm**."
    assert form.criteria()[0].line == 14


@pytest.mark.parametrize("change, line, words", [
    (("period: yearly", "period: monthly"), 4, "'period' must be one of"),
    (("scale: [Tốt, Đạt, Chưa đạt]", "scale: [Tốt]"), 8, "at least two"),
    (("{#quy-tac}", ""), 14, "needs one id"),
    (("{#ket-qua prompt}", "{#quy-tac}"), 18, "already used on line 14"),
    (("reviewed: 2026-12-01\n", ""), 1, "missing 'reviewed'"),
    (("## Đạo đức\n", ""), 13, "before any '## ' section"),
])
def test_a_broken_form_is_refused_with_the_line_of_the_problem(change, line, words):
    form, problems = parse_form(GOOD.replace(*change), "mau")
    assert form is None
    assert any(n == line and words in message for n, message in problems), problems


def test_a_broken_form_is_left_out_and_the_others_still_load(tmp_path):
    (tmp_path / "tot").mkdir()
    (tmp_path / "tot" / "form.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "hong").mkdir()
    (tmp_path / "hong" / "form.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    forms, problems = load_forms(tmp_path)
    assert list(forms) == ["tot"]
    assert str(problems[0]).startswith("hong/form.md:2: invalid YAML")


def test_the_shipped_form_for_cadres_is_valid_and_guides_every_criterion():
    forms, problems = load_forms(REVIEWS)
    assert problems == []
    form = forms["can-bo-cong-chuc"]
    assert len(form.criteria()) >= 7
    assert all(item.guidance for item in form.items())
    assert {"ket-qua", "han-che", "bien-phap"} == {i.id for i in form.prompts()}


def test_periods_span_their_dates_and_match_the_form_kind():
    assert [d.isoformat() for d in period_bounds("2026-H2")] == ["2026-07-01", "2026-12-31"]
    assert [d.isoformat() for d in period_bounds("2026-Q1")] == ["2026-01-01", "2026-03-31"]
    assert fits("yearly", "2026") and fits("quarterly", "2026-Q3") and not fits("yearly", "2026-Q3")
    with pytest.raises(ValueError, match="2026-H1"):
        period_bounds("2026-H3")
