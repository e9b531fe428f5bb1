"""Cost indicators against the budget: COST_BUDGET_MISMATCH.

- :func:`check_cost_budget`: COST_BUDGET_MISMATCH, a project's 产出/成本 caps, each scaled to the year (每月 × 12,
  每场 × the 数量 indicator's count, 平均成本 × the matching quantity), add up to more than its budget.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final

from perfnb.base.units import to_yuan
from perfnb.engine.facts import Facts
from perfnb.engine.findings import Finding, FindingCode, finding
from perfnb.engine.quality.common import COST, OUTPUT, QUANTITY, category, magnitude, name_key, num, parse
from perfnb.format.location import Cell
from perfnb.format.model import Department
from perfnb.format.schema import Indicator, Project
from perfnb.format.targets import Op, ParsedValue, ValueKind

__all__ = ["check_cost_budget"]

#: Period words in a cost name and how many periods make a year (每月 → 12).
PERIOD_WORDS: Final[tuple[tuple[str, int], ...]] = (
    ("每季度", 4), ("每个季度", 4), ("季度", 4), ("每个月", 12), ("每月", 12), ("月度", 12), ("按月", 12),
    ("月均", 12), ("月平均", 12), ("每半年", 2), ("每年", 1), ("年度", 1), ("全年", 1),
)  # fmt: skip
#: Period units after a "/" in a money target (≤25.66万元/年/人).
PERIOD_UNITS: Final[dict[str, int]] = {"年": 1, "月": 12, "季": 4, "季度": 4, "半年": 2}
#: Count units a unit cost can be stated per (每场, 单个, 培育1个, 每平方米).
PER_UNITS: Final[tuple[str, ...]] = tuple(
    sorted(
        "平方米 立方米 千瓦时 人次 家次 场次 个次 课时 学时 公里 小时 公顷 "
        "件 个 次 家 场 份 项 台 条 套 人 名 期 批 户 篇 本 册 "
        "部 处 所 座 天 日 周 亩 吨 度 米 笔 张 辆 间 栋 床".split(),
        key=len,
        reverse=True,
    )
)
#: Words for an average cost whose unit is not named (科普教育基地项目更新平均成本).
AVERAGE_WORDS: Final[tuple[str, ...]] = ("平均",)
#: Shortest common substring that links an average cost to a quantity indicator.
MIN_NAME_OVERLAP: Final = 4

_UNIT_ALT = "|".join(map(re.escape, PER_UNITS))
_PER_UNIT = re.compile(rf"(?:每|单)一?(?P<u>{_UNIT_ALT})")
_COUNTED_UNIT = re.compile(rf"(?<![\d.])(?P<n>\d+)(?P<u>{_UNIT_ALT})")


@dataclass(frozen=True)
class _CostLine:
    """A cost indicator turned into an implied annual amount: cap × multiplier."""

    ind: Indicator
    cap: Decimal  # 元
    multiplier: Decimal
    basis: str  # how the multiplier was found (Chinese)

    @property
    def subtotal(self) -> Decimal:
        return self.cap * self.multiplier

    def __str__(self) -> str:
        return (
            f"{self.ind.level3}（{self.ind.target}）{num(self.cap)}元×{num(self.multiplier)}"
            f"（{self.basis}）={num(self.subtotal)}元"
        )


@dataclass(frozen=True)
class _Quantity:
    """A 产出/数量 indicator with a counted target (≥5个)."""

    ind: Indicator
    value: Decimal
    unit: str | None

    @property
    def name(self) -> str:
        return self.ind.level3 or ""


def _budget(facts: Facts, project: Project) -> tuple[Decimal, Cell] | None:
    """The project's budget in 元 and its cell: its total funds row (see ``Facts.total_row``), else projects.csv."""
    dept, row = facts.dept, facts.total_row(project.id)
    if row is not None:
        column = "budget" if row.budget is not None or facts.parts_sum(row, "budget") else "budget_initial"
        amount = facts.carried(row, column, "元")[0]  # a total row printed 0 while its parts carry money: their sum
        if amount is not None:
            return amount, dept.cell("funds", row.id, column)
    if project.budget is not None:
        return to_yuan(project.budget, dept.money_unit(project)), dept.cell("projects", project.id, "budget")
    return None


@lru_cache(maxsize=1 << 14)
def _longest_common(a: str, b: str) -> int:
    """Length of the longest common substring of ``a`` and ``b``."""
    best, previous = 0, [0] * (len(b) + 1)
    for ch in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _closest(name: str, candidates: Sequence[_Quantity], minimum: int = 0) -> _Quantity | None:
    """The candidate whose name shares the longest substring with ``name`` (first on ties)."""
    scored = [(_longest_common(name_key(name), name_key(q.name)), -n, q) for n, q in enumerate(candidates)]
    scored = [s for s in scored if s[0] >= minimum]
    return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def _period(name: str, per: str | None) -> tuple[int, str] | None:
    """Periods per year named by the cost (每月 → 12) or by its target's ``/月``."""
    for word, count in PERIOD_WORDS:
        if word in name:
            return count, word
    for part in (per or "").split("/"):
        if part in PERIOD_UNITS:
            return PERIOD_UNITS[part], f"/{part}"
    return None


def _unit_word(name: str, per: str | None) -> tuple[str, Decimal] | None:
    """The count unit the cost is stated per (每场, 单个, 培育1个, /人) and how many of it."""
    for part in (per or "").split("/"):
        if part in PER_UNITS:
            return part, Decimal(1)
    stripped = name
    for word, _ in PERIOD_WORDS:
        stripped = stripped.replace(word, "")
    m = _PER_UNIT.search(stripped)
    if m:
        return m["u"], Decimal(1)
    m = _COUNTED_UNIT.search(stripped)
    if m and Decimal(m["n"]) > 0:
        return m["u"], Decimal(m["n"])
    return None


def _multiplier(ind: Indicator, parsed: ParsedValue, quantities: Sequence[_Quantity]) -> tuple[Decimal, str]:
    """How many times the cap is spent in the year, and why (Chinese)."""
    name = ind.level3 or ""
    multiplier, reasons = Decimal(1), []
    period = _period(name, parsed.per)
    if period is not None:
        multiplier *= period[0]
        reasons.append(f"“{period[1]}”，全年 {period[0]} 期" if period[0] > 1 else f"“{period[1]}”，按全年计")
    unit = _unit_word(name, parsed.per)
    if unit is not None:
        matches = [q for q in quantities if q.unit == unit[0]]
        chosen = _closest(name, matches)
        if chosen is None:
            reasons.append(f"没有单位为“{unit[0]}”的数量指标，按 1 计")
        else:
            multiplier *= chosen.value / unit[1]
            reasons.append(f"数量指标“{chosen.name}”{chosen.ind.target}")
    elif period is None and any(word in name for word in AVERAGE_WORDS):
        chosen = _closest(name, quantities, MIN_NAME_OVERLAP)
        if chosen is None:
            reasons.append("平均成本找不到对应的数量指标，按 1 计")
        else:
            multiplier *= chosen.value
            reasons.append(f"数量指标“{chosen.name}”{chosen.ind.target}")
    return multiplier, "；".join(reasons) or "总额"


def _cost_lines(dept: Department, project: Project) -> tuple[list[_CostLine], list[Indicator]]:
    """The project's money caps as annual amounts, and the cost rows that cannot be summed."""
    rows = dept.indicators_of(project.id)
    quantities = []
    for ind in rows:
        parsed = parse(dept, ind.target)
        if (
            category(ind.level1, ind.level2) == (OUTPUT, QUANTITY)
            and parsed
            and parsed.kind is ValueKind.QUANTITY
            and parsed.value
        ):
            quantities.append(_Quantity(ind, parsed.value, parsed.unit))
    lines: list[_CostLine] = []
    other: list[Indicator] = []
    for ind in rows:
        if category(ind.level1, ind.level2) != (OUTPUT, COST) or ind.level3 is None or ind.target is None:
            continue
        parsed = parse(dept, ind.target)
        if parsed is None:
            continue
        if parsed.kind is not ValueKind.MONEY or parsed.op not in (Op.LE, Op.LT, Op.EQ, Op.RANGE):
            other.append(ind)
            continue
        multiplier, basis = _multiplier(ind, parsed, quantities)
        lines.append(_CostLine(ind, magnitude(parsed, high=True), multiplier, basis))
    return lines, other


def check_cost_budget(dept: Department) -> list[Finding]:
    """COST_BUDGET_MISMATCH: the cost caps, scaled to the year, add up to more than the budget."""
    findings, facts = [], Facts(dept)
    for project in dept.projects:
        budget = _budget(facts, project)
        if budget is None:
            continue
        lines, other = _cost_lines(dept, project)
        total = sum((line.subtotal for line in lines), Decimal(0))
        if not lines or total <= budget[0]:
            continue
        message = (
            f"项目“{project.name}”成本指标折算全年合计 {num(total)} 元，超过预算 {num(budget[0])} 元："
            + "；".join(map(str, lines))
        )
        if other:
            message += "。无法加总的成本指标：" + "、".join(f"{ind.level3}（{ind.target}）" for ind in other)
        findings.append(
            finding(
                FindingCode.COST_BUDGET_MISMATCH,
                project.name,
                message,
                cell=budget[1],
                reported=num(budget[0]),
                recomputed=num(total),
                project_id=project.id,
            )
        )
    return findings
