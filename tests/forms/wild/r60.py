# ruff: noqa: E501
"""R60 — 2020 湖北 武汉市青山区教育局: 项目支出绩效目标表 (教育系统基础设施建设和设备购置), target table.

Long-term and annual indicators SIDE BY SIDE on one row: one shared 一级指标 column, then 二级指标(长期) |
三级指标(长期) | 指标值(长期) | 二级指标(年度) | 三级指标(年度) | 指标值(年度); the long-term side repeats only the
二级 name and leaves 三级/指标值 empty, the annual side is filled. 一级 repeated on every row (no merges), 成本指标
under 产出指标 (listed third, before 时效指标). Funds as two label–value halves: 资金总额 / 其中:财政拨款 / 其他资金 on
the left, 当年资金总额: / 其中:当年财政拨款 / 当年其他资金 on the right, amounts as text with the unit (“10000万元”).
总体目标 split 中期目标 | 年度目标; a section row “绩效项目指标表” above the indicator header; the year line prints
“2020年度)” (its opening bracket lost).
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R60",
    source="http://www.qingshan.gov.cn/qzfbm/zfgzbm/jyj/czxx/zjxx/202001/t20200120_1016313.shtml",
    title="项目支出绩效目标表(2020年度)",
    place="湖北省武汉市青山区",
    sector="教育（基础设施建设和设备购置）",
    sheets=(
        Sheet(
            "项目支出绩效目标表3",
            """
项目支出绩效目标表 | < | < | < | < | < | <
2020年度) | < | < | < | < | < | <
项目名称 | 教育系统基础设施建设和设备购置 | < | < | < | < | <
主管部门\\n及编码 | [015001]武汉市青山区教育局 | < | 实施单位 | < | 武汉市青山区教育局 | <
项目属性 | 基础建设、修缮类 | < | 项目起止时间 | < | 202001-202012 | <
项目资金 | 资金总额 | 10000万元 | 当年资金总额: | < | 10000万元 | <
^ | 其中:财政拨款 | 10000万元 | 其中:当年财政拨款 | < | 10000万元 | <
^ | 其他资金 |  | 当年其他资金 | < |  | <
总体目标 | 中期目标 | < | < | 年度目标 | < | <
^ | 优化教育布局,推进教育领域综合改革全面提升育人质量实现基础教育持续发展 | < | < | 按工作计划完成教育局重点项目建设经费预算安排 | < | <
绩效项目指标表 | < | < | < | < | < | <
一级指标 | 二级指标(长期) | 三级指标(长期) | 指标值(长期) | 二级指标(年度) | 三级指标(年度) | 指标值(年度)
产出指标 | 数量指标 |  |  | 数量指标 | 重点建设工程安排数量 | #2
产出指标 | 质量指标 |  |  | 质量指标 | 重点建设工程验收合格率 | 100%
产出指标 | 成本指标 |  |  | 成本指标 | 建设项目成本 | 参照政府采购成本控制
产出指标 | 时效指标 |  |  | 时效指标 | 重点建设工程按期完成率 | 100%
效益指标 | 可持续影响指标 |  |  | 可持续影响指标 | 基础教育巩固提高情况 | 巩固提高
效益指标 | 社会效益指标 |  |  | 社会效益指标 | 基础教育学校办学条件 | 持续改善
满意度指标 | 服务对象满意度指标 |  |  | 服务对象满意度指标 | 学生、家长、社会满意度 | ≥90%
""",
            widths=(14, 16, 18, 12, 16, 26, 20),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2020,
        money_unit="万元",
        projects=1,
        indicators=7,  # the long-term side names only its 二级 rows: no 三级, no value
        funds=(("资金总额", "budget", "10000"), ("财政拨款", "budget", "10000")),
        targets=(
            ("重点建设工程安排数量", "2"),
            ("重点建设工程验收合格率", "100%"),
            ("建设项目成本", "参照政府采购成本控制"),
            ("学生、家长、社会满意度", "≥90%"),
        ),
    ),
    notes=(
        "Rebuilt from the HTML table on the 武汉市青山区 site (栏目 财政信息/资金信息, page title 项目支出绩效目标表3, published "
        "2020-01-20). The stored copy is complete (it ends with 附件: and the page footer) but prints one cell per line, so "
        "the grid is inferred: 7 columns from the indicator header; label/value spans of the top rows and the two funds "
        "halves chosen to fit 7 columns; 项目资金 and 总体目标 as left labels merged down; “绩效项目指标表” as a "
        "full-width row. The 一级指标 is printed on every indicator row (kept, no merges). The long-term (长期) side of each "
        "row holds only its 二级 name, with empty 三级 and 指标值 cells (printed as blanks), so only the 7 annual rows are "
        "real indicators. “主管部门 及编码” printed with a break. Amounts are text with the unit (10000万元) on both sides; "
        "the 其他资金 / 当年其他资金 values are blank. The year line reads “2020年度)” as stored (opening bracket lost). "
        "Nothing shortened."
    ),
)
