"""Tests for perfnb.engine.formula: the safe evaluator of printed formulas."""

from __future__ import annotations

import pickle
from decimal import Context, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from perfnb.base.errors import PerfnbError
from perfnb.base.numbers import round_half_up
from perfnb.engine.formula import MAX_LENGTH, FormulaError, FormulaValue, evaluate

D = Decimal


def decimals(*texts: str) -> tuple[Decimal, ...]:
    return tuple(D(t) for t in texts)


# --------------------------------------------------------------------------- the document examples


@pytest.mark.parametrize(
    ("text", "value", "percent", "operands"),
    [
        ("(820.8-841.05)/800*100%", "-2.53125", True, ("820.8", "841.05", "800")),
        ("（37-15.76）/37*100%", "57.405405405405405405405405405405405405405405405405", True, ("37", "15.76", "37")),
        (
            "1331.1361/1471.9961*100%",
            "90.430681168244943040270283324799569781468850359046",
            True,
            ("1331.1361", "1471.9961"),
        ),
        (
            "(1471.9961/1715.27)×100%",
            "85.817165810630396380744722405219003422201752493776",
            True,
            ("1471.9961", "1715.27"),
        ),
        ("(50-2.91)/50", "0.9418", False, ("50", "2.91", "50")),
        ("2.5+2.5", "5", False, ("2.5", "2.5")),
        ("13.78+14.28+9.89", "37.95", False, ("13.78", "14.28", "9.89")),
    ],
)
def test_document_examples(text: str, value: str, percent: bool, operands: tuple[str, ...]) -> None:
    got = evaluate(text)
    assert isinstance(got, FormulaValue)
    assert isinstance(got.value, Decimal)
    assert got.value == D(value)
    assert got.percent is percent
    assert got.operands == decimals(*operands)
    assert all(isinstance(o, Decimal) for o in got.operands)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("(820.8-841.05)/800*100%", "-2.53"),
        ("（37-15.76）/37*100%", "57.41"),
        ("1331.1361/1471.9961*100%", "90.43"),
        ("(1471.9961/1715.27)×100%", "85.82"),
    ],
)
def test_percent_results_round_to_the_printed_figure(text: str, printed: str) -> None:
    assert round_half_up(evaluate(text).value, 2) == D(printed)


@pytest.mark.parametrize(
    ("text", "numerator", "denominator"),
    [
        ("1331.1361/1471.9961*100%", Fraction("1331.1361"), Fraction("1471.9961")),
        ("(1471.9961/1715.27)×100%", Fraction("1471.9961"), Fraction("1715.27")),
        ("（37-15.76）/37*100%", Fraction("21.24"), Fraction(37)),
    ],
)
def test_percent_value_is_exact_to_fifty_digits(text: str, numerator: Fraction, denominator: Fraction) -> None:
    got = evaluate(text)
    exact = numerator / denominator * 100
    assert abs(Fraction(got.value) - exact) < Fraction(1, 10**46)
    assert abs(Fraction(got.fraction) - exact / 100) < Fraction(1, 10**48)


def test_result_after_equals_sign_is_ignored() -> None:
    got = evaluate("1331.1361/1471.9961*100%=90.43%")
    assert got == evaluate("1331.1361/1471.9961*100%")
    assert evaluate("2.5+2.5=5").value == D(5)
    assert evaluate("2.5+2.5 ＝ 6").value == D(5)  # full-width "=", wrong printed result: still ignored
    assert evaluate("(50-2.91)/50≈94.18%").value == D("0.9418")


# --------------------------------------------------------------------------- notation


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,331.1361/1,471.9961×100%", "90.430681168244943040270283324799569781468850359046"),  # thousands
        ("１，３３１.５÷２", "665.75"),  # full-width digits and comma
        ("１２＋３４", "46"),
        ("（１＋２）＊３", "9"),
        ("2·3", "6"),
        ("2・3", "6"),
        ("2×3÷4", "1.5"),
        ("2 + 3 * 4", "14"),  # precedence
        ("(2+3)*4", "20"),
        ("10-4-3", "3"),  # left associative
        ("64/4/2", "8"),
        ("\u30001+1\u3000", "2"),  # ideographic spaces
        ("-5+3", "-2"),
        ("-(2+3)", "-5"),
        ("--5", "5"),
        ("+5", "5"),
        ("1--5", "6"),
        ("2*-3", "-6"),
        ("1−2", "-1"),  # U+2212 minus sign
        ("((7))", "7"),
        ("0.5", "0.5"),
    ],
)
def test_notation(text: str, value: str) -> None:
    assert evaluate(text).value == D(value)


def test_unary_minus_belongs_to_the_operand_as_written() -> None:
    assert evaluate("-5+3").operands == decimals("-5", "3")
    assert evaluate("-(2+3)").operands == decimals("2", "3")
    assert evaluate("1-5").operands == decimals("1", "5")
    assert evaluate("1--5").operands == decimals("1", "-5")


def test_operands_keep_decimals_as_written() -> None:
    (first, second) = evaluate("2.50+1,000").operands
    assert str(first) == "2.50"
    assert str(second) == "1000"


# --------------------------------------------------------------------------- percent convention


@pytest.mark.parametrize(
    ("text", "value", "percent", "operands"),
    [
        ("50%*200", "100", False, ("50", "200")),  # N% = N/100
        ("85.82%", "0.8582", False, ("85.82",)),
        ("100%", "1", False, ("100",)),
        ("1+2*100%", "3", False, ("1", "2", "100")),  # ×100% not over the whole formula: just 1
        ("2*100%+1", "3", False, ("2", "100", "1")),
        ("(1/4*100%)", "25", True, ("1", "4")),  # enclosing parentheses
        ("((1/4)*100%)", "25", True, ("1", "4")),
        ("(1+3)*100%", "400", True, ("1", "3")),
        ("1/4·100%", "25", True, ("1", "4")),
        ("1/4×100.00%", "25", True, ("1", "4")),
        ("1/4*100", "25", False, ("1", "4", "100")),  # no "%": a plain product
        ("1/4*100%*100%", "25", True, ("1", "4", "100")),  # only the last one is the marker
        ("100%/4", "0.25", False, ("100", "4")),
        ("1/4*-100%", "-0.25", False, ("1", "4", "-100")),
    ],
)
def test_percent_convention(text: str, value: str, percent: bool, operands: tuple[str, ...]) -> None:
    got = evaluate(text)
    assert got.value == D(value)
    assert got.percent is percent
    assert got.operands == decimals(*operands)


def test_fraction_is_the_mathematical_value() -> None:
    assert evaluate("(820.8-841.05)/800*100%").fraction == D("-0.0253125")
    assert evaluate("(50-2.91)/50").fraction == D("0.9418")
    assert FormulaValue(D("85.82"), True, ()).fraction == D("0.8582")


# --------------------------------------------------------------------------- rejections


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "1/0",
        "1/(5-5)",
        "0/0",
        "1/0%",
        "2**10",
        "2^10",
        "(1+2",
        "1+2)",
        ")(",
        "()",
        "abc",
        "a/b*100%",
        "2x3",
        "1e5",
        "0x10",
        "一加一",
        "年度资金/预算",
        "",
        "   ",
        "=85.82%",
        "+",
        "1+",
        "1 2",
        "1..2",
        "1.",
        ".5",
        "1,2",
        "12,3456",
        "(1/4)%",
        "%5",
        "5%%",
        "3²",
        "①+1",
        "½",
        "1;2",
        "[1+2]",
        "1 if 1 else 2",
        "lambda: 1",
        "1_000",
    ],
)
def test_rejections(text: str) -> None:
    with pytest.raises(FormulaError) as exc:
        evaluate(text)
    message = str(exc.value)
    assert message.startswith(f"公式“{text}”无法计算：")
    assert exc.value.value == text


def test_division_by_zero_is_named() -> None:
    with pytest.raises(FormulaError, match="除数为零"):
        evaluate("(820.8-841.05)/(800-800)*100%")


def test_unbalanced_parentheses_are_named() -> None:
    with pytest.raises(FormulaError, match="没有对应的“\\)”"):
        evaluate("(1+2")
    with pytest.raises(FormulaError, match="没有对应的“\\(”"):
        evaluate("1+2)")


def test_too_long() -> None:
    text = "1" + "+1" * (MAX_LENGTH // 2)
    assert len(text) > MAX_LENGTH
    with pytest.raises(FormulaError, match="超过 500 个字符") as exc:
        evaluate(text)
    assert exc.value.value == text
    ok = "1" + "+1" * ((MAX_LENGTH - 1) // 2)
    assert len(ok) <= MAX_LENGTH
    assert evaluate(ok).value == D((MAX_LENGTH - 1) // 2 + 1)


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(FormulaError, match="嵌套"):
        evaluate("(" * 200 + "1" + ")" * 200)
    with pytest.raises(FormulaError, match="嵌套"):
        evaluate("-(" * 100 + "1" + ")" * 100)
    assert evaluate("(" * 20 + "1" + ")" * 20).value == 1


def test_formula_error_is_value_error_and_perfnb_error_and_pickles() -> None:
    with pytest.raises(FormulaError) as exc:
        evaluate("1/0")
    error = exc.value
    assert isinstance(error, ValueError)
    assert isinstance(error, PerfnbError)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is FormulaError
    assert str(copy) == str(error)


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        evaluate(12)  # type: ignore[arg-type]


def test_callers_context_does_not_matter() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        got = evaluate("1331.1361/1471.9961*100%")
    assert got.value == D("90.430681168244943040270283324799569781468850359046")


# --------------------------------------------------------------------------- properties

_CONTEXT = Context(prec=50)
NUMBERS = st.decimals(min_value=-1_000_000, max_value=1_000_000, places=4, allow_nan=False, allow_infinity=False)


def _written(d: Decimal) -> str:
    text = format(d, "f")
    return f"({text})" if text.startswith("-") else text


@given(NUMBERS, NUMBERS, st.sampled_from(["+", "-", "*", "/"]))
def test_binary_operations_match_decimal(a: Decimal, b: Decimal, op: str) -> None:
    if op == "/":
        assume(b != 0)
    with localcontext(_CONTEXT):
        expected = {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else D(0)}[op]
    got = evaluate(f"{_written(a)}{op}{_written(b)}")
    assert got.value == expected
    assert got.percent is False
    assert got.operands == (a, b)


@given(NUMBERS, NUMBERS)
def test_ratio_times_hundred_percent(a: Decimal, b: Decimal) -> None:
    assume(b != 0)
    with localcontext(_CONTEXT):
        expected = a / b * 100
    got = evaluate(f"{_written(a)}/{_written(b)}*100%")
    assert got.value == expected
    assert got.percent is True
    assert got.operands == (a, b)


@given(NUMBERS)
def test_a_number_evaluates_to_itself(a: Decimal) -> None:
    got = evaluate(format(a, "f"))
    assert got.value == a
    assert got.operands == (a,)
    assert evaluate(format(a, ",f")).value == a


@given(st.text(alphabet="0123456789+-*/()%.,×÷·（）＝=≈ abc²_'", max_size=40))
def test_any_text_gives_a_value_or_a_formula_error(text: str) -> None:
    try:
        got = evaluate(text)
    except FormulaError as error:
        assert str(error).startswith("公式")
    else:
        assert isinstance(got.value, Decimal)
        assert got.value.is_finite()
