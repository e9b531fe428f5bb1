# ruff: noqa: E501
"""R36 — 2022 安徽 池州市贵池区棠溪镇 委托业务项目: 项目支出绩效自评表（2022年度） (scored, inconsistent funds).

The national 10+90 self-evaluation template from a Word attachment (“附件:” above the title), with coded unit names
(“219-池州市贵池区棠溪镇人民政府”, “219001-…”), category weights in the 一级 labels (产出指标(50分), 效益指标(30分); the cut-off
满意度指标(10分) block is not rebuilt) and one big inconsistency: the 年度资金总额 row prints 0 | 0 | 0 | 10 | 0 | 0 (执行率 0, 得分 0)
while 其中:本年财政拨款 prints 90 | 89.974 | 89.974 and the goal texts speak of 90万元 / 89.97万元. Targets mix
“≥50个”, “≥100百分比”, “≤90万元” and narrative ones (“严格执行相关制度规定”, 实际 “达成预期指标”), 实际完成值
printed as bare numbers (50, 100, 90); an empty 经济效益指标 row placed after 可持续影响指标.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R36",
    source="http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2",
    title="项目支出绩效自评表(2022年度)",
    place="安徽省池州市贵池区棠溪镇",
    sector="乡镇基建管理（基建工程委托业务：预算编制、审计、设计）",
    sheets=(
        Sheet(
            "自评表",
            """
附件: | < | < | < | < | < | < | < | <
项目支出绩效自评表 | < | < | < | < | < | < | < | <
(2022年度) | < | < | < | < | < | < | < | <
项目名称 | 委托业务项目 | < | < | < | < | < | < | <
主管部门 | 219-池州市贵池区棠溪镇人民政府 | < | < | 实施单位 | 219001-池州市贵池区棠溪镇人民政府 | < | < | <
项目资金\\n(万元) |  | < | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
^ | 年度资金总额: | < | #0 | #0 | #0 | #10 | #0 | #0
^ | 其中:本年财政拨款 | < | #90 | #89.974 | #89.974 |  |  |
^ | 上年结转资金 | < |  |  |  |  |  |
^ | 其他资金 | < |  |  |  |  |  |
年度总体目标 | 预期目标 | < | < | < | 实际完成情况 | < | < | <
^ | 本项目共申请预算资金90万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;30万元用于基建工程项目设计、规划、测绘。 | < | < | < | 本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;29.99万元用于基建工程项目设计、规划、测绘。 | < | < | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
^ | 产出指标(50分) | 数量指标 | 基建工程委托业务项目数量 | ≥50个 | #50 | #8 | #8 |
^ | ^ | 质量指标 | 委托业务报告合格率 | ≥100百分比 | #100 | #8 | #8 |
^ | ^ | ^ | 经费支出合规性 | 严格执行相关制度规定 | 达成预期指标 | #8 | #8 |
^ | ^ | 时效指标 | 提交报告及时性 | 在项目计划完成时间内完成 | 达成预期指标 | #8 | #8 |
^ | ^ | 成本指标 | 项目总成本 | ≤90万元 | #90 | #8 | #8 |
^ | ^ | ^ | 单项业务成本 | 符合相关规定 | 达成预期指标 | #10 | #10 |
^ | 效益指标(30分) | 社会效益指标 | 对维护基建市场公平的影响程度 | 效果明显 | 达成预期指标 | #10 | #10 |
^ | ^ | 生态效益指标 | 对控制基建项目成本影响程度 | 效果明显 | 达成预期指标 | #10 | #10 |
^ | ^ | 可持续影响指标 | 对推动基建项目“四项制度”健全和落实的持续性影响 | 效果明显 | 达成预期指标 | #10 | #10 |
^ | ^ | 经济效益指标 |  |  |  |  |  |
""",
            widths=(12, 14, 12, 26, 16, 14, 8, 8, 14),
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2022,
        money_unit="万元",
        projects=1,
        indicators=9,
        figures={"execution_rate": "0"},
        funds=(
            ("年度资金总额", "budget", "0"),
            ("本年财政拨款", "budget_initial", "90"),
            ("本年财政拨款", "budget", "89.974"),
            ("本年财政拨款", "executed", "89.974"),
        ),
        targets=(
            ("委托业务报告合格率", "≥100百分比"),
            ("项目总成本", "≤90万元"),
            ("基建工程委托业务项目数量", "≥50个"),
        ),
    ),
    notes=(
        "Rebuilt from the stored text of a Word attachment (WPS metadata at its head, then the cell texts in one run) served "
        "from an /upload_cz/download address of a 池州 government site mirror. TRUNCATED in the 满意度 block (“满意度指标"
        "(10分) 满意度指标 公众满…”): that block, 总分 and the signature lines are left out, so no 总分 is printed here. "
        "Layout choices: the national 9-column template (left label column; 年初/全年/执行/分值/执行率/得分 as the funds "
        "header); nothing printed under 分值/执行率/得分 for the sub-rows; the three numbers of the 本年财政拨款 row read as "
        "年初 90 | 全年 89.974 | 执行 89.974 (they might instead be 全年 90 | 执行 89.974 | …; uncertain). The 年度资金总额 "
        "row 0/0/0 with 执行率 0 and 得分 0 is as printed and contradicts the 本年财政拨款 row and the goal texts — a careful "
        "check should report it rather than compute 执行率 from 0. Goal texts kept (short enough, and their amounts matter). "
        "Rebuilt as a workbook (the source is a WPS Word file): 附件: / title / year as the first rows; amounts, 实际完成值 "
        "numbers, 分值 and 得分 stored as Excel numbers, text targets as text."
    ),
)
