"""Findings: what an auditor should act on, each with a stable code, a severity and a location.

The codes and their default severities are listed once, here (:data:`CODES`); checks only
choose a code, a subject and a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from perfnb.format.location import Cell
from perfnb.format.problems import Severity

__all__ = ["CODES", "Code", "Finding", "FindingCode", "finding", "sort_findings"]


class FindingCode(StrEnum):
    """Every finding code (its default severity and title are in :data:`CODES`)."""

    SUM_MISMATCH = "SUM_MISMATCH"
    AMOUNT_MISMATCH = "AMOUNT_MISMATCH"
    RATE_MISMATCH = "RATE_MISMATCH"
    SCORE_MISMATCH = "SCORE_MISMATCH"
    WEIGHT_MISMATCH = "WEIGHT_MISMATCH"
    GRADE_MISMATCH = "GRADE_MISMATCH"
    QUALITATIVE_TIER = "QUALITATIVE_TIER"
    SCORE_OVER_WEIGHT = "SCORE_OVER_WEIGHT"
    TOTAL_OVER_MAXIMUM = "TOTAL_OVER_MAXIMUM"
    DENOMINATOR_INCONSISTENT = "DENOMINATOR_INCONSISTENT"
    EXECUTION_OVER_BUDGET = "EXECUTION_OVER_BUDGET"
    LOW_EXECUTION = "LOW_EXECUTION"
    SCORE_VS_EXECUTION = "SCORE_VS_EXECUTION"
    NOTHING_CHECKED = "NOTHING_CHECKED"
    EXPENSE_SPLIT_MISMATCH = "EXPENSE_SPLIT_MISMATCH"
    BUDGET_ADJUSTMENT = "BUDGET_ADJUSTMENT"
    ANNUAL_FUNDS_BLANK = "ANNUAL_FUNDS_BLANK"
    REQUEST_OVER_TOTAL = "REQUEST_OVER_TOTAL"
    REQUEST_BELOW_TOTAL = "REQUEST_BELOW_TOTAL"
    SCORE_MISSING = "SCORE_MISSING"
    COEFFICIENT_ABOVE_RESULT = "COEFFICIENT_ABOVE_RESULT"
    DEVIATION_MISSING = "DEVIATION_MISSING"
    TARGET_TOO_LOW = "TARGET_TOO_LOW"
    WEIGHT_DEPARTURE = "WEIGHT_DEPARTURE"
    COST_BUDGET_MISMATCH = "COST_BUDGET_MISMATCH"
    DEADLINE_OUTSIDE_YEAR = "DEADLINE_OUTSIDE_YEAR"
    UNIT_MISMATCH = "UNIT_MISMATCH"
    VALUE_OUT_OF_RANGE = "VALUE_OUT_OF_RANGE"
    TARGET_CONFLICT = "TARGET_CONFLICT"
    EMPTY_CATEGORY = "EMPTY_CATEGORY"
    DUPLICATE_INDICATOR = "DUPLICATE_INDICATOR"
    TARGET_ORDER = "TARGET_ORDER"
    UNMEASURABLE_TARGET = "UNMEASURABLE_TARGET"
    VAGUE_TARGET = "VAGUE_TARGET"


@dataclass(frozen=True)
class Code:
    """A finding code: its default severity and Chinese title."""

    severity: Severity
    title: str


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Every finding code, with its default severity and Chinese title.
CODES: Final[dict[FindingCode, Code]] = {
    # reconciliation: a printed figure against its recomputation
    FindingCode.SUM_MISMATCH: Code(E, "合计与明细之和不符"),
    FindingCode.AMOUNT_MISMATCH: Code(E, "金额与复算不符"),
    FindingCode.RATE_MISMATCH: Code(E, "比率与复算不符"),
    FindingCode.SCORE_MISMATCH: Code(E, "得分与复算不符"),
    FindingCode.WEIGHT_MISMATCH: Code(E, "分值（权重）与评分方案或下级分值之和不符"),
    FindingCode.GRADE_MISMATCH: Code(E, "评价等级与得分不符"),
    FindingCode.QUALITATIVE_TIER: Code(E, "定性指标得分不在其档次范围内"),
    FindingCode.SCORE_OVER_WEIGHT: Code(E, "得分超过分值"),
    FindingCode.TOTAL_OVER_MAXIMUM: Code(E, "总分超过评分方案的满分"),
    FindingCode.DENOMINATOR_INCONSISTENT: Code(W, "同类比率在同一文件中口径不一"),
    # funds
    FindingCode.EXECUTION_OVER_BUDGET: Code(W, "执行数或到位数大于预算数"),
    FindingCode.LOW_EXECUTION: Code(W, "预算执行偏低（结余超过预算的 {threshold}%）"),
    FindingCode.SCORE_VS_EXECUTION: Code(W, "指标得分明显高于预算执行"),
    FindingCode.NOTHING_CHECKED: Code(W, "没有一个原文数字能复核"),
    FindingCode.EXPENSE_SPLIT_MISMATCH: Code(W, "按支出性质分的合计与资金总额不符"),
    FindingCode.BUDGET_ADJUSTMENT: Code(N, "年度内预算调整幅度较大"),
    FindingCode.ANNUAL_FUNDS_BLANK: Code(W, "年度资金为空（只填了实施期资金）"),
    FindingCode.REQUEST_OVER_TOTAL: Code(W, "预算申报数大于项目总投资"),
    FindingCode.REQUEST_BELOW_TOTAL: Code(N, "预算申报数小于项目总投资"),
    # scoring
    FindingCode.SCORE_MISSING: Code(W, "指标未印得分"),
    FindingCode.COEFFICIENT_ABOVE_RESULT: Code(W, "得分系数高于完成比例"),
    FindingCode.DEVIATION_MISSING: Code(W, "未满分但未填偏差原因"),
    FindingCode.TARGET_TOO_LOW: Code(N, "实际完成值远超目标值，目标可能偏低"),
    FindingCode.WEIGHT_DEPARTURE: Code(N, "一级指标分值与默认分值不同"),
    # target quality
    FindingCode.COST_BUDGET_MISMATCH: Code(W, "成本指标与项目预算不符"),
    FindingCode.DEADLINE_OUTSIDE_YEAR: Code(W, "时效目标不在预算年度内"),
    FindingCode.UNIT_MISMATCH: Code(W, "单位与指标不符"),
    FindingCode.VALUE_OUT_OF_RANGE: Code(W, "指标值超出合理范围"),
    FindingCode.TARGET_CONFLICT: Code(W, "目标文字中的数量与指标表不一致"),
    FindingCode.EMPTY_CATEGORY: Code(W, "指标类别为空"),
    FindingCode.DUPLICATE_INDICATOR: Code(W, "三级指标重复"),
    FindingCode.TARGET_ORDER: Code(W, "半年目标高于全年目标"),
    FindingCode.UNMEASURABLE_TARGET: Code(W, "量化类别只有模糊表述"),
    FindingCode.VAGUE_TARGET: Code(N, "效益目标表述模糊"),
}


@dataclass(frozen=True)
class Finding:
    """One finding: code, severity, subject, where in ``data/raw``, the values, a Chinese message."""

    code: FindingCode
    severity: Severity
    subject: str
    message: str
    cell: Cell | None = None
    reported: str | None = None
    recomputed: str | None = None
    project_id: str | None = None
    figure_id: str | None = None
    title_args: tuple[tuple[str, str], ...] = ()  # what the code's title names (LOW_EXECUTION: the threshold)

    @property
    def title(self) -> str:
        """The Chinese title of the code, with what it names filled in (the scheme's threshold …)."""
        title = CODES[self.code].title
        return title.format_map(dict(self.title_args)) if self.title_args else title

    def as_row(self) -> dict[str, Any]:
        """A flat dict for ``findings.csv``."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "subject": self.subject,
            "project_id": self.project_id or "",
            "file": self.cell.file if self.cell else "",
            "row": "" if self.cell is None or self.cell.row is None else str(self.cell.row),
            "column": (self.cell.column or "") if self.cell else "",
            "ref": (self.cell.ref or "") if self.cell else "",
            "reported": self.reported or "",
            "recomputed": self.recomputed or "",
            "figure_id": self.figure_id or "",
            "message": self.message,
        }


def finding(code: FindingCode, subject: str, message: str, *, severity: Severity | None = None, **kw: Any) -> Finding:
    """A finding with the code's default severity unless ``severity`` is given."""
    return Finding(code=code, severity=severity or CODES[code].severity, subject=subject, message=message, **kw)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Stable order: severity, then file and row, then code and subject."""

    def key(f: Finding) -> tuple[Any, ...]:
        cell = f.cell or Cell("")
        return (f.severity.rank, cell.file, cell.row or 0, cell.column or "", f.code, f.subject, f.message)

    return sorted(findings, key=key)
