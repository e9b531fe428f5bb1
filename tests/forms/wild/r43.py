# ruff: noqa: E501
"""R43 — 2021 安徽 铜陵市郊区财政局 village public-works awards: 农村公益事业财政奖补项目绩效评价自评表 (county / city score columns).

A criteria-scoring form, not the national template: no project block and no funds block, a 填报单位: line under
the title; columns 序号 / 一级指标 / 二级指标 / 三级指标 / 指标说明 / 指标分值 / 县级评分 / 市级评分 with the two-line
header split into separate cells (指标 | 县级 | 市级 over 分值 | 评分 | 评分) and an empty ninth column; the weight
of each 一级 in its label (决策(10), 过程(30)); 县级评分 filled, 市级评分 (the review score) empty; one 三级
(账务管理) covering two scored rows, the second without a 序号; a bonus score above its weight (工作安排: 分值 1,
县级评分 2); a 0 score (资金整合). No amounts, hence no unit. The copy stops inside row 14.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R43",
    source="https://tljq.gov.cn/openness/OpennessContent/show/580793.html",
    title="2021年度农村公益事业财政奖补项目绩效评价自评表",
    place="安徽省铜陵市郊区",
    sector="农业农村（农村公益事业财政奖补）",
    sheets=(
        Sheet(
            "自评表",
            """
2021年度农村公益事业财政奖补项目绩效评价自评表 | < | < | < | < | < | < | < | <
填报单位:郊区财政局 | < | < | < | < | < | < | < | <
序号 | 一级指标 | 二级指标 | 三级指标 | 指标说明 | 指标 | 县级 | 市级 |
^ | ^ | ^ | ^ | ^ | 分值 | 评分 | 评分 |
#1 | 决策(10) | 项目立项 | 民主议事 | 民主议事记录完整,得2分;不完整的每个项目扣1分 | #2 | #2 |  |
#2 | ^ | ^ | 申报审批 | 村级申报表,乡镇审核记录,县级项目审批文件齐全,得2分;审核程序缺失,每个项目扣1分 | #2 | #2 |  |
#3 | ^ | 资金投入 | 预算安排 | 县级财政按照乡村人口人均不低于5元标准安排奖补资金,得4分;县级财政按照农业人口人均不低于10元标准安排奖补资金的,加1分,达到20元,加2分;市财政对县安排补助资金,加1分 | #4 | #4 |  |
#4 | ^ | ^ | 资金整合 | 整合其他涉农财政资金支持农村公益事业财政奖补工作的,得2分 | #2 | #0 |  |
#5 | 过程(30) | 资金管理 | 管理制度 | 资金管理制度健全规范,得2分 | #2 | #2 |  |
#6 | ^ | ^ | 监督考核 | 监督考核制度健全规范,得2分 | #2 | #2 |  |
#7 | ^ | ^ | 账务管理 | 村民筹资、村集体投入、社会捐赠等财政奖补项目资金纳入所在乡镇账户管理,得2分 | #2 | #2 |  |
^ | ^ | ^ | ^ | 财政奖补资金实行专账核算,得1分 | #1 | #1 |  |
#8 | ^ | ^ | 资金拨付 | 实行国库集中支付的,得2分 | #2 | #2 |  |
#9 | ^ | 组织实施 | 工作安排 | 纳入县级重点工作部署,得1分;党政领导对财政奖补工作有正面批示的,一个加1分,最多加2分 | #1 | #2 |  |
#10 | ^ | ^ | 工作保障 | 有专门从事财政奖补工作人员,安排必要工作经费的,得1分 | #1 | #1 |  |
#11 | ^ | ^ | 项目管理 | 项目管理制度健全规范,得2分 | #2 | #2 |  |
#12 | ^ | ^ | 项目管护 | 项目管护制度健全规范,得2分 | #2 | #2 |  |
#13 | ^ | ^ | 项目库建设 | 制定农村公益事业财政奖补项目三年规划的,得2分;建立财政奖补项目库的,得3分 | #5 | #5 |  |
#14 | ^ | ^ | 项目实施 | 施工合同规范,资料齐全,得2分;合同不规范、资料 |  |  |  |
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2021,
        money_unit="元",
        projects=1,
        indicators=15,
    ),
    notes=(
        "Source: a district government disclosure page (铜陵市郊区) whose HTML table is stored as “|”-separated "
        "cells; the row boundaries follow the 序号 and the two empty trailing cells of each row (市级评分 and an "
        "unnamed ninth column, empty in every visible row, kept). Merges are read from the cells missing in the "
        "copy (一级 and 二级 printed once per group; row 7's 序号 and 三级 cover the next, unnumbered row). Whether "
        "过程(30) also covers 组织实施 is a choice (the copy prints no 一级 for rows 9–14). The copy stops inside "
        "row 14's 指标说明 (“…合同不规范、资料”); that row is kept as far as printed (its name is whole, no scores "
        "visible). No total visible. indicators=15 counts each row with a 三级 name (账务管理 twice, its second row "
        "named by the vertical merge; 14 distinct names). No money is printed: money_unit 元 is the documented default, with a report note."
    ),
)
