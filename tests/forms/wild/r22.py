# ruff: noqa: E501
"""R22 — 2018 福建 中共宁德市委党史和地方志研究室 部门整体支出绩效自评表 (Fujian 2018 layout, amounts in 元
under a “（万元）” label).

The funds header says 万元 but every amount is in 元 (2537695, 2751417.82 …: the same office’s 2019 target table, R23,
budgets 171.41 万元); an extra column 历年结余结转 and formula headers ④ = ①+② +③, ⑥=⑤/④, ⑦=④-⑤, ⑧=⑦/④ whose ①②
and ⑤ are not printed on their own columns; fund rows by level of government (①中央及省级财政资金 / ②市级财政资金 /
③县（市、区）财政资金 / 其他资金小计 / ①……) with empty template rows; percentages rounded to whole numbers with % (93%,
7%); vertical labels written one character per line (年度\\n总体\\n目标\\n完成\\n情况). All cells are text. The public
copy stops at the first indicator, so no indicator row is rebuilt.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R22",
    source="http://ndfzw.com/ggl/2019-12-31/7212.html",
    title="部门整体支出绩效自评表（2018年度）",
    place="福建省宁德市",
    sector="党史和地方志（市直机关）",
    sheets=(
        Sheet(
            "2018年度部门整体支出绩效自评表",
            """
部门整体支出绩效自评表 | < | < | < | < | < | < | < | < | <
（2018年度） | < | < | < | < | < | < | < | < | <
部门（单位）名称 | 中共宁德市委党史和地方志研究室 | < | < | < | < | 部门预算编码 | 901001033 | < | <
财政资金安排和使用情况\\n（万元） | 资金结构 | 预算安排 | < | < | < | 拨付情况 | < | 结余情况 | <
^ | ^ | 年初部门预算安排金额 | 历年结余结转 | 年中调整金额③ | 小计\\n④ = ①+② +③ | 年度拨付金额 | 支出实现率\\n（%）\\n⑥=⑤/④ | 本年度结余金额\\n⑦=④-⑤ | 资金结余率\\n（%）\\n⑧=⑦/④
^ | 财政资金小计 | 2537695 | 213722.82 | 0 | 2751417.82 | 2546673.98 | 93% | 204743.84 | 7%
^ | ①中央及省级财政资金 |  |  |  |  |  |  |  |
^ | ②市级财政资金 | 2537695 | 213722.82 | 0 | 2751417.82 | 2546673.98 | 93% | 204743.84 | 7%
^ | ③县（市、区）财政资金 |  |  |  |  |  |  |  |
^ | 其他资金小计 |  |  |  |  |  |  |  |
^ | ①…… |  |  |  |  |  |  |  |
^ | 合 计 | 2537695 | 213722.82 | 0 | 2751417.82 | 2546673.98 | 93% | 204743.84 | 7%
年度\\n总体\\n目标\\n完成\\n情况 | 预期目标 | < | < | < | 目标实际完成情况 | < | < | < | <
^ | 目标1：确保本委在职及退休人员工资、福利的发放；\\n目标2：确保本委日常办公所需经费正常运行；\\n目标3：保障志鉴地情相关工作开展所需资金，确保完成2018年度任务。 | < | < | < | 目标1完成情况：基本完成，达成率为90%以上\\n目标2完成情况：基本完成，达成率为90%以上\\n目标3完成情况：基本完成，达成率为97% | < | < | < | <
年度\\n绩效\\n指标\\n完成\\n情况 | 一级\\n指标 | 二级\\n指标 | 三级指标 | < | 指标解释 | 绩效目标值 | 实际完成值 | 指标分值 | 得分
""",
            widths=(12, 22, 14, 14, 14, 16, 14, 12, 14, 12),
        ),
    ),
    expect=Expect(
        kind="department_self_evaluation",
        year=2018,
        money_unit="万元",
        projects=1,
        indicators=0,
        figures={"execution_rate": "93"},
        funds=(
            ("财政资金小计", "budget_initial", "2537695"),
            ("财政资金小计", "budget", "2751417.82"),
            ("财政资金小计", "executed", "2546673.98"),
        ),
    ),
    notes=(
        "Rebuilt from the stored copy of the page “18年度部门整体支出绩效自评（原方志委）” (2019-12-31), the text of "
        "the attached .xls (附件9). The copy stops after the indicator header: the next printed text is "
        "“产出 指标 (60分) | 数量 指标 | 指标1 | 按月发放员工工…”, cut inside the first indicator name, so no "
        "indicator row, no 总分 and nothing later is rebuilt (indicators=0). That cut row shows the 三级指标 "
        "header spans two columns (a “指标1” numbering cell + the name), which is why 三级指标 is merged over "
        "two columns here. money_unit is “万元” as PRINTED, but the amounts are evidently 元: a careful tool "
        "should flag the magnitude (2,751,417.82 万元 for a small office). The 93% / 7% are rounded "
        "(2546673.98 / 2751417.82 = 92.56%; 204743.84 / 2751417.82 = 7.44%); 2537695 + 213722.82 + 0 = "
        "2751417.82 and 2751417.82 − 2546673.98 = 204743.84 agree. Column mapping: 年初部门预算安排金额 = "
        "budget_initial, 小计④ = budget, 年度拨付金额 = executed. “(万元)” is read as the second line of the "
        "left label (as in R20); column spans of name / code cells are guesses."
    ),
)
