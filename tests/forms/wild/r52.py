# ruff: noqa: E501
"""R52 — 2023 安徽 寿县 部门整体支出绩效评价自评表 (Anhui county scoring sheet: 规划 / 执行 …, no amounts).

A whole-department self-evaluation that is only a scoring sheet: title “2023年度部门整体支出绩效评价自评表”, an empty
“单位” row, then 序号 | 一级指标 | 二级指标 | 三级指标 | 指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分. First and
second levels carry their weights in the label (“规划（15分）”, “基础信息（3分）”) and are not the usual 产出 / 效益
categories (规划, 执行, …); third-level names wrap inside the cell (“基础信息\\n完整性”); there is no target and no
actual column — 指标解释 explains, 指标说明及评分标准 holds the scoring rule; a 序号 column numbers the indicators.
No amounts and no money unit anywhere. The copy stops inside the 评分标准 of the sixth indicator (预算执行率).
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R52",
    source="https://www.shouxian.gov.cn/public/118322758/1259995520.html",
    title="2023年度部门整体支出绩效评价自评表",
    place="安徽省淮南市寿县",
    sector="县直部门（部门整体支出）",
    sheets=(
        Sheet(
            "部门整体支出绩效评价自评表",
            """
2023年度部门整体支出绩效评价自评表 | < | < | < | < | < | < | <
单位 |  | < | < | < | < | < | <
序号 | 一级\\n指标 | 二级\\n指标 | 三级\\n指标 | 指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分
#1 | 规划\\n（15分） | 基础信息\\n（3分） | 基础信息\\n完整性 | #3 | 部门及所属二级单位预算基础信息是否符合相关规定，信息资料是否真实、完整，用以评价该单位基础信息对预算编制数据的支撑情况（按年初预算基础信息表考核）。 | 1、基础数据信息是否真实（1分）；\\n2、基础数据信息是否完整（1分）；\\n3、基础数据信息是否准确（1分）。 | #3
#2 | ^ | 工作计划\\n（6分） | 年度工作\\n计划完整性 | #3 | 部门及所属二级单位年度工作计划制定是否完整可行。 | 年度工作计划是否完整可行（3分） | #3
#3 | ^ | ^ | 年度工作\\n计划明确性 | #3 | 部门及所属二级单位年度工作计划制定是否明确可操作。 | 年度工作计划是否明确可操作（3分） | #3
#4 | ^ | 绩效目标\\n（6分） | 年度绩效\\n目标合理性 | #4 | 单位是否设置年度绩效目标，绩效目标设定是否符合单位实际，是否合理。 | 1、设置年度绩效目标（2分，其中单位整体绩效目标1分，项目绩效目标1分，若单位无项目，得2分）\\n2、绩效目标设置依据充分（1分）\\n3、绩效目标合理，符合实际，可操作（1分）\\n4、未设置绩效目标，该栏不得分 | #4
#5 | ^ | ^ | 年度绩效\\n目标明确性 | #2 | 是否制定明确、细化、量化的绩效目标。 | 绩效目标明确，且细化、量化（2分）； | #2
#6 | 执行\\n（35分） | 预算执行\\n（18分） | 预算执行率 | #5 | 部门及所属二级单位本年度预算执行数与预算数的比率，用以反映和考核部门（单位）预算执行程度。预算执行率=（预算执行数/预算数）×100%。\\n预算执行数：部门（单位）本年度实际执行的预算数。\\n预算数：财政部门批复的本年度部门（单位）预算数。 | 1、除上级政策性因素影响外，年度无预算追加（1 |
""",
            widths=(6, 10, 12, 14, 8, 40, 40, 8),
        ),
    ),
    expect=Expect(
        kind="department_self_evaluation",
        year=2023,
        money_unit="元",
        projects=1,
        indicators=6,
    ),
    notes=(
        "Rebuilt from the stored copy of the 寿县 government page (shouxian.gov.cn, a department’s public-information "
        "column), an HTML table flattened with “|” separators and blanks where merged cells were. The 单位 cell is "
        "empty in the copy; the page title (department name) is not stored, so the sector is generic. The copy "
        "stops inside the 评分标准 of 预算执行率 (“…年度无预算追加（1”): that row keeps its 序号, names, 分值 5 and "
        "指标解释 and has no 自评得分; the rest of 执行（35分） and everything after it (效果, 总分) is left out. "
        "Spans of 规划（15分） (5 rows) and of 工作计划 / 绩效目标 (2 rows each) follow the blanks of the copy and the "
        "weights (3 + 6 + 6 = 15; 3 + 3 = 6; 4 + 2 = 6). The copy prints wrapped cells with a space "
        "(“基础信息 完整性”, “一级 指标”); they are read as line breaks inside the cell. No money unit is printed and "
        "there are no amounts: money_unit is the documented default 元. No total and no rate are printed, so no "
        "figures are expected. Indicators: six rows with a third-level name."
    ),
)
