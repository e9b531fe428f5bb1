"""Targets over time: TARGET_ORDER and DEADLINE_OUTSIDE_YEAR.

- :func:`check_target_order`: TARGET_ORDER, a half-year target more demanding than the full-year one;
- :func:`check_deadlines`: DEADLINE_OUTSIDE_YEAR, a 时效 target dated outside the fiscal year (or the
  project's period).
"""

from __future__ import annotations

from datetime import date

from perfnb.engine.findings import Finding, FindingCode
from perfnb.engine.quality.common import (
    COLUMN_NAMES,
    TIMELINESS,
    category,
    find_project,
    indicator_finding,
    magnitude,
    parse,
    subject,
    targets,
)
from perfnb.format.model import Department
from perfnb.format.schema import Indicator
from perfnb.format.targets import Op, ParsedValue, ValueKind

__all__ = ["check_deadlines", "check_target_order"]


# --- half-year against full-year targets ---------------------------------------------


def _same_measure(a: ParsedValue, b: ParsedValue) -> bool:
    """Both numbers of the same kind and unit (money compared in 元)."""
    if a.value is None or b.value is None or a.kind is not b.kind:
        return False
    if a.kind is ValueKind.MONEY:
        return a.per == b.per
    return a.kind in (ValueKind.PERCENT, ValueKind.QUANTITY) and a.unit == b.unit


def check_target_order(dept: Department) -> list[Finding]:
    """TARGET_ORDER: a half-year target more demanding than the full-year one.

    For ≥/>/= targets the half-year number must not exceed the year's. For ≤/< targets a
    cumulative cap (money, quantities) must not exceed the year's either, while a ≤ rate
    must not be stricter (lower) than the year's.
    """
    findings = []
    for ind in dept.indicators:
        half, full = parse(dept, ind.target_half), parse(dept, ind.target)
        if half is None or full is None or not _same_measure(half, full) or full.op is Op.RANGE:
            continue
        h, f = magnitude(half, high=True), magnitude(full)
        if full.op in (Op.LE, Op.LT) and full.kind is ValueKind.PERCENT:
            wrong, relation = h < f, "严于"
        else:
            wrong, relation = h > f, "高于"
        if wrong:
            message = f"“{subject(ind)}”半年指标值“{ind.target_half}”{relation}年度指标值“{ind.target}”"
            findings.append(
                indicator_finding(
                    dept,
                    FindingCode.TARGET_ORDER,
                    ind,
                    "target_half",
                    message,
                    reported=ind.target_half,
                    recomputed=ind.target,
                )
            )
    return findings


# --- deadlines -----------------------------------------------------------------------


def _window(dept: Department, ind: Indicator, column: str) -> tuple[date, date, str] | None:
    """The dates a 时效 target must fall within, and their Chinese name; None when unknown."""
    project = find_project(dept, ind.project_id)
    year = dept.header.fiscal_year
    if project is not None and project.start_date is not None and project.end_date is not None:
        return project.start_date, project.end_date, f"项目实施期（{project.start_date}至{project.end_date}）"
    if column == "target_period":
        return None  # a period target may run past the year; without the project's dates, no check
    return date(year, 1, 1), date(year, 12, 31), f"预算年度 {year} 年"


def check_deadlines(dept: Department) -> list[Finding]:
    """DEADLINE_OUTSIDE_YEAR: a 时效 target dated outside the fiscal year (or project period).

    Only targets are checked: actual values are free text in self-evaluations.
    """
    findings = []
    for ind in dept.indicators:
        if category(ind.level1, ind.level2)[1] != TIMELINESS and "时效" not in (ind.level2 or ""):
            continue
        for column, text, parsed in targets(dept, ind):
            window = _window(dept, ind, column)
            if parsed.kind is not ValueKind.DATE or parsed.date is None or window is None:
                continue
            start, end, name = window
            dates = [parsed.date] + ([parsed.date_upper] if parsed.date_upper is not None else [])
            outside = [d for d in dates if not start <= d <= end]
            if outside:
                message = f"时效指标“{subject(ind)}”的{COLUMN_NAMES[column]}“{text}”（{outside[-1]}）不在{name}内"
                findings.append(
                    indicator_finding(dept, FindingCode.DEADLINE_OUTSIDE_YEAR, ind, column, message, reported=text)
                )
    return findings
