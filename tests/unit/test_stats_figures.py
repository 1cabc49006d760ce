"""Statistics arithmetic, privacy floor, ranking and charts, without an app."""
from app.stats.charts import bar_chart, trend_chart
from app.stats.exports import PERCENT, Column, csv_stream
from app.stats.figures import Figures, apply_privacy, commendation_ranking, sort_rows, total


def fig(name, assigned, completed, started=None, learners=None, path="/1/2/", score=(0.0, 0)):
    return Figures(code=name, name=name, path=path, assigned=assigned, completed=completed,
                   started=completed if started is None else started,
                   learners=assigned if learners is None else learners, score_sum=score[0], score_count=score[1])


def test_rates_are_fractions_and_none_without_assigned_learners():
    assert fig("a", 4, 1).completion == 0.25
    assert fig("a", 0, 0).completion is None


def test_total_adds_counts_and_averages_scores_over_everyone():
    whole = total([fig("a", 4, 1, score=(80.0, 1)), fig("b", 6, 3, score=(180.0, 3))], code="T")
    assert (whole.assigned, whole.completed, whole.avg_score) == (10, 4, 65.0)


def test_worst_first_puts_the_lowest_completion_on_top_and_empty_units_last():
    rows = [fig("good", 10, 9), fig("bad", 10, 1), fig("empty", 0, 0), fig("mid", 10, 5)]
    assert [r.name for r in sort_rows(rows, "completion", worst_first=True)] == ["bad", "mid", "good", "empty"]
    assert [r.name for r in sort_rows(rows, "completion")] == ["good", "mid", "bad", "empty"]


def test_ranking_leaves_out_units_below_the_minimum_size():
    rows = [fig("tiny", 2, 2), fig("big", 20, 15), fig("bigger", 40, 36)]
    ranked = commendation_ranking(rows, minimum_assigned=10)
    assert [(rank, f.name) for rank, f in ranked] == [(1, "bigger"), (2, "big")]


def test_ranking_gives_equal_units_the_same_rank():
    ranked = commendation_ranking([fig("a", 10, 5), fig("b", 20, 10), fig("c", 10, 1)], 10)
    assert [rank for rank, _ in ranked] == [1, 1, 3]


def test_privacy_hides_average_of_small_unit_from_outside_only():
    small = fig("w", 3, 1, path="/1/2/3/", score=(90.0, 1))
    assert apply_privacy(small, "/1/", 5).avg_score is None
    assert small.completed == 1  # counts stay
    assert apply_privacy(small, "/1/2/3/", 5).avg_score == 90.0
    big = fig("w", 8, 1, path="/1/2/3/", score=(90.0, 1))
    assert apply_privacy(big, "/1/", 5).avg_score == 90.0


def test_charts_are_accessible_svg_without_style_attributes():
    for svg in (bar_chart([("Phường <A>", 0.5), ("B", None)], "T", "D"), trend_chart({"2026-01": 3}, "T", "D")):
        assert svg.startswith("<svg") and "<title" in svg and "<desc" in svg and 'role="img"' in svg
        assert "style=" not in svg and "<script" not in svg
    assert "Phường &lt;A&gt;" in bar_chart([("Phường <A>", 0.5)], "T", "D")


def test_csv_starts_with_a_byte_order_mark_and_keeps_vietnamese():
    data = b"".join(csv_stream([Column("Tên đơn vị"), Column("Tỷ lệ", PERCENT)], [("Phường Điện Biên", 0.5)]))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["Tên đơn vị,Tỷ lệ", "Phường Điện Biên,50.0"]


def test_trend_chart_labels_months_the_vietnamese_way_not_as_a_day():
    svg = trend_chart({"2026-11": 2, "2026-12": 5}, "T", "D")
    assert ">T11/2026<" in svg and ">T12/2026<" in svg and ">26-12<" not in svg


def test_a_single_month_is_drawn_at_its_own_size_not_stretched_to_the_page():
    import re

    svg = trend_chart({"2026-12": 40}, "T", "D")
    width, height = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
    assert height <= 220 and width < 200  # with CSS that never scales a trend chart up
    assert 'class="chart trend"' in svg
