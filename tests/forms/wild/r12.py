"""R12 — 2019 河北 廊坊市食品工程学校 heating refit: 项目支出绩效自评表 (2019年度), the old national template.

The 2019 national template kept with its prompts: placeholder labels fused with the indicator names
(指标1工程资金金额, 指标2工程验收合格率), empty 指标2 / …… rows in every 二级 group, an empty 生态效益 group;
the year line printed “2019年度)” without its opening bracket; two-line headers (年初\\n预算数, 年度\\n指标值);
执行率 86% with 得分 9 on the funds row; 年度总体目标 given as two amounts (43.2 / 37.24) instead of text;
偏差原因 cells holding “0”; the 效益指标 cell repeated where the Word table breaks across a page. Amounts and
scores are text, as in the published HTML.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R12",
    source="http://www.lfsp.cn/newsinfo/1158053.html",
    title="项目支出绩效自评表 2019年度)",
    place="河北省廊坊市",
    sector="教育（中职学校基建：办公宿舍楼、食堂暖通改造）",
    sheets=(
        Sheet(
            "附件1",
            """
附件1 | < | < | < | < | < | < | <
项目支出绩效自评表 | < | < | < | < | < | < | <
2019年度) | < | < | < | < | < | < | <
项目名称 | 办公宿舍楼、食堂及餐厅暖通改造经费 | < | < | < | < | < | <
主管部门 | 廊坊市发改委 | < | < | 实施单位 | 廊坊市食品工程学校 | < | <
项目资金\\n(万元) |  | 年初\\n预算数 | 全年\\n预算数 | 全年\\n执行数 | 分值 | 执行率 | 得分
^ | 年度资金总额 | 43.2 | 43.2 | 37.24 | 10 | 86% | 9
^ | 其中:当年财政拨款 | 43.2 | 43.2 | 37.24 |  |  |
^ | 上年结转资金 |  |  |  |  |  |
^ | 其他资金 |  |  |  |  |  |
年度总体目标 | 预期目标 | < | < | 实际完成情况 | < | < | <
^ | 43.2 | < | < | 37.24 | < | < | <
一级指标 | 二级指标 | 三级指标 | 年度\\n指标值 | 实际\\n完成值 | 分值 | 得分 | 偏差原因分析及改进措施
产出指标|数量指标|指标1工程资金金额|43.2|37.24|10|9|已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。
^ | ^ | 指标2 |  |  |  |  |
^ | ^ | …… |  |  |  |  |
^ | 质量指标 | 指标1工程完工率 | 100 | 100 | 10 | 10 |
^ | ^ | 指标2工程验收合格率 | 100 | 100 | 10 | 10 |
^ | ^ | …… |  |  |  |  |
^ | 时效指标 | 指标1项目完成及时率 | 100 | 100 | 10 | 10 |
^ | ^ | 指标2 |  |  |  |  |
^ | ^ | …… |  |  |  |  |
^ | 成本指标 | 指标1成本控制率 | 100 | 100 | 10 | 10 |
^ | ^ | 指标2 |  |  |  |  |
^ | ^ | …… |  |  |  |  |
效益指标 | 经济效益\\n指标 | 指标1安全率 | 100 | 100 | 10 | 10 | 0
^ | ^ | 指标2 |  |  |  |  |
^ | ^ | …… |  |  |  |  |
^ | 社会效益\\n指标 | 指标1学校发展能力 | 100 | 100 | 10 | 10 | 0
^ | ^ | 指标2 |  |  |  |  |
^ | ^ | …… |  |  |  |  |
^ | 生态效益\\n指标 | 指标1 |  |  |  |  |
^ | ^ | 指标2 |  |  |  |  |
^ | ^ | …… |  |  |  |  |
效益指标 | 可持续影响\\n指标 | 指标1长期使用性 | 100 | 100 | 10 | 10 |
^ | ^ | 指标2 |  |  |  |  |
^ | ^ | …… |  |  |  |  |
满意度\\n指标 | 服务对象满意度指标 | 指标1学生满意度 | 100 | 100 | 10 | 10 | 0
^ | ^ | 指标2 |  |  |  |  |
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2019,
        money_unit="万元",
        projects=1,
        indicators=9,
        figures={"execution_rate": "86"},
        funds=(
            ("年度资金总额", "budget_initial", "43.2"),
            ("年度资金总额", "budget", "43.2"),
            ("年度资金总额", "executed", "37.24"),
        ),
        targets=(("工程资金金额", "43.2"), ("工程完工率", "100")),
    ),
    notes=(
        "Source: the school's web page “办公宿舍楼、食堂及餐厅暖通改造经费 绩效自评表(修改)”, an HTML rendering of "
        "a Word table (one cell per line). Rebuilt as published down to where the stored copy stops: inside the "
        "满意度 group, at its 指标2 row (no 总分 and no total score are visible). Kept as printed: the year line "
        "“2019年度)”, the placeholder prefixes fused with names (the import should not treat 指标1工程资金金额 or "
        "指标2工程验收合格率 as placeholders), the “0” in three 偏差原因 cells, targets without units (100 for a "
        "rate, 43.2 for an amount in 万元). The second 效益指标 cell (before 可持续影响指标) is printed again in "
        "the copy after the 生态效益 group — a table split by a page break — and is kept as a separate merged "
        "cell. The copy shows no 绩效指标 label left of the indicator header. Indicators: 9 real rows (each 分值 "
        "10, so 90 + the funds row's 10 = 100); 指标1 / 指标2 / …… rows without a name are template placeholders. "
        "执行率 86% (37.24 / 43.2 = 86.2%) scored 9 of 10."
    ),
)
