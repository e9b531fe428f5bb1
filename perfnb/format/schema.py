"""The department data format, as pydantic models: one header and five tables.

These models are the single definition of the format: the loader validates with them,
``perfnb new`` scaffolds from them and ``data/raw/README.md`` is generated from them
(``python -m perfnb.format.schemadoc``). Each table row is a model whose fields are the CSV columns,
in order; ``title`` is the Chinese label and ``description`` the Chinese guidance. The cell validators and
column types are in :mod:`perfnb.format.columns`, the kinds, measures and closed lists in :mod:`perfnb.format.kinds`.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from perfnb.base.numbers import parse_decimal
from perfnb.format.columns import (
    DEPT_ID_PATTERN,
    IdList,
    Money,
    OptDate,
    OptExpenseType,
    OptFundSource,
    OptMoneyUnit,
    OptProjectKind,
    OptRowId,
    OptText,
    ReqDocKind,
    ReqHorizon,
    ReqMeasure,
    ReqMoneyUnit,
    ReqSide,
    RowId,
    Text,
    _signed_number,
    col,
)
from perfnb.format.kinds import DOC_KINDS
from perfnb.format.problems import ProblemCode

__all__ = [
    "LATER_COLUMNS",
    "TABLES",
    "DepartmentHeader",
    "FundLine",
    "Indicator",
    "NarrativeTarget",
    "Project",
    "ReportedFigure",
    "Row",
    "TableSpec",
]


class Row(BaseModel):
    """Base of every table row: frozen, values already cleaned and typed."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @classmethod
    def title_of(cls, column: str) -> str:
        """A column's Chinese name, as declared by :func:`~perfnb.format.columns.col` (one place for each label)."""
        return str(cls.model_fields[column].title)


# --- the header -----------------------------------------------------------------------


class SourceDocument(Row):
    """Where the figures were transcribed from."""

    file: Text = col("文件名", "来源文件名，如 000_e4483fc5cd9904f5.txt 或 原始 PDF 名")
    title: Text = col("标题", "文件标题，照原文")
    section: OptText = col("页码或章节", "取数所在页码或章节", default=None)


class Reconstruction(Row):
    """A figure the transcriber had to reconstruct from a garbled source, and why."""

    where: Text = col("位置", "数据表及编号，如 funds.csv f-x5 line")
    printed: Text = col("原文", "原文（OCR）中看到的样子")
    entered: Text = col("录入", "录入的值")
    evidence: Text = col("依据", "文件自身可以交叉核对的依据（合计、半年与全年、其他段落）")


class DepartmentHeader(Row):
    """``department.yaml``: who, when, which document, which unit and scheme."""

    schema_version: Literal[1] = col("格式版本", "目前为 1", default=1)
    id: Text = col("部门编号", "与文件夹同名：小写字母、数字和 -")
    name: Text = col("名称", "部门或单位名称（中文）")
    region: Text = col("地区", "如 江苏省南通市")
    fiscal_year: int = col("年度", "预算年度", ge=1990, le=2100)
    kind: ReqDocKind = col("文件类型", " / ".join(DOC_KINDS))
    money_unit: ReqMoneyUnit = col("金额单位", "文件的金额单位：元、万元 或 亿元")
    scheme: Text = col("评分方案", "评分方案名称，如 targets-only、mof-2020-project")
    source: SourceDocument = col("来源文件", "file、title、section")
    long_term_goal: OptText = col("中长期目标", "照原文", default=None)
    annual_goal: OptText = col("年度目标", "照原文（部门整体）", default=None)
    notes: OptText = col("录入说明", "录入时的说明：单位、OCR 问题、取舍", default=None)
    reconstructions: tuple[Reconstruction, ...] = col("重建记录", "每一处根据文件自身核对重建的数字", default=())

    @property
    def report_title(self) -> str:
        """The audit report's title: a target table's targets are reviewed, a self-evaluation's scores too."""
        what = "预算绩效目标" if self.kind in ("target_table", "department_target_application") else "预算绩效自评"
        return f"{self.name} · {self.fiscal_year} 年度{what}复核报告"

    @field_validator("id")
    @classmethod
    def _dept_id(cls, value: str) -> str:
        if not DEPT_ID_PATTERN.fullmatch(value):
            raise PydanticCustomError(
                ProblemCode.DEPT_ID.value, "部门编号只能用小写英文字母、数字和 -，以字母或数字开头，最长 64 个字符"
            )
        return value

    @field_validator("scheme")
    @classmethod
    def _scheme_name(cls, value: str) -> str:
        if not DEPT_ID_PATTERN.fullmatch(value):
            raise PydanticCustomError(ProblemCode.SCHEME_NAME.value, "评分方案名称只能用小写英文字母、数字和 -")
        return value


# --- the tables -----------------------------------------------------------------------

_REF = "在来源文件中的位置（页码、表名、段落），便于回查"
_UNIT = "金额单位：元、万元 或 亿元；留空表示与 department.yaml 的 money_unit 相同"


class FundLine(Row):
    """``funds.csv``: one row per line of a funds table (收入来源 or 支出), as printed.

    A total printed in a funds table is a row too: its parts name it in ``parent``. Parts with
    the same ``parent`` and the same ``group`` must add up to it (one decomposition per group).
    """

    id: RowId = col("编号", "本表内唯一，如 f-total")
    project_id: OptRowId = col("项目编号", "所属项目（projects.csv 的 id）；部门整体留空", default=None)
    side: ReqSide = col("收支", "来源（资金来源、预算总额）或 支出（支出用途、明细）")
    group: OptText = col("分组", "原表的栏目或小标题，如 部门预算支出、收入来源、按预算级次划分", default=None)
    line: Text = col("行名称", "原表的行名称，照原文，如 本年财政拨款、基本支出、物业管理费")
    source: OptFundSource = col("资金来源类别", "财政拨款、上年结转 或 其他资金；非来源行留空", default=None)
    expense_type: OptExpenseType = col("支出类别", "基本支出 或 项目支出；不适用留空", default=None)
    parent: OptRowId = col("上级行", "本行是哪一行的组成部分（本表 id）", default=None)
    budget_initial: Money = col("年初预算数", "年初预算数", default=None)
    budget: Money = col("全年预算数", "全年预算数（调整后），或文件只列一个预算数时的预算数", default=None)
    half_plan: Money = col("半年计划数", "半年计划执行数", default=None)
    half_executed: Money = col("半年执行数", "半年实际执行数", default=None)
    received: Money = col("到位数", "实际到位资金", default=None)
    executed: Money = col("执行数", "全年执行数、实际支出数", default=None)
    quantity: Money = col("数量", "明细表中与金额并列的数量（如 单位数量）", default=None)
    quantity_unit: OptText = col("数量单位", "如 家、件", default=None)
    quantity_2: Money = col("数量二", "第二个数量列（如 奖励数量）", default=None)
    quantity_2_unit: OptText = col("数量二单位", "如 件", default=None)
    unit: OptMoneyUnit = col("金额单位", _UNIT, default=None)
    ref: OptText = col("出处", _REF, default=None)
    note: OptText = col("备注", "录入说明", default=None)


class Project(Row):
    """``projects.csv``: projects, sub-projects or key tasks of the document."""

    id: RowId = col("编号", "本表内唯一，如 p1")
    name: Text = col("名称", "项目名称，照原文")
    kind: OptProjectKind = col("类别", "项目、子项目 或 重点任务", default=None)
    unit_name: OptText = col("实施单位", "实施单位或主管部门，照原文", default=None)
    unit_code: OptText = col("单位编码", "如 610101", default=None)
    budget: Money = col(
        "预算", "资金表之外单独列出的项目预算（如 拟投入的资金）；已在 funds.csv 的不要重复", default=None
    )
    unit: OptMoneyUnit = col("金额单位", _UNIT, default=None)
    start_date: OptDate = col("开始日期", "YYYY-MM-DD", default=None)
    end_date: OptDate = col("结束日期", "YYYY-MM-DD", default=None)
    period: OptText = col("实施期限", "照原文", default=None)
    content: OptText = col("主要内容", "主要实施内容或资金用途，照原文", default=None)
    goal: OptText = col("绩效目标", "年度目标、绩效目标或期望达到的目标，照原文", default=None)
    ref: OptText = col("出处", _REF, default=None)
    note: OptText = col("备注", "录入说明", default=None)


class Indicator(Row):
    """``indicators.csv``: one row per 三级指标, values exactly as written."""

    id: RowId = col("编号", "本表内唯一，如 i1")
    project_id: OptRowId = col("项目编号", "所属项目；部门整体指标留空", default=None)
    level1: Text = col("一级指标", "如 产出指标、效益指标、满意度指标、决策、过程")
    level2: OptText = col("二级指标", "如 数量指标、质量指标", default=None)
    level3: OptText = col("三级指标", "指标名称；原表该类别为空时留空（并且不填指标值）", default=None)
    description: OptText = col("指标描述", "绩效指标描述或计算公式，照原文", default=None)
    task: OptText = col("重点工作", "对应的重点工作，照原文", default=None)
    funds_ids: IdList = col("对应资金行", "对应的 funds.csv 行编号，多个用 ; 分隔", default=())
    target_period: OptText = col("实施周期指标值", "照原文", default=None)
    target_half: OptText = col("半年指标值", "照原文，如 ≥1500件", default=None)
    target: OptText = col("年度指标值", "全年（年度）指标值，照原文，如 ≥95%、2025年12月底前、健全", default=None)
    actual: OptText = col("实际完成值", "照原文", default=None)
    weight: Money = col("分值", "该指标的分值（权重）", default=None)
    score: Money = col("得分", "文件报告的得分，照原文的小数位", default=None)
    coefficient: OptText = col("得分系数", "表中印的得分系数（重庆表：得分 = 分值 × 系数），照原文，如 100%",
                               default=None)  # fmt: skip
    deviation: OptText = col("偏差原因", "偏差原因分析及改进措施，照原文", default=None)
    ref: OptText = col("出处", _REF, default=None)
    note: OptText = col("备注", "录入说明", default=None)


class NarrativeTarget(Row):
    """``narrative_targets.csv``: quantities stated in goal text, linked to an indicator."""

    id: RowId = col("编号", "本表内唯一，如 n1")
    project_id: OptRowId = col("项目编号", "所属项目；部门整体留空", default=None)
    horizon: ReqHorizon = col("期限", "年度、中长期 或 实施期")
    text: Text = col("原文", "包含该数量的句子或分句，照原文")
    quantity: Text = col("数量表述", "句中的数量表述，照原文，如 不少于2500件、1-2份")
    indicator_id: OptRowId = col("对应指标", "对应的 indicators.csv 编号；没有对应指标留空", default=None)
    ref: OptText = col("出处", _REF, default=None)
    note: OptText = col("备注", "录入说明", default=None)


class ReportedFigure(Row):
    """``reported_figures.csv``: every rate, variance, score, total and grade the document prints.

    Scores of single indicators stay in ``indicators.csv`` (列 score) and totals inside funds
    tables stay in ``funds.csv``; everything else printed goes here, as printed.
    """

    id: RowId = col("编号", "本表内唯一，如 r1")
    project_id: OptRowId = col("项目编号", "所属项目或子项目；整体留空", default=None)
    indicator_ids: IdList = col("对应指标", "该数字所属的指标编号；小计填所含各项，多个用 ; 分隔", default=())
    measure: ReqMeasure = col(
        "类别", "execution_rate、arrival_rate、cost_variance、score、total_score、grade 等（见下表）"
    )
    section: OptText = col("评分部分", "得分所属部分，用 / 分级，如 产出/数量、决策、过程/资金管理", default=None)
    subject: Text = col("名称", "文件对该数字的称呼，照原文，如 预算执行率")
    value: Text = col("数值", "照原文的数字（保留原有小数位，不带 % 和单位），等级填 优、良、中、差")
    unit: OptText = col("单位", "如 %、分、万元、元；等级留空", default=None)
    formula: OptText = col("文中公式", "文件列出的计算式，照原文", default=None)
    ref: OptText = col("出处", _REF, default=None)
    note: OptText = col("备注", "录入说明", default=None)
    funds_id: OptRowId = col(
        "对应资金行",
        "该数字所属的资金行（funds.csv 的 id），如 基本支出 一行的执行率、分值和得分；可不填（本列可以没有）",
        default=None,
    )

    @field_validator("value")
    @classmethod
    def _value_matches_measure(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("measure") not in ("grade", None):
            _signed_number(value)
        return value

    @property
    def number(self) -> Decimal | None:
        """The printed number (None for a grade)."""
        return None if self.measure == "grade" else parse_decimal(self.value)


#: Columns added to a table after format version 1: a file written before them may leave them out.
LATER_COLUMNS: Final[dict[str, frozenset[str]]] = {
    "reported_figures": frozenset({"funds_id"}),
    "indicators": frozenset({"coefficient"}),
}


class TableSpec(BaseModel):
    """One table of the format: its name, file, Chinese title and row model."""

    model_config = ConfigDict(frozen=True)

    name: str
    title: str
    model: type[Row]

    @property
    def file(self) -> str:
        """The CSV file name (also the sheet name in ``department.xlsx``, without .csv)."""
        return f"{self.name}.csv"

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(self.model.model_fields)

    @property
    def required(self) -> tuple[str, ...]:
        """Columns that must be filled in every row."""
        return tuple(n for n, f in self.model.model_fields.items() if f.is_required())


#: The tables of a department, in the order they are read and documented.
TABLES: Final[tuple[TableSpec, ...]] = (
    TableSpec(name="projects", title="项目", model=Project),
    TableSpec(name="funds", title="资金", model=FundLine),
    TableSpec(name="indicators", title="绩效指标", model=Indicator),
    TableSpec(name="narrative_targets", title="目标文字中的数量", model=NarrativeTarget),
    TableSpec(name="reported_figures", title="文件报告的数字", model=ReportedFigure),
)
