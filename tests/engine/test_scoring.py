"""Tests for perfnb.engine.scoring: the row-scoring rules of domain-rules §1–§3 on exact decimals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, localcontext

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from perfnb.base.numbers import round_half_up
from perfnb.engine.scoring import (
    QUALITATIVE_TIERS,
    Tier,
    grade_of,
    over_achieved,
    qualitative_tier,
    score_band,
    score_equal,
    score_higher,
    score_lower,
    score_proportional,
    tier_contains,
    tier_range,
)
from perfnb.format.bands import Band, GradeBand
from perfnb.format.schemes import national_grades

D = Decimal
#: The national grade bands, as the national project scheme's file writes them (the only place they are written).
NATIONAL = national_grades()
TEN = D(10)
ACHIEVED, PARTIAL, FAILED = QUALITATIVE_TIERS
COST_BANDS = (Band(D(10), D(1)), Band(D(50), D("0.4")), Band(None, D(0)))


def same(got: Decimal, expected: str) -> None:
    """``got`` is a Decimal numerically equal to ``expected``."""
    assert isinstance(got, Decimal)
    assert got == D(expected), f"{got} != {expected}"


# --------------------------------------------------------------------------- score_higher (rule 5)


@pytest.mark.parametrize(
    ("w", "a", "t", "expected"),
    [
        ("10", "85", "100", "8.5"),
        ("10", "100", "100", "10"),  # a = t
        ("10", "99.99", "100", "9.999"),
        ("10", "120", "100", "10"),  # no credit above w
        ("10", "0", "100", "0"),
        ("10", "-5", "100", "0"),  # negative a counts as 0
        ("5", "1", "3", "1.6666666666666666666666666666666666666666666666667"),  # 50 digits, unrounded
        ("0", "50", "100", "0"),  # weight 0
        ("0", "150", "100", "0"),
        ("10", "0", "0", "10"),  # t = 0: a ≥ t → w
        ("10", "3", "0", "10"),
        ("10", "-0.01", "0", "0"),
        ("10", "-3", "-5", "10"),  # t < 0: a ≥ t → w, else 0
        ("10", "-6", "-5", "0"),
        ("2.5", "2400", "2500", "2.4"),
    ],
)
def test_score_higher(w: str, a: str, t: str, expected: str) -> None:
    same(score_higher(D(w), D(a), D(t)), expected)


def test_score_higher_is_unrounded_and_rounds_half_up_at_the_caller() -> None:
    got = score_higher(D(10), D("2.9175"), D(10))
    same(got, "2.9175")
    assert round_half_up(got, 2) == D("2.92")


def test_score_higher_ignores_the_callers_decimal_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        got = score_higher(D(5), D(1), D(3))
    assert got == D("1.6666666666666666666666666666666666666666666666667")


# --------------------------------------------------------------------------- score_lower (rule 6)


@pytest.mark.parametrize(
    ("w", "a", "t", "expected"),
    [
        ("10", "5", "10", "10"),
        ("10", "10", "10", "10"),  # a = t
        ("10", "12.5", "10", "7.5"),
        ("10", "15", "10", "5"),
        ("10", "19.99", "10", "0.01"),
        ("10", "20", "10", "0"),  # a = 2t
        ("10", "25", "10", "0"),
        ("10", "-3", "10", "10"),  # negative a is below target
        ("4", "25.66", "25.66", "4"),
        ("3", "1", "3", "3"),
        ("3", "4", "3", "2"),  # 3 × (1 − 1/3)
        ("10", "0", "0", "10"),  # t = 0: a ≤ 0 → w, else 0
        ("10", "-1", "0", "10"),
        ("10", "0.01", "0", "0"),
        ("10", "-5", "-5", "10"),  # t < 0: a ≤ t → w, else 0
        ("10", "-4", "-5", "0"),
        ("0", "15", "10", "0"),  # weight 0
    ],
)
def test_score_lower(w: str, a: str, t: str, expected: str) -> None:
    same(score_lower(D(w), D(a), D(t)), expected)


def test_score_lower_formula_matches_rule_text() -> None:
    w, a, t = D(6), D("13.7"), D(10)
    with localcontext() as ctx:
        ctx.prec = 50
        expected = w * (1 - (a - t) / t)
    assert score_lower(w, a, t) == expected == D("3.78")


# --------------------------------------------------------------------------- score_equal (rule 7)


@pytest.mark.parametrize(
    ("w", "a", "t", "expected"),
    [
        ("10", "0", "0", "10"),  # t = 0 as lower-is-better
        ("10", "-1", "0", "10"),
        ("10", "1", "0", "0"),
        ("10", "100", "100", "10"),  # t > 0 as higher-is-better
        ("10", "95", "100", "9.5"),
        ("10", "105", "100", "10"),
        ("10", "-5", "100", "0"),
        ("10", "-2", "-2", "10"),  # t < 0 (no rule): exact match only
        ("10", "-1", "-2", "0"),
        ("10", "-3", "-2", "0"),
    ],
)
def test_score_equal(w: str, a: str, t: str, expected: str) -> None:
    same(score_equal(D(w), D(a), D(t)), expected)


# --------------------------------------------------------------------------- score_proportional


@pytest.mark.parametrize(
    ("w", "ratio", "cap", "expected"),
    [
        ("10", "0.8582", True, "8.582"),  # execution rate 85.82 %
        ("10", "1", True, "10"),
        ("10", "1.2", True, "10"),  # capped at w (rule 2 default)
        ("10", "1.2", False, "12"),  # scheme without the cap
        ("10", "0", True, "0"),
        ("10", "-0.1", True, "0"),  # floored at 0
        ("10", "-0.1", False, "0"),
        ("0", "0.9", True, "0"),
        ("3", "0.9765", True, "2.9295"),
    ],
)
def test_score_proportional(w: str, ratio: str, cap: bool, expected: str) -> None:
    same(score_proportional(D(w), D(ratio), cap=cap), expected)


def test_execution_score_from_budget_and_execution() -> None:
    budget, execution = D("1715.27"), D("1471.9961")
    got = score_proportional(TEN, execution / budget)
    assert round_half_up(got, 2) == D("8.58")


# --------------------------------------------------------------------------- bands (cost variance)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "10"),
        ("9.99", "10"),
        ("10", "10"),  # limit inclusive
        ("-10", "10"),  # sign ignored
        ("10.01", "4"),
        ("50", "4"),
        ("-50", "4"),
        ("50.01", "0"),
        ("-50.01", "0"),
        ("1000", "0"),
    ],
)
def test_score_band_cost_variance(value: str, expected: str) -> None:
    same(score_band(TEN, D(value), COST_BANDS), expected)


def test_score_band_exclusive_limit() -> None:
    bands = (Band(D(10), D(1), inclusive=False), Band(D(50), D("0.4"), inclusive=False))
    same(score_band(TEN, D("9.99"), bands), "10")
    same(score_band(TEN, D(10), bands), "4")
    same(score_band(TEN, D("49.99"), bands), "4")
    same(score_band(TEN, D(50), bands), "0")  # no band holds → 0


def test_score_band_weight_zero_and_fraction() -> None:
    same(score_band(D(0), D(5), COST_BANDS), "0")
    same(score_band(D("2.5"), D(30), COST_BANDS), "1.0")


def test_band_accepts_int_limits_and_fractions() -> None:
    band = Band(10, 1)  # type: ignore[arg-type]
    assert band.limit == D(10) and isinstance(band.limit, Decimal)
    assert band.fraction == D(1) and isinstance(band.fraction, Decimal)
    same(score_band(TEN, D(10), [band]), "10")


@pytest.mark.parametrize(
    ("limit", "fraction"),
    [(D(-1), D(1)), (D(10), D("1.01")), (D(10), D("-0.1")), (D("NaN"), D(1)), (None, D("Infinity"))],
)
def test_band_rejects_impossible_values(limit: Decimal | None, fraction: Decimal) -> None:
    with pytest.raises(ValueError):
        Band(limit, fraction)


def test_band_rejects_floats() -> None:
    with pytest.raises(TypeError):
        Band(None, 0.4)  # type: ignore[arg-type]


def test_score_band_needs_bands() -> None:
    with pytest.raises(ValueError, match="at least one band"):
        score_band(TEN, D(5), [])


# --------------------------------------------------------------------------- qualitative (rule 8)


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("达成年度指标", "达成"),
        ("部分达成年度指标并具有一定效果", "部分达成"),
        ("未达成年度指标且效果较差", "未达成"),
        ("未达成年度指标", "未达成"),  # contains 达成年度指标: the negation wins
        ("部分达成年度指标", "部分达成"),  # contains 达成年度指标: 部分 wins
        ("部分达成", "部分达成"),
        ("未达成", "未达成"),
        ("尚未达成", "未达成"),
        ("未能达成预期", "未达成"),
        ("已达成", "达成"),
        ("达成", "达成"),
        ("  达成 年度指标\u3000", "达成"),  # spaces, ideographic space
    ],
)
def test_qualitative_tier(text: str, tier: str) -> None:
    found = qualitative_tier(text)
    assert found is not None
    assert found.name == tier


@pytest.mark.parametrize("text", ["效果明显", "", "健全", "良好", "完成"])
def test_qualitative_tier_free_wording_is_none(text: str) -> None:
    assert qualitative_tier(text) is None


def test_qualitative_tier_does_not_depend_on_tier_order() -> None:
    reordered = tuple(reversed(QUALITATIVE_TIERS))
    for text in ("达成年度指标", "未达成年度指标", "部分达成年度指标", "部分达成年度指标并具有一定效果"):
        assert qualitative_tier(text, reordered) == qualitative_tier(text)


def test_qualitative_tier_custom_tiers() -> None:
    good = Tier("好", ("好",), D("0.8"), D(1), True)
    not_good = Tier("不好", ("不好",), D(0), D("0.8"), False)
    assert qualitative_tier("效果不好", (good, not_good)) is not_good
    assert qualitative_tier("效果很好", (good, not_good)) is good


def test_qualitative_tier_needs_tiers() -> None:
    with pytest.raises(ValueError):
        qualitative_tier("达成", ())


def test_default_tiers_follow_rule_8() -> None:
    assert [t.name for t in QUALITATIVE_TIERS] == ["达成", "部分达成", "未达成"]
    assert (ACHIEVED.low, ACHIEVED.high, ACHIEVED.high_inclusive) == (D("0.8"), D(1), True)
    assert (PARTIAL.low, PARTIAL.high, PARTIAL.high_inclusive) == (D("0.6"), D("0.8"), False)
    assert (FAILED.low, FAILED.high, FAILED.high_inclusive) == (D(0), D("0.6"), False)


@pytest.mark.parametrize(
    ("tier", "low", "high"),
    [(ACHIEVED, "8", "10"), (PARTIAL, "6", "8"), (FAILED, "0", "6")],
)
def test_tier_range(tier: Tier, low: str, high: str) -> None:
    got_low, got_high = tier_range(TEN, tier)
    same(got_low, low)
    same(got_high, high)


def test_tier_range_fractional_weight() -> None:
    assert tier_range(D("2.5"), PARTIAL) == (D("1.5"), D("2.0"))


@pytest.mark.parametrize(
    ("score", "tier", "inside"),
    [
        ("10", ACHIEVED, True),  # high inclusive
        ("8", ACHIEVED, True),
        ("7.99", ACHIEVED, False),
        ("10.01", ACHIEVED, False),
        ("8", PARTIAL, False),  # high exclusive
        ("7.99", PARTIAL, True),
        ("6", PARTIAL, True),
        ("5.99", PARTIAL, False),
        ("6", FAILED, False),
        ("5.99", FAILED, True),
        ("0", FAILED, True),
        ("-0.01", FAILED, False),
    ],
)
def test_tier_contains(score: str, tier: Tier, inside: bool) -> None:
    assert tier_contains(TEN, D(score), tier) is inside


@pytest.mark.parametrize(
    ("words", "low", "high"),
    [((), D(0), D(1)), (("",), D(0), D(1)), (("x",), D("0.9"), D("0.8")), (("x",), D(0), D("1.1"))],
)
def test_tier_rejects_bad_definitions(words: tuple[str, ...], low: Decimal, high: Decimal) -> None:
    with pytest.raises(ValueError):
        Tier("x", words, low, high, True)


# --------------------------------------------------------------------------- grades (rule 11)


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", "优"),
        ("93.31", "优"),
        ("90", "优"),
        ("90.00", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ],
)
def test_grade_of_national_bands(score: str, grade: str) -> None:
    assert grade_of(D(score), NATIONAL) == grade


def test_grade_of_compares_only_the_caller_rounds() -> None:
    assert grade_of(round_half_up(Decimal("89.995"), 2), NATIONAL) == "优"
    assert grade_of(Decimal("89.995"), NATIONAL) == "良"


def test_grade_of_strict_profile() -> None:
    strict = (GradeBand("优", D(90), inclusive=False), *NATIONAL[1:])
    assert grade_of(D(90), strict) == "良"
    assert grade_of(D("90.01"), strict) == "优"


def test_grade_of_provincial_profile() -> None:
    profile = (GradeBand("优", D(80)), GradeBand("良", D(70)), GradeBand("中", D(60)), GradeBand("差", D(0)))
    assert grade_of(D("85"), profile) == "优"
    assert grade_of(D("79.99"), profile) == "良"
    assert grade_of(D("70"), profile) == "良"


def test_grade_of_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="at least one"):
        grade_of(D(90), [])
    with pytest.raises(ValueError, match="ordered from best"):
        grade_of(D(90), list(reversed(NATIONAL)))
    with pytest.raises(ValueError, match="below every grade band"):
        grade_of(D("-0.01"), NATIONAL)


# --------------------------------------------------------------------------- over-achievement (rule 9)


@pytest.mark.parametrize(
    ("a", "t", "expected"),
    [
        ("130", "100", True),
        ("129.99", "100", False),
        ("200", "100", True),
        ("100", "100", False),
        ("1.3", "1", True),
        ("5", "0", False),  # t ≤ 0: no ratio
        ("5", "-1", False),
    ],
)
def test_over_achieved(a: str, t: str, expected: bool) -> None:
    assert over_achieved(D(a), D(t)) is expected


def test_over_achieved_custom_ratio() -> None:
    assert over_achieved(D(120), D(100), ratio=D("1.2"))
    assert not over_achieved(D("119.99"), D(100), ratio=D("1.2"))


# --------------------------------------------------------------------------- input checks


@pytest.mark.parametrize(
    "call",
    [
        lambda: score_higher(D(-1), D(1), D(1)),
        lambda: score_lower(D("-0.01"), D(1), D(1)),
        lambda: score_equal(D(-1), D(1), D(1)),
        lambda: score_proportional(D(-1), D(1)),
        lambda: score_band(D(-1), D(1), COST_BANDS),
        lambda: tier_range(D(-1), ACHIEVED),
    ],
)
def test_negative_weight_is_rejected(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="weight must not be negative"):
        call()


@pytest.mark.parametrize("bad", [D("NaN"), D("Infinity"), D("-Infinity"), D("sNaN")])
def test_non_finite_numbers_are_rejected(bad: Decimal) -> None:
    with pytest.raises(ValueError, match="finite"):
        score_higher(TEN, bad, D(1))
    with pytest.raises(ValueError, match="finite"):
        score_lower(TEN, D(1), bad)


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        score_higher(TEN, 0.5, D(1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        score_proportional(10.0, D(1))  # type: ignore[arg-type]


def test_ints_are_accepted() -> None:
    same(score_higher(10, 85, 100), "8.5")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- properties

WEIGHTS = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
VALUES = st.decimals(min_value=-10_000, max_value=10_000, places=4, allow_nan=False, allow_infinity=False)
RATIOS = st.decimals(min_value=-5, max_value=5, places=6, allow_nan=False, allow_infinity=False)


@given(WEIGHTS, VALUES, VALUES)
def test_scores_stay_within_zero_and_weight(w: Decimal, a: Decimal, t: Decimal) -> None:
    for score in (score_higher, score_lower, score_equal):
        got = score(w, a, t)
        assert 0 <= got <= w, (score.__name__, w, a, t, got)


@given(WEIGHTS, RATIOS, st.booleans())
def test_proportional_stays_within_bounds(w: Decimal, ratio: Decimal, cap: bool) -> None:
    got = score_proportional(w, ratio, cap=cap)
    assert got >= 0
    if cap:
        assert got <= w


@given(WEIGHTS, VALUES)
def test_band_score_stays_within_bounds(w: Decimal, value: Decimal) -> None:
    assert 0 <= score_band(w, value, COST_BANDS) <= w


@given(WEIGHTS, VALUES, VALUES, VALUES)
def test_score_higher_monotone_in_actual(w: Decimal, a1: Decimal, a2: Decimal, t: Decimal) -> None:
    low, high = sorted((a1, a2))
    assert score_higher(w, low, t) <= score_higher(w, high, t)


@given(WEIGHTS, VALUES, VALUES, VALUES)
def test_score_lower_monotone_in_actual(w: Decimal, a1: Decimal, a2: Decimal, t: Decimal) -> None:
    low, high = sorted((a1, a2))
    assert score_lower(w, low, t) >= score_lower(w, high, t)


@given(WEIGHTS, VALUES, VALUES)
def test_full_marks_exactly_when_target_met(w: Decimal, a: Decimal, t: Decimal) -> None:
    assume(w > 0)
    assert (score_higher(w, a, t) == w) == (a >= t)
    assert (score_lower(w, a, t) == w) == (a <= t)


@given(WEIGHTS, VALUES, VALUES)
def test_score_equal_follows_higher_for_positive_targets(w: Decimal, a: Decimal, t: Decimal) -> None:
    assume(t > 0)
    assert score_equal(w, a, t) == score_higher(w, a, t)


@given(st.decimals(min_value=-10, max_value=200, places=3, allow_nan=False, allow_infinity=False))
def test_grade_is_the_first_band_met(score: Decimal) -> None:
    if score < 0:
        with pytest.raises(ValueError):
            grade_of(score, NATIONAL)
        return
    expected = "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"
    assert grade_of(score, NATIONAL) == expected
