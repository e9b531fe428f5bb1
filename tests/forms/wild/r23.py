# ruff: noqa: E501
"""R23 — 2019 福建 中共宁德市委党史和地方志研究室 部门整体支出绩效目标表 (whole-department target table, 万元).

A year line with a lost opening bracket (“2019年度）”); 年度预算安排（万元） as label–value rows 资金总额 / 项目支出 / 基本支出;
年度总体目标 as four numbered targets in one cell; a 年度履职目标 block “部门职能 | 年度目标任务 | 支出项目名称 | 预算金额（万元）”
(the whole-department counterpart of 年度主要任务) whose 基本支出 row says 171.41 although the 基本支出 budget is 110.61,
and an empty template row; the indicator block has no left label and starts at the first column (一级指标 | 二级指标 |
三级指标 | 指标解释 | 目标值); 指标解释 holds the standard (“100%（历史标准）”); target cells mix a % number cell (100%) and
a bare 1 (a 100% typed as General), and “≥60%” text. The public copy stops at the 成本指标 row.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R23",
    source="http://ndfzw.com/ggl/2019-12-31/7211.html",
    title="部门整体支出绩效目标表 2019年度）",
    place="福建省宁德市",
    sector="党史和地方志（市直机关）",
    sheets=(
        Sheet(
            "部门整体支出绩效目标表",
            """
部门整体支出绩效目标表 | < | < | < | <
2019年度） | < | < | < | <
部门（单位）名称 | 中共宁德市委党史和地方志研究室 | < | 部门预算编码 | 901001033
年度\\n预算\\n安排\\n（万元） | 资金总额 | #171.41 | < | <
^ | 项目支出 | #60.8 | < | <
^ | 基本支出 | #110.61 | < | <
年度\\n总体\\n目标 | 目标1：确保本室各人员工资及福利的发放；\\n目标2：对合作社区、退休人员及遗孀、困难群众进行一定程度的补助；\\n目标3：确保本室日常办公所需经费正常运行；\\n目标4：保障志鉴地情相关工作开展所需资金，确保完成2019年度任务。 | < | < | <
年度\\n履职\\n目标 | 部门职能 | 年度目标任务 | 支出项目名称 | 预算金额（万元）
^ | 组织、指导、编纂、督促和检查地方志、年鉴、地情工作 | 保障志鉴地情相关工作开展所需资金，确保完成2019年度任务 | 地情、市志编纂与年鉴出版经费 | #49.8
^ | 确保本室各人员工资及福利的发放 | 按时发放2019年人员福利 | 地情、市志编纂与年鉴出版经费 | #11
^ | 确保日常工作正常运行 | 按时发放2019年人员工资待遇 | 基本支出 | #171.41
^ |  |  |  |
一级指标 | 二级指标 | 三级指标 | 指标解释 | 目标值
产出指标 | 数量指标 | 志鉴地情相关工作开展所需资金的供应时效 | 100%（历史标准） | #100%
^ | ^ | 确保日常工作正常运行 | 100% | #100%
^ | ^ | 按年度发放绩效奖、文明奖、综治平安奖、应休未休补贴 | 60% | ≥60%
^ | 质量指标 | 调研、督促、指导志、鉴、地情编纂的县（市、区）的覆盖率 | 90%（计划标准） | #1
^ | ^ | 各类书籍审稿率 | 100%（计划标准） | #1
^ | 时效指标 | 项目完成时间 | 2019年12月（计划标准） | #100%
""",
            widths=(12, 30, 36, 26, 16),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2019,
        money_unit="万元",
        projects=3,
        indicators=6,
        funds=(("资金总额", "budget", "171.41"), ("项目支出", "budget", "60.8")),
        targets=(("按年度发放绩效奖", "≥60%"), ("项目完成时间", "100%")),
    ),
    notes=(
        "Rebuilt from the stored copy of the page “19年度部门整体支出绩效目标（原方志委）” (2019-12-31), the text of "
        "the attached .xls “部门整体支出绩效目标表(60.8).xls” (附件4). The copy stops after “成本指标  基本支出”, so the "
        "成本指标 row (no values printed) and everything after it (效益 / 满意度 indicators) are left out. "
        "The year line is printed “2019年度)” without its opening bracket; kept. projects=3 counts the three "
        "filled 年度履职目标 rows (the fourth row of that block is empty in the copy). Printed inconsistency kept: "
        "the 基本支出 row of 年度履职目标 says 171.41 (= 资金总额) while 年度预算安排 gives 基本支出 110.61; "
        "49.8 + 11 = 60.8 = 项目支出 and 60.8 + 110.61 = 171.41 agree. Target cells: the copy shows “100%” "
        "and bare “1” in the 目标值 column; both are read as number cells (1 in General format, 100% in a % "
        "format), which is how an .xls prints a 100% typed once with and once without a percent format; "
        "the 1 may be meant as 100%. The layout (5 columns, indicator block starting at column A, no 年度绩效指标 "
        "label) follows the cell counts of the copy; the copy has no merge information."
    ),
)
