"""The columns and rows of the exported tables. Export headers are Vietnamese whatever
the interface language: the files are reports sent upward to Vietnamese authorities."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from app.stats.exports import PERCENT, Column
from app.stats.figures import Figures

UNIT_COLUMNS = [
    Column("Mã đơn vị"), Column("Tên đơn vị"), Column("Số người học", "number"), Column("Được giao", "number"),
    Column("Đã bắt đầu", "number"), Column("Tỷ lệ tham gia", PERCENT), Column("Đã hoàn thành", "number"),
    Column("Tỷ lệ hoàn thành", PERCENT), Column("Đạt", "number"), Column("Tỷ lệ đạt", PERCENT),
    Column("Quá hạn", "number"), Column("Điểm trung bình", "number"),
]
LEARNER_COLUMNS = [
    Column("Mã đơn vị"), Column("Tên đơn vị"), Column("Họ và tên"), Column("Email"), Column("Đối tượng"),
    Column("Khoá học"), Column("Hạn hoàn thành", "date"), Column("Ngày bắt đầu", "date"),
    Column("Ngày hoàn thành", "date"), Column("Ngày đạt", "date"), Column("Điểm cao nhất", "number"),
    Column("Quá hạn", "number"),
]
RANKING_COLUMNS = [Column("Hạng", "number")] + UNIT_COLUMNS


def unit_row(f: Figures) -> tuple:
    """One unit's figures as a row of UNIT_COLUMNS (rates as fractions)."""
    return (f.code, f.name, f.learners, f.assigned, f.started, f.participation, f.completed, f.completion,
            f.passed, f.pass_rate, f.overdue, f.avg_score)


def unit_rows(rows: Iterable[Figures]) -> Iterator[tuple]:
    return (unit_row(f) for f in rows)

