"""Canonical content of the forms the ``perfnb import`` tests read.

One dataclass instance is the *truth* of one form: ``tests/forms/build.py`` prints it into .xlsx,
.docx and .pdf files in many layout variants, and the importer's tests assert that what comes
back equals these values.  Every value is a string exactly as printed on the form ("100.00",
"92.00%", "—", ""), so the comparison needs no number formatting.

- ``P1`` — the project of ``tests/fixtures/raw/synthetic-national-2024/`` figure for figure
  (project name, departments, funds, the ten indicators with their deviation texts, total 95.03,
  grade 优).  The template's funds row label is 其中：当年财政拨款; that department's funds.csv
  names the same row 本年财政拨款.
- ``P2`` — a second, smaller 2024 project with four indicators, its own consistent figures.
- ``T1`` — a 2025 项目支出绩效目标表 with six indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

SELF_EVALUATION_TITLE = "项目支出绩效自评表"
TARGET_TABLE_TITLE = "项目支出绩效目标表"


@dataclass(frozen=True)
class FundsRow:
    """One row of the 项目资金 block of a self-evaluation form.

    ``weight``/``rate``/``score`` are the 分值/执行率/得分 columns: filled on the 年度资金总额 row,
    "—" (分值, 得分) and "" (执行率) on the source rows below it, as in the national template.
    """

    label: str
    budget_initial: str  # 年初预算数
    budget: str  # 全年预算数
    executed: str  # 全年执行数
    weight: str = "—"  # 分值
    rate: str = ""  # 执行率
    score: str = "—"  # 得分


@dataclass(frozen=True)
class Indicator:
    """One row of the 绩效指标 block of a self-evaluation form."""

    level1: str  # 一级指标
    level2: str  # 二级指标
    level3: str  # 三级指标
    target: str  # 年度指标值
    actual: str  # 实际完成值
    weight: str  # 分值
    score: str  # 得分
    deviation: str = ""  # 偏差原因分析及改进措施


@dataclass(frozen=True)
class SelfEvaluation:
    """The content of one project's 项目支出绩效自评表."""

    year: int
    project_name: str
    sheet_name: str  # short name: the worksheet title in the xlsx builders (≤ 31 characters)
    department: str  # 主管部门
    unit: str  # 实施单位
    funds: tuple[FundsRow, ...]  # 年度资金总额 first, then 其中：当年财政拨款, 上年结转资金, 其他资金
    goal_expected: str  # 年度总体目标 / 预期目标
    goal_actual: str  # 年度总体目标 / 实际完成情况
    indicators: tuple[Indicator, ...]
    total_weight: str  # 总分 row, 分值 column
    total_score: str  # 总分 row, 得分 column
    grade: str  # 自评等级
    money_unit: str = "万元"
    title: str = SELF_EVALUATION_TITLE

    @property
    def total(self) -> FundsRow:
        """The 年度资金总额 row."""
        return self.funds[0]


@dataclass(frozen=True)
class TargetFundsRow:
    """One row of the 项目资金 block of a target table: a label and one amount."""

    label: str
    amount: str


@dataclass(frozen=True)
class TargetIndicator:
    """One row of the 绩效指标 block of a target table: no actual value, weight or score."""

    level1: str
    level2: str
    level3: str
    target: str  # 指标值


@dataclass(frozen=True)
class TargetTable:
    """The content of one project's 项目支出绩效目标表 (申报表)."""

    year: int
    project_name: str
    sheet_name: str
    department: str
    unit: str
    funds: tuple[TargetFundsRow, ...]  # 年度资金总额 first, then 其中：财政拨款, 其他资金
    goal: str  # 年度目标
    indicators: tuple[TargetIndicator, ...]
    amount_header: str = "年度金额"
    money_unit: str = "万元"
    title: str = TARGET_TABLE_TITLE


P1 = SelfEvaluation(
    year=2024,
    project_name="某市知识产权公共服务平台运行项目",
    sheet_name="知识产权公共服务平台",
    department="某市市场监督管理局（知识产权局）",
    unit="某市知识产权保护中心",
    funds=(
        FundsRow("年度资金总额", "100.00", "120.00", "110.40", weight="10", rate="92.00%", score="9.20"),
        FundsRow("其中：当年财政拨款", "80.00", "95.00", "88.40"),
        FundsRow("上年结转资金", "15.00", "15.00", "14.00"),
        FundsRow("其他资金", "5.00", "10.00", "8.00"),
    ),
    goal_expected=(
        "保障平台全年稳定运行，提供专利信息检索咨询服务不少于1500人次，全年举办知识产权业务培训12场，服务企业不少于300家。"
    ),
    goal_actual=(
        "平台全年稳定运行，系统正常运行率99.2%；提供专利信息检索咨询服务1620人次，举办知识产权业务培训10场，"
        "服务企业342家，服务企业满意度95.6%。"
    ),
    indicators=(
        Indicator("产出指标", "数量指标", "提供专利信息检索咨询服务", "≥1500人次", "1620人次", "10", "10"),
        Indicator(
            "产出指标",
            "数量指标",
            "举办知识产权业务培训",
            "≥12场",
            "10场",
            "10",
            "8.33",
            "受场地改造影响，第四季度原定的2场培训未能举办；改进措施：2025年提前排定培训计划并改为线上线下结合。",
        ),
        Indicator("产出指标", "质量指标", "平台系统正常运行率", "≥98%", "99.2%", "10", "10"),
        Indicator("产出指标", "质量指标", "知识产权服务管理制度", "健全", "达成年度指标", "5", "5"),
        Indicator("产出指标", "时效指标", "平台运维服务按期完成", "2024年12月31日前", "2024年12月20日", "5", "5"),
        Indicator("产出指标", "成本指标", "平台运维服务成本", "≤120万元", "110.40万元", "10", "10"),
        Indicator("效益指标", "社会效益指标", "服务企业数量", "≥300家", "342家", "10", "10"),
        Indicator("效益指标", "社会效益指标", "知识产权纠纷调解成功率", "≥85%", "87.5%", "10", "10"),
        Indicator(
            "效益指标",
            "可持续影响指标",
            "平台系统年度故障停机次数",
            "≤4次",
            "5次",
            "10",
            "7.50",
            "服务器硬件老化导致全年故障停机5次，超出目标1次；改进措施：2025年更换核心服务器并建立季度巡检制度。",
        ),
        Indicator("满意度指标", "服务对象满意度指标", "服务企业满意度", "≥90%", "95.6%", "10", "10"),
    ),
    total_weight="100",
    total_score="95.03",  # 9.20 + 85.83
    grade="优",
)

# Execution 36.60 / 40.00 = 91.50%, budget score min(10, 91.50% × 10) = 9.15;
# total 9.15 + 30 + 30 + 18.00 + 10 = 97.15.  Each amount column adds up (30.00 + 5.00 + 0.00 = 35.00 …).
P2 = SelfEvaluation(
    year=2024,
    project_name="某市专利导航服务项目",
    sheet_name="专利导航服务",
    department="某市市场监督管理局（知识产权局）",
    unit="某市知识产权信息服务中心",
    funds=(
        FundsRow("年度资金总额", "35.00", "40.00", "36.60", weight="10", rate="91.50%", score="9.15"),
        FundsRow("其中：当年财政拨款", "30.00", "30.00", "28.20"),
        FundsRow("上年结转资金", "5.00", "5.00", "4.80"),
        FundsRow("其他资金", "0.00", "5.00", "3.60"),
    ),
    goal_expected="围绕本市重点产业链完成专利导航分析报告不少于6份，服务重点产业链企业不少于50家。",
    goal_actual="完成专利导航分析报告6份并全部通过专家评审，服务重点产业链企业45家，服务企业满意度93.2%。",
    indicators=(
        Indicator("产出指标", "数量指标", "完成专利导航分析报告", "≥6份", "6份", "30", "30"),
        Indicator("产出指标", "质量指标", "报告通过专家评审比例", "100%", "100%", "30", "30"),
        Indicator(
            "效益指标",
            "社会效益指标",
            "服务重点产业链企业数量",
            "≥50家",
            "45家",
            "20",
            "18.00",
            "部分企业对接时间推迟至2025年；改进措施：建立企业需求清单，按季度跟踪对接进度。",
        ),
        Indicator("满意度指标", "服务对象满意度指标", "服务企业满意度", "≥90%", "93.2%", "10", "10"),
    ),
    total_weight="100",
    total_score="97.15",
    grade="优",
)

# 200.00 = 180.00 + 20.00.
T1 = TargetTable(
    year=2025,
    project_name="某市专利转化运用专项项目",
    sheet_name="专利转化运用专项",
    department="某市市场监督管理局（知识产权局）",
    unit="某市知识产权保护中心",
    funds=(
        TargetFundsRow("年度资金总额", "200.00"),
        TargetFundsRow("其中：财政拨款", "180.00"),
        TargetFundsRow("其他资金", "20.00"),
    ),
    goal="资助高价值专利培育和转化项目不少于20项，推动专利转化带动企业新增产值5000万元以上，资助企业满意度达到90%以上。",
    indicators=(
        TargetIndicator("产出指标", "数量指标", "资助高价值专利培育项目", "≥20项"),
        TargetIndicator("产出指标", "质量指标", "资助项目验收合格率", "≥95%"),
        TargetIndicator("产出指标", "时效指标", "资助资金拨付及时率", "100%"),
        TargetIndicator("产出指标", "成本指标", "单个项目平均资助金额", "≤10万元"),
        TargetIndicator("效益指标", "经济效益指标", "专利转化带动企业新增产值", "≥5000万元"),
        TargetIndicator("满意度指标", "服务对象满意度指标", "资助企业满意度", "≥90%"),
    ),
)

SELF_EVALUATIONS: tuple[SelfEvaluation, ...] = (P1, P2)
TARGET_TABLES: tuple[TargetTable, ...] = (T1,)
