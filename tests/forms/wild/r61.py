# ruff: noqa: E501
"""R61 — 2019 广东 东莞市交通运输局: 东莞市财政项目支出绩效目标批复表 (镇际联网路升级改造工程一期), as a PDF.

A city 批复表 (approved targets) with the medium-term (中期滚动, 2019–2021) and annual blocks SIDE BY SIDE: one
shared 一级 column, then 二级 | 三级 | 指标值(或计划水平) for the 中期 block and 二级 | 三级 | 计划指标值(或计划水平)
for the year; the two blocks carry the same indicators, but their 二级 labels differ (“时效指标(工期指标)” vs
“时效指标(工期指标、形象进度指标)”). Old 2019 Dongguan categories: 预期产出指标 / 效果指标, 二级 such as
“数量指标(或建筑规模指标)”, “预算(或投资规模)控制指标”, “社会、经济、生态效益 指标”. Funds as two label–value pairs on
the project-name row: 中期市财政预算(万元) 284500.00 and 本年度申请市财政预算资金(万元) 919.00. Title, year and
预算单位 printed above the table. The stored copy stops inside the 可持续影响指标 row.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R61",
    source="https://gdyinping.com/wwwgdyinpingcom/007329896/0801/201904/fdb5a052be7e4616a3536a4af16269b8.htm",
    title="东莞市财政项目支出绩效目标批复表(镇际联网路升级改造工程一期)",
    place="广东省东莞市",
    sector="交通运输（镇际联网路升级改造）",
    sheets=(
        Sheet(
            "批复表",
            """
项目\\n名称 | 镇际联网路升级改造工程一期 | < | 中期市财政预算(万元) | < | 284500.00 | 本年度申请市财政预算资金(万元) | 919.00
总体目标 | 中期滚动目标(2019年--2021年) | < | < | < | 年度目标 | < | <
^ | 新建或改造道路,共29个项目,规划里程169公里。 | < | < | < | 督促勘察设计单位、咨询单位完成勘察设计费、审查咨询费结算532万元,以及茶山、常平镇街完成3个项目补助尾款结算387万元。 | < | <
绩效指标 | 一级\\n指标 | 二级\\n指标 | 三级\\n指标 | 指标值(或计划水平) | 二级\\n指标 | 三级\\n指标 | 计划指标值(或计划水平)
^ | 预期产出指标 | 数量指标(或建筑规模指标) | 镇街补助款完成结算项目数 | 3 | 数量指标(或建筑规模指标) | 镇街补助款完成结算项目数 | 3
^ | ^ | 质量指标 | 补助款结算误差率 | ±3%以内 | 质量指标 | 补助款结算误差率 | ±3%以内
^ | ^ | 时效指标(工期指标) | 结算款支付及时性 | 及时 | 时效指标(工期指标、形象进度指标) | 结算款支付及时性 | 及时
^ | ^ | 预算(或投资规模)控制指标 | 年度预算执行率 | ≥90% | 预算(或投资规模)控制指标 | 年度预算执行率 | ≥90%
^ | 效果指标 | 社会、经济、生态效益\\n指标 | 补助款结算争议率 | 0% | 社会、经济、生态效益\\n指标 | 补助款结算争议率 | 0%
^ | ^ | 可持续影响指标 | 实现建设总目标控制程度 |  |  |  |
""",
            before=("东莞市财政项目支出绩效目标批复表", "( 2019 年度)", "预算单位:东莞市交通运输局"),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2019,
        money_unit="万元",
        projects=1,
        indicators=5,  # one row per printed row: the year's value is target, the 中期 value target_period
        funds=(("本年度申请市财政预算资金", "budget", "919.00"), ("中期市财政预算", "budget", "284500.00")),
        targets=(
            ("镇街补助款完成结算项目数", "3"),
            ("补助款结算误差率", "±3%以内"),
            ("年度预算执行率", "≥90%"),
            ("补助款结算争议率", "0%"),
        ),
    ),
    file_kind="pdf",
    notes=(
        "Rebuilt from the HTML table re-published on gdyinping.com (a copy of the 东莞市交通运输局 通知公告 page, 索引号 "
        "007329896/2019-11414, 发文日期 2019-04-29, 名称 东莞市财政项目支出绩效目标批复表(镇际联网路升级改造工程一期)). The "
        "stored copy is TRUNCATED inside the 效果指标 block: it stops right after “可持续影响指标 | 实现建设总目标控制程度” of "
        "the 中期 side, so that row is rebuilt with its name only and nothing after it (the rest of the 批复表, probably "
        "满意度 rows and signatures, is missing). Grid: 8 columns from the indicator header (the copy's markdown has two "
        "extra empty cells per row, read as padding); the left “绩效指标” label merged down the indicator block; "
        "预期产出指标 / 效果指标 merged down their rows (the copy prints them once). “项目 名称”, “一级 指标” etc. print a "
        "space where the narrow cell wraps: written as line breaks. Title, “( 2019 年度)” (spaces as stored) and "
        "“预算单位:东莞市交通运输局” are the lines above the table. Both blocks print the same values, so the year's targets are "
        "unambiguous. Count: the two blocks share each printed row, and indicators.csv holds a 实施周期指标值 column "
        "(target_period) beside target, so a careful import gives ONE row per printed row (target = 计划指标值, "
        "target_period = the 中期 指标值), i.e. 5, not 5 + 5; the cut 可持续影响指标 row (name only, no value on either "
        "side) is not counted, as in W10."
    ),
)
