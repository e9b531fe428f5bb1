# ruff: noqa: E501
"""R31 — 2021 内蒙古 乌海市供销合作社联合社: 再生资源回收市场管理经费项目绩效目标表 (target table with weights).

A budget-system export: coded labels “(31)部门预算项目”, “(433)乌海市供销合作社联合社(部门)”; funds as 投入目标
(万元) with 资金来源 / 年初安排金额(万元) label-value rows; 年度目标 as one long cell listing 目标1…目标5; a
full-width row “绩效指标(权重分值90分,其中产出指标权重分值50分,…)” above a flat header where every row repeats
its 一级 and 二级 (no merges); split target columns 指标性质 (正向/反向) | 指标方向 (“=”, the operator) | 目标值 |
计量单位, a 分值 column and 备注. Two time targets are Excel date serials printed “44,561” (= 2021-12-31) in
both 目标值 and 计量单位; a cost target rounds to “0 万元/人”; one row has no unit.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R31",
    source="http://gxs.wuhai.gov.cn/whsgxshzslhs/1096934/sjtj/1341823/index.html",
    title="再生资源回收市场管理经费项目绩效目标表",
    place="内蒙古自治区乌海市",
    sector="商贸流通（供销社，再生资源回收市场管理）",
    sheets=(
        Sheet(
            "绩效目标表",
            """
再生资源回收市场管理经费项目绩效目标表 | < | < | < | < | < | < | < | <
(2021年) | < | < | < | < | < | < | < | <
项目名称 | 再生资源回收市场管理经费 | < | < | < | < | < | < | <
项目类别 | (31)部门预算项目 | < | < | < | < | < | < | <
归口科室 | (08)经济贸易科 | < | < | < | < | < | < | <
主管部门 | (433)乌海市供销合作社联合社(部门) | < | < | < | < | < | < | <
实施单位 | (433001)乌海市供销合作社联合社 | < | < | < | < | < | < | <
投入目标\\n(万元) | 资金来源 | < | < | 年初安排金额(万元) | < | < | < | <
^ | 资金总额 | < | < | #3 | < | < | < | <
^ | 其中: 财政拨款数 | < | < | #3 | < | < | < | <
^ | 其他资金 | < | < | #0 | < | < | < | <
年度目标 | 围绕国家关于建设节约型社会和发展循环经济的要求,……达成以下目标: 目标1:聘用人员1人,出差8人 目标2:聘用人员在岗率100% 目标3:2021年12月31日前完成 目标4:年度预算总金额3万元 目标5:促进资源循环和高效利用,改善城乡生态环境。 | < | < | < | < | < | < | <
绩效指标(权重分值90分,其中产出指标权重分值50分,效益指标权重分值30分,满意度指标权重分值10分) | < | < | < | < | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 目标值 | 计量单位 | 分值 | 备注
产出指标 | 数量指标 | 出差人数 | 正向 | = | #8 |  | #4 |
产出指标 | 数量指标 | 出差人次 | 正向 | = | #24 | 人/次 | #4 |
产出指标 | 质量指标 | 工作任务完成率 | 正向 | = | #100 | % | #4 |
产出指标 | 时效指标 | 项目财政资金到位时间 | 正向 | = | #44561 | #44561 | #10 |
产出指标 | 时效指标 | 财政资金到位及时支付率 | 正向 | = | #100 | % | #4 |
产出指标 | 时效指标 | 工作计划按时完成时间 | 正向 | = | #44561 | #44561 | #4 |
产出指标 | 成本指标 | 出差单位成本 | 反向 | = | #0 | 万元/人 | #4 |
产出指标 | 成本指标 | 出差总成本 | 反向 | = | #1 | 万元 | #4 |
产出指标 | 成本指标 | 劳务人员总成本 | 反向 | = | #2 | 万元 | #4 |
产出指标 | 成本指标 | 办公费总成本 | 反向 | = | #0 | 万元 | #4 |
产出指标 | 成本指标 | 年度预算总成本 | 反向 | = | #3 | 万元 | #4 |
""",
            widths=(12, 12, 24, 10, 10, 10, 10, 8, 8),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2021,
        money_unit="万元",
        projects=1,
        indicators=11,
        funds=(("资金总额", "budget", "3"), ("财政拨款数", "budget", "3"), ("其他资金", "budget", "0")),
        targets=(
            ("出差人次", "=24人/次"),
            ("工作任务完成率", "=100%"),
            ("出差总成本", "=1万元"),
            ("年度预算总成本", "=3万元"),
        ),
    ),
    notes=(
        "Rebuilt from the HTML text on the 乌海市供销合作社 site (栏目 数据统计, published 2022-09-12), which is a flattened "
        "export: label and value on one line each, then one line per indicator with its cells space-separated. The copy is "
        "TRUNCATED right after the last 成本指标 row (it stops at “效”): the 效益 and 满意度 rows (30 + 10 of the 90 weight "
        "points) are missing; the 11 产出 rows carry exactly the 50 points the weight line announces. Layout choices: 9 columns "
        "(the indicator header), top labels with their value merged across; 投入目标(万元) merged down its four rows; the "
        "绩效指标(…) weight line as a full-width row above the header (its position is not certain; it may be a left column). "
        "Column semantics as printed: 指标性质 holds 正向/反向 (a direction) and 指标方向 holds the operator “=”, so the "
        "target is operator + 目标值 + 计量单位 (“=24人/次”); 正向/反向 is not part of it. The two date targets print "
        "“44,561” in both 目标值 and 计量单位 (an Excel serial for 2021-12-31 with a thousands separator); stored here as the "
        "number 44561 in both cells (the notation cannot set the #,##0 format). “0 万元/人” (3万元 over 8 trips rounded) and "
        "the unit-less “8” for 出差人数 kept. Numbers stored as Excel numbers throughout. 年度目标 shortened at its opening "
        "clause (marked ……); the 目标1–5 list is kept as printed."
    ),
)
