"""Units and ranges of numeric targets: UNIT_MISMATCH and VALUE_OUT_OF_RANGE.

- :func:`check_units`: UNIT_MISMATCH, a unit that does not fit the measure (室内温度 ≥18%, a rate in 件,
  a satisfaction not in %);
- :func:`check_ranges`: VALUE_OUT_OF_RANGE, a satisfaction or rate percentage outside 0–100.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Final

from perfnb.engine.findings import Finding, FindingCode
from perfnb.engine.quality.common import (
    COLUMN_NAMES,
    COST,
    category,
    indicator_finding,
    is_rate,
    name_key,
    num,
    parse,
    targets,
)
from perfnb.format.model import Department
from perfnb.format.schema import Indicator
from perfnb.format.targets import ParsedValue, ValueKind

__all__ = ["check_ranges", "check_units"]

#: Level-3 names of physical measures: a percentage cannot be their target (室内温度 ≥18%).
PHYSICAL_MEASURES: Final[tuple[str, ...]] = tuple(
    "温度 湿度 面积 体积 重量 长度 距离 人数 次数 件数 天数 户数 场次 时长 耗电量 用电量 用水量".split()
)
#: Words that make a name a ratio or a change, for which a percentage (even above 100) fits.
CHANGE_WORDS: Final[tuple[str, ...]] = tuple("增长 增幅 增加 增速 变动 变化 提高 提升 下降 降低 减少 同比 环比".split())
#: Count units that a rate cannot be measured in.
NOT_RATE_UNITS: Final[frozenset[str]] = frozenset({"百分点", "个百分点", "倍"})


@lru_cache(maxsize=1 << 12)
def _is_satisfaction(name: str) -> bool:
    """True for a satisfaction measure (企业满意度, 满意率)."""
    key = name_key(name)
    return key.endswith(("满意度", "满意率"))


@lru_cache(maxsize=1 << 12)
def _is_change(name: str) -> bool:
    """True for a growth or change measure, whose percentage may exceed 100 or go below 0."""
    return any(word in name for word in CHANGE_WORDS)


# --- units -------------------------------------------------------------------------


def _unit_problem(ind: Indicator, parsed: ParsedValue) -> str | None:
    """Why the unit of ``parsed`` does not fit the measure named by ``ind``; None when it fits."""
    name, l2 = ind.level3 or "", category(ind.level1, ind.level2)[1]
    if l2 == COST and parsed.kind is ValueKind.MONEY:
        return None
    if _is_satisfaction(name):
        return None if parsed.kind is ValueKind.PERCENT else "满意度指标值应为百分比"
    if parsed.kind is ValueKind.PERCENT:
        measure = next((w for w in PHYSICAL_MEASURES if w in name), None)
        if measure and not is_rate(name) and not _is_change(name) and "比" not in name:
            return f"“{measure}”是实物量，不应以百分比（%）计量"
    if is_rate(name) and parsed.kind is ValueKind.QUANTITY and parsed.unit and parsed.unit not in NOT_RATE_UNITS:
        return f"比率指标应以百分比（%）计量，不应以“{parsed.unit}”计量"
    return None


def check_units(dept: Department) -> list[Finding]:
    """UNIT_MISMATCH: a unit that does not fit the measure (one finding per indicator)."""
    findings = []
    for ind in dept.indicators:
        if ind.level3 is None:
            continue
        for column, text, parsed in targets(dept, ind):
            if parsed.kind not in (ValueKind.PERCENT, ValueKind.QUANTITY, ValueKind.MONEY) and not _is_satisfaction(
                ind.level3
            ):
                continue
            why = _unit_problem(ind, parsed)
            if why:
                message = f"“{ind.level3}”的{COLUMN_NAMES[column]}为“{text}”：{why}"
                findings.append(indicator_finding(dept, FindingCode.UNIT_MISMATCH, ind, column, message, reported=text))
                break
    return findings


# --- percentages out of range ------------------------------------------------------


def check_ranges(dept: Department) -> list[Finding]:
    """VALUE_OUT_OF_RANGE: a satisfaction or rate percentage, target or actual, outside 0–100 (growth rates may
    exceed it)."""
    findings = []
    for ind in dept.indicators:
        name = ind.level3 or ""
        if not (_is_satisfaction(name) or is_rate(name)) or _is_change(name):
            continue
        actual = parse(dept, ind.actual)
        values = [*targets(dept, ind), *([("actual", ind.actual, actual)] if ind.actual and actual else [])]
        for column, text, parsed in values:
            if parsed.kind is not ValueKind.PERCENT or parsed.value is None:
                continue
            numbers = [parsed.value] + ([parsed.upper] if parsed.upper is not None else [])
            bad = next((n for n in numbers if not Decimal(0) <= n <= Decimal(100)), None)
            if bad is not None:
                what = "满意度" if _is_satisfaction(name) else "比率"
                message = f"{what}指标“{name}”的{COLUMN_NAMES[column]}“{text}”超出 0–100%（{num(bad)}%）"
                findings.append(
                    indicator_finding(dept, FindingCode.VALUE_OUT_OF_RANGE, ind, column, message, reported=text)
                )
                break
    return findings
