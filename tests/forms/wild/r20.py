# ruff: noqa: E501
"""R20 — 2020 福建 宁德市地震局 部门整体支出绩效自评表 (Fujian whole-department layout, 万元).

No 年初预算数 / 全年预算数 / 全年执行数 columns: the funds block is “财政资金安排和使用情况” with
“资金结构 | 预算安排 | 拨付情况 | 结余情况” over circled-number formula headers (年初部门预算安排金额（含历年结余结转）①,
年中调整金额②, 小计 ③=①+②, 年度拨付金额, 支出实现率（%）⑤=④/③, 本年度结余金额⑥=③-④, 资金结余率（%）⑦=⑥/③);
rows 财政资金小计 / ① 项目支出 / ② 基本支出 / 2.单位其它收入 / 合 计 (the ①② numbering is reused for 项目/基本支出
and a “2.” row follows with no “1.”); the rate is printed as a plain number under a “（%）” header; the 年度总体目标
block is “年度总体目标完成情况 | 预期目标 | 目标实际完成情况”; indicators have 评分标准 prose, 指标分值, 自评得分 and a
未完成原因 column that says “已完成”; first/second-level labels 产出目标 / 数量目标 (目标, not 指标). Amounts are
number cells. The public copy stops inside the third indicator.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R20",
    source="https://yjj.ningde.gov.cn/gzdt/ggl/zjxxgk/202111/t20211110_1546659.htm",
    title="部门整体支出绩效自评表（ 2020 年度）",
    place="福建省宁德市",
    sector="应急管理（地震局，防震减灾）",
    sheets=(
        Sheet(
            "部门整体支出绩效自评表",
            """
部门整体支出绩效自评表 | < | < | < | < | < | < | < | < | <
（ 2020 年度） | < | < | < | < | < | < | < | < | <
部门（单位）名称 | 宁德市地震局 | < | < | < | < | 部门预算编码 | 409001007 | < | <
财政资金安排和使用情况\\n（万元） | 资金结构 | < | 预算安排 | < | < | 拨付情况 | < | 结余情况 | <
^ | ^ | ^ | 年初部门预算安排金额（含历年结余结转）① | 年中调整金额② | 小计\\n③=①+② | 年度拨付金额 | 支出实现率（%）⑤=④/③ | 本年度结余金额⑥=③-④ | 资金结余率（%）⑦=⑥/③
^ | 财政资金小计 | < | #130.54 | #58.07 | #188.61 | #188.45 | #99.92 | #0.16 | #0.08
^ | ① 项目支出 | < | #30 | #0 | #30 | #30 | #100 | #0 | #0
^ | ② 基本支出 | < | #100.54 | #58.07 | #158.61 | #158.45 | #99.9 | #0.16 | #0.1
^ | 2.单位其它收入 | < | #0 | #0 | #0 | #0 | #0 | #0 | #0
^ | 合 计 | < | #130.54 | #58.07 | #188.61 | #188.45 | #99.92 | #0.16 | #0.08
年度总体目标完成情况 | 预期目标 | < | < | < | < | 目标实际完成情况 | < | < | <
^ | 遵循创新、协调、绿色、开放、共享的发展理念，认真贯彻落实市委、市政府工作部署，……推进我市防震减灾事业健康发展。 | < | < | < | < | 完成年度目标 | < | < | <
年度绩效指标完成情况 | 一级指标 | 二级指标 | 三级指标 | 绩效\\n目标值 | 实际\\n完成值 | 评分标准 | 指标分值 | 自评得分 | 未完成原因
^ | 产出目标 | 数量目标 | 抽查全市地震监测台站运维情况个数 | 9个 | 9个 | 本指标满分6分，开展全市地震监测台站运维情况抽查数量达9个得6分，少检查一个扣1分，扣完为止。 | #6 | #6 | 已完成
^ | ^ | ^ | 开展防震减灾科普“进基层”宣传活动场数 | 10场 | 11场 | 本指标满分6分，开展防震减灾科普进社区活动场数达10场得6分，少一场扣1分，扣完为止。 | #6 | #6 | 已完成
^ | ^ | ^ | 协同相关部门开展防震减灾宣传活动场数 | 6场 | 7场 | 本指标满分6分，协同有关部门开展防震减 |  |  |
""",
            widths=(16, 14, 12, 24, 12, 12, 30, 12, 12, 14),
        ),
    ),
    expect=Expect(
        kind="department_self_evaluation",
        year=2020,
        money_unit="万元",
        projects=1,
        indicators=3,
        figures={"execution_rate": "99.92"},
        funds=(
            ("财政资金小计", "budget_initial", "130.54"),
            ("财政资金小计", "executed", "188.45"),
            ("基本支出", "budget", "158.61"),
        ),
        targets=(("抽查全市地震监测台站运维情况个数", "9个"),),
    ),
    notes=(
        "Rebuilt from the stored copy of the page “宁德市地震局2020年部门整体支出绩效自评” (宁德市应急管理局, "
        "2021-11-10), a flattened HTML table; the copy stops inside the third indicator’s 评分标准 "
        "(“…协同有关部门开展防震减”), so that row has no 分值 / 得分 and nothing after it (other indicators, "
        "总分) is rebuilt. The 预期目标 text is shortened (“……”). Column mapping: 年初部门预算安排金额 = "
        "budget_initial, 小计③ = budget, 年度拨付金额 = executed; 支出实现率 99.92 of 财政资金小计 / 合 计 is "
        "taken as the department’s execution rate (printed without %, the % is in the header). "
        "Transcription choices: the flattened copy prints “(万元)” and “③=①+②” on lines of their own; they "
        "are read as second lines of the 财政资金安排和使用情况 and 小计 cells; “绩效 / 目标值” and “实际 / 完成值” "
        "likewise as two-line header cells. Column spans of the name / code cells are guesses (the copy has "
        "no merge information). Checks: 130.54 + 58.07 = 188.61; 188.45 / 188.61 = 99.92%; 30 + 158.61 = "
        "188.61; 0.16 / 188.61 = 0.08%."
    ),
)
