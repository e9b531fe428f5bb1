"""Target quality: checks on the targets of 绩效目标表 (domain rules §4).

One public function, :func:`check_targets`, runs every check on a department and returns its
findings. Each rule is one private function; the words and categories a rule relies on are
module-level constants. Categories are matched loosely (``产出指标`` = ``产出``,
``服务对象满意度指标`` = ``服务对象满意度``); numbers are Decimals throughout.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Final

from perfnb.base.numbers import normalize_text
from perfnb.base.units import normalize_unit, to_yuan
from perfnb.engine.facts import Facts
from perfnb.engine.figures import plain
from perfnb.engine.findings import Finding, finding
from perfnb.format.location import Cell
from perfnb.format.model import Department
from perfnb.format.problems import Severity
from perfnb.format.schema import Indicator, Project
from perfnb.format.schemes import short
from perfnb.format.targets import Op, ParsedValue, ValueKind, parse_value

__all__ = ["check_targets"]

# --- categories ------------------------------------------------------------------------

OUTPUT: Final = "产出"
EFFECT: Final = "效益"
SATISFACTION: Final = "满意度"
QUANTITY: Final = "数量"
QUALITY: Final = "质量"
TIMELINESS: Final = "时效"
COST: Final = "成本"

#: Level-1 categories recognised by a word they contain (决策, 过程, 履职 … stay as written).
LEVEL1_WORDS: Final[tuple[tuple[str, str], ...]] = (
    (OUTPUT, OUTPUT),
    ("效益", EFFECT),
    ("效果", EFFECT),
    ("满意", SATISFACTION),
)

#: Level-2 categories of each level 1, recognised by a word they contain.
LEVEL2_WORDS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    OUTPUT: ((QUANTITY, QUANTITY), (QUALITY, QUALITY), (TIMELINESS, TIMELINESS), (COST, COST)),
    EFFECT: (("经济", "经济效益"), ("社会", "社会效益"), ("生态", "生态效益"), ("可持续", "可持续影响")),
    SATISFACTION: (("服务对象", "服务对象满意度"), ("满意", "服务对象满意度")),
}

#: Categories that must not be left empty (an empty one is a warning).
REQUIRED_CATEGORIES: Final[frozenset[tuple[str, str]]] = frozenset(
    {(OUTPUT, QUANTITY), (OUTPUT, QUALITY), (OUTPUT, TIMELINESS), (OUTPUT, COST), (SATISFACTION, "服务对象满意度")}
)

#: Optional 效益 categories: an empty one is only a note.
OPTIONAL_EFFECTS: Final[frozenset[str]] = frozenset({"生态效益", "可持续影响"})

# --- words ------------------------------------------------------------------------------

#: Level-3 names of physical measures: a percentage cannot be their target (室内温度 ≥18%).
PHYSICAL_MEASURES: Final[tuple[str, ...]] = tuple(
    "温度 湿度 面积 体积 重量 长度 距离 人数 次数 件数 天数 户数 场次 时长 耗电量 用电量 用水量".split()
)
#: Words that make a name a ratio or a change, for which a percentage (even above 100) fits.
CHANGE_WORDS: Final[tuple[str, ...]] = tuple("增长 增幅 增加 增速 变动 变化 提高 提升 下降 降低 减少 同比 环比".split())
#: Names that contain 率 without being a rate.
NOT_RATES: Final[tuple[str, ...]] = ("效率", "频率")
#: Count units that a rate cannot be measured in.
NOT_RATE_UNITS: Final[frozenset[str]] = frozenset({"百分点", "个百分点", "倍"})

#: Vague wording in effect targets: a change verb with no amount, or an effect claimed as
#: "显著/明显" (效果显著, 明显提升, 不断提升, 持续改善, 有所提高, 逐步改善, 作用显著 …).
VAGUE_CHANGE_WORDS: Final[tuple[str, ...]] = tuple("提升 提高 改善 增强 优化 加强 增加 扩大 好转 促进".split())
VAGUE_EFFECT_WORDS: Final[tuple[str, ...]] = tuple("效果 作用 成效 影响 效益".split())
VAGUE_DEGREE_WORDS: Final[tuple[str, ...]] = tuple("显著 明显 突出 良好 较好 较大 一定".split())

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
_NAME_NOISE = re.compile(r"[\s\"'“”‘’《》（）()【】\[\]、，,。.;；:：·\-—_/]+")

TARGET_COLUMNS: Final[tuple[str, ...]] = ("target", "target_half", "target_period")
COLUMN_NAMES: Final[dict[str, str]] = {
    "target": "年度指标值",
    "target_half": "半年指标值",
    "target_period": "实施周期指标值",
    "actual": "实际完成值",
}
HORIZON_COLUMNS: Final[dict[str, str]] = {"年度": "target", "中长期": "target_period", "实施期": "target_period"}


# --- entry point ------------------------------------------------------------------------


def check_targets(dept: Department) -> list[Finding]:
    """Run every target-quality check on ``dept``.

    Parameters
    ----------
    dept
        The department as loaded.

    Returns
    -------
    list[Finding]
        Findings in rule order, rows in table order within each rule.
    """
    checks: tuple[Callable[[Department], list[Finding]], ...] = (
        _empty_categories,
        _missing_categories,
        _duplicates,
        _target_order,
        _deadlines,
        _units,
        _ranges,
        _unmeasurable,
        _vague,
        _narrative_conflicts,
        _cost_budget,
    )
    return [f for check in checks for f in check(dept)]


# --- helpers ----------------------------------------------------------------------------


@lru_cache(maxsize=1 << 12)
def _category(level1: str, level2: str | None) -> tuple[str, str]:
    """The (level 1, level 2) category of an indicator, normalised (``("产出", "数量")``)."""
    l1_raw, l2_raw = short(level1), short(level2)
    l1 = next((canon for word, canon in LEVEL1_WORDS if word in l1_raw), l1_raw)
    if l1 == EFFECT and "满意" in l2_raw:
        l1 = SATISFACTION  # 效益指标 / 服务对象满意度指标: older templates file satisfaction under 效益
    l2 = next((canon for word, canon in LEVEL2_WORDS.get(l1, ()) if word in l2_raw), l2_raw)
    return l1, l2


def _label(ind: Indicator) -> str:
    """The category as written, for messages (``产出指标/质量指标``)."""
    return "/".join(part for part in (ind.level1, ind.level2) if part)


def _subject(ind: Indicator) -> str:
    """The indicator's name: level 3, else level 2, else level 1."""
    return ind.level3 or ind.level2 or ind.level1


@lru_cache(maxsize=1 << 12)
def _name_key(name: str) -> str:
    """A level-3 name for comparison: NFKC, no spaces or punctuation."""
    return _NAME_NOISE.sub("", normalize_text(name))


def _parse(dept: Department, text: str | None) -> ParsedValue | None:
    """Parse a value with the department's fiscal year (for dates written without one)."""
    return parse_value(text, year=dept.header.fiscal_year)


def _targets(dept: Department, ind: Indicator) -> tuple[tuple[str, str, ParsedValue], ...]:
    """Each filled target column of ``ind``: (column, text as written, parsed value)."""
    return _parsed_targets((ind.target, ind.target_half, ind.target_period), dept.header.fiscal_year)


@lru_cache(maxsize=1 << 14)
def _parsed_targets(texts: tuple[str | None, ...], year: int) -> tuple[tuple[str, str, ParsedValue], ...]:
    """:func:`_targets` for the texts of :data:`TARGET_COLUMNS` (cached: the checks ask for each row often)."""
    out = []
    for column, text in zip(TARGET_COLUMNS, texts, strict=True):
        parsed = parse_value(text, year=year)
        if text is not None and parsed is not None:
            out.append((column, text, parsed))
    return tuple(out)


def _has_target(ind: Indicator) -> bool:
    """True when any target column is filled."""
    return any(getattr(ind, column) for column in TARGET_COLUMNS)


def _indicator_finding(
    dept: Department,
    code: str,
    ind: Indicator,
    column: str,
    message: str,
    *,
    severity: Severity | None = None,
    reported: str | None = None,
    recomputed: str | None = None,
) -> Finding:
    """A finding on one cell of an indicator row."""
    return finding(
        code,
        _subject(ind),
        message,
        severity=severity,
        cell=dept.cell("indicators", ind.id, column),
        reported=reported,
        recomputed=recomputed,
        project_id=ind.project_id,
    )


@lru_cache(maxsize=1 << 12)
def _is_rate(name: str) -> bool:
    """True for a rate (完成率, 满意率), not for 效率 or 频率."""
    for word in NOT_RATES:
        name = name.replace(word, "")
    return "率" in name


@lru_cache(maxsize=1 << 12)
def _is_satisfaction(name: str) -> bool:
    """True for a satisfaction measure (企业满意度, 满意率)."""
    key = _name_key(name)
    return key.endswith(("满意度", "满意率"))


@lru_cache(maxsize=1 << 12)
def _is_change(name: str) -> bool:
    """True for a growth or change measure, whose percentage may exceed 100 or go below 0."""
    return any(word in name for word in CHANGE_WORDS)


def _num(number: Decimal) -> str:
    """A Decimal as plain text without trailing zeros (``1562486.40`` → ``1562486.4``)."""
    return plain(number.normalize())


def _project(dept: Department, project_id: str | None) -> Project | None:
    """The project with id ``project_id``, if any."""
    return next((p for p in dept.projects if p.id == project_id), None)


def _project_label(dept: Department, project_id: str | None) -> str:
    """How messages name a project (``项目“…”``) or the department (``部门整体``)."""
    project = _project(dept, project_id)
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


# --- 1. empty and missing categories ---------------------------------------------------


def _empty_categories(dept: Department) -> list[Finding]:
    """EMPTY_CATEGORY: rows whose level 3 is blank (the document left the category empty)."""
    findings = []
    for ind in dept.indicators:
        if ind.level3 is not None:
            continue
        l1, l2 = _category(ind.level1, ind.level2)
        filled_same_l1 = any(
            other.level3 is not None
            and _category(other.level1, other.level2)[0] == l1
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
        message = f"{_project_label(dept, ind.project_id)}“{_label(ind)}”类别原表为空，没有三级指标和指标值（{why}）"
        findings.append(_indicator_finding(dept, "EMPTY_CATEGORY", ind, "level3", message, severity=severity))
    return findings


def _missing_categories(dept: Department) -> list[Finding]:
    """EMPTY_CATEGORY: a group with 产出 indicators but no 数量 row, no 质量 or 时效 row, or no
    效益 or 满意度 indicators at all. Groups without 产出 (决策/过程/履职 tables) are not held
    to the project structure."""
    findings = []
    for project_id, rows in _groups(dept):
        categories = {_category(ind.level1, ind.level2) for ind in rows}
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
            findings.append(finding("EMPTY_CATEGORY", subject, message, cell=cell, project_id=project_id))
    return findings


# --- 2. duplicates --------------------------------------------------------------------


def _duplicates(dept: Department) -> list[Finding]:
    """DUPLICATE_INDICATOR: the same level-3 name twice in one project and category.

    Only rows with a target take part: rows without one (phrases taken from a self-evaluation
    text) are not target-setting rows.
    """
    findings = []
    seen: dict[tuple[str | None, str, str, str], Indicator] = {}
    for ind in dept.indicators:
        if ind.level3 is None or not _has_target(ind):
            continue
        key = (ind.project_id, *_category(ind.level1, ind.level2), _name_key(ind.level3))
        first = seen.setdefault(key, ind)
        if first is ind:
            continue
        message = (
            f"三级指标“{ind.level3}”在{_project_label(dept, ind.project_id)}“{_label(ind)}”下重复出现，"
            f"与{_where(dept, first)}重名"
        )
        findings.append(_indicator_finding(dept, "DUPLICATE_INDICATOR", ind, "level3", message))
    return findings


# --- 3. half-year against full-year targets ---------------------------------------------


def _same_measure(a: ParsedValue, b: ParsedValue) -> bool:
    """Both numbers of the same kind and unit (money compared in 元)."""
    if a.value is None or b.value is None or a.kind is not b.kind:
        return False
    if a.kind is ValueKind.MONEY:
        return a.per == b.per
    return a.kind in (ValueKind.PERCENT, ValueKind.QUANTITY) and a.unit == b.unit


def _magnitude(p: ParsedValue, *, high: bool = False) -> Decimal:
    """The number of ``p`` (its upper bound when ``high``), in 元 for money."""
    number = p.upper if high and p.upper is not None else p.value
    assert number is not None
    return to_yuan(number, p.unit) if p.kind is ValueKind.MONEY and p.unit else number


def _target_order(dept: Department) -> list[Finding]:
    """TARGET_ORDER: a half-year target more demanding than the full-year one.

    For ≥/>/= targets the half-year number must not exceed the year's. For ≤/< targets a
    cumulative cap (money, quantities) must not exceed the year's either, while a ≤ rate
    must not be stricter (lower) than the year's.
    """
    findings = []
    for ind in dept.indicators:
        half, full = _parse(dept, ind.target_half), _parse(dept, ind.target)
        if half is None or full is None or not _same_measure(half, full) or full.op is Op.RANGE:
            continue
        h, f = _magnitude(half, high=True), _magnitude(full)
        if full.op in (Op.LE, Op.LT) and full.kind is ValueKind.PERCENT:
            wrong, relation = h < f, "严于"
        else:
            wrong, relation = h > f, "高于"
        if wrong:
            message = f"“{_subject(ind)}”半年指标值“{ind.target_half}”{relation}年度指标值“{ind.target}”"
            findings.append(
                _indicator_finding(
                    dept, "TARGET_ORDER", ind, "target_half", message, reported=ind.target_half, recomputed=ind.target
                )
            )
    return findings


# --- 4. deadlines -----------------------------------------------------------------------


def _window(dept: Department, ind: Indicator, column: str) -> tuple[date, date, str] | None:
    """The dates a 时效 target must fall within, and their Chinese name; None when unknown."""
    project = _project(dept, ind.project_id)
    year = dept.header.fiscal_year
    if project is not None and project.start_date is not None and project.end_date is not None:
        return project.start_date, project.end_date, f"项目实施期（{project.start_date}至{project.end_date}）"
    if column == "target_period":
        return None  # a period target may run past the year; without the project's dates, no check
    return date(year, 1, 1), date(year, 12, 31), f"预算年度 {year} 年"


def _deadlines(dept: Department) -> list[Finding]:
    """DEADLINE_OUTSIDE_YEAR: a 时效 target dated outside the fiscal year (or project period).

    Only targets are checked: actual values are free text in self-evaluations.
    """
    findings = []
    for ind in dept.indicators:
        if _category(ind.level1, ind.level2)[1] != TIMELINESS and "时效" not in (ind.level2 or ""):
            continue
        for column, text, parsed in _targets(dept, ind):
            window = _window(dept, ind, column)
            if parsed.kind is not ValueKind.DATE or parsed.date is None or window is None:
                continue
            start, end, name = window
            dates = [parsed.date] + ([parsed.date_upper] if parsed.date_upper is not None else [])
            outside = [d for d in dates if not start <= d <= end]
            if outside:
                message = f"时效指标“{_subject(ind)}”的{COLUMN_NAMES[column]}“{text}”（{outside[-1]}）不在{name}内"
                findings.append(_indicator_finding(dept, "DEADLINE_OUTSIDE_YEAR", ind, column, message, reported=text))
    return findings


# --- 5. units -------------------------------------------------------------------------


def _unit_problem(ind: Indicator, parsed: ParsedValue) -> str | None:
    """Why the unit of ``parsed`` does not fit the measure named by ``ind``; None when it fits."""
    name, l2 = ind.level3 or "", _category(ind.level1, ind.level2)[1]
    if l2 == COST and parsed.kind is ValueKind.MONEY:
        return None
    if _is_satisfaction(name):
        return None if parsed.kind is ValueKind.PERCENT else "满意度指标值应为百分比"
    if parsed.kind is ValueKind.PERCENT:
        measure = next((w for w in PHYSICAL_MEASURES if w in name), None)
        if measure and not _is_rate(name) and not _is_change(name) and "比" not in name:
            return f"“{measure}”是实物量，不应以百分比（%）计量"
    if _is_rate(name) and parsed.kind is ValueKind.QUANTITY and parsed.unit and parsed.unit not in NOT_RATE_UNITS:
        return f"比率指标应以百分比（%）计量，不应以“{parsed.unit}”计量"
    return None


def _units(dept: Department) -> list[Finding]:
    """UNIT_MISMATCH: a unit that does not fit the measure (one finding per indicator)."""
    findings = []
    for ind in dept.indicators:
        if ind.level3 is None:
            continue
        for column, text, parsed in _targets(dept, ind):
            if parsed.kind not in (ValueKind.PERCENT, ValueKind.QUANTITY, ValueKind.MONEY) and not _is_satisfaction(
                ind.level3
            ):
                continue
            why = _unit_problem(ind, parsed)
            if why:
                message = f"“{ind.level3}”的{COLUMN_NAMES[column]}为“{text}”：{why}"
                findings.append(_indicator_finding(dept, "UNIT_MISMATCH", ind, column, message, reported=text))
                break
    return findings


# --- 6. percentages out of range --------------------------------------------------------


def _ranges(dept: Department) -> list[Finding]:
    """VALUE_OUT_OF_RANGE: a satisfaction or rate percentage, target or actual, outside 0–100 (growth rates may
    exceed it)."""
    findings = []
    for ind in dept.indicators:
        name = ind.level3 or ""
        if not (_is_satisfaction(name) or _is_rate(name)) or _is_change(name):
            continue
        actual = _parse(dept, ind.actual)
        values = [*_targets(dept, ind), *([("actual", ind.actual, actual)] if ind.actual and actual else [])]
        for column, text, parsed in values:
            if parsed.kind is not ValueKind.PERCENT or parsed.value is None:
                continue
            numbers = [parsed.value] + ([parsed.upper] if parsed.upper is not None else [])
            bad = next((n for n in numbers if not Decimal(0) <= n <= Decimal(100)), None)
            if bad is not None:
                what = "满意度" if _is_satisfaction(name) else "比率"
                message = f"{what}指标“{name}”的{COLUMN_NAMES[column]}“{text}”超出 0–100%（{_num(bad)}%）"
                findings.append(_indicator_finding(dept, "VALUE_OUT_OF_RANGE", ind, column, message, reported=text))
                break
    return findings


# --- 7. unmeasurable and vague targets ----------------------------------------------------


def _quantitative_category(ind: Indicator) -> bool:
    """产出/数量, 产出/时效, 产出/成本, and 产出/质量 when the name is a rate."""
    l1, l2 = _category(ind.level1, ind.level2)
    if l1 != OUTPUT:
        return False
    return l2 in (QUANTITY, TIMELINESS, COST) or (l2 == QUALITY and _is_rate(ind.level3 or ""))


def _unmeasurable(dept: Department) -> list[Finding]:
    """UNMEASURABLE_TARGET: words only in a quantitative category, or an operator without a number."""
    findings = []
    for ind in dept.indicators:
        for column, text, parsed in _targets(dept, ind):
            if parsed.kind is ValueKind.TEXT and parsed.op is not None:
                message = f"“{_subject(ind)}”的{COLUMN_NAMES[column]}“{text}”有比较符号但没有数值"
            elif parsed.kind in (ValueKind.TEXT, ValueKind.QUALITATIVE) and _quantitative_category(ind):
                message = f"“{_label(ind)}”是量化类别，{COLUMN_NAMES[column]}“{text}”没有可衡量的数值"
            else:
                continue
            findings.append(_indicator_finding(dept, "UNMEASURABLE_TARGET", ind, column, message, reported=text))
    return findings


@lru_cache(maxsize=1 << 12)
def _is_vague(text: str) -> bool:
    """True for effect wording without an amount (效果显著, 持续改善, 提升发明专利授权量)."""
    if re.search(r"\d", text):
        return False
    if any(word in text for word in VAGUE_CHANGE_WORDS):
        return True
    return any(word in text for word in VAGUE_EFFECT_WORDS) and any(word in text for word in VAGUE_DEGREE_WORDS)


def _vague(dept: Department) -> list[Finding]:
    """VAGUE_TARGET: vague wording in an effect (效益) target, one finding per indicator."""
    findings = []
    for ind in dept.indicators:
        if _category(ind.level1, ind.level2)[0] != EFFECT:
            continue
        for column, text, parsed in _targets(dept, ind):
            if parsed.kind in (ValueKind.TEXT, ValueKind.QUALITATIVE) and _is_vague(text):
                message = f"效益指标“{_subject(ind)}”的{COLUMN_NAMES[column]}“{text}”表述模糊，没有可衡量的目标"
                findings.append(_indicator_finding(dept, "VAGUE_TARGET", ind, column, message, reported=text))
                break
    return findings


# --- 8. narrative targets against the indicator table -------------------------------------


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
        return _magnitude(p), _magnitude(p, high=True)

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


def _narrative_conflicts(dept: Department) -> list[Finding]:
    """TARGET_CONFLICT: a number in the goal text that disagrees with its linked indicator."""
    findings = []
    indicators = {ind.id: ind for ind in dept.indicators}
    for row in dept.narrative_targets:
        ind = indicators.get(row.indicator_id or "")
        if ind is None:
            continue
        column = HORIZON_COLUMNS[row.horizon]
        text = getattr(ind, column)
        said, table = _parse(dept, row.quantity), _parse(dept, text)
        if said is None or table is None:
            continue
        spans = _comparable(said, table)
        if spans is None or _compatible(*spans, ranged=Op.RANGE in (said.op, table.op)):
            continue
        message = (
            f"目标文字“{row.text}”中的“{row.quantity}”与指标“{_subject(ind)}”的{COLUMN_NAMES[column]}“{text}”不一致"
        )
        findings.append(
            finding(
                "TARGET_CONFLICT",
                _subject(ind),
                message,
                cell=dept.cell("narrative_targets", row.id, "quantity"),
                reported=row.quantity,
                recomputed=text,
                project_id=ind.project_id or row.project_id,
            )
        )
    return findings


# --- 9. cost indicators against the budget -------------------------------------------------


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
            f"{self.ind.level3}（{self.ind.target}）{_num(self.cap)}元×{_num(self.multiplier)}"
            f"（{self.basis}）={_num(self.subtotal)}元"
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
    scored = [(_longest_common(_name_key(name), _name_key(q.name)), -n, q) for n, q in enumerate(candidates)]
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
        parsed = _parse(dept, ind.target)
        if (
            _category(ind.level1, ind.level2) == (OUTPUT, QUANTITY)
            and parsed
            and parsed.kind is ValueKind.QUANTITY
            and parsed.value
        ):
            quantities.append(_Quantity(ind, parsed.value, parsed.unit))
    lines: list[_CostLine] = []
    other: list[Indicator] = []
    for ind in rows:
        if _category(ind.level1, ind.level2) != (OUTPUT, COST) or ind.level3 is None or ind.target is None:
            continue
        parsed = _parse(dept, ind.target)
        if parsed is None:
            continue
        if parsed.kind is not ValueKind.MONEY or parsed.op not in (Op.LE, Op.LT, Op.EQ, Op.RANGE):
            other.append(ind)
            continue
        multiplier, basis = _multiplier(ind, parsed, quantities)
        lines.append(_CostLine(ind, _magnitude(parsed, high=True), multiplier, basis))
    return lines, other


def _cost_budget(dept: Department) -> list[Finding]:
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
            f"项目“{project.name}”成本指标折算全年合计 {_num(total)} 元，超过预算 {_num(budget[0])} 元："
            + "；".join(map(str, lines))
        )
        if other:
            message += "。无法加总的成本指标：" + "、".join(f"{ind.level3}（{ind.target}）" for ind in other)
        findings.append(
            finding(
                "COST_BUDGET_MISMATCH",
                project.name,
                message,
                cell=budget[1],
                reported=_num(budget[0]),
                recomputed=_num(total),
                project_id=project.id,
            )
        )
    return findings
