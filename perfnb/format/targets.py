"""The indicator-value parser: targets and actual values exactly as departments write them.

``parse_value("≥95%")``, ``parse_value("不少于2500件")``, ``parse_value("2025年12月底前")``,
``parse_value("≤25.66万元/年/人")``, ``parse_value("健全")``. What it cannot read it keeps as
text with a Chinese warning; it never guesses a number.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date as Date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Final

from perfnb.base.numbers import is_no_value, lying_digits, normalize_text, precision_problem
from perfnb.base.units import COUNT_UNITS, MONEY_UNITS, normalize_unit, to_yuan

__all__ = [
    "OPERATOR_WORDS",
    "QUALITATIVE_WORDS",
    "Op",
    "ParsedValue",
    "ValueKind",
    "comparable",
    "date_met",
    "in_target_unit",
    "parse_value",
]


class ValueKind(StrEnum):
    """What a parsed value measures."""

    PERCENT = "percent"
    MONEY = "money"
    QUANTITY = "quantity"
    DATE = "date"
    QUALITATIVE = "qualitative"
    TEXT = "text"  # not understood: kept as written, with a warning


class Op(StrEnum):
    """Comparison stated by a target (``RANGE``: from ``value`` to ``upper``, inclusive)."""

    GE = "≥"
    GT = ">"
    EQ = "="
    LE = "≤"
    LT = "<"
    RANGE = "range"


#: Words that make a target qualitative (健全, 合理, 规范, 有效, 明显 …).
QUALITATIVE_WORDS: tuple[str, ...] = tuple(
    "健全 合理 规范 有效 明显 明确 科学 合规 完善 公开 良好 显著 提升 提高 改善 优化 增强 "
    "加强 达标 及时 准确 完整 稳定 持续 满意 优秀 较好 良 到位 落实 符合 可行 充分 严格 "
    "安全 正常 逐步 不断 基本 全面 大幅 有所 促进 推动 保障 完成 实现 预期 水平 达成".split()
)  # fmt: skip

_OP_SYMBOLS: tuple[tuple[str, Op], ...] = (
    (">=", Op.GE), ("≥", Op.GE), ("≧", Op.GE), ("⩾", Op.GE),
    ("<=", Op.LE), ("≤", Op.LE), ("≦", Op.LE), ("⩽", Op.LE),
    ("==", Op.EQ), ("=", Op.EQ), ("═", Op.EQ), ("〓", Op.EQ), (">", Op.GT), ("<", Op.LT),
)  # fmt: skip
_OP_PREFIXES: tuple[tuple[str, Op], ...] = (
    ("大于等于", Op.GE), ("不少于", Op.GE), ("不低于", Op.GE), ("不小于", Op.GE),
    ("至少", Op.GE), ("达到", Op.GE), ("小于等于", Op.LE), ("不超过", Op.LE),
    ("不高于", Op.LE), ("不多于", Op.LE), ("不大于", Op.LE), ("控制在", Op.LE),
    ("大于", Op.GT), ("超过", Op.GT), ("高于", Op.GT), ("多于", Op.GT),
    ("小于", Op.LT), ("低于", Op.LT), ("少于", Op.LT), ("等于", Op.EQ),
    ("不晚于", Op.LE), ("不迟于", Op.LE), ("不早于", Op.GE),
)  # fmt: skip
#: Comparisons written as words (大于等于, 不少于 …), as a 指标方向 column may print them.
OPERATOR_WORDS: Final = frozenset(word for word, _ in _OP_PREFIXES)
_OP_SUFFIXES: tuple[tuple[str, Op], ...] = (
    ("及以上", Op.GE),
    ("以上", Op.GE),
    ("及以下", Op.LE),
    ("以下", Op.LE),
    ("以内", Op.LE),
    ("内", Op.LE),
)
_NUM = r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_RANGE_SEP = r"(?:-|~|～|至|到|—|–|－)"
_NUMBER_UNIT = re.compile(rf"^(?P<num>{_NUM})(?P<unit>[^\d]*)$")
_RANGE = re.compile(rf"^(?P<lo>{_NUM})(?P<u1>[^\d~～至到—–－-]*){_RANGE_SEP}(?P<hi>{_NUM})(?P<unit>[^\d]*)$")
_DEADLINE_WORDS = ("之前完成", "以前完成", "前完成", "之前", "以前", "前", "完成")
# re.ASCII: \d is 0-9 only (٢٠٢٥ is no year; lying_digits turns such a value into text first anyway)
_DATE = re.compile(r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|(?P<end>底|末))?$", re.ASCII)
_MONTH_RANGE = re.compile(r"^(?P<y>\d{4})年(?P<m1>\d{1,2})月" + _RANGE_SEP + r"(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月$",
                          re.ASCII)  # fmt: skip
_WHOLE_YEAR = re.compile(r"^(?P<y>\d{4})年(?:全年|度|年度|全年度|内|全年内)$", re.ASCII)
_YEAR_END = re.compile(r"^(?P<y>\d{4})?年(?:底|末)$", re.ASCII)
_SQUARE_METRE = re.compile(r"(?<=\d)(?:m2|M2)(?![\w])")
_UNIT_OK = re.compile(r"^[^\s\d]{1,12}$")
_MULTIPLIERS = {"万": 4, "亿": 8}


@dataclass(frozen=True)
class ParsedValue:
    """A target or actual value: what was written and what it means.

    ``value``/``upper`` keep the number as written in ``unit`` (95 for "95%"); money also
    has ``yuan``; dates use ``date``/``date_upper``. ``warning`` says, in Chinese, why a
    value was kept as text or what is doubtful about it.
    """

    raw: str
    kind: ValueKind
    op: Op | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    per: str | None = None
    date: Date | None = None
    date_upper: Date | None = None
    op_implicit: bool = False
    warning: str | None = None
    refused: bool = False  # the number is past perfnb.base.limits (27 decimals …): an error in validation, not a doubt

    @property
    def yuan(self) -> Decimal | None:
        """The money value converted to 元 (exact), or None when not money."""
        if self.kind is ValueKind.MONEY and self.value is not None and self.unit:
            return to_yuan(self.value, self.unit)
        return None

    @property
    def is_quantitative(self) -> bool:
        """True when the value carries a number or a date."""
        return self.kind in (ValueKind.PERCENT, ValueKind.MONEY, ValueKind.QUANTITY, ValueKind.DATE)


@lru_cache(maxsize=1 << 16)  # pure, and called for the same texts again and again
def parse_value(text: str | None, *, year: int | None = None) -> ParsedValue | None:
    """Parse a target or actual value as written; None for a blank cell.

    ``year`` is the fiscal year, used for dates written without one ("12月底").
    """
    if text is None or is_no_value(text):
        return None
    raw = text
    lies = lying_digits(text)
    if lies:
        return ParsedValue(raw, ValueKind.TEXT, warning=f"“{raw}”含有上标、圈码或其他非 0-9 的数字字符（{lies}），"
                                                        "不能当作数字读取，按文本保留")  # fmt: skip
    whole = _SQUARE_METRE.sub("平方米", re.sub(r"\s+", "", normalize_text(text)))  # NFKC made ㎡ and m² "m2"
    if _WHOLE_YEAR.match(whole):
        return _parse_date(raw, whole, None, year)
    op, s, implicit = _take_operator(whole)
    word_operator = not whole.startswith(tuple(sym for sym, _ in _OP_SYMBOLS))
    if op is not None and word_operator and not re.search(r"\d", s) and any(w in s for w in QUALITATIVE_WORDS):
        op, s, implicit = None, whole, True  # 达到预期, 不低于上年水平: words, not a number

    dated = _parse_date(raw, s, op, year)
    if dated is not None:
        return dated

    m = _RANGE.match(s)
    if m and op is None and (not m["u1"] or normalize_unit(m["u1"]) == normalize_unit(m["unit"])):
        return _numeric(raw, Op.RANGE, m["lo"], m["unit"] or m["u1"], upper=m["hi"], implicit=False)
    m = _NUMBER_UNIT.match(s)
    if m:
        return _numeric(raw, op or Op.EQ, m["num"], m["unit"], upper=None, implicit=implicit)
    if op is not None and not implicit:
        return ParsedValue(raw, ValueKind.TEXT, op=op, warning=f"“{raw}”有比较符号但没有可读的数值")
    if any(w in s for w in QUALITATIVE_WORDS) and not re.search(r"\d", s):
        return ParsedValue(raw, ValueKind.QUALITATIVE)
    return ParsedValue(raw, ValueKind.TEXT, warning=f"无法解析的指标值“{raw}”，按文本保留")


def _take_operator(s: str) -> tuple[Op | None, str, bool]:
    """Split a leading or trailing comparison off ``s``; ``implicit`` is False when one is found."""
    for prefix, op in (*_OP_SYMBOLS, *_OP_PREFIXES):
        if s.startswith(prefix):
            return op, _drop_suffix(s[len(prefix) :], op), False
    for word, op in _OP_SUFFIXES:
        if s.endswith(word) and re.search(r"\d", s):
            return op, s[: -len(word)], False
    return None, s, True


def _drop_suffix(rest: str, op: Op) -> str:
    """Drop a trailing 以上/以内 that repeats the leading operator (达到95%以上, 控制在5%以内)."""
    for word, suffix_op in _OP_SUFFIXES:
        if rest.endswith(word) and suffix_op is op and re.search(r"\d", rest):
            return rest[: -len(word)]
    return rest


def _numeric(raw: str, op: Op, num: str, unit_text: str, *, upper: str | None, implicit: bool) -> ParsedValue:
    value = Decimal(num.replace(",", ""))
    high = Decimal(upper.replace(",", "")) if upper is not None else None
    problem = precision_problem(value) or (precision_problem(high) if high is not None else None)
    if problem:
        return ParsedValue(raw, ValueKind.TEXT, warning=f"“{raw}”中的数字{problem}", refused=True)
    unit = normalize_unit(unit_text) if unit_text else None
    if unit and unit not in COUNT_UNITS and unit[0] in _MULTIPLIERS and normalize_unit(unit[1:]) in COUNT_UNITS:
        # 3万条: 万 multiplies (30000 条); units that are counted in 万 (万人次) stay as they are
        factor = Decimal(10) ** _MULTIPLIERS[unit[0]]
        value, high = value * factor, None if high is None else high * factor
        unit = normalize_unit(unit[1:])
    per = None
    if unit and "/" in unit:
        head, _, tail = unit.partition("/")
        if normalize_unit(head) in MONEY_UNITS:
            unit, per = normalize_unit(head), tail
    warning = None
    if high is not None and high < value:
        warning = f"“{raw}”的区间上限小于下限"
    if unit == "%":
        kind = ValueKind.PERCENT
    elif unit in MONEY_UNITS:
        kind = ValueKind.MONEY
    else:
        kind = ValueKind.QUANTITY
        if unit is not None and not _UNIT_OK.match(unit):
            return ParsedValue(raw, ValueKind.TEXT, op=op, warning=f"无法解析的指标值“{raw}”，按文本保留")
        if unit is not None and unit not in COUNT_UNITS:
            warning = f"“{raw}”的计量单位“{unit}”不在常见单位表中，请核对"
    return ParsedValue(
        raw, kind, op=op, value=value, upper=high, unit=unit, per=per,
        op_implicit=implicit, warning=warning,
    )  # fmt: skip


def _parse_date(raw: str, s: str, op: Op | None, year: int | None) -> ParsedValue | None:
    m = _WHOLE_YEAR.match(s)
    if m:
        y = int(m["y"])
        if not 1 <= y <= 9999:
            return ParsedValue(raw, ValueKind.TEXT, warning=f"“{raw}”不是有效日期")
        return ParsedValue(raw, ValueKind.DATE, op=Op.RANGE, date=Date(y, 1, 1), date_upper=Date(y, 12, 31))
    m = _MONTH_RANGE.match(s)
    if m:
        y1, y2 = int(m["y"]), int(m["y2"] or m["y"])
        try:
            lo, hi = Date(y1, int(m["m1"]), 1), _month_end(y2, int(m["m2"]))
        except ValueError:
            return ParsedValue(raw, ValueKind.TEXT, warning=f"“{raw}”不是有效日期")
        warning = f"“{raw}”的区间终点早于起点" if hi < lo else None
        return ParsedValue(raw, ValueKind.DATE, op=Op.RANGE, date=lo, date_upper=hi, warning=warning)
    body, deadline = s, False
    for word in _DEADLINE_WORDS:
        if body.endswith(word) and len(body) > len(word):
            body, deadline = body[: -len(word)], True
            break
    m = _YEAR_END.match(body)
    if m:
        body = f"{m['y'] or ''}{'年' if m['y'] else ''}12月底"
    m = _DATE.match(body)
    if not m:
        return None
    if m["y"] is None and year is None:
        return ParsedValue(raw, ValueKind.TEXT, warning=f"“{raw}”没有写年份，无法确定日期")
    year_of_date = int(m["y"]) if m["y"] else year
    assert year_of_date is not None  # a missing year without context returned above
    try:
        month = int(m["m"])
        if m["d"]:
            when = Date(year_of_date, month, int(m["d"]))
        elif op in (Op.GE, Op.GT) and not m["end"]:
            when = Date(year_of_date, month, 1)  # ≥2025年3月: from the start of March
        else:
            when = _month_end(year_of_date, month)
    except ValueError:
        return ParsedValue(raw, ValueKind.TEXT, warning=f"“{raw}”不是有效日期")
    stated = op if op is not None else (Op.LE if deadline or m["end"] else Op.EQ)
    implicit = op is None and not (deadline or m["end"])
    return ParsedValue(raw, ValueKind.DATE, op=stated, date=when, op_implicit=implicit)


def _month_end(y: int, m: int) -> Date:
    return Date(y, m, calendar.monthrange(y, m)[1])


def comparable(target: ParsedValue | None, actual: ParsedValue | None) -> tuple[Decimal | None, Decimal | None]:
    """(a, t) when target and actual are numbers of the same kind and unit, else (None, None)."""
    if target is None or actual is None or target.value is None or actual.value is None:
        return None, None
    numeric = (ValueKind.PERCENT, ValueKind.MONEY, ValueKind.QUANTITY)
    if target.kind not in numeric or actual.kind != target.kind:
        return None, None
    if target.kind is ValueKind.MONEY:
        return actual.yuan, target.yuan
    if (target.unit or "") != (actual.unit or ""):
        return None, None
    return actual.value, target.value


def in_target_unit(target: ParsedValue | None, actual: ParsedValue | None, year: int | None) -> ParsedValue | None:
    """A bare number actual (50) read in its target's unit (≥50个 → 50个); None when it has a unit or the
    target has none. The caller says it did so: the unit is an assumption."""
    if target is None or actual is None or target.unit is None or target.value is None:
        return None
    if actual.kind is not ValueKind.QUANTITY or actual.unit is not None or not actual.op_implicit:
        return None
    if target.kind not in (ValueKind.PERCENT, ValueKind.MONEY, ValueKind.QUANTITY) or target.per:
        return None
    suffix = "%" if target.kind is ValueKind.PERCENT else target.unit
    read = parse_value(f"{actual.raw.strip()}{suffix}", year=year)
    return read if read is not None and read.kind is target.kind and read.unit == target.unit else None


def date_met(target: ParsedValue, actual: ParsedValue) -> bool | None:
    """Whether a date ``actual`` meets a date ``target`` (None unless both are dates).

    ``≥``/``>`` (不早于) compare the actual's first day; a range needs the actual inside it;
    otherwise the target is a deadline (…前, ≤, or a bare date) met when the actual's last day
    is on or before the target's last day.
    """
    if target.kind is not ValueKind.DATE or actual.kind is not ValueKind.DATE or not target.date or not actual.date:
        return None
    first, last = actual.date, actual.date_upper or actual.date
    if target.op is Op.GE:
        return first >= target.date
    if target.op is Op.GT:
        return first > target.date
    if target.op is Op.RANGE:
        return target.date <= first and last <= (target.date_upper or target.date)
    if target.op is Op.LT:
        return last < target.date
    return last <= (target.date_upper or target.date)
