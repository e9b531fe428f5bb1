"""Tests for perfnb.base.numbers: strict exact decimals and "no value" marks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfnb.base.numbers import NO_VALUE_MARKS, NumberFormatError, is_no_value, parse_decimal

# --------------------------------------------------------------------------- parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", "0"),
        ("7", "7"),
        ("1234", "1234"),
        ("1234.56", "1234.56"),
        ("2.50", "2.50"),  # trailing zero kept: exponent as written
        ("100.00", "100.00"),
        ("0.001", "0.001"),
        ("-5", "-5"),
        ("-1234.5", "-1234.5"),
        ("+5", "5"),
        ("1,097.01", "1097.01"),
        ("1,234,567", "1234567"),
        ("-1,234,567.890", "-1234567.890"),
        ("１２３４.５", "1234.5"),  # full-width digits
        ("１，２３４．５０", "1234.50"),  # full-width comma and point
        ("－１２", "-12"),  # full-width minus sign
        ("  42  ", "42"),  # surrounding space stripped
        ("\u300042\u3000", "42"),  # ideographic space stripped
    ],
)
def test_parse_decimal_accepts(text: str, expected: str) -> None:
    got = parse_decimal(text)
    assert isinstance(got, Decimal)
    assert got == Decimal(expected)
    assert str(got) == expected


def test_parse_decimal_keeps_exponent_as_written() -> None:
    assert parse_decimal("2.50").as_tuple().exponent == -2
    assert parse_decimal("2.5").as_tuple().exponent == -1
    assert parse_decimal("1,000").as_tuple().exponent == 0
    assert str(parse_decimal("2.50")) == "2.50"


@pytest.mark.parametrize("text", ["1.234,5", "1.234.567,89", "12.345,6"])
def test_parse_decimal_rejects_european_notation_with_hint(text: str) -> None:
    with pytest.raises(NumberFormatError) as exc:
        parse_decimal(text)
    msg = str(exc.value)
    assert "欧式" in msg
    assert text in msg


@pytest.mark.parametrize(
    "text",
    [
        "1e5",
        "1E5",
        "NaN",
        "nan",
        "inf",
        "Infinity",
        "-inf",
        "12a",
        "a12",
        "1 234",
        "",
        "   ",
        "1,0970",  # bad thousands grouping
        "1,5",
        ",123",
        "1.",
        ".5",
        "1..2",
        "1.2.3",
        "--5",
        "5%",
        "5元",
        "一百",
        "0x10",
    ],
)
def test_parse_decimal_rejects_non_numbers(text: str) -> None:
    with pytest.raises(NumberFormatError) as exc:
        parse_decimal(text)
    msg = str(exc.value)
    assert "不是数字" in msg
    assert f"“{text}”" in msg


def test_number_format_error_is_value_error() -> None:
    assert issubclass(NumberFormatError, ValueError)
    with pytest.raises(ValueError):
        parse_decimal("abc")


def _exp(d: Decimal) -> int:
    """The exponent of a finite decimal."""
    e = d.as_tuple().exponent
    assert isinstance(e, int)
    return e


def _moderate(d: Decimal) -> bool:
    return -12 <= _exp(d) <= 12


_FINITE: st.SearchStrategy[Decimal] = st.decimals(
    allow_nan=False,
    allow_infinity=False,
    min_value=Decimal("-1e15"),
    max_value=Decimal("1e15"),
).filter(_moderate)


@given(_FINITE)
def test_parse_decimal_roundtrips_plain_format(d: Decimal) -> None:
    text = format(d, "f")
    got = parse_decimal(text)
    assert isinstance(got, Decimal)
    assert got == d
    if _exp(d) <= 0:
        # same digits and exponent: the decimals as written survive
        assert got.as_tuple() == d.as_tuple()


@given(_FINITE)
def test_parse_decimal_roundtrips_thousands_separators(d: Decimal) -> None:
    text = format(d, ",f")
    got = parse_decimal(text)
    assert got == d
    assert str(got) == str(parse_decimal(format(d, "f")))


@given(_FINITE)
def test_parse_decimal_accepts_full_width_form(d: Decimal) -> None:
    plain = format(d, "f")
    full = plain.translate(str.maketrans("0123456789.-,", "０１２３４５６７８９．－，"))
    assert parse_decimal(full) == d
    assert str(parse_decimal(full)) == str(parse_decimal(plain))


@given(st.text())
def test_parse_decimal_only_raises_number_format_error(text: str) -> None:
    try:
        got = parse_decimal(text)
    except NumberFormatError:
        return
    assert isinstance(got, Decimal)
    assert got.is_finite()


# --------------------------------------------------------------------------- is_no_value


@pytest.mark.parametrize(
    "text",
    [None, "", " ", "   ", "\t\n", "\u3000", "—", "——", "-", "－", "–", "/", "／", "\\", " — ", " / "],
)
def test_is_no_value_marks(text: str | None) -> None:
    assert is_no_value(text) is True


@pytest.mark.parametrize(
    "text",
    ["0", "0.0", "-0", "1", "-5", "N/A", "无", "——1", "1/2", "--", "0%", "健全", "≥95%"],
)
def test_is_no_value_real_values(text: str) -> None:
    assert is_no_value(text) is False


def test_no_value_marks_are_all_no_value() -> None:
    for mark in NO_VALUE_MARKS:
        assert is_no_value(mark)
        assert is_no_value(f"  {mark}  ")


@given(_FINITE)
def test_numbers_are_never_no_value(d: Decimal) -> None:
    assert is_no_value(format(d, "f")) is False
