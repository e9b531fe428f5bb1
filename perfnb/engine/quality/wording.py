"""Targets in words: UNMEASURABLE_TARGET and VAGUE_TARGET.

- :func:`check_unmeasurable`: UNMEASURABLE_TARGET, words only in a quantitative category (产出 数量/时效/成本,
  a 质量 rate), or an operator without a number (≥家);
- :func:`check_vague`: VAGUE_TARGET, vague wording in a 效益 target (效果显著, 持续改善).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from perfnb.engine.findings import Finding, FindingCode
from perfnb.engine.quality.common import (
    COLUMN_NAMES,
    COST,
    EFFECT,
    OUTPUT,
    QUALITY,
    QUANTITY,
    TIMELINESS,
    category,
    indicator_finding,
    is_rate,
    label,
    subject,
    targets,
)
from perfnb.format.model import Department
from perfnb.format.schema import Indicator
from perfnb.format.targets import ValueKind

__all__ = ["check_unmeasurable", "check_vague"]

#: Vague wording in effect targets: a change verb with no amount, or an effect claimed as
#: "显著/明显" (效果显著, 明显提升, 不断提升, 持续改善, 有所提高, 逐步改善, 作用显著 …).
VAGUE_CHANGE_WORDS: Final[tuple[str, ...]] = tuple("提升 提高 改善 增强 优化 加强 增加 扩大 好转 促进".split())
VAGUE_EFFECT_WORDS: Final[tuple[str, ...]] = tuple("效果 作用 成效 影响 效益".split())
VAGUE_DEGREE_WORDS: Final[tuple[str, ...]] = tuple("显著 明显 突出 良好 较好 较大 一定".split())


def _quantitative_category(ind: Indicator) -> bool:
    """产出/数量, 产出/时效, 产出/成本, and 产出/质量 when the name is a rate."""
    l1, l2 = category(ind.level1, ind.level2)
    if l1 != OUTPUT:
        return False
    return l2 in (QUANTITY, TIMELINESS, COST) or (l2 == QUALITY and is_rate(ind.level3 or ""))


def check_unmeasurable(dept: Department) -> list[Finding]:
    """UNMEASURABLE_TARGET: words only in a quantitative category, or an operator without a number."""
    findings = []
    for ind in dept.indicators:
        for column, text, parsed in targets(dept, ind):
            if parsed.kind is ValueKind.TEXT and parsed.op is not None:
                message = f"“{subject(ind)}”的{COLUMN_NAMES[column]}“{text}”有比较符号但没有数值"
            elif parsed.kind in (ValueKind.TEXT, ValueKind.QUALITATIVE) and _quantitative_category(ind):
                message = f"“{label(ind)}”是量化类别，{COLUMN_NAMES[column]}“{text}”没有可衡量的数值"
            else:
                continue
            findings.append(
                indicator_finding(dept, FindingCode.UNMEASURABLE_TARGET, ind, column, message, reported=text)
            )
    return findings


@lru_cache(maxsize=1 << 12)
def _is_vague(text: str) -> bool:
    """True for effect wording without an amount (效果显著, 持续改善, 提升发明专利授权量)."""
    if re.search(r"\d", text):
        return False
    if any(word in text for word in VAGUE_CHANGE_WORDS):
        return True
    return any(word in text for word in VAGUE_EFFECT_WORDS) and any(word in text for word in VAGUE_DEGREE_WORDS)


def check_vague(dept: Department) -> list[Finding]:
    """VAGUE_TARGET: vague wording in an effect (效益) target, one finding per indicator."""
    findings = []
    for ind in dept.indicators:
        if category(ind.level1, ind.level2)[0] != EFFECT:
            continue
        for column, text, parsed in targets(dept, ind):
            if parsed.kind in (ValueKind.TEXT, ValueKind.QUALITATIVE) and _is_vague(text):
                message = f"效益指标“{subject(ind)}”的{COLUMN_NAMES[column]}“{text}”表述模糊，没有可衡量的目标"
                findings.append(indicator_finding(dept, FindingCode.VAGUE_TARGET, ind, column, message, reported=text))
                break
    return findings
