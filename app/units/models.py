"""The organisational tree: province → district → ward/commune/department/school."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.clock import utcnow
from app.collation import SORT_KEY_LENGTH, sort_key
from app.extensions import db

#: Materialised paths compare byte-wise; PostgreSQL needs the "C" collation for that.
PathString = String(512).with_variant(String(512, collation="C"), "postgresql")


class UnitKind(str, enum.Enum):
    """What sort of organisation a unit is; decides nothing but labels and filters."""

    PROVINCE = "province"
    DISTRICT = "district"
    WARD = "ward"
    COMMUNE = "commune"
    DEPARTMENT = "department"
    AGENCY = "agency"
    TRAINING_SCHOOL = "training_school"
    SECONDARY_SCHOOL = "secondary_school"
    HIGH_SCHOOL = "high_school"
    UNIVERSITY = "university"
    COLLEGE = "college"
    VOCATIONAL_SCHOOL = "vocational_school"
    OTHER = "other"


class Unit(db.Model):
    """One node of the tree. `path` is the materialised path of ids, e.g. "/1/5/23/".

    A materialised path, not a closure table: a whole subtree is one indexed range scan
    (`path >= '/1/5/' AND path < '/1/50'`), rows stay one per unit (a closure table for
    20,000 units 6 levels deep holds ~120,000 rows that every move must rewrite anyway),
    and grouping a subtree's learners by child unit is a GROUP BY on a path prefix.
    """

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    #: Vietnamese collation key of `name` (app/collation.py); lists ORDER BY it.
    name_key: Mapped[str] = mapped_column(String(SORT_KEY_LENGTH), index=True, default="")
    kind: Mapped[str] = mapped_column(String(32), default=UnitKind.OTHER.value)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    #: "/<root id>/…/<own id>/"; every ancestor's path is a prefix of it.
    path: Mapped[str] = mapped_column(PathString, index=True, default="")
    #: 0 for a root unit.
    depth: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent", order_by="Unit.name_key")

    @validates("name")
    def _keep_name_key(self, _field: str, value: str) -> str:
        self.name_key = sort_key(value)
        return value

    def __repr__(self) -> str:
        return f"<Unit {self.code} {self.path}>"

    @staticmethod
    def subtree_bounds(path: str) -> tuple[str, str]:
        """The half-open range [low, high) of paths inside the subtree rooted at `path`.

        Paths hold digits and "/"; "0" follows "/" in byte order, so "/1/5/" < every
        descendant < "/1/50".
        """
        return path, path[:-1] + "0"

    def subtree_filter(self, column=None):
        """A SQL condition true for this unit and its descendants (by a path column)."""
        column = Unit.path if column is None else column
        low, high = self.subtree_bounds(self.path)
        return (column >= low) & (column < high)

    def contains(self, other: Unit) -> bool:
        """Whether `other` is this unit or one of its descendants."""
        return other.path.startswith(self.path)

    def ancestors_ids(self) -> list[int]:
        """Ids from the root down to this unit, read off the path."""
        return [int(p) for p in self.path.strip("/").split("/") if p]
