"""The rate formulas, each written down once: label, numerator and denominator (their text and their funds
columns), direction.

Every rate is a percentage of two sums (× 100 %); a zero denominator makes the rate "not
applicable" (``None``), never 0 % or 100 % (domain-rules §1.2, §2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Final

from perfnb.format.targets import Op, ParsedValue, comparable, date_met, in_target_unit

__all__ = ["RATES", "Completion", "OnFunds", "Rate", "completion", "percent"]


@dataclass(frozen=True)
class OnFunds:
    """Where a rate's operands are in one funds row (columns of ``funds.csv``): ``numerator`` (less ``minus``,
    when given) over ``denominator``."""

    numerator: str
    denominator: str
    minus: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns read, each once, in the order they are shown as inputs."""
        return tuple(dict.fromkeys(c for c in (self.numerator, self.minus, self.denominator) if c))

    def rate(self, values: Mapping[str, Decimal | None]) -> Decimal | None:
        """The rate (percent) from the row's ``values`` by column; None when one is missing or the denominator is 0."""
        if any(values[c] is None for c in self.columns):
            return None
        numerator, denominator = values[self.numerator], values[self.denominator]
        assert numerator is not None and denominator is not None
        if self.minus is not None:
            numerator -= values[self.minus] or Decimal(0)
        return percent(numerator, denominator)


@dataclass(frozen=True)
class Rate:
    """A rate: Chinese label, numerator and denominator as shown to auditors, which direction is better, and
    where it comes from; ``funds`` says how it is recomputed from a funds row, ``basis`` how it is named when a
    printed rate of another kind turns out to use it, ``others`` the rates a printed one may have used instead."""

    label: str
    numerator: str
    denominator: str
    better: str  # "higher" or "lower"
    source: str
    funds: OnFunds | None = None
    basis: str = ""
    others: tuple[str, ...] = ()

    @property
    def ratio(self) -> str:
        """The quotient in Chinese, e.g. ``执行数 / 全年预算数`` (a difference in brackets)."""
        numerator = f"（{self.numerator}）" if " − " in self.numerator else self.numerator
        return f"{numerator} / {self.denominator}"

    @property
    def formula(self) -> str:
        """The formula in Chinese, e.g. ``执行数 / 全年预算数 × 100%``."""
        return f"{self.ratio} × 100%"

    @property
    def basis_label(self) -> str:
        """How a printed rate computed this way is described, e.g. ``按到位数计算（执行数 / 到位数）``."""
        return f"{self.basis}（{self.ratio}）"


#: Every rate perfnb recomputes, by code (domain-rules §1–§3; "assumed" where the reference says so).
RATES: Final[dict[str, Rate]] = {
    "execution_rate": Rate(
        "预算执行率", "执行数", "全年预算数", "higher", "财预〔2020〕10号 自评表",
        funds=OnFunds("executed", "budget"), basis="按预算数计算", others=("execution_rate_received",),
    ),
    "execution_rate_received": Rate(
        "预算执行率（按到位数）", "执行数", "到位数", "higher", "文件自述口径",
        funds=OnFunds("executed", "received"), basis="按到位数计算", others=("execution_rate",),
    ),
    "execution_rate_initial": Rate(
        "预算执行率（按年初预算数）", "执行数", "年初预算数", "higher", "表中只有年初预算数",
        funds=OnFunds("executed", "budget_initial"),
    ),
    "half_execution_rate": Rate("半年预算执行率", "半年执行数", "全年预算数", "higher", "实践"),
    "half_plan_rate": Rate(
        "半年计划执行进度", "半年计划执行数", "全年预算数", "higher", "实践",
        funds=OnFunds("half_plan", "budget"),
    ),
    "arrival_rate": Rate(
        "资金到位率", "实际到位资金", "计划投入资金（预算数）", "higher", "财预〔2013〕53号 附件1",
        funds=OnFunds("received", "budget"),
    ),
    "adjustment_rate": Rate(
        "预算调整率", "全年预算数 − 年初预算数", "年初预算数", "lower", "assumed",
        funds=OnFunds("budget", "budget_initial", minus="budget_initial"),
    ),
    "balance_rate": Rate("结转结余率", "结转结余总额", "支出预算数", "lower", "assumed"),
    "payment_conformity": Rate("支付进度符合率", "实际支付进度", "既定支付进度", "higher", "assumed"),
    "public_expense_control": Rate("公用经费控制率", "实际公用经费", "预算公用经费", "lower", "assumed"),
    "sangong_change": Rate("“三公”经费变动率", "本年 − 上年", "上年", "lower", "实践"),
    "procurement_execution": Rate("政府采购执行率", "实际采购金额", "采购预算", "higher", "assumed"),
    "staff_control": Rate("在职人员控制率", "在职人员数", "编制数", "lower", "实践"),
    "key_expense_share": Rate("重点支出安排率", "重点项目支出", "项目总支出", "higher", "实践"),
    "cost_variance": Rate(
        "成本变动率", "预算数 − 执行数", "预算数", "lower", "文件自述口径",
        funds=OnFunds("budget", "budget", minus="executed"),
    ),
    "budget_share": Rate("预算占比", "子项目预算数", "总预算数", "higher", "文件自述口径"),
    "completion": Rate("指标完成率", "实际完成值", "目标值", "higher", "实践"),
}  # fmt: skip


def percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator / denominator × 100``, exact to 40 significant digits; ``None`` when the denominator is 0."""
    if denominator == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, 40)  # the engine runs at higher precision
        return numerator * 100 / denominator


@dataclass(frozen=True)
class Completion:
    """An indicator's completion: ``percent`` (实际 / 目标 × 100, or None with ``why``) and
    whether the target was ``met`` (None when that cannot be told)."""

    percent: Decimal | None
    met: bool | None
    why: str = ""


def completion(target: ParsedValue | None, actual: ParsedValue | None) -> Completion:
    """指标完成率 (RATES["completion"]) and whether the stated target was met."""
    if target is None or actual is None:
        return Completion(None, None, "未填目标值" if target is None else "未填实际完成值")
    met = date_met(target, actual)
    if met is not None:
        return Completion(None, met, "时间指标：按期限判断")
    a, t = comparable(target, actual)
    read = in_target_unit(target, actual, None) if a is None else None  # ≥500家 → 536: read as 536家
    if read is not None:
        a, t = comparable(target, read)
    if a is None or t is None:
        return Completion(None, None, "定性指标或单位不同，不计算完成率")
    return Completion(percent(a, t), _met(target, a, t), "" if t else "目标值为 0，不计算完成率")


def _met(target: ParsedValue, a: Decimal, t: Decimal) -> bool | None:
    op = target.op or Op.GE
    if op is Op.EQ and target.op_implicit:
        op = Op.GE
    if op is Op.RANGE:
        return None if target.upper is None else t <= a <= target.upper
    return {Op.GE: a >= t, Op.GT: a > t, Op.EQ: a == t, Op.LE: a <= t, Op.LT: a < t}[op]
