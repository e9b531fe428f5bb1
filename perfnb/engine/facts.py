"""What the engine looks up about a department: funds rows, totals, budget shares, money inputs.

:class:`Facts` wraps a loaded :class:`~perfnb.format.model.Department` and answers questions such as
"the total funds row of project p1" or "p4's share of the total budget", each answer carrying
the :class:`~perfnb.engine.figures.Input` cells it came from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property

from perfnb.base.units import convert_money
from perfnb.engine.figures import PARTS_BASIS, Input, plain
from perfnb.format.location import Cell
from perfnb.format.model import Department
from perfnb.format.schema import FundLine, Indicator, ReportedFigure
from perfnb.format.schemes import short

__all__ = ["MONEY_COLUMNS", "Facts", "money_text"]

#: Money columns of funds.csv and their Chinese names.
MONEY_COLUMNS: dict[str, str] = {
    "budget_initial": "年初预算数",
    "budget": "全年预算数",
    "half_plan": "半年计划执行数",
    "half_executed": "半年执行数",
    "received": "到位数",
    "executed": "执行数",
}


def money_text(value: Decimal) -> str:
    """Money without exponent form and without trailing zeros beyond what was written."""
    return plain(value)


class Facts:
    """Lookups over one department's data (pure: nothing is changed)."""

    def __init__(self, dept: Department) -> None:
        self.dept = dept
        self.unit = dept.header.money_unit

    @cached_property
    def funds(self) -> dict[str, FundLine]:
        """Funds rows by id."""
        return {f.id: f for f in self.dept.funds}

    @cached_property
    def children(self) -> dict[str, list[FundLine]]:
        """Funds rows by parent id, in file order."""
        out: dict[str, list[FundLine]] = defaultdict(list)
        for f in self.dept.funds:
            if f.parent:
                out[f.parent].append(f)
        return out

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        """Indicators by id."""
        return {i.id: i for i in self.dept.indicators}

    def money(self, row: FundLine, column: str, unit: str | None = None) -> Decimal | None:
        """``row.column`` in ``unit`` (default: the document's money unit), exact."""
        value: Decimal | None = getattr(row, column)
        if value is None or column.startswith("quantity"):
            return value
        return convert_money(value, self.dept.money_unit(row), unit or self.unit)

    def parts_sum(self, row: FundLine, column: str, unit: str | None = None) -> Decimal | None:
        """The sum of a total row's parts in ``column`` when the row prints 0 or nothing there while its parts (the
        first group whose printed parts add to more than 0) carry money: rates are recomputed on it instead."""
        printed = self.money(row, column, unit)
        if printed or not self.children.get(row.id):
            return None
        groups: dict[str, list[FundLine]] = defaultdict(list)
        for part in self.children[row.id]:
            groups[part.group or ""].append(part)
        for parts in groups.values():
            added = sum((v for p in parts if (v := self.money(p, column, unit)) is not None), Decimal(0))
            if added:
                return added
        return None

    def carried(self, row: FundLine, column: str, unit: str | None = None) -> tuple[Decimal | None, Input]:
        """``row.column`` and its input; the sum of its parts instead when the row prints 0 or nothing while its
        parts carry money (:meth:`parts_sum`), the input then named so."""
        parts = self.parts_sum(row, column, unit)
        if parts is None:
            return self.money(row, column, unit), self.money_input(row, column, unit)
        name = f"{row.line}{MONEY_COLUMNS.get(column, column)}{PARTS_BASIS}"
        return parts, Input(name, parts, unit or self.unit, self.dept.cell("funds", row.id, column))

    def money_input(self, row: FundLine, column: str, unit: str | None = None) -> Input:
        """The cell ``row.column`` as an input (value in ``unit``, default the document's)."""
        value = self.money(row, column, unit)
        name = f"{row.line}{MONEY_COLUMNS.get(column, column)}"
        cell = self.dept.cell("funds", row.id, column)
        if value is None:
            return Input(name, "（空）", None, cell)
        return Input(name, value.normalize() if value == value.to_integral() else value, unit or self.unit, cell)

    def total_row(self, project_id: str | None) -> FundLine | None:
        """The funds row holding a project's (or the department's) total (see :attr:`total_rows`)."""
        return self.total_rows.get(project_id)

    @cached_property
    def total_rows(self) -> dict[str | None, FundLine]:
        """Each project's total funds row: its first 来源 row without parent (e.g. 预算数 before its
        资金来源 parts, or f-total for a special fund); for a sub-project without one, its budget
        line under the whole fund (e.g. f-p1 with parent f-total).
        """
        totals: dict[str | None, FundLine] = {}
        for f in self.dept.funds:
            if f.side == "来源" and not f.parent:
                totals.setdefault(f.project_id, f)
        for f in self.dept.funds:
            under_whole = f.parent is not None and self.funds[f.parent].project_id is None
            if f.side == "来源" and f.project_id is not None and under_whole and f.project_id not in totals:
                totals[f.project_id] = f
        return totals

    def share(self, project_id: str) -> tuple[Decimal | None, tuple[Input, ...]]:
        """A sub-project's exact share of the total budget (fraction), with its inputs."""
        part, whole = self.total_row(project_id), self.total_row(None)
        if part is None or whole is None:
            return None, ()
        num, den = self.money(part, "budget"), self.money(whole, "budget")
        inputs = (self.money_input(part, "budget"), self.money_input(whole, "budget"))
        if num is None or den is None or den == 0:
            return None, inputs
        return num / den, inputs

    def printed_share(self, project_id: str) -> tuple[Decimal | None, ReportedFigure | None]:
        """The share the document printed for a sub-project (fraction), if any."""
        for r in self.dept.reported_figures:
            if r.measure == "share" and r.project_id == project_id and r.number is not None:
                return r.number / 100, r
        return None, None

    def projects_with_funds(self) -> list[str]:
        """Ids of the projects that have a total funds row, in projects.csv order."""
        return [p.id for p in self.dept.projects if self.total_row(p.id) is not None]

    def section_indicators(self, path: str, project_id: str | None) -> list[Indicator]:
        """Indicators of ``project_id`` under the section ``"一级/二级"`` (names normalised)."""
        parts = [short(p) for p in path.split("/") if p][:2]
        out = []
        for ind in self.dept.indicators_of(project_id):
            if not ind.level3:
                continue
            levels = [short(ind.level1), short(ind.level2 or "")]
            if levels[: len(parts)] == parts:
                out.append(ind)
        return out

    def reported(self, measure: str) -> Iterable[ReportedFigure]:
        """Reported figures of one measure, in file order."""
        return (r for r in self.dept.reported_figures if r.measure == measure)

    def reported_cell(self, figure: ReportedFigure) -> Cell:
        """The cell of a reported figure's value."""
        return self.dept.cell("reported_figures", figure.id, "value")
