# ruff: noqa: E501
"""R37 — 2023 四川 眉山市青神县发展和改革局 工资性支出: 部门预算项目支出绩效自评表（2023年度） (scored template, unfilled).

Sichuan's budget-system self-evaluation (报表编号:510000_0013zp above the title) as published WITHOUT the results
filled in: 完成值 and 得分 are empty and the template's prompts stay in the cells (“对照年度目标,说明…(100字
以内)”, “结合自评情况,…(200字以内)”). Its own layout: a coded project name “51000021R000000019951-工资性支出”;
实施单位 (盖章); a 项目基本情况 block; 预算执行情况(10分) with 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 |
权重 | 得分 | 原因 and rows 总额 / 其中:财政资金 / 财政专户管理资金 / 单位资金 / 其他资金 (“/” in 权重 and 得分 of
the sub-rows, 0.00 and 0.00% printed), a funds note in the 原因 column; 绩效指标(90分) with split columns 指标性质
(“=”) | 指标值 | 度量单位, then 完成值 | 权重 (60, 30) | 得分 | 未完成原因分析, and 合计 100 (the weights).
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R37",
    source="https://www.scqs.gov.cn/info/13206/211004.htm",
    title="部门预算项目支出绩效自评表(2023年度)",
    place="四川省眉山市青神县",
    sector="发展改革（工资性支出）",
    sheets=(
        Sheet(
            "自评表",
            """
报表编号:510000_0013zp | < | < | < | < | < | < | < | < | < | <
部门预算项目支出绩效自评表(2023年度) | < | < | < | < | < | < | < | < | < | <
项目名称 | 51000021R000000019951-工资性支出 | < | < | < | < | < | < | < | < | <
主管部门 | 青神县发展和改革局本级 | < | < | < | 实施单位 (盖章) | < | 青神县发展和改革局 | < | < | <
项目基本情况 | 1.项目年度目标完成情况 | < | < | < | < | < | < | < | < | <
^ | 项目年度目标 | < | < | < | 年度目标完成情况 | < | < | < | < | <
^ | 严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳,预算编制科学合理,减少结余资金。 | < | < | < | 对照年度目标,说明相关任务目标的完成情况(100字以内) | < | < | < | < | <
^ | 2.项目实施内容及过程概述 | < | < | < | < | < | < | < | < | <
^ |  | < | < | < | < | < | < | < | < | <
预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 | < | <
^ | 总额 | #238.93 | #251.89 | #251.89 | #100.00% | #10 |  | 1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.年中发生预算调整的(追加或调减),应单独说明理由;3.其他资金包括:社会投入资金、银行贷款. | < | <
^ | 其中:财政资金 | #238.93 | #251.89 | #251.89 | #100.00% | / | / | ^ | ^ | ^
^ | 财政专户管理资金 | #0.00 | #0.00 | #0.00 | #0.00% | / | / | ^ | ^ | ^
^ | 单位资金 | #0.00 | #0.00 | #0.00 | #0.00% | / | / | ^ | ^ | ^
^ | 其他资金 |  |  |  |  | / | / | ^ | ^ | ^
绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析
^ | 产出指标 | 数量指标 | 发放(缴纳)覆盖率 | = | #100 | % |  | #60 |  |
^ | 效益指标 | 社会效益指标 | 足额保障率(参保率) | = | #100 | % |  | #30 |  |
^ | 合计 | < | < | < | < | < | < | #100 |  |
评价结论 | 结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内) | < | < | < | < | < | < | < | < | <
存在问题 | 结合自评情况,分析存在的问题及原因。(200字以内) | < | < | < | < | < | < | < | < | <
改进措施 | 针对项目自评中发现的问题,提出下一步改进完善的意见及有关政策性建议。(200字以内) | < | < | < | < | < | < | < | < | <
项目负责人: | < | < | < | < | 财务负责人: | < | < | < | < | <
""",
            widths=(14, 14, 12, 18, 10, 10, 10, 10, 10, 10, 16),
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2023,
        money_unit="万元",
        projects=1,
        indicators=2,
        figures={"execution_rate": "100.00"},
        funds=(
            ("总额", "budget_initial", "238.93"),
            ("总额", "budget", "251.89"),
            ("总额", "executed", "251.89"),
        ),
        targets=(("发放(缴纳)覆盖率", "=100%"), ("足额保障率(参保率)", "=100%")),
    ),
    notes=(
        "Rebuilt from the HTML table on the 青神县 site. The copy is complete, but it prints every cell on its own line with "
        "no row boundaries, so the grid is inferred: 11 columns (the indicator header plus a left label column); "
        "项目基本情况, 预算执行情况(10分) and 绩效指标(90分) read as left labels merged down their blocks (they may be "
        "full-width section rows instead); the funds note merged down the 原因 column over the five funds rows; 合计 over "
        "一级…完成值 with 100 under 权重; the 报表编号 line as the first row. The form was published with 完成值 and 得分 "
        "empty and with the template prompts still in the 年度目标完成情况 / 评价结论 / 存在问题 / 改进措施 cells (kept "
        "as printed: they are not results); the empty 2.项目实施内容及过程概述 cell likewise. So no 总分 exists — only "
        "the 执行率 100.00% is a printed figure; a careful tool should report the missing results rather than score 0. "
        "Weights add up: 10 + 60 + 30 = 100. 238.93 → 251.89 is an upward adjustment (调整后预算数). Numbers stored as "
        "Excel numbers with their printed decimals (0.00, 100.00%)."
    ),
)
