# ruff: noqa: E501
"""R44 — 2021 湖北 随州 广水市交通运输局 rural roads: 广水市财政预算支出项目绩效目标自评表, with 自评分 / 复核分.

A Suizhou-area layout in two parts on two pages: a header block (填报日期 / 自评总分：95 / 单位领导审签：;
项目属性 tick boxes; 项目资金来源 split 中央 / 省、地 / 本级 / 其他 / 合计 / 执行数 / 执行率 with “(万元)” in each
header); a 项目决策 2分 / 项目管理 13分 part scored 分值 / 自评分 / 复核分 with 评价标准及依据 sentences; then
“项目年度目标1：…” and an indicator part whose weights sit in the labels on three levels (项目绩效 85分 / 产出指标
40分 / 数量指标 15分) with 年初指标值 / 年终完成值 / 自评分 / 复核分 / 评价标准. No year is printed: the
evaluated year follows from 填报日期 2022年8月10日. 复核分 is empty throughout. The copy stops in the 质量指标 group.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R44",
    source="https://pdf.wenkuvip.com/archives/bqg98jldqkx8g2xm7pe6.html",
    title="广水市财政预算支出项目绩效目标自评表",
    place="湖北省随州市广水市",
    sector="交通（乡村道路建设养护）",
    sheets=(
        Sheet(
            "自评表",
            """
广水市财政预算支出项目绩效目标自评表 | < | < | < | < | < | < | < | <
填报日期:2022年8月10日 | < | < | < | 自评总分:95 | < | < | 单位领导审签: | <
项目名称 | 乡村道路建设养护项目 | < | < | < | 项目属性 | 1、常年性 2、延续性□ 3、一次性□ 4、新增性□ | < | <
项目主管单位 | 广水市交通运输局 | < | 项目实施单位 | 广水市交通运输局 | < | 项目负责人 | 张某 | <
项目资金\\n来源 | 中央\\n(万元) | 省、地\\n(万元) | 本级\\n(万元) | 其他\\n(万元) | 合计\\n(万元) | 执行数\\n(万元) | 执行率 | <
^ |  |  | #309 |  | #309 | #309 | #100% | <
项目年度目标 | 1.完成乡村道路建设养护里程300公里;\\n2.\\n3. | < | < | < | < | < | < | <
项目权重 | 评价内容 | < | < | < | 分值 | 自评分 | 复核分 | 评价标准及依据
项目决策\\n2分 | 决策依据 | < | < | < | #2 | #2 |  | 有项目年度工作计划或有上级文件或审批报告计2分,没有不得分。
项目管理\\n13分 | 财务制度 | < | < | < | #3 | #3 |  | 1、单位财务管理制度1分;\\n2、项目管理制度1分;\\n3、有制度执行佐证资料1分。没有不得分。
^ | 组织机构 | < | < | < | #2 | #2 |  | 有明确的绩效管理机构或专人负责2分。没有不得分
^ | 运行监管 | < | < | < | #4 | #4 |  | 1、运行监管记录3分;\\n2、填报《项目支出绩效监控表》1分。没有不得分。
^ | 目标申报 | < | < | < | #4 | #4 |  | 1、项目绩效目标全申报的1分,缺一项扣0.5分,扣完为止;\\n2、绩效目标规范1分,不规范扣0.5分;\\n3、按时申报绩效目标计2分,逾期扣1分。
项目年度目标1:乡村道路建设养护项目 | < | < | < | < | < | < | < | <
 | 一级指标 | 二级指标 | 指标名称\\n(三级指标) | 年初指标值 | 年终完成值 | 自评分 | 复核分 | 评价标准
项目\\n绩效\\n85分 | 产出\\n指标\\n40分 | 数量指标\\n15分 | 乡村道路建设养护里程 | 300公里 | 300公里 | #15 |  | 1、提供三级指标完成程度的佐证资料;\\n2、三级指标分值按三级指标个数平均确定(15分÷三级指标个数),四舍五入保留整数。
^ | ^ | 质量指标\\n12分 | 农村公路建设验收合格率 |  |  |  |  |
^ | ^ | ^ | 农村公路养护验收合格率 |  |  |  |  |
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2021,
        money_unit="万元",
        projects=1,
        indicators=8,
        figures={"execution_rate": "100", "total_score": "95"},
        funds=(("", "budget", "309"), ("", "executed", "309")),
        targets=(("乡村道路建设养护里程", "300公里"),),
    ),
    notes=(
        "Source: a document site's text layer of “广水市交通运输局2021年度乡村道路项目自评表.pdf” (the file name, "
        "not printed on the form, is the only place naming 2021; the form gives 填报日期 only, so the year is "
        "expected from it: 2022 → 2021). The PDF text is a jumble of cell fragments (“年初指 年终完 … 标值 成值”, "
        "“300 公 300 公 … 里 里”); the grid is rebuilt from the Suizhou template's order, fragments rejoined, "
        "so positions and spans are transcription choices. Three 309 are printed in the funds row with 100%: read "
        "as one source column, 合计 and 执行数; which source column holds the first 309 is not visible in the text "
        "layer — put under 本级 (a choice; the funds expectations use only 合计 and 执行数). 自评总分:95, "
        "填报日期 and 单位领导审签: are placed on one line above the table (their position is not recoverable). "
        "The tick of 1、常年性 is lost in the text layer (the others print □). The project head's name is replaced "
        "by 张某; the page footer “— 1 —” is left out. The copy stops after the two 质量指标 names (their values "
        "and the rest of the form are not visible; a truncated “农村…” is left out). indicators=8 counts the five "
        "scored 项目决策 / 项目管理 items and the three named 三级 indicators."
    ),
)
