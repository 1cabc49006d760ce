"""The columns and rows of the exported tables. Export headers are Vietnamese whatever
the interface language: the files are reports sent upward to Vietnamese authorities."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from app.labels import AUDIENCE_LABELS
from app.stats.exports import PERCENT, Column
from app.stats.figures import Figures

UNIT_COLUMNS = [
    Column("Mã đơn vị", key="code"), Column("Tên đơn vị", key="name"),
    Column("Số người học", "number", "learners"), Column("Được giao", "number", "assigned"),
    Column("Đã bắt đầu", "number", "started"), Column("Tỷ lệ tham gia", PERCENT, "participation_rate"),
    Column("Đã hoàn thành", "number", "completed"), Column("Tỷ lệ hoàn thành", PERCENT, "completion_rate"),
    Column("Đạt", "number", "passed"), Column("Tỷ lệ đạt", PERCENT, "pass_rate"),
    Column("Quá hạn", "number", "overdue"), Column("Điểm trung bình", "number", "avg_score"),
]
LEARNER_COLUMNS = [
    Column("Mã đơn vị", key="unit_code"), Column("Tên đơn vị", key="unit_name"), Column("Họ và tên", key="full_name"),
    Column("Email", key="email"), Column("Đối tượng", key="audience", labels=AUDIENCE_LABELS), Column("Khoá học", key="course"),
    Column("Hạn hoàn thành", "date", "due_on"), Column("Ngày bắt đầu", "date", "started_at"),
    Column("Ngày hoàn thành", "date", "completed_at"), Column("Ngày đạt", "date", "passed_at"),
    Column("Điểm cao nhất", "number", "best_score"), Column("Quá hạn", "number", "overdue"),
    Column("Lần học gần nhất", "date", "last_activity_at"),
]
RANKING_COLUMNS = [Column("Hạng", "number", "rank")] + UNIT_COLUMNS


def unit_row(f: Figures) -> tuple:
    """One unit's figures as a row of UNIT_COLUMNS (rates as fractions)."""
    return (f.code, f.name, f.learners, f.assigned, f.started, f.participation, f.completed, f.completion,
            f.passed, f.pass_rate, f.overdue, f.avg_score)


def unit_rows(rows: Iterable[Figures]) -> Iterator[tuple]:
    return (unit_row(f) for f in rows)

