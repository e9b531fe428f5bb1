"""Tests for perfnb.base.units: exact money conversion and unit spelling."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfnb.base.units import COUNT_UNITS, MONEY_UNITS, convert_money, normalize_unit, to_yuan

MONEY = ["元", "万元", "亿元"]

# --------------------------------------------------------------------------- to_yuan


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        ("25.66", "万元", "256600"),
        ("1", "万元", "10000"),
        ("0.0001", "万元", "1"),
        ("1097.01", "万元", "10970100"),
        ("123.456789", "万元", "1234567.89"),
        ("-3.5", "万元", "-35000"),
        ("1", "亿元", "100000000"),
        ("0.5", "亿元", "50000000"),
        ("2.345", "亿元", "234500000"),
        ("0.00000001", "亿元", "1"),
        ("1234.56", "元", "1234.56"),
        ("0", "万元", "0"),
    ],
)
def test_to_yuan_exact(amount: str, unit: str, expected: str) -> None:
    got = to_yuan(Decimal(amount), unit)
    assert isinstance(got, Decimal)
    assert got == Decimal(expected)
    assert format(got, "f") == expected


def test_to_yuan_keeps_cents_as_written() -> None:
    got = to_yuan(Decimal("1234.56"), "元")
    assert str(got) == "1234.56"
    got = to_yuan(Decimal("0.000123"), "万元")
    assert got == Decimal("1.23")
    assert got.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("amount", "src", "dst", "expected"),
    [
        ("256600", "元", "万元", "25.66"),
        ("1", "元", "万元", "0.0001"),
        ("1", "元", "亿元", "0.00000001"),
        ("12345", "万元", "亿元", "1.2345"),
        ("1.2345", "亿元", "万元", "12345"),
        ("3", "亿元", "元", "300000000"),
        ("7.10", "万元", "万元", "7.10"),
    ],
)
def test_convert_money(amount: str, src: str, dst: str, expected: str) -> None:
    got = convert_money(Decimal(amount), src, dst)
    assert isinstance(got, Decimal)
    assert got == Decimal(expected)


def test_convert_money_is_a_pure_shift() -> None:
    # 0.1 万元 is exactly 1000 元 -- no float rounding like 0.1 * 10000.0
    got = convert_money(Decimal("0.1"), "万元", "元")
    assert got == Decimal("1000")
    assert got.as_tuple().digits == (1,)
    got = convert_money(Decimal("0.3"), "亿元", "万元")
    assert got == Decimal("3000")


@pytest.mark.parametrize(
    ("src", "dst", "bad"),
    [("美元", "元", "美元"), ("元", "千元", "千元"), ("万", "元", "万"), ("", "元", ""), ("元", "%", "%")],
)
def test_convert_money_unknown_unit(src: str, dst: str, bad: str) -> None:
    with pytest.raises(ValueError) as exc:
        convert_money(Decimal("1"), src, dst)
    msg = str(exc.value)
    assert "未知货币单位" in msg
    assert f"“{bad}”" in msg
    assert "万元" in msg


def test_to_yuan_unknown_unit() -> None:
    with pytest.raises(ValueError, match="未知货币单位“件”"):
        to_yuan(Decimal("5"), "件")


def _exp(d: Decimal) -> int:
    """The exponent of a finite decimal."""
    e = d.as_tuple().exponent
    assert isinstance(e, int)
    return e


def _moderate(d: Decimal) -> bool:
    return -10 <= _exp(d) <= 10


_AMOUNTS: st.SearchStrategy[Decimal] = st.decimals(
    allow_nan=False,
    allow_infinity=False,
    min_value=Decimal("-1e15"),
    max_value=Decimal("1e15"),
).filter(_moderate)


@given(_AMOUNTS, st.sampled_from(MONEY), st.sampled_from(MONEY))
def test_convert_money_roundtrip(x: Decimal, a: str, b: str) -> None:
    there = convert_money(x, a, b)
    back = convert_money(there, b, a)
    assert type(there) is Decimal
    assert type(back) is Decimal
    assert back == x
    assert back.as_tuple() == x.as_tuple()


@given(_AMOUNTS, st.sampled_from(MONEY), st.sampled_from(MONEY))
def test_convert_money_is_exact_power_of_ten(x: Decimal, a: str, b: str) -> None:
    got = convert_money(x, a, b)
    shift = MONEY_UNITS[a] - MONEY_UNITS[b]
    assert got == x * Decimal(10) ** shift
    if x:
        assert got.as_tuple().digits == x.as_tuple().digits
        assert _exp(got) == _exp(x) + shift


@given(_AMOUNTS, st.sampled_from(MONEY))
def test_to_yuan_matches_convert_money(x: Decimal, unit: str) -> None:
    assert to_yuan(x, unit) == convert_money(x, unit, "元")
    assert type(to_yuan(x, unit)) is Decimal


@given(_AMOUNTS)
def test_conversion_chain_is_consistent(x: Decimal) -> None:
    via_wan = to_yuan(convert_money(x, "亿元", "万元"), "万元")
    assert via_wan == to_yuan(x, "亿元")


# --------------------------------------------------------------------------- normalize_unit


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("％", "%"),
        ("%", "%"),
        ("百分比", "%"),
        ("百分率", "%"),
        ("㎡", "平方米"),
        ("m2", "平方米"),
        ("m²", "平方米"),
        ("平方米", "平方米"),
        ("万圆", "万元"),
        ("圆", "元"),
        ("元", "元"),
        ("万元", "万元"),
        ("件", "件"),
        (" 件 ", "件"),
        (" ％ ", "%"),
        ("辆", "辆"),  # unknown units pass through unchanged
        ("", ""),
    ],
)
def test_normalize_unit(unit: str, expected: str) -> None:
    assert normalize_unit(unit) == expected


def test_normalize_unit_is_idempotent_on_known_units() -> None:
    for unit in [*COUNT_UNITS, *MONEY_UNITS, "%"]:
        assert normalize_unit(unit) == unit
        assert normalize_unit(normalize_unit(unit)) == unit


@given(st.text())
def test_normalize_unit_idempotent(text: str) -> None:
    once = normalize_unit(text)
    assert normalize_unit(once) == once


def test_unit_tables() -> None:
    assert MONEY_UNITS == {"元": 0, "万元": 4, "亿元": 8}
    for u in ["件", "个", "次", "家", "人次", "场", "份", "项", "台", "平方米", "度", "兆"]:
        assert u in COUNT_UNITS
    assert "%" not in COUNT_UNITS
    assert not (set(MONEY_UNITS) & COUNT_UNITS)
