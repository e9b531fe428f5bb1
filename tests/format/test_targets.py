"""Tests for perfnb.format.targets.parse_value: indicator values as departments write them."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from perfnb.base.units import COUNT_UNITS, MONEY_UNITS
from perfnb.format.targets import QUALITATIVE_WORDS, Op, ParsedValue, ValueKind, parse_value

K = ValueKind


def _parse(text: str, **kw: int) -> ParsedValue:
    got = parse_value(text, **kw)
    assert got is not None, text
    assert got.raw == text
    return got


def _check_number(
    got: ParsedValue,
    *,
    op: Op,
    value: str,
    unit: str | None,
    kind: ValueKind,
    implicit: bool = False,
    upper: str | None = None,
    per: str | None = None,
) -> None:
    assert got.kind is kind
    assert got.op is op
    assert got.value == Decimal(value)
    assert str(got.value) == value
    assert got.unit == unit
    assert got.per == per
    assert got.op_implicit is implicit
    if upper is None:
        assert got.upper is None
    else:
        assert got.upper == Decimal(upper)
        assert str(got.upper) == upper
    assert got.date is None
    assert got.date_upper is None


# --------------------------------------------------------------------------- operators


@pytest.mark.parametrize(
    ("text", "op"),
    [
        ("≥95%", Op.GE),
        (">=95%", Op.GE),
        ("≧95%", Op.GE),
        ("⩾95%", Op.GE),
        ("＞＝95%", Op.GE),
        (">95%", Op.GT),
        ("＞95%", Op.GT),
        ("=95%", Op.EQ),
        ("==95%", Op.EQ),
        ("＝95%", Op.EQ),
        ("≤95%", Op.LE),
        ("<=95%", Op.LE),
        ("≦95%", Op.LE),
        ("⩽95%", Op.LE),
        ("＜＝95%", Op.LE),
        ("<95%", Op.LT),
        ("＜95%", Op.LT),
        ("≥ 95 %", Op.GE),  # inner spaces ignored
    ],
)
def test_operator_symbols(text: str, op: Op) -> None:
    got = _parse(text)
    _check_number(got, op=op, value="95", unit="%", kind=K.PERCENT)
    assert got.warning is None


@pytest.mark.parametrize(
    ("text", "op", "value", "unit", "kind"),
    [
        ("不少于2500件", Op.GE, "2500", "件", K.QUANTITY),
        ("不低于90%", Op.GE, "90", "%", K.PERCENT),
        ("不小于3个", Op.GE, "3", "个", K.QUANTITY),
        ("大于等于95%", Op.GE, "95", "%", K.PERCENT),
        ("至少5场", Op.GE, "5", "场", K.QUANTITY),
        ("达到100%", Op.GE, "100", "%", K.PERCENT),
        ("不超过25.66万元", Op.LE, "25.66", "万元", K.MONEY),
        ("不高于5%", Op.LE, "5", "%", K.PERCENT),
        ("不多于3次", Op.LE, "3", "次", K.QUANTITY),
        ("不大于10天", Op.LE, "10", "天", K.QUANTITY),
        ("小于等于2小时", Op.LE, "2", "小时", K.QUANTITY),
        ("控制在5%以内", Op.LE, "5", "%", K.PERCENT),
        ("控制在100万元以内", Op.LE, "100", "万元", K.MONEY),
        ("控制在5%", Op.LE, "5", "%", K.PERCENT),
        ("大于90%", Op.GT, "90", "%", K.PERCENT),
        ("超过1000人次", Op.GT, "1000", "人次", K.QUANTITY),
        ("高于80%", Op.GT, "80", "%", K.PERCENT),
        ("多于2家", Op.GT, "2", "家", K.QUANTITY),
        ("低于1%", Op.LT, "1", "%", K.PERCENT),
        ("少于3起", Op.LT, "3", "起", K.QUANTITY),
        ("小于0.5%", Op.LT, "0.5", "%", K.PERCENT),
        ("等于12个", Op.EQ, "12", "个", K.QUANTITY),
    ],
)
def test_operator_words(text: str, op: Op, value: str, unit: str, kind: ValueKind) -> None:
    got = _parse(text)
    _check_number(got, op=op, value=value, unit=unit, kind=kind)
    assert got.warning is None


@pytest.mark.parametrize(
    ("text", "op", "value", "unit", "kind"),
    [
        ("95%以上", Op.GE, "95", "%", K.PERCENT),
        ("95%及以上", Op.GE, "95", "%", K.PERCENT),
        ("5次及以上", Op.GE, "5", "次", K.QUANTITY),
        ("100人以上", Op.GE, "100", "人", K.QUANTITY),
        ("10%以下", Op.LE, "10", "%", K.PERCENT),
        ("2个及以下", Op.LE, "2", "个", K.QUANTITY),
        ("3天以内", Op.LE, "3", "天", K.QUANTITY),
        ("5工作日以内", Op.LE, "5", "工作日", K.QUANTITY),
        ("50万元以内", Op.LE, "50", "万元", K.MONEY),
    ],
)
def test_operator_suffixes(text: str, op: Op, value: str, unit: str, kind: ValueKind) -> None:
    got = _parse(text)
    _check_number(got, op=op, value=value, unit=unit, kind=kind)
    assert got.warning is None


@pytest.mark.parametrize("text", ["达到95%以上", "≥95%以上", "不低于95%以上"])
def test_prefix_and_suffix_operator_together(text: str) -> None:
    got = _parse(text)
    _check_number(got, op=Op.GE, value="95", unit="%", kind=K.PERCENT)


# --------------------------------------------------------------------------- implicit equality


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("1个", "1", "个", K.QUANTITY),
        ("100%", "100", "%", K.PERCENT),
        ("98.5%", "98.5", "%", K.PERCENT),
        ("12", "12", None, K.QUANTITY),
        ("3000元", "3000", "元", K.MONEY),
        ("2场", "2", "场", K.QUANTITY),
    ],
)
def test_implicit_equality(text: str, value: str, unit: str | None, kind: ValueKind) -> None:
    got = _parse(text)
    _check_number(got, op=Op.EQ, value=value, unit=unit, kind=kind, implicit=True)
    assert got.warning is None


def test_explicit_equality_is_not_implicit() -> None:
    assert _parse("=1个").op_implicit is False
    assert _parse("1个").op_implicit is True


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "lo", "hi", "unit", "kind"),
    [
        ("1-2份", "1", "2", "份", K.QUANTITY),
        ("1～2份", "1", "2", "份", K.QUANTITY),
        ("1~2份", "1", "2", "份", K.QUANTITY),
        ("1至2名", "1", "2", "名", K.QUANTITY),
        ("1到2名", "1", "2", "名", K.QUANTITY),
        ("1—2份", "1", "2", "份", K.QUANTITY),
        ("1–2份", "1", "2", "份", K.QUANTITY),
        ("1－2份", "1", "2", "份", K.QUANTITY),
        ("50%-60%", "50", "60", "%", K.PERCENT),
        ("50-60%", "50", "60", "%", K.PERCENT),
        ("50％～60％", "50", "60", "%", K.PERCENT),
        ("1,000-2,500件", "1000", "2500", "件", K.QUANTITY),
        ("0.5-1.50万元", "0.5", "1.50", "万元", K.MONEY),
        ("3-5", "3", "5", None, K.QUANTITY),
    ],
)
def test_ranges(text: str, lo: str, hi: str, unit: str | None, kind: ValueKind) -> None:
    got = _parse(text)
    _check_number(got, op=Op.RANGE, value=lo, upper=hi, unit=unit, kind=kind)
    assert got.warning is None


@pytest.mark.parametrize("text", ["2-1份", "60%-50%", "10至5名"])
def test_reversed_range_warns(text: str) -> None:
    got = _parse(text)
    assert got.op is Op.RANGE
    assert got.value is not None and got.upper is not None
    assert got.upper < got.value
    assert got.warning is not None
    assert "上限小于下限" in got.warning
    assert text in got.warning


def test_range_money_yuan_is_lower_bound() -> None:
    got = _parse("1-2万元")
    assert got.kind is K.MONEY
    assert got.yuan == Decimal("10000")


# --------------------------------------------------------------------------- percentages


@pytest.mark.parametrize("text", ["≥95%", "≥95％", "≥95百分比", "≥95百分率", "≥９５％"])
def test_percent_spellings(text: str) -> None:
    got = _parse(text)
    _check_number(got, op=Op.GE, value="95", unit="%", kind=K.PERCENT)
    assert got.warning is None
    assert got.yuan is None
    assert got.is_quantitative


# --------------------------------------------------------------------------- counts and units


@pytest.mark.parametrize(
    "unit",
    ["件", "个", "次", "家", "人次", "场", "份", "项", "台", "平方米", "度", "兆", "名", "篇",
     "工作日", "小时", "公里", "吨", "亩", "万人次", "GB", "Mbps", "个百分点", "倍", "分"],
)  # fmt: skip
def test_count_units(unit: str) -> None:
    got = _parse(f"≥12{unit}")
    _check_number(got, op=Op.GE, value="12", unit=unit, kind=K.QUANTITY)
    assert got.warning is None
    assert got.yuan is None


@pytest.mark.parametrize("text", ["≥100㎡", "100㎡", "≥100m²", "≥100m2"])
def test_square_metre_symbol(text: str) -> None:
    got = _parse(text)
    assert got.kind is K.QUANTITY
    assert got.value == Decimal("100")
    assert got.unit == "平方米"


@pytest.mark.parametrize(
    ("text", "unit"),
    [("5樘", "樘"), ("≥3垛", "垛"), ("≥5次/年", "次/年"), ("≤2.5担", "担")],
)
def test_unknown_unit_warns_but_keeps_number(text: str, unit: str) -> None:
    got = _parse(text)
    assert got.kind is K.QUANTITY
    assert got.value is not None
    assert got.unit == unit
    assert got.warning is not None
    assert "计量单位" in got.warning
    assert f"“{unit}”" in got.warning
    assert "请核对" in got.warning


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("≥18,000件", "18000"),
        ("≥1,234,567.5元", "1234567.5"),
        ("≥１８，０００件", "18000"),
        ("≥１２３４．５６件", "1234.56"),
        ("≥2.50件", "2.50"),
    ],
)
def test_separators_and_full_width_digits(text: str, value: str) -> None:
    got = _parse(text)
    assert got.op is Op.GE
    assert got.value == Decimal(value)
    assert str(got.value) == value


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "op", "value", "unit", "per", "yuan"),
    [
        ("≤25.66万元/年/人", Op.LE, "25.66", "万元", "年/人", "256600"),
        ("≤25.66万元", Op.LE, "25.66", "万元", None, "256600"),
        ("≥0.5亿元", Op.GE, "0.5", "亿元", None, "50000000"),
        ("1.2345亿元", Op.EQ, "1.2345", "亿元", None, "123450000"),
        ("≤3000元/人", Op.LE, "3000", "元", "人", "3000"),
        ("≤1,097.01元", Op.LE, "1097.01", "元", None, "1097.01"),
        ("≤12万圆", Op.LE, "12", "万元", None, "120000"),
        ("≤120元/次", Op.LE, "120", "元", "次", "120"),
        ("≤8.5万元/台", Op.LE, "8.5", "万元", "台", "85000"),
    ],
)
def test_money(text: str, op: Op, value: str, unit: str, per: str | None, yuan: str) -> None:
    got = _parse(text)
    _check_number(got, op=op, value=value, unit=unit, kind=K.MONEY, per=per,
                  implicit=op is Op.EQ)  # fmt: skip
    assert got.warning is None
    assert got.yuan == Decimal(yuan)
    assert isinstance(got.yuan, Decimal)
    assert format(got.yuan, "f") == yuan
    assert got.is_quantitative


def test_yuan_none_when_not_money() -> None:
    assert _parse("≥95%").yuan is None
    assert _parse("5件").yuan is None
    assert _parse("健全").yuan is None
    assert _parse("2025年12月前").yuan is None


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "op", "when", "kwargs"),
    [
        ("2025年12月前", Op.LE, date(2025, 12, 31), {}),
        ("2025年6月前", Op.LE, date(2025, 6, 30), {}),
        ("2025年2月前", Op.LE, date(2025, 2, 28), {}),
        ("2024年2月底前", Op.LE, date(2024, 2, 29), {}),
        ("2025年12月31日前", Op.LE, date(2025, 12, 31), {}),
        ("2025年12月31日之前", Op.LE, date(2025, 12, 31), {}),
        ("2025年12月31日以前完成", Op.LE, date(2025, 12, 31), {}),
        ("2025年12月底前完成", Op.LE, date(2025, 12, 31), {}),
        ("2025年12月底之前完成", Op.LE, date(2025, 12, 31), {}),
        ("2025年12月底", Op.LE, date(2025, 12, 31), {}),
        ("2025年12月末", Op.LE, date(2025, 12, 31), {}),
        ("2025年9月底完成", Op.LE, date(2025, 9, 30), {}),
        ("2025年6月15日前", Op.LE, date(2025, 6, 15), {}),
        ("2025年06月05日前", Op.LE, date(2025, 6, 5), {}),
        ("２０２５年１２月前", Op.LE, date(2025, 12, 31), {}),
        ("2025 年 12 月 前", Op.LE, date(2025, 12, 31), {}),
        ("≤2025年12月31日", Op.LE, date(2025, 12, 31), {}),
        ("≥2025年3月1日", Op.GE, date(2025, 3, 1), {}),
        ("12月底", Op.LE, date(2025, 12, 31), {"year": 2025}),
        ("12月底前", Op.LE, date(2025, 12, 31), {"year": 2025}),
        ("6月30日前", Op.LE, date(2025, 6, 30), {"year": 2025}),
        ("2月底", Op.LE, date(2024, 2, 29), {"year": 2024}),
        ("2024年12月前", Op.LE, date(2024, 12, 31), {"year": 2025}),  # written year wins
        ("2015年12月前", Op.LE, date(2015, 12, 31), {}),  # plausibility is not judged here
    ],
)
def test_deadlines(text: str, op: Op, when: date, kwargs: dict[str, int]) -> None:
    got = _parse(text, **kwargs)
    assert got.kind is K.DATE
    assert got.op is op
    assert got.date == when
    assert got.date_upper is None
    assert got.op_implicit is False
    assert got.warning is None
    assert got.value is None
    assert got.unit is None
    assert got.is_quantitative


def test_plain_date_is_implicit_equality() -> None:
    got = _parse("2025年12月31日")
    assert got.kind is K.DATE
    assert got.op is Op.EQ
    assert got.op_implicit is True
    assert got.date == date(2025, 12, 31)


@pytest.mark.parametrize("text", ["12月底", "12月底前", "6月30日前", "12月前完成"])
def test_date_without_year_needs_fiscal_year(text: str) -> None:
    got = _parse(text)
    assert got.kind is K.TEXT
    assert got.date is None
    assert got.warning is not None
    assert "年份" in got.warning
    assert text in got.warning


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("2025年全年", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025年度", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025年年度", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025年全年度", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025年1月—12月", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025年1月-12月", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025年1月至12月", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025年1月～6月", date(2025, 1, 1), date(2025, 6, 30)),
        ("2024年1月—2月", date(2024, 1, 1), date(2024, 2, 29)),
        ("2025年11月—2026年2月", date(2025, 11, 1), date(2026, 2, 28)),
    ],
)
def test_date_ranges(text: str, lo: date, hi: date) -> None:
    got = _parse(text)
    assert got.kind is K.DATE
    assert got.op is Op.RANGE
    assert got.date == lo
    assert got.date_upper == hi
    assert got.warning is None


@pytest.mark.parametrize("text", ["2025年3月—2月", "2026年1月—2025年12月"])
def test_reversed_date_range_warns(text: str) -> None:
    got = _parse(text)
    assert got.warning is not None
    assert "上限小于下限" in got.warning or "早于" in got.warning


@pytest.mark.parametrize(
    ("text", "kwargs"),
    [
        ("2025年2月30日前", {}),
        ("2025年2月29日前", {}),
        ("2025年13月前", {}),
        ("2025年0月前", {}),
        ("2025年4月31日", {}),
        ("2025年1月—13月", {}),
        ("2月30日前", {"year": 2025}),
    ],
)
def test_invalid_dates(text: str, kwargs: dict[str, int]) -> None:
    got = _parse(text, **kwargs)
    assert got.kind is K.TEXT
    assert got.date is None
    assert got.warning is not None
    assert "不是有效日期" in got.warning
    assert text in got.warning


@pytest.mark.parametrize("text", ["0000年全年", "0000年度"])
def test_year_zero_whole_year_does_not_raise(text: str) -> None:
    got = _parse(text)
    assert got.kind is K.TEXT
    assert got.warning is not None


@pytest.mark.parametrize("text", ["0000年12月前", "0000年1月—12月"])
def test_year_zero_other_forms_are_text(text: str) -> None:
    got = _parse(text)
    assert got.kind is K.TEXT
    assert got.warning is not None
    assert "不是有效日期" in got.warning


# --------------------------------------------------------------------------- qualitative


@pytest.mark.parametrize(
    "text",
    ["健全", "合理", "规范", "有效", "明显", "作用显著", "明显提升", "持续改善",
     "提升发明专利授权量", "制度健全、执行有效", "效果明显", "有所提高", "逐步改善", "按时完成",
     "  健全  "],
)  # fmt: skip
def test_qualitative(text: str) -> None:
    got = _parse(text)
    assert got.kind is K.QUALITATIVE
    assert got.warning is None
    assert got.op is None
    assert got.value is None
    assert got.date is None
    assert got.is_quantitative is False


@pytest.mark.parametrize("word", QUALITATIVE_WORDS)
def test_every_qualitative_word(word: str) -> None:
    assert _parse(word).kind is K.QUALITATIVE


# --------------------------------------------------------------------------- not understood


@pytest.mark.parametrize(
    "text",
    [
        "涉案主体、案件类型、所属行业、受理法院、当事人等",
        "无",
        "见附件",
        "abc",
        "1,5件",
        "5件、3个",
        "2025-12-31",
        "一百件",
    ],
)
def test_unparseable_text(text: str) -> None:
    got = _parse(text)
    assert got.kind is K.TEXT
    assert got.warning is not None
    assert "无法解析" in got.warning
    assert text in got.warning
    assert got.value is None
    assert got.is_quantitative is False


@pytest.mark.parametrize(
    ("text", "op"),
    [("≥", Op.GE), ("≥件", Op.GE), ("≤%", Op.LE), ("不少于", Op.GE), ("不超过万元", Op.LE),
     ("≥良好", Op.GE), (">", Op.GT), ("控制在以内", Op.LE)],
)  # fmt: skip
def test_operator_without_number(text: str, op: Op) -> None:
    got = _parse(text)
    assert got.kind is K.TEXT
    assert got.op is op
    assert got.value is None
    assert got.warning is not None
    assert "没有可读的数值" in got.warning
    assert text in got.warning


@pytest.mark.parametrize("text", [None, "", "   ", "—", "——", "-", "－", "/", "／", "\\", "–"])
def test_blank_is_none(text: str | None) -> None:
    assert parse_value(text) is None
    assert parse_value(text, year=2025) is None


def test_raw_is_kept_verbatim() -> None:
    text = " ≥ ９５％ "
    got = parse_value(text)
    assert got is not None
    assert got.raw == text
    assert got.value == Decimal("95")


# --------------------------------------------------------------------------- properties

_OP_SPELLINGS: list[tuple[str, Op]] = [
    ("≥", Op.GE), (">=", Op.GE), ("≧", Op.GE), ("⩾", Op.GE), ("＞＝", Op.GE),
    ("不少于", Op.GE), ("不低于", Op.GE), ("不小于", Op.GE), ("大于等于", Op.GE),
    ("至少", Op.GE), ("达到", Op.GE),
    (">", Op.GT), ("＞", Op.GT), ("大于", Op.GT), ("超过", Op.GT), ("高于", Op.GT), ("多于", Op.GT),
    ("=", Op.EQ), ("==", Op.EQ), ("＝", Op.EQ), ("等于", Op.EQ),
    ("≤", Op.LE), ("<=", Op.LE), ("≦", Op.LE), ("⩽", Op.LE), ("＜＝", Op.LE),
    ("不超过", Op.LE), ("不高于", Op.LE), ("不多于", Op.LE), ("不大于", Op.LE),
    ("小于等于", Op.LE), ("控制在", Op.LE),
    ("<", Op.LT), ("＜", Op.LT), ("小于", Op.LT), ("低于", Op.LT), ("少于", Op.LT),
]  # fmt: skip
_SUFFIXES: list[tuple[str, Op]] = [
    ("以上", Op.GE),
    ("及以上", Op.GE),
    ("以下", Op.LE),
    ("及以下", Op.LE),
    ("以内", Op.LE),
]
# "月" is left out: "≥3月" is read as a month of the year (a date), see the report.
# "元/人" is left out: it is read as money 元 per 人 (tested in test_money).
_UNITS = [*sorted(COUNT_UNITS - {"月", "元/人"}), "%", *MONEY_UNITS]
_UNIT_KIND = {"%": K.PERCENT, **{u: K.MONEY for u in MONEY_UNITS}}


@st.composite
def _plain_decimals(draw: st.DrawFn) -> str:
    """A non-negative decimal below 1e12 with up to 6 decimals, written plainly."""
    whole = draw(st.integers(min_value=0, max_value=10**12 - 1))
    places = draw(st.integers(min_value=0, max_value=6))
    if places == 0:
        return str(whole)
    frac = draw(st.integers(min_value=0, max_value=10**places - 1))
    return f"{whole}.{frac:0{places}d}"


@given(st.sampled_from(_OP_SPELLINGS), _plain_decimals(), st.sampled_from(_UNITS))
@example(("≥", Op.GE), "0", "件")
@example(("控制在", Op.LE), "25.660000", "万元")
def test_property_operator_value_unit(spelling: tuple[str, Op], value: str, unit: str) -> None:
    sym, op = spelling
    text = f"{sym}{value}{unit}"
    got = _parse(text)
    assert got.op is op
    assert got.value == Decimal(value)
    assert str(got.value) == value
    assert got.unit == unit
    assert got.kind is _UNIT_KIND.get(unit, K.QUANTITY)
    assert got.op_implicit is False
    assert got.warning is None


@given(st.sampled_from(_SUFFIXES), _plain_decimals(), st.sampled_from(_UNITS))
def test_property_suffix_operator(suffix: tuple[str, Op], value: str, unit: str) -> None:
    word, op = suffix
    got = _parse(f"{value}{unit}{word}")
    assert got.op is op
    assert got.value == Decimal(value)
    assert str(got.value) == value
    assert got.unit == unit
    assert got.warning is None


@given(_plain_decimals(), st.sampled_from(_UNITS))
def test_property_implicit_equality(value: str, unit: str) -> None:
    got = _parse(f"{value}{unit}")
    assert got.op is Op.EQ
    assert got.op_implicit is True
    assert str(got.value) == value
    assert got.unit == unit


@given(st.sampled_from(_OP_SPELLINGS), _plain_decimals(), st.sampled_from(["件", "%", "万元"]))
def test_property_thousands_separators(spelling: tuple[str, Op], value: str, unit: str) -> None:
    sym, op = spelling
    written = format(Decimal(value), ",f")
    got = _parse(f"{sym}{written}{unit}")
    assert got.op is op
    assert got.value == Decimal(value)
    assert str(got.value) == value


@given(_plain_decimals(), _plain_decimals(), st.sampled_from(["-", "~", "～", "至", "到", "—"]),
       st.sampled_from(["件", "%", "万元", "人次"]))  # fmt: skip
def test_property_ranges(lo: str, hi: str, sep: str, unit: str) -> None:
    got = _parse(f"{lo}{sep}{hi}{unit}")
    assert got.op is Op.RANGE
    assert str(got.value) == lo
    assert str(got.upper) == hi
    assert got.unit == unit
    if Decimal(hi) < Decimal(lo):
        assert got.warning is not None and "上限小于下限" in got.warning
    else:
        assert got.warning is None


_SHIFT = {"元": 0, "万元": 4, "亿元": 8}


@given(st.sampled_from(_OP_SPELLINGS), _plain_decimals(), st.sampled_from(sorted(MONEY_UNITS)))
def test_property_money_yuan_exact(spelling: tuple[str, Op], value: str, unit: str) -> None:
    got = _parse(f"{spelling[0]}{value}{unit}")
    assert got.kind is K.MONEY
    yuan = got.yuan
    assert type(yuan) is Decimal
    d = Decimal(value)
    assert yuan == d * Decimal(10) ** _SHIFT[unit]
    assert yuan == d.scaleb(_SHIFT[unit])
    if d:
        assert yuan.as_tuple().digits == d.as_tuple().digits


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.booleans())
def test_property_dates(when: date, pad: bool) -> None:
    m = f"{when.month:02d}" if pad else str(when.month)
    d = f"{when.day:02d}" if pad else str(when.day)
    got = _parse(f"{when.year}年{m}月{d}日前")
    assert got.kind is K.DATE
    assert got.op is Op.LE
    assert got.date == when
    assert got.warning is None


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_property_month_deadline_is_month_end(when: date) -> None:
    got = _parse(f"{when.year}年{when.month}月底前完成")
    assert got.kind is K.DATE
    assert got.op is Op.LE
    assert got.date is not None
    assert (got.date.year, got.date.month) == (when.year, when.month)
    assert got.date.day == calendar.monthrange(when.year, when.month)[1]


def _check_invariants(text: str, got: ParsedValue | None) -> None:
    if got is None:
        return
    assert isinstance(got, ParsedValue)
    assert got.raw == text
    assert isinstance(got.kind, ValueKind)
    if got.kind is K.TEXT:
        assert got.warning is not None
        assert got.value is None and got.date is None
    if got.kind is K.QUALITATIVE:
        assert got.warning is None and got.op is None
    if got.kind in (K.PERCENT, K.MONEY, K.QUANTITY):
        assert isinstance(got.value, Decimal)
        assert got.op is not None
    if got.kind is K.DATE:
        assert isinstance(got.date, date)
        assert got.op is not None
    if got.kind is K.MONEY:
        assert isinstance(got.yuan, Decimal)
    else:
        assert got.yuan is None
    if got.op is Op.RANGE and got.kind is not K.DATE:
        assert got.upper is not None


def _parse_any(text: str, year: int | None = None) -> ParsedValue | None:
    try:
        return parse_value(text, year=year)
    except ValueError as exc:
        # known bug, see test_year_zero_whole_year_does_not_raise
        if "year 0 is out of range" in str(exc) and "0000年" in text:
            return None
        raise


@settings(max_examples=500)
@given(st.text())
def test_property_never_raises(text: str) -> None:
    _check_invariants(text, _parse_any(text))
    _check_invariants(text, _parse_any(text, year=2025))


_TOKENS = st.sampled_from(
    ["年", "月", "日", "底", "末", "前", "之前", "以前", "完成", "全年", "度", "年度", "—", "-",
     "~", "至", "%", "％", "万元", "亿元", "元", "件", "/", "人", "≥", "≤", ">", "<", "=",
     "以上", "以内", "及以下", "控制在", "不少于", "达到", ",", ".", " ", "健全", "㎡", "²", "a"]
)  # fmt: skip
_DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=5)


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TOKENS, _DIGITS), max_size=8).map("".join))
@example("2025年12月底前完成")
@example("≥1,000-2,000件以上")
def test_property_never_raises_on_target_like_text(text: str) -> None:
    _check_invariants(text, _parse_any(text))
    _check_invariants(text, _parse_any(text, year=2025))


@pytest.mark.parametrize(
    ("text", "kind", "op", "value", "unit", "when"),
    [
        ("达到预期", ValueKind.QUALITATIVE, None, None, None, None),
        ("不低于上年水平", ValueKind.QUALITATIVE, None, None, None, None),
        ("2025年底前完成", ValueKind.DATE, Op.LE, None, None, date(2025, 12, 31)),
        ("年底前完成", ValueKind.DATE, Op.LE, None, None, date(2025, 12, 31)),
        ("不晚于2025年12月31日", ValueKind.DATE, Op.LE, None, None, date(2025, 12, 31)),
        ("≥2025年3月", ValueKind.DATE, Op.GE, None, None, date(2025, 3, 1)),
        ("3天内", ValueKind.QUANTITY, Op.LE, Decimal("3"), "天", None),
        ("5个工作日以内", ValueKind.QUANTITY, Op.LE, Decimal("5"), "个工作日", None),
        ("−5%", ValueKind.PERCENT, Op.EQ, Decimal("-5"), "%", None),
    ],
)
def test_forms_fixed_after_review(
    text: str, kind: ValueKind, op: Op | None, value: Decimal | None, unit: str | None, when: date | None
) -> None:
    parsed = parse_value(text, year=2025)
    assert parsed is not None
    assert (parsed.kind, parsed.op, parsed.value, parsed.unit, parsed.date, parsed.warning) == (
        kind, op, value, unit, when, None,
    )  # fmt: skip


def test_within_a_year_is_the_whole_year() -> None:
    parsed = parse_value("2025年内")
    assert parsed is not None
    assert (parsed.kind, parsed.op, parsed.date, parsed.date_upper) == (
        ValueKind.DATE, Op.RANGE, date(2025, 1, 1), date(2025, 12, 31),
    )  # fmt: skip


def test_non_ascii_digits_are_not_numbers() -> None:
    parsed = parse_value("٣件")
    assert parsed is not None and parsed.kind is ValueKind.TEXT and parsed.value is None


@pytest.mark.parametrize("raw", ["≥3000批次", "≥500件次", "≥20户次", "≥12课时"])
def test_count_units_seen_on_real_forms_are_known(raw: str) -> None:
    parsed = parse_value(raw)
    assert parsed.kind is ValueKind.QUANTITY and parsed.warning is None, parsed.warning


@pytest.mark.parametrize("text", ["≥6艘", "≤2.5公斤", "≥3架", "≥20箱"])
def test_ordinary_units_need_no_warning(text: str) -> None:
    assert _parse(text).warning is None
