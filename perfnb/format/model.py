"""The in-memory department: a validated header and typed tables, with where each row came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from perfnb.format.location import Cell
from perfnb.format.schema import (
    DepartmentHeader,
    FundLine,
    Indicator,
    NarrativeTarget,
    Project,
    ReportedFigure,
)
from perfnb.format.tables import SourceFile

__all__ = ["Department", "Location"]


@dataclass(frozen=True)
class Location:
    """A cell's home in ``data/raw``: file (relative to the data directory) and row number."""

    file: str
    row: int
    ref: str | None = None  # where the row was printed in the department's own document (its ``ref`` column)

    def __str__(self) -> str:
        return f"{self.file} 第 {self.row} 行"


@dataclass(frozen=True)
class Department:
    """One department's figures as transcribed; equal when the data are equal.

    ``sources`` and ``locations`` (where each row was read from) do not take part in
    equality, so the CSV and the xlsx forms of the same data compare equal.
    """

    header: DepartmentHeader
    projects: tuple[Project, ...]
    funds: tuple[FundLine, ...]
    indicators: tuple[Indicator, ...]
    narrative_targets: tuple[NarrativeTarget, ...]
    reported_figures: tuple[ReportedFigure, ...]
    sources: tuple[SourceFile, ...] = field(default=(), compare=False)
    locations: Mapping[tuple[str, str], Location] = field(default_factory=dict, compare=False, repr=False)

    @property
    def id(self) -> str:
        """The department id (also its folder name)."""
        return self.header.id

    def indicators_of(self, project_id: str | None) -> tuple[Indicator, ...]:
        """The indicator rows of one project (None: the department-wide rows), in file order."""
        return self._indicators_by_project.get(project_id, ())

    @cached_property
    def _indicators_by_project(self) -> dict[str | None, tuple[Indicator, ...]]:
        groups: dict[str | None, list[Indicator]] = {}
        for ind in self.indicators:
            groups.setdefault(ind.project_id, []).append(ind)
        return {pid: tuple(rows) for pid, rows in groups.items()}

    def where(self, table: str, row_id: str) -> Location | None:
        """Where the row ``row_id`` of ``table`` (e.g. ``"funds"``) was read from."""
        return self.locations.get((table, row_id))

    def cell(self, table: str, row_id: str, column: str | None = None) -> Cell:
        """The cell of ``column`` in row ``row_id`` of ``table`` (file and row as read)."""
        where = self.locations.get((table, row_id))
        if where is None:
            return Cell(f"{self.id}/{table}.csv", None, column)
        return Cell(where.file, where.row, column, where.ref)

    def money_unit(self, row: FundLine | Project) -> str:
        """The money unit of a row: its own ``unit``, else the document's."""
        return row.unit or self.header.money_unit
