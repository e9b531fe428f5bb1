# ruff: noqa: E501
"""R51 — 2021 湖北 广水市人民政府办公室 部门整体支出绩效目标申报表 (Hubei whole-department target table, 万元).

“附件2：” above the title; no year in the title — only “填报日期：2021年1月28日”; 部门（单位）名称 / 填报人 / 联系电话 on
one row; a 部门总体资金情况（单位：万元） block with a two-level left label (收入构成 / 支出构成 × 财政拨款 / 其他资金 /
合计, 基本支出 / 项目支出 / 合计) and columns 当年金额 | 占比 | 近两年收支金额 (two empty “年” sub-columns); two 合计
rows (income and expenditure) with the same amount; 占比 as % cells; the 财政拨款 row has no 占比. Then 部门职能概述
as a long numbered text. The copy stops inside 部门职能概述 — no 年度主要任务, no indicators.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R51",
    source="https://pdf.chddh.cn/archives/m536dx2vr743xlkg7098.html",
    title="部门整体支出绩效目标申报表",
    place="湖北省随州市广水市",
    sector="政府办公室（市直机关）",
    sheets=(
        Sheet(
            "部门整体支出绩效目标申报表",
            """
附件2： | < | < | < | < | < | <
部门整体支出绩效目标申报表 | < | < | < | < | < | <
填报日期：2021年1月28日 | < | < | < | < | < | <
部门（单位）名称 | 广水市人民政府办公室 | < | 填报人 | 张某 | 联系电话 | 0000000
部门总体\\n资金情况\\n（单位：万元） | 总体资金情况 | < | 当年\\n金额 | 占比 | 近两年收支金额 | <
^ | ^ | ^ | ^ | ^ | 年 | 年
^ | 收入构成 | 财政拨款 | #968.1918 |  |  |
^ | ^ | 其他资金 |  |  |  |
^ | ^ | 合计 | #968.1918 | #100% |  |
^ | 支出构成 | 基本支出 | #724.2318 | #74.8% |  |
^ | ^ | 项目支出 | #243.96 | #25.2% |  |
^ | ^ | 合计 | #968.1918 | #100% |  |
部门职能概述 | （一）负责全市人民防空工作。\\n（二）围绕市政府的重点工作和市政府领导同志的指示，组织专题调查研究，及时反映情况，提出建议。\\n（三）负责起草《政府工作报告》和市政府领导同志的讲话。……\\n（十二）统筹安排市政府领导同志的公务活动。负责市政府重大活动的组织 | < | < | < | < | <
""",
            widths=(14, 12, 12, 12, 10, 10, 10),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2021,
        money_unit="万元",
        projects=0,
        indicators=0,
        funds=(
            ("财政拨款", "budget", "968.1918"),
            ("基本支出", "budget", "724.2318"),
            ("项目支出", "budget", "243.96"),
        ),
    ),
    notes=(
        "Rebuilt from the stored copy of “广水市人民政府办公室整体支出绩效目标.pdf” (a PDF mirror page), the PDF’s text "
        "layer in reading order with no cell separators: the 7-column grid and every span are a reconstruction "
        "following the Hubei 部门整体支出绩效目标申报表 template the copy’s labels match. Year: the form prints no "
        "year other than 填报日期 2021年1月28日 (the 近两年收支金额 years are blank); a target table filed in January "
        "2021 states the 2021 targets, so 2021 is expected. Amounts: the text layer prints “968.191 8” (a number "
        "wrapped inside a narrow cell) and “7242318” for 基本支出; they are rebuilt as 968.1918 and 724.2318 — "
        "724.2318 + 243.96 = 968.1918 and 724.2318 / 968.1918 = 74.8% confirm the decimal point the text layer "
        "lost. The 财政拨款 row shows no 占比 in the copy (left empty). Placeholders: 填报人 (a name) → 张某, the "
        "phone → 0000000. 部门职能概述 (twelve numbered duties) is shortened to three and the last, cut where the "
        "copy stops (“…负责市政府重大活动的组织”); nothing after it (年度主要任务, 绩效目标, 指标) is in the copy. projects=0: a whole-department target table that lists no "
        "年度主要任务 has no project rows (the test counts 1 for a task-less form only for self-evaluations)."
    ),
)
