"""Structure of the indicator table: EMPTY_CATEGORY and DUPLICATE_INDICATOR.

- :func:`check_empty_categories`: EMPTY_CATEGORY on rows whose level 3 is blank;
- :func:`check_missing_categories`: EMPTY_CATEGORY on a project with no 数量, no 质量 or 时效, no 效益 or
  no 满意度 rows;
- :func:`check_duplicates`: DUPLICATE_INDICATOR, the same level-3 name twice in one project and category.
"""

from __future__ import annotations

from typing import Final

from perfnb.engine.findings import Finding, FindingCode, finding
from perfnb.engine.quality.common import (
    COST,
    EFFECT,
    OUTPUT,
    QUALITY,
    QUANTITY,
    SATISFACTION,
    TARGET_COLUMNS,
    TIMELINESS,
    category,
    find_project,
    indicator_finding,
    label,
    name_key,
)
from perfnb.format.model import Department
from perfnb.format.problems import Severity
from perfnb.format.schema import Indicator

__all__ = ["check_duplicates", "check_empty_categories", "check_missing_categories"]

#: Categories that must not be left empty (an empty one is a warning).
REQUIRED_CATEGORIES: Final[frozenset[tuple[str, str]]] = frozenset(
    {(OUTPUT, QUANTITY), (OUTPUT, QUALITY), (OUTPUT, TIMELINESS), (OUTPUT, COST), (SATISFACTION, "服务对象满意度")}
)

#: Optional 效益 categories: an empty one is only a note.
OPTIONAL_EFFECTS: Final[frozenset[str]] = frozenset({"生态效益", "可持续影响"})


def _project_label(dept: Department, project_id: str | None) -> str:
    """How messages name a project (``项目“…”``) or the department (``部门整体``)."""
    project = find_project(dept, project_id)
    if project_id is None:
        return "部门整体"
    return f"项目“{project.name}”" if project else f"项目 {project_id}"


def _where(dept: Department, ind: Indicator) -> str:
    """Where an indicator row is, for messages: its file row and, when known, where the document printed it
    (``indicators.csv 第 37 行（原表：四、（三）1.产出数量 a.2））`` — never the row's internal id alone."""
    where = dept.where("indicators", ind.id)
    if where is None:
        return f"“{ind.level3 or ind.id}”一行"
    printed = f"（原表：{where.ref}）" if where.ref else ""
    return f"indicators.csv 第 {where.row} 行{printed}"


def _groups(dept: Department) -> list[tuple[str | None, list[Indicator]]]:
    """Indicator groups whose categories are checked: each project with indicators (with the
    department-wide rows, which apply to every project), or the department when no project
    has indicators of its own."""
    shared = [ind for ind in dept.indicators if ind.project_id is None]
    own = list(dict.fromkeys(ind.project_id for ind in dept.indicators if ind.project_id is not None))
    if not own:
        return [(None, shared)] if shared else []
    known = [p.id for p in dept.projects]
    order = [pid for pid in known if pid in own] + [pid for pid in own if pid not in known]
    return [(pid, [*dept.indicators_of(pid), *shared]) for pid in order]


def _has_target(ind: Indicator) -> bool:
    """True when any target column is filled."""
    return any(getattr(ind, column) for column in TARGET_COLUMNS)


def check_empty_categories(dept: Department) -> list[Finding]:
    """EMPTY_CATEGORY: rows whose level 3 is blank (the document left the category empty)."""
    findings = []
    for ind in dept.indicators:
        if ind.level3 is not None:
            continue
        l1, l2 = category(ind.level1, ind.level2)
        filled_same_l1 = any(
            other.level3 is not None
            and category(other.level1, other.level2)[0] == l1
            and other.project_id in (ind.project_id, None)
            for other in dept.indicators
        )
        if (l1, l2) in REQUIRED_CATEGORIES or l1 == OUTPUT:
            severity, why = Severity.WARNING, "该类别必须填写"
        elif l1 == EFFECT and l2 in OPTIONAL_EFFECTS:
            severity, why = Severity.INFO, "可选类别"
        elif l1 in (EFFECT, SATISFACTION) and not filled_same_l1:
            severity, why = Severity.WARNING, f"{l1}指标一项都没有填写"
        else:
            severity, why = Severity.INFO, "同一一级指标下已有其他指标，可不填"
        message = f"{_project_label(dept, ind.project_id)}“{label(ind)}”类别原表为空，没有三级指标和指标值（{why}）"
        findings.append(indicator_finding(dept, FindingCode.EMPTY_CATEGORY, ind, "level3", message, severity=severity))
    return findings


def check_missing_categories(dept: Department) -> list[Finding]:
    """EMPTY_CATEGORY: a group with 产出 indicators but no 数量 row, no 质量 or 时效 row, or no
    效益 or 满意度 indicators at all. Groups without 产出 (决策/过程/履职 tables) are not held
    to the project structure."""
    findings = []
    for project_id, rows in _groups(dept):
        categories = {category(ind.level1, ind.level2) for ind in rows}
        level1s = {l1 for l1, _ in categories}
        if OUTPUT not in level1s:
            continue
        missing: list[tuple[str, str]] = []
        if (OUTPUT, QUANTITY) not in categories:
            missing.append(("数量指标", "产出指标中没有数量指标"))
        if (OUTPUT, QUALITY) not in categories and (OUTPUT, TIMELINESS) not in categories:
            missing.append(("质量指标/时效指标", "产出指标中既没有质量指标也没有时效指标"))
        for l1 in (EFFECT, SATISFACTION):
            if l1 not in level1s:
                missing.append((f"{l1}指标", f"没有{l1}指标"))
        cell = dept.cell("projects", project_id, "id") if project_id else None
        for subject, what in missing:
            message = f"{_project_label(dept, project_id)}{what}"
            findings.append(finding(FindingCode.EMPTY_CATEGORY, subject, message, cell=cell, project_id=project_id))
    return findings


def check_duplicates(dept: Department) -> list[Finding]:
    """DUPLICATE_INDICATOR: the same level-3 name twice in one project and category.

    Only rows with a target take part: rows without one (phrases taken from a self-evaluation
    text) are not target-setting rows.
    """
    findings = []
    seen: dict[tuple[str | None, str, str, str], Indicator] = {}
    for ind in dept.indicators:
        if ind.level3 is None or not _has_target(ind):
            continue
        key = (ind.project_id, *category(ind.level1, ind.level2), name_key(ind.level3))
        first = seen.setdefault(key, ind)
        if first is ind:
            continue
        message = (
            f"三级指标“{ind.level3}”在{_project_label(dept, ind.project_id)}“{label(ind)}”下重复出现，"
            f"与{_where(dept, first)}重名"
        )
        findings.append(indicator_finding(dept, FindingCode.DUPLICATE_INDICATOR, ind, "level3", message))
    return findings
