"""The goal text against the indicator table: TARGET_CONFLICT.

- :func:`check_narrative_conflicts`: TARGET_CONFLICT, a number in the goal text (``narrative_targets.csv``)
  that disagrees with the target of its linked indicator (不少于2500件 against ≥3500件).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from perfnb.base.units import normalize_unit, to_yuan
from perfnb.engine.findings import Finding, FindingCode, finding
from perfnb.engine.quality.common import COLUMN_NAMES, magnitude, parse, subject
from perfnb.format.model import Department
from perfnb.format.targets import Op, ParsedValue, ValueKind

__all__ = ["check_narrative_conflicts"]

#: The indicator column a goal's horizon is compared with.
HORIZON_COLUMNS: Final[dict[str, str]] = {"年度": "target", "中长期": "target_period", "实施期": "target_period"}


def _comparable(a: ParsedValue, b: ParsedValue) -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal]] | None:
    """The (low, high) numbers of ``a`` and ``b`` on one scale, or None when they measure different things.

    A number without a unit matches any count unit; a bare 亿/万 matches money (80亿 = 80亿元).
    """
    if a.value is None or b.value is None or ValueKind.DATE in (a.kind, b.kind):
        return None

    def span(p: ParsedValue, as_money: bool) -> tuple[Decimal, Decimal]:
        if as_money and p.kind is ValueKind.QUANTITY:
            unit = f"{p.unit}元"
            lo, hi = to_yuan(p.value or Decimal(0), unit), to_yuan(p.upper or p.value or Decimal(0), unit)
            return lo, hi
        return magnitude(p), magnitude(p, high=True)

    kinds = {a.kind, b.kind}
    if kinds == {ValueKind.MONEY}:
        return (span(a, False), span(b, False)) if a.per == b.per else None
    if kinds == {ValueKind.MONEY, ValueKind.QUANTITY}:
        quantity = a if a.kind is ValueKind.QUANTITY else b
        if quantity.unit not in ("万", "亿"):
            return None
        return span(a, True), span(b, True)
    if len(kinds) != 1:
        return None
    units = {normalize_unit(p.unit) if p.unit else None for p in (a, b)}
    if len(units) == 1 or (None in units and ValueKind.QUANTITY in kinds):
        return span(a, False), span(b, False)
    return None


def _compatible(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal], ranged: bool) -> bool:
    """Equal numbers, or (when either side is a range) overlapping ones."""
    if ranged:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] == b[0]


def check_narrative_conflicts(dept: Department) -> list[Finding]:
    """TARGET_CONFLICT: a number in the goal text that disagrees with its linked indicator."""
    findings = []
    indicators = {ind.id: ind for ind in dept.indicators}
    for row in dept.narrative_targets:
        ind = indicators.get(row.indicator_id or "")
        if ind is None:
            continue
        column = HORIZON_COLUMNS[row.horizon]
        text = getattr(ind, column)
        said, table = parse(dept, row.quantity), parse(dept, text)
        if said is None or table is None:
            continue
        spans = _comparable(said, table)
        if spans is None or _compatible(*spans, ranged=Op.RANGE in (said.op, table.op)):
            continue
        message = (
            f"目标文字“{row.text}”中的“{row.quantity}”与指标“{subject(ind)}”的{COLUMN_NAMES[column]}“{text}”不一致"
        )
        findings.append(
            finding(
                FindingCode.TARGET_CONFLICT,
                subject(ind),
                message,
                cell=dept.cell("narrative_targets", row.id, "quantity"),
                reported=row.quantity,
                recomputed=text,
                project_id=ind.project_id or row.project_id,
            )
        )
    return findings
