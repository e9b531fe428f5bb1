# ruff: noqa: E501
"""R62 — 2025 山东 德州市临邑县师范附属小学: 项目支出目标申报表 (小学教育公用经费), target table.

A county school's own short template: the funds as 项目资金申请(万元) with 资金总额: / 财政拨款: / 其他: label rows
(numbers as text “438.768”); a 项目总体情况 narrative; an indicator header WITHOUT the word 指标 — 一级 | 二级 | 三级 |
年度数值 | 备注 — and category names ending in 值 instead of 指标: 产出值 (数量值 / 质量值 / 时效值 / 成本值) and 效益值
(经济效益值 / 社会效益值 / 生态效益值 / 可持续影响值); no 满意度 block; targets with ASCII operators (“<=6962人”,
“=100%”), words (“有效”) and a compound unit (“780元/生/年”); the 备注 column empty.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R62",
    source="http://www.linyixian.gov.cn/n30334494/n38447929/n38448474/n74342318/n74348867/n74350511/n74350513/c75276936/content.html",
    title="临邑县师范附属小学项目支出目标申报表 (2025年度)",
    place="山东省德州市临邑县",
    sector="教育（小学公用经费）",
    sheets=(
        Sheet(
            "项目支出目标申报表",
            """
项目支出目标申报表 | < | < | < | <
(2025年度) | < | < | < | <
项目名称 | 小学教育公用经费 | < | < | <
项目主管部门 | 临邑县师范附属小学 | < | < | <
项目资金申请(万元) | 资金总额: | 438.768 | < | <
^ | 财政拨款: | 438.768 | < | <
^ | 其他: |  | < | <
项目总体情况 | 根据鲁财科教(2024)67号文件,小学教育公用经费每生每年780元,县级财政负担20%计,主要用于学校教学与管理、校舍维修维护及日常办公等。 | < | < | <
一级 | 二级 | 三级 | 年度数值 | 备注
产出值 | 数量值 | 小学就读人数 | <=6962人 |
^ | 质量值 | 教学条件改善、办学水平提高 | =100% |
^ | 时效值 | 教育均衡化发展 | 有效 |
^ | 成本值 | 义务教育小学生均公用经费 | 780元/生/年 |
效益值 | 经济效益值 | 经费有效使用情况 | =100% |
^ | 社会效益值 | 教学质量提高、办学条件改善 | =100% |
^ | 生态效益值 | 安全情况 | 有效 |
^ | 可持续影响值 | 学生受益情况 | =100% |
""",
            widths=(18, 16, 28, 16, 10),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2025,
        money_unit="万元",
        projects=1,
        indicators=8,
        funds=(("资金总额", "budget", "438.768"), ("财政拨款", "budget", "438.768")),
        targets=(
            ("小学就读人数", "<=6962人"),
            ("教学条件改善、办学水平提高", "=100%"),
            ("义务教育小学生均公用经费", "780元/生/年"),
            ("安全情况", "有效"),
        ),
    ),
    notes=(
        "Rebuilt from the HTML table on the 临邑县人民政府 site (临邑县师范附属小学 > 预决算信息, published 2025-12-25). The "
        "stored copy is complete (it runs into the site footer) but prints one cell per line, so the grid is inferred: 5 "
        "columns from the indicator header 一级 | 二级 | 三级 | 年度数值 | 备注; label rows with their value merged across; "
        "项目资金申请(万元) as a left label merged down its three rows (资金总额: / 财政拨款: / 其他:, the last blank); 产出值 "
        "and 效益值 merged down their rows (printed once). The 备注 cells are blank. Operators are ASCII as printed "
        "(“<=”, “=”). The amounts are kept as text (“438.768”, 3 decimals as printed). No 满意度 indicators and no "
        "signature line in the copy. Nothing shortened."
    ),
)
