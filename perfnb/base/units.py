"""Units of money, percentages and counts, and exact money conversion."""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, Inexact, InvalidOperation
from typing import Final, Literal

__all__ = [
    "COUNT_UNITS",
    "MONEY_UNITS",
    "MoneyUnit",
    "convert_money",
    "normalize_unit",
    "to_yuan",
]

MoneyUnit = Literal["元", "万元", "亿元"]

#: Powers of ten from each money unit to 元 (conversion is exact: a shift of the exponent).
MONEY_UNITS: Final[dict[str, int]] = {"元": 0, "万元": 4, "亿元": 8}

_EXACT: Final = Context(prec=80, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact, InvalidOperation])

#: Units of counts and physical quantities seen in target tables.
COUNT_UNITS: Final[frozenset[str]] = frozenset(
    "件 个 次 家 人次 场 份 项 台 条 套 人 名 期 起 批 户 篇 本 册 部 处 所 座 家次 场次 个次 天 日 "
    "周 月 年 小时 分钟 工作日 个工作日 个月 季度 个季度 平方米 立方米 米 公里 千米 亩 公顷 吨 度 千瓦时 兆 "
    "M Mbps G GB TB 万人 万人次 万件 万次 亿 万 倍 分 元/人 个百分点 百分点 "
    "批次 件次 户次 台次 车次 人日 课时 学时 例 宗 株 棵 只 头 门 节 间 栋 张 辆 笔 床 床位 村 网点 "
    "艘 架 匹 尾 羽 吨公里 千克 公斤 斤 箱 袋 盏 块 根 组 支 所次 期次 班 班次 座次".split()
)  # fmt: skip

_UNIT_ALIASES: Final[dict[str, str]] = {
    "％": "%",
    "百分比": "%",
    "百分率": "%",
    "㎡": "平方米",
    "m2": "平方米",
    "m²": "平方米",
    "万圆": "万元",
    "圆": "元",
}


def normalize_unit(unit: str) -> str:
    """Map spelling variants to one form: ``％``/``百分比`` → ``%``, ``㎡`` → ``平方米``."""
    u = unit.strip()
    return _UNIT_ALIASES.get(u, u)


def to_yuan(amount: Decimal, unit: str) -> Decimal:
    """Convert ``amount`` in ``unit`` (元/万元/亿元) to 元, exactly."""
    return convert_money(amount, unit, "元")


def convert_money(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert between 元, 万元 and 亿元 exactly (a decimal shift, never a float).

    The result keeps the precision as written: ``25.66`` 万元 is ``2.566E+5`` 元 (exact to
    100 元); format it with ``format(x, "f")`` to show ``256600``.
    """
    try:
        shift = MONEY_UNITS[from_unit] - MONEY_UNITS[to_unit]
    except KeyError as exc:
        raise ValueError(f"未知货币单位“{exc.args[0]}”，应为 元、万元 或 亿元") from None
    return amount.scaleb(shift, _EXACT)
