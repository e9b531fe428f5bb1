"""The words of the data format: document kinds and their default schemes, the ``section`` words and
``measure`` codes of reported figures, and the closed lists a column may hold (read by :mod:`perfnb.format.schema`)."""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "DEFAULT_SCHEMES",
    "DOC_KINDS",
    "MEASURES",
    "SECTION_WORDS",
    "DocKind",
    "ExpenseType",
    "FundSource",
    "Horizon",
    "Measure",
    "ProjectKind",
    "Side",
]

#: Document kinds and their Chinese names.
DOC_KINDS: Final[dict[str, str]] = {
    "target_table": "绩效目标表（部门整体或项目）",
    "department_target_application": "部门整体预算绩效目标申报表",
    "project_self_evaluation": "项目支出绩效自评表",
    "department_self_evaluation": "部门整体支出绩效自评表",
    "special_fund_report": "专项资金绩效自评报告",
}

#: The shipped scheme a new or imported department of each kind is scored under (its own may replace it).
DEFAULT_SCHEMES: Final[dict[str, str]] = {
    "target_table": "targets-only",
    "department_target_application": "targets-only",
    "project_self_evaluation": "mof-2020-project",
    "department_self_evaluation": "mof-2020-department",
    "special_fund_report": "targets-only",
}

#: The ``section`` values of reported_figures.csv the engine gives a meaning to (data/raw/README.md lists them;
#: spaces and a trailing 指标 do not count): the execution row's 分值 / 得分, the whole table's 分值 (the
#: scheme's total), all the indicators' 分值. Any other section names a category (产出/数量).
SECTION_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "execution": ("预算执行", "预算执行率", "预算执行情况", "资金执行", "资金执行情况"),
    "total": ("总分", "合计", "总计"),
    "indicators": ("绩效指标", "年度绩效目标", "绩效目标", "指标"),
}

#: What a reported figure measures (the engine recomputes each by its code).
MEASURES: Final[dict[str, str]] = {
    "execution_rate": "预算执行率（执行数/预算数，或/到位数）",
    "arrival_rate": "资金到位率（到位数/预算数）",
    "adjustment_rate": "预算调整率",
    "cost_variance": "成本变动率（（预算−实际）/预算）",
    "balance": "结余金额（预算−执行）",
    "amount": "其他金额（由表内数字算得的合计或差额）",
    "count": "数量合计（如单位数、件数的合计）",
    "share": "占比或权重（如子项目预算占总预算的比例）",
    "weight": "分值（某一部分或某一项的满分，如 决策 15 分）",
    "score": "某一部分或某一项的得分",
    "weighted_score": "按权重折算后的得分",
    "total_score": "总分（综合得分）",
    "grade": "评价等级（优、良、中、差）",
    "statistic": "文中其他统计数（无原始数据，通常无法复算）",
}

DocKind = Literal[
    "target_table", "department_target_application", "project_self_evaluation", "department_self_evaluation",
    "special_fund_report",
]  # fmt: skip
Side = Literal["来源", "支出"]
FundSource = Literal["财政拨款", "上年结转", "其他资金"]
ExpenseType = Literal["基本支出", "项目支出"]
ProjectKind = Literal["项目", "子项目", "重点任务"]
Horizon = Literal["年度", "中长期", "实施期"]
Measure = Literal[
    "execution_rate", "arrival_rate", "adjustment_rate", "cost_variance", "balance", "amount",
    "count", "share", "weight", "score", "weighted_score", "total_score", "grade", "statistic",
]  # fmt: skip
