"""How the funds lines read from a form hang together: each part under the total or subtotal above it, a block
closed by a total below another, parts written as ``label：amount`` under a heading moved to the column they add up
to. Mixed into :class:`perfnb.forms.funds.FundsBlock`, which reads the lines."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise
from typing import Final

from perfnb.base.errors import PerfnbError
from perfnb.base.numbers import parse_decimal
from perfnb.forms.cells import Cells
from perfnb.forms.form import FundRow, split_amount

__all__ = ["AMOUNTS", "FundsTree"]

#: The amount columns of a funds line and their names (as messages say).
AMOUNTS: Final = {"budget_initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}


class FundsTree(Cells):
    """Puts the funds lines read into ``out.funds`` in their tree (``parent``) and their columns."""

    def _parents(self) -> None:
        """Each part's parent: the total or subtotal above it in its label's column, else the block's total."""
        rows = sorted(range(len(self.out.funds)), key=lambda i: (self.out.funds[i].column, i))
        lines = self.map.funds.rows
        first_total = next((i for i, f in enumerate(self.out.funds) if lines[f.key].role == "total"), None)
        last_total: dict[int, int] = {}
        last_sub: dict[int, int] = {}
        for i in rows:
            row = self.out.funds[i]
            role = lines[row.key].role
            if role == "total":
                last_sub.pop(row.column, None)
                last_total[row.column] = i
                continue
            if role == "requested" or row.parent is not None:  # a horizon column's part: its column's total
                continue
            total = last_total.get(row.column, first_total)
            if role == "subtotal":
                row.parent = total
                last_sub[row.column] = i
                continue
            row.parent = last_sub.get(row.column, total)

    def _closing_total(self) -> None:
        """A block closed by a total (合 计) below another total of its column (财政资金小计 ① 项目支出 ② 基本支出,
        then 2.单位其它收入, then 合 计): when the closing total is, column by column, the earlier total plus the
        来源 rows filed under it, those rows and the earlier total are its parts (福建 宁德)."""
        rows, lines = self.out.funds, self.map.funds.rows
        totals = [i for i, f in enumerate(rows) if lines[f.key].role == "total" and not lines[f.key].horizon]
        for first, close in pairwise(totals):
            if rows[first].column != rows[close].column or rows[close].parent is not None:
                continue
            after = [i for i in range(first + 1, close)
                     if rows[i].parent == first and lines[rows[i].key].side == "来源"]  # fmt: skip
            columns = [c for c in AMOUNTS if c in rows[first].values and c in rows[close].values]
            try:
                added = {c: _amount(rows[first], c) + sum((_amount(rows[i], c) for i in after), Decimal(0))
                         for c in columns}  # fmt: skip
                fits = bool(columns) and all(_amount(rows[close], c) == added[c] for c in columns)
            except PerfnbError:
                continue
            if fits:
                rows[first].parent = close
                for i in after:
                    rows[i].parent = close

    def _inline_columns(self) -> None:
        """Parts written as ``一般公共预算：2,200.00`` under a heading (按收入性质分：) say neither their column nor
        carry a heading amount: the heading becomes their group, they are parts of the total, and their amounts
        go to the total's column they add up to (年初预算数, 全年预算数 or 全年执行数), said so; when they add up to
        none, the usual column is kept and the check shows the difference."""
        funds = self.out.funds
        parts = {i: [p for p in funds if p.parent == i] for i in range(len(funds))}
        headings = {i for i, f in enumerate(funds) if self.map.funds.rows[f.key].role == "subtotal" and not f.values
                    and parts[i] and all(p.inline for p in parts[i])}  # fmt: skip
        for i in headings:
            for part in parts[i]:
                part.parent, part.group = funds[i].parent, _heading(funds[i].line.text)
        if self.out.kind != "target_table":
            groups: dict[tuple[int, str | None], list[FundRow]] = {}
            for f in funds:
                if f.inline and f.parent is not None:
                    groups.setdefault((f.parent, f.group), []).append(f)
            for (parent, _), members in groups.items():
                self._column_by_sum(funds[parent], members)
        keep = [i for i in range(len(funds)) if i not in headings]
        new = {old: n for n, old in enumerate(keep)}
        for f in funds:
            f.parent = new.get(f.parent) if f.parent is not None else None
        self.out.funds = [funds[i] for i in keep]

    def _column_by_sum(self, total: FundRow, parts: list[FundRow]) -> None:
        """Move parts written without a column to the total's column that equals their sum."""
        own = {next(iter(p.values)) for p in parts if len(p.values) == 1}
        if len(own) != 1 or {p.unit for p in parts} != {total.unit}:
            return
        column = own.pop()
        try:
            added = sum((parse_decimal(p.values[column].text) for p in parts), Decimal(0))
            totals = {c: parse_decimal(total.values[c].text) for c in AMOUNTS if c in total.values}
        except PerfnbError:
            return
        same = [c for c, amount in totals.items() if amount == added]
        if not totals:
            return
        if same and column not in same:
            column, old = same[-1], column
            for p in parts:
                p.values[column] = p.values.pop(old)
        if same:
            why = f"合计 {added} 与{total.line.text}的{AMOUNTS[column]}相同，按{AMOUNTS[column]}导入"
        else:
            printed = "、".join(f"{AMOUNTS[c]} {total.values[c].text}" for c in totals)
            why = f"合计 {added} 与{total.line.text}的{printed} 都不相同，按{AMOUNTS[column]}导入，请核对"
        for p in parts:
            p.assumed = f"标签和金额写在同一格，没有列名：这一组{why}"


def _amount(row: FundRow, column: str) -> Decimal:
    """A funds row's printed amount in ``column`` (0 when blank); PerfnbError when it is no number."""
    value = row.values.get(column)
    return parse_decimal(split_amount(value.text)[0]) if value is not None and value.text.strip() else Decimal(0)


def _heading(text: str) -> str:
    """A group heading as a group name: without its trailing colon (按收入性质分： → 按收入性质分)."""
    return re.sub(r"[:：\s]+$", "", text.strip())
