# ruff: noqa: E501
"""R42 — 2023 云南 临沧市临翔区林业和草原局 wildlife shelter: 项目支出绩效自评表（ 2023年度）, national 10 + 90 template.

The year on its own line with a space inside the bracket; 项目资金（万元） with an empty 年初预算数 column and
全年预算数 32.4 / 全年执行数 31.69; the 分值 10 / 执行率 97.80% / 得分 9 printed on the 年度资金总额 row and
again on the 其中：当年财政拨款 row; no 上年结转资金 / 其他资金 rows; 年度总体目标 printed on three lines; a label
绩效指标 in a first column beside the indicator block; the 二级 label 数量指标 repeated on a second row instead of
merged; 时效指标 before 质量指标; 偏差原因 “无” on every row. The copy stops at the 满意度 row.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R42",
    source="https://www.ynlx.gov.cn/info/2431/148733.htm",
    title="项目支出绩效自评表( 2023年度)",
    place="云南省临沧市临翔区",
    sector="林业（国有林场野生动物收容所建设）",
    sheets=(
        Sheet(
            "项目支出绩效自评表",
            """
项目支出绩效自评表 | < | < | < | < | < | < | < | <
( 2023年度) | < | < | < | < | < | < | < | <
项目名称 | 2023年马鹿坑国有林场新建野生动物收容所建设项目 | < | < | < | < | < | < | <
主管部门 | 临沧市临翔区林业和草原局 | < | < | 实施单位 | 临沧市临翔区林业和草原局 | < | < | <
项目资金\\n(万元) |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | <
^ | 年度资金总额 |  | #32.4 | #31.69 | #10 | #97.80% | #9 | <
^ | 其中:当年财政拨款 |  | #32.4 | #31.69 | #10 | #97.80% | #9 | <
年度\\n总体\\n目标 | 预期目标 | < | < | < | 实际完成情况 | < | < | <
^ | 支持欠发达国有林场基础设施建设,新建马鹿坑国有林场临时野生动物收容所1间200平方米,钢结构圈养围栏120米。 | < | < | < | 完成马鹿坑国有林场临时野生动物收容所1间200平方米,钢结构圈养围栏120米,能同时收容近百头(只)野生动物。 | < | < | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
^ | 产出指标 | 数量指标 | 野生动物收容所 | ≥200平方米 | 204.46平方米 | #10 | #10 | 无
^ | ^ | 数量指标 | 钢结构圈养围栏 | ≥120米 | 121.5米 | #10 | #10 | 无
^ | ^ | 时效指标 | 项目完工时限 | 2023年12月 | 2023年10月 | #15 | #15 | 无
^ | ^ | 质量指标 | 项目竣工验收率 | 100% | 100% | #15 | #15 | 无
^ | 效益指标 | 经济效益指标 | 务工人员年人均增收 | ≥8400元 | 8400元 | #10 | #10 | 无
^ | ^ | 社会效益指标 | 提供务工岗位 | ≥5个 | 5个 | #10 | #10 | 无
^ | ^ | 可持续影响指标 | 项目建成后可持续影响年限 | ≥15年 | 15年 | #10 | #10 | 无
^ | 满意度指标 | 服务对象满意度指标 | 受益农户满意度 |  |  |  |  |
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2023,
        money_unit="万元",
        projects=1,
        indicators=8,
        figures={"execution_rate": "97.80"},
        funds=(("年度资金总额", "budget", "32.4"), ("年度资金总额", "executed", "31.69")),
        targets=(("野生动物收容所", "≥200平方米"), ("项目完工时限", "2023年12月"), ("务工人员年人均增收", "≥8400元")),
    ),
    notes=(
        "Source: a district government page (临翔区, published 2023-12-01) whose HTML table is stored as rows of "
        "“|”-separated cells; the leading empty cell of the amount rows is the empty 年初预算数 column, the one "
        "before each indicator row the 绩效指标 column. Spans are a transcription choice. The expected-goal text "
        "is shortened to a sentence; the completion text is whole. The copy stops right after the name "
        "受益农户满意度: its target, actual, 分值 and 得分, any further rows and the 总分 are not visible, so the row "
        "is kept with its name only and no total is expected. Parentheses and colons half-width as in the copy."
    ),
)
