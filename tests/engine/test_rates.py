"""指标完成率: perfnb.engine.rates.completion and percent on values as departments write them."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from perfnb.base.numbers import round_half_up
from perfnb.engine.rates import RATES, Completion, completion, percent
from perfnb.format.targets import Op, ValueKind, parse_value

D = Decimal


def done(target: str | None, actual: str | None, year: int | None = None) -> Completion:
    return completion(parse_value(target, year=year), parse_value(actual, year=year))


def exact(numerator: int, denominator: int) -> Fraction:
    return Fraction(numerator * 100, denominator)


def close(value: Decimal | None, expected: Fraction) -> bool:
    """``value`` equals ``expected`` to well beyond 28 significant digits."""
    assert value is not None
    return abs(Fraction(value) - expected) <= abs(expected) * Fraction(1, 10**38)


# --- numbers of the same kind and unit --------------------------------------------------------


def test_percent_target_at_least() -> None:
    got = done("≥95%", "97%")
    with localcontext() as ctx:
        ctx.prec = 40
        expected = D(97) * 100 / D(95)
    assert got.percent == expected
    assert round_half_up(got.percent, 4) == D("102.1053")
    assert close(got.percent, exact(97, 95))
    assert (got.met, got.why) == (True, "")


def test_at_most_target_exceeded_is_not_met_although_above_100_percent() -> None:
    got = done("≤5天", "7天")
    assert (got.percent, got.met, got.why) == (D(140), False, "")


def test_implicit_equals_is_read_as_at_least() -> None:
    target = parse_value("10家")
    assert target is not None and target.op is Op.EQ and target.op_implicit
    got = done("10家", "37家")
    assert (got.percent, got.met) == (D(370), True)
    assert (done("10家", "9家").percent, done("10家", "9家").met) == (D(90), False)


def test_explicit_equals_needs_equality() -> None:
    assert done("=100%", "100%").met is True
    assert done("=100%", "101%").met is False
    assert done(">95%", "95%").met is False
    assert done("<5天", "5天").met is False


def test_actual_written_with_a_comparison_counts_its_number() -> None:
    assert (done("10家", "11家以上").percent, done("10家", "11家以上").met) == (D(110), True)


# --- money: compared in 元 ------------------------------------------------------------------


def test_money_below_target() -> None:
    got = done("≥100万元", "80万元")
    assert (got.percent, got.met, got.why) == (D(80), False, "")


@pytest.mark.parametrize(
    ("target", "actual", "rate", "met"),
    [("1万元", "10000元", "100", True), ("1亿元", "5000万元", "50", False), ("≤2元", "0.5元", "25", True)],
)
def test_money_in_different_units_is_converted(target: str, actual: str, rate: str, met: bool) -> None:
    got = done(target, actual)
    assert got.percent == D(rate)
    assert got.met is met


# --- dates, words, mismatches, blanks ---------------------------------------------------------


def test_deadline_met() -> None:
    got = done("2020年12月底前", "2020年11月", year=2020)
    assert (got.percent, got.met, got.why) == (None, True, "时间指标：按期限判断")


def test_deadline_missed_and_year_taken_from_the_fiscal_year() -> None:
    assert done("2020年12月底前", "2021年1月", year=2020).met is False
    assert done("12月底前", "2020年12月31日", year=2020).met is True
    assert done("12月底前", "2021年1月1日", year=2020).met is False


@pytest.mark.parametrize(
    ("target", "actual", "met"),
    [("不早于2020年6月", "2020年3月", False), ("≥2020年3月", "2020年4月", True)],
)
def test_date_target_not_earlier_than(target: str, actual: str, met: bool) -> None:
    assert parse_value(target, year=2020).op is Op.GE  # type: ignore[union-attr]
    assert done(target, actual, year=2020).met is met


def test_qualitative_target_has_no_rate() -> None:
    got = done("健全", "健全")
    assert parse_value("健全").kind is ValueKind.QUALITATIVE  # type: ignore[union-attr]
    assert (got.percent, got.met) == (None, None)
    assert got.why == "定性指标或单位不同，不计算完成率"


def test_different_units_have_no_rate() -> None:
    got = done("10家", "10件")
    assert (got.percent, got.met, got.why) == (None, None, "定性指标或单位不同，不计算完成率")
    assert done("95%", "95件").percent is None
    assert done("10万元", "10件").percent is None


@pytest.mark.parametrize("target", ["0件", "≥0件", "≥0元"])
def test_zero_target_has_no_rate_and_does_not_divide(target: str) -> None:
    got = done(target, "5" + target.lstrip("≥0"))
    assert got.percent is None
    assert got.why == "目标值为 0，不计算完成率"
    assert got.met is True  # 5 ≥ 0 can still be told


@pytest.mark.parametrize("blank", [None, "", "—", "/"])
def test_blank_target_or_actual(blank: str | None) -> None:
    assert done(blank, "5件") == Completion(None, None, "未填目标值")
    assert done("5件", blank) == Completion(None, None, "未填实际完成值")
    assert done(blank, blank) == Completion(None, None, "未填目标值")


# --- ranges --------------------------------------------------------------------------------


def test_range_target_is_parsed() -> None:
    target = parse_value("90%-100%")
    assert target is not None
    assert (target.op, target.value, target.upper, target.unit) == (Op.RANGE, D(90), D(100), "%")


@pytest.mark.parametrize(
    ("actual", "met"),
    [("90%", True), ("95%", True), ("100%", True), ("89.9%", False), ("101%", False)],
)
def test_range_target_met_inside_only(actual: str, met: bool) -> None:
    got = done("90%-100%", actual)
    assert got.met is met
    a = D(actual.rstrip("%"))
    assert got.percent is not None and close(got.percent, Fraction(a) * 100 / 90)  # rate against the lower bound


def test_range_with_one_unit() -> None:
    assert done("90-100%", "95%").met is True
    assert done("3～5家", "6家").met is False
    assert done("3～5家", "4家").percent is not None and done("3～5家", "4家").met is True


# --- percent ------------------------------------------------------------------------------


def test_percent_function() -> None:
    assert percent(D(5), D(0)) is None
    assert percent(D(0), D(5)) == 0
    assert percent(D("364.00"), D("879.12")) is not None
    assert round_half_up(percent(D("364.00"), D("879.12")) or D(0), 2) == D("41.41")
    assert close(percent(D(1), D(3)), Fraction(100, 3))
    assert RATES["completion"].formula == "实际完成值 / 目标值 × 100%"


@given(t=st.integers(min_value=1, max_value=10**12), a=st.integers(min_value=1, max_value=10**12))
@example(t=3, a=1)
@example(t=7, a=7)
@example(t=10**12, a=1)
def test_completion_is_exact_for_counts(t: int, a: int) -> None:
    got = done(f"≥{t}件", f"{a}件")
    with localcontext() as ctx:
        ctx.prec = 40
        expected = D(a) * 100 / D(t)
    assert got.percent == expected
    assert close(got.percent, exact(a, t))
    if (a * 100) % t == 0:
        assert got.percent == (a * 100) // t
    assert got.met is (a >= t)
    assert got.why == ""


@pytest.mark.parametrize(
    ("target", "actual", "met"),
    [
        ("2020年3月-2020年6月", "2020年1月", False),
        ("2020年3月-2020年6月", "2020年4月", True),
        ("2020年3月-2020年6月", "2020年7月", False),
        ("2020年12月底前", "2020年度", True),
        ("2020年6月底前", "2020年度", False),
    ],
)
def test_date_ranges_and_periods(target: str, actual: str, met: bool) -> None:
    assert done(target, actual, year=2020).met is met


# --- each rate's numerator and denominator, written once -------------------------------------


@pytest.mark.parametrize(
    ("code", "formula", "columns"),
    [
        ("execution_rate", "执行数 / 全年预算数 × 100%", ("executed", "budget")),
        ("execution_rate_received", "执行数 / 到位数 × 100%", ("executed", "received")),
        ("execution_rate_initial", "执行数 / 年初预算数 × 100%", ("executed", "budget_initial")),
        ("arrival_rate", "实际到位资金 / 计划投入资金（预算数） × 100%", ("received", "budget")),
        ("half_plan_rate", "半年计划执行数 / 全年预算数 × 100%", ("half_plan", "budget")),
        ("adjustment_rate", "（全年预算数 − 年初预算数） / 年初预算数 × 100%", ("budget", "budget_initial")),
        ("cost_variance", "（预算数 − 执行数） / 预算数 × 100%", ("budget", "executed")),
    ],
)
def test_a_funds_rate_names_its_formula_and_the_columns_it_reads(
    code: str, formula: str, columns: tuple[str, ...]
) -> None:
    rate = RATES[code]
    assert rate.formula == formula and rate.ratio + " × 100%" == formula
    assert rate.funds is not None and rate.funds.columns == columns


@pytest.mark.parametrize(
    ("code", "values", "expected"),
    [
        ("execution_rate", {"executed": "190", "budget": "200"}, "95"),
        ("adjustment_rate", {"budget": "100", "budget_initial": "80"}, "25"),  # (100 − 80) / 80
        ("cost_variance", {"budget": "100", "executed": "103"}, "-3"),  # (100 − 103) / 100
        ("execution_rate", {"executed": None, "budget": "200"}, None),  # a blank operand
        ("adjustment_rate", {"budget": "100", "budget_initial": "0"}, None),  # denominator 0: not applicable
    ],
)
def test_a_funds_rate_is_computed_from_its_columns(
    code: str, values: dict[str, str | None], expected: str | None
) -> None:
    terms = RATES[code].funds
    assert terms is not None
    got = terms.rate({c: None if v is None else D(v) for c, v in values.items()})
    assert got == (None if expected is None else D(expected))


def test_the_other_bases_of_a_printed_execution_rate_are_named_from_their_rates() -> None:
    assert [RATES[c].basis_label for c in RATES["execution_rate"].others] == ["按到位数计算（执行数 / 到位数）"]
    assert [RATES[c].basis_label for c in RATES["execution_rate_received"].others] == [
        "按预算数计算（执行数 / 全年预算数）"
    ]
    assert all(RATES[c].basis for r in RATES.values() for c in r.others)
