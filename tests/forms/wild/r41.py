# ruff: noqa: E501
"""R41 — 2020 河北 邯郸市成安县民政局 centenarian allowance: 预算项目绩效自评表 (Hebei budget-system export, 4 sections).

A layout unlike the national template: four numbered sections 一、基本情况 / 二、预算执行情况 / 三、目标完成情况 /
四、年度绩效指标完成情况 as full-width rows; label–value pairs with colons (项目名称: / 是否为专项资金: / 金额单位:
万元); the funds block laid out sideways — three label–value column pairs 预算数 | 6.84 / 到位数 | 6.84 / 执行数 | 6.84
under 预算安排情况（调整后） / 资金到位情况 / 资金执行情况, with 其中:财政资金 and 其他 rows, and 预算执行进度(%)
100.00 in a fourth column; 总体完成率(%) beside the goals; an indicator header on two rows where 预期指标值
splits into 符号 (>=) / value / 单位(文字描述) (“%(百分比)”), a 单项指标完成情况 column (完成), and 自评得分 splits
into 单项指标得分 / 权重占比(%) / 单项指标折算得分 (25.00 / 25.00 / 6.25); 一级 效果指标 instead of 效益指标; a
预算执行率 row at the bottom with no values in the copy. All numbers printed with two decimals.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R41",
    source="http://cycms.chengan.gov.cn/zfxxgk/bmView.jsp?id=15437&websiteid=905&xxfl=0404",
    title="成安县民政局2020年度预算项目绩效自评表",
    place="河北省邯郸市成安县",
    sector="民政（高龄津贴）",
    sheets=(
        Sheet(
            "绩效自评表",
            """
成安县民政局2020年度预算项目绩效自评表 | < | < | < | < | < | < | < | < | < | < | <
一、基本情况 | < | < | < | < | < | < | < | < | < | < | <
项目名称: | 19名百岁老人高龄津贴 | < | < | < | < | 是否为专项资金: | < |  | < | < | <
实施(主管)单位 | 314002-成安县民政局机关 | < | < | < | < | 金额单位: | < | 万元 | < | < | <
二、预算执行情况 | < | < | < | < | < | < | < | < | < | < | <
预算安排情况(调整后) | < | < | 资金到位情况 | < | < | 资金执行情况 | < | < | 预算执行进度(%) | < | <
预算数 | < | #6.84 | 到位数 | < | #6.84 | 执行数 | < | #6.84 | #100.00 | < | <
其中:财政资金 | < | #6.84 | 其中:财政资金 | < | #6.84 | 其中:财政资金 | < | #6.84 | ^ | ^ | ^
其他 | < | #0.00 | 其他 | < | #0.00 | 其他 | < | #0.00 | ^ | ^ | ^
三、目标完成情况 | < | < | < | < | < | < | < | < | < | < | <
年度预期目标 | < | < | < | < | 具体完成情况 | < | < | < | < | 总体完成率(%) | <
为我县百岁高龄老年人发放补贴,使老年人得到更好的照顾。 | < | < | < | < | 为我县百岁高龄老年人发放补贴,使老年人得到更好的照顾。 | < | < | < | < | #100.00 | <
为全县共享改革开放成果,促进社会稳定文明和谐 | < | < | < | < | 为全县共享改革开放成果,促进社会稳定文明和谐 | < | < | < | < | ^ | ^
四、年度绩效指标完成情况 | < | < | < | < | < | < | < | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 指标分值 | 预期指标值 | < | < | 单项指标实际完成值 | 单项指标完成情况 | 自评得分 | < | <
^ | ^ | ^ | ^ | 符号 |  | 单位(文字描述) | ^ | ^ | 单项指标得分 | 权重占比(%) | 单项指标折算得分
产出指标 | 质量指标 | 符合条件申报对象覆盖率 | 享受补贴政策人数占符合条件申报对象总数的比例 | >= | #98 | %(百分比) | 100% | 完成 | #25.00 | #25.00 | #6.25
^ | 时效指标 | 完成率 | 按照要求每月及时完成符合条件对象审批的比例(百分比) | >= | #99 | %(百分比) | 100% | 完成 | #25.00 | #25.00 | #6.25
效果指标 | 社会效益指标 | 补贴发放率 | 高龄补贴发放完成率 | >= | #75 | %(百分比) | 100% | 完成 | #30.00 | #30.00 | #9.00
满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 享受高龄津贴的对象对老龄工作的满意程度 | >= | #95 | %(百分比) | 100% | 完成 | #10.00 | #10.00 | #1.00
预算执行率 | 预算执行率 |  |  |  |  |  |  |  |  |  |
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2020,
        money_unit="万元",
        projects=1,
        indicators=4,
        figures={"execution_rate": "100.00"},
        funds=(("财政资金", "budget", "6.84"), ("财政资金", "executed", "6.84")),
        # the unit column's gloss (百分比) is not part of the target: >=98%
        targets=(("符合条件申报对象覆盖率", ">=98%"), ("补贴发放率", ">=75%")),
    ),
    notes=(
        "Source: a county government disclosure page (发布日期 2021.07.14, 民政局) whose table is stored as text "
        "runs separated by spaces, empty cells invisible; the 12-column grid and all spans are a transcription "
        "choice following the order of the printed tokens. The indicator rows print, in order: name, a "
        "description, >=, value, %(百分比), actual, 完成, then three numbers; the header lists 指标分值 right after "
        "三级指标 and 符号 / 单位(文字描述) under 预期指标值 — so the description sits in the column headed 指标分值 "
        "and the value column under 预期指标值 has no sub-header. The three numbers fit 单项指标得分 / 权重占比(%) / "
        "单项指标折算得分 (6.25 = 25 × 25%); kept as printed. The copy stops at the 预算执行率 row, whose other "
        "cells are empty in the copy (values, if any, not visible); no total score is visible. The goal texts are "
        "short and kept whole. Punctuation half-width as in the copy."
    ),
)
