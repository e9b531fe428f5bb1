"""Pure scoring of one indicator row under its scheme rule: how its target and actual value read, and the
score the rule gives (unrounded), with its formula and inputs, or why it gives none. Nothing is recorded here
(see :mod:`perfnb.engine.scorecard.rowcheck`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from perfnb.base.numbers import NumberFormatError, normalize_text, parse_decimal
from perfnb.engine.facts import Facts
from perfnb.engine.figures import Input, plain
from perfnb.engine.rates import RATES
from perfnb.engine.reconcile import rate_of
from perfnb.engine.scoring import (
    Tier,
    qualitative_tier,
    score_band,
    score_equal,
    score_higher,
    score_lower,
    score_proportional,
    tier_range,
)
from perfnb.format.schema import Indicator
from perfnb.format.schemes import Rule
from perfnb.format.targets import Op, ParsedValue, comparable, date_met, in_target_unit, parse_value

__all__ = ["Method", "Pair", "RowReading", "RowScore", "at_least", "coefficient_of", "read_row", "score_row"]

Pair = tuple[Decimal | None, Decimal | None]  # a row's actual and target as comparable numbers (targets.comparable)

#: How a row was scored: its scheme rule (coefficient, rate, bands), else its target's operator (higher, lower,
#: equal), a deadline, an actual that repeats its target (same), a qualitative tier, or not at all (none).
Method = Literal["coefficient", "rate", "bands", "higher", "lower", "equal", "deadline", "same", "tier", "none"]


class RowReading(NamedTuple):
    """A row's target and actual value as parsed, and as comparable numbers; ``note`` says what was assumed."""

    target: ParsedValue | None
    actual: ParsedValue | None
    pair: Pair
    note: str = ""


@dataclass(frozen=True)
class RowScore:
    """The score a row's rule gives: ``value`` unrounded, or None with ``why`` (and, for a qualitative row,
    the ``tier`` its actual value names, which bounds the printed score instead)."""

    rule: Rule
    method: Method
    weight: Decimal
    value: Decimal | None
    formula: str
    inputs: tuple[Input, ...]
    why: str = ""
    tier: Tier | None = None

    @property
    def tier_range(self) -> tuple[Decimal, Decimal] | None:
        """The score bounds ``(low, high)`` of the qualitative tier, when the row is left to one."""
        return None if self.tier is None else tier_range(self.weight, self.tier)


def read_row(ind: Indicator, year: int) -> RowReading:
    """Parse a row's target and actual; an actual without a unit is read in the target's (≥50个 → 50: 50个)."""
    target, actual = parse_value(ind.target, year=year), parse_value(ind.actual, year=year)
    note = ""
    read = in_target_unit(target, actual, year)
    if read is not None and comparable(target, read)[0] is not None:
        note = f"实际完成值“{ind.actual}”未写单位，按年度指标值的单位读作“{read.raw}”"
        actual = read
    return RowReading(target, actual, comparable(target, actual), note)


def score_row(facts: Facts, rule: Rule, ind: Indicator, w: Decimal, reading: RowReading) -> RowScore:
    """The score of a row of ``w`` points under ``rule`` (its coefficient, a rate, rate bands, or its operator)."""
    w_input = Input("分值", w, "分", facts.dept.cell("indicators", ind.id, "weight"))
    coefficient = coefficient_of(ind.coefficient) if rule.method == "coefficient" else None
    if coefficient is not None:  # 重庆: 指标得分 = 指标权重 × 得分系数 (a row without one: scored by operator)
        c_input = Input("得分系数", ind.coefficient or "", None, facts.dept.cell("indicators", ind.id, "coefficient"))
        return RowScore(rule, "coefficient", w, min(w, w * coefficient), "指标权重 × 得分系数", (w_input, c_input))
    if rule.method in ("rate", "bands"):
        return _rate_score(facts, rule, ind, w, w_input)
    return _operator_score(facts, rule, ind, w, w_input, reading)


def _rate_score(facts: Facts, rule: Rule, ind: Indicator, w: Decimal, w_input: Input) -> RowScore:
    """A row scored on a funds rate: proportionally (rate) or by the band the rate falls in (bands)."""
    row = facts.funds.get(ind.funds_ids[0]) if ind.funds_ids else facts.total_row(ind.project_id)
    code = rule.rate or "execution_rate"
    if row is None:
        why = "本项未关联资金行（funds_ids），也找不到项目的资金合计行，无法计算比率"
        return RowScore(rule, "none", w, None, "", (w_input,), why)
    rate, found = rate_of(facts, code, row)
    inputs = (w_input, *found)
    if rate is None:
        return RowScore(rule, "none", w, None, "", inputs, "资金行缺少计算比率所需的数")
    name = RATES[code].label
    if rule.method == "rate":
        return RowScore(rule, "rate", w, score_proportional(w, rate / 100), f"分值 × {name}（封顶）", inputs)
    bands = "；".join(
        f"≤{plain(b.limit)}% 得 {plain(b.fraction * 100)}%"
        if b.limit is not None
        else f"其余得 {plain(b.fraction * 100)}%"
        for b in rule.bands
    )
    return RowScore(rule, "bands", w, score_band(w, rate, rule.bands), f"分值 × 档次（|{name}| {bands}）", inputs)


def _operator_score(
    facts: Facts, rule: Rule, ind: Indicator, w: Decimal, w_input: Input, reading: RowReading
) -> RowScore:
    """A row scored by its target's operator, its deadline, its words or its qualitative tier."""
    target, actual, (a, t) = reading.target, reading.actual, reading.pair
    inputs: tuple[Input, ...] = (w_input,)
    if target is not None and actual is not None:
        inputs += (
            Input("年度指标值", target.raw, None, facts.dept.cell("indicators", ind.id, "target")),
            Input("实际完成值", actual.raw, None, facts.dept.cell("indicators", ind.id, "actual")),
        )
    if a is not None and t is not None and target is not None:
        if target.op in (Op.GE, Op.GT):
            formula = "正向指标：实际 ≥ 目标得满分，否则 分值 × 实际/目标"
            return RowScore(rule, "higher", w, score_higher(w, a, t), formula, inputs)
        if target.op in (Op.LE, Op.LT):
            formula = "反向指标：实际 ≤ 目标得满分，2 倍目标以上 0 分，其间线性"
            return RowScore(rule, "lower", w, score_lower(w, a, t), formula, inputs)
        if target.op is Op.EQ:
            return RowScore(rule, "equal", w, score_equal(w, a, t), "等于型指标：按比例记分", inputs)
    met = None if target is None or actual is None else date_met(target, actual)
    if met:
        return RowScore(rule, "deadline", w, w, "时效指标：在期限内完成得满分", inputs)
    if met is False:
        return RowScore(rule, "none", w, None, "", inputs, "时效指标逾期或未按要求完成，扣分由评价人判断")
    if target is not None and actual is not None and _same_words(target.raw, actual.raw):
        return RowScore(rule, "same", w, w, "实际完成值与年度指标值相同：达成，得满分", inputs)
    tier = None if actual is None else qualitative_tier(actual.raw)
    if tier is not None:
        return RowScore(rule, "tier", w, None, "", inputs, tier=tier)
    if target is None or actual is None:
        why = "原文未印年度指标值或实际完成值（只有得分），得分由评价人判断"
    else:
        why = "定性或无法比较的指标值（实际完成值未用三档表述），得分由评价人判断"
    return RowScore(rule, "none", w, None, "", inputs, why)


def at_least(target: ParsedValue | None, *, bare: bool) -> bool:
    """Whether a target asks for at least its number: ≥ or >, or (when ``bare``) a number with no operator."""
    if target is None:
        return False
    return target.op in (Op.GE, Op.GT) or (bare and target.op is Op.EQ and target.op_implicit)


def coefficient_of(text: str | None) -> Decimal | None:
    """A printed 得分系数 as a fraction: 100% or 100 → 1, 0.8 → 0.8; None when it is no number."""
    if not text:
        return None
    flat = normalize_text(text).strip().removesuffix("%").removesuffix("％").strip()
    try:
        number = parse_decimal(flat)
    except NumberFormatError:
        return None
    return number if number <= 1 and not text.strip().endswith(("%", "％")) else number / 100


def _same_words(target: str, actual: str) -> bool:
    """Whether an actual value repeats its target word for word (合格 → 合格, 市级保护单位 → 市级保护单位)."""
    flat = [re.sub(r"\s+", "", normalize_text(t)) for t in (target, actual)]
    return bool(flat[0]) and flat[0] == flat[1]
