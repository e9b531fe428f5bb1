# ruff: noqa: E501
"""R54 — 2024 内蒙古 巴彦淖尔市自然资源局甘其毛都口岸分局 项目支出绩效自评表 (system export, operators in words).

National 项目支出绩效自评表 layout as exported by the Inner Mongolia budget system: 项目资金（万元） with 年初预算数 |
全年预算数 | 全年执行数 | 分值 | 执行率（%） | 得分, the rate printed as a bare number under a “（%）” header, ——
placeholders, and an 其他资金 row whose 执行率 is 0 although 1.8 of 1.8 was spent; the indicator block has TWO
nature columns — 指标性质 (正向) and 指标方向 (大于等于 / 小于等于 / 等于, the comparison in WORDS, not signs) — then
年度指标值 | 实际完成值 | 计量单位 (bare numbers with the unit in its own column) | 分值 | 得分 | 偏差原因分析及改进措施;
third-level names numbered and carrying a unit (“指标1：租车次数（次）”); the 一级指标 cell is EMPTY for the 产出
rows. The copy stops at the 时效指标 row (“指标…”).
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R54",
    source="http://zrzy.bynr.gov.cn/zwgk/czyjs/202509/t20250924_714315.html",
    title="项目支出绩效自评表（2024年度）",
    place="内蒙古自治区巴彦淖尔市（甘其毛都口岸）",
    sector="自然资源（口岸分局业务支出）",
    sheets=(
        Sheet(
            "项目支出绩效自评表",
            """
项目支出绩效自评表\\n（2024年度） | < | < | < | < | < | < | < | < | < | < | <
项目名称 | 内蒙古自治区巴彦淖尔市自然资源局甘其毛都口岸分局自然资源业务支出项目 | < | < | < | < | < | < | < | < | < | <
主管部门 | 内蒙古自治区巴彦淖尔市自然资源局（部门） | < | < | < | < | 实施单位 | < | 内蒙古自治区巴彦淖尔市自然资源局甘其毛都口岸分局 | < | < | <
项目资金\\n（万元） |  | 年初预算数 | < | 全年预算数 | < | 全年执行数 | < | 分值 | 执行率（%） | 得分 | <
^ | 年度资金总额 | #0 | < | #2.38 | < | #2.38 | < | #10 | #100 | #10 | <
^ | 其中：财政拨款 | #0 | < | #0.58 | < | #0.58 | < | —— | #100 | —— | <
^ | 其他资金 | #0 | < | #1.8 | < | #1.8 | < | —— | #0 | —— | <
年度总体目标 | 预期目标 | < | < | < | < | 实际完成情况 | < | < | < | < | <
^ | 目标1：通过开展自然调查，全面查清全市资源利用状况，实现资源信息的社会化服务，实现资源宏观调控及资源管理的需要。 | < | < | < | < | 负责编制辖区内国土空间规划并监督实施，落实辖区内自然资源调查监测评价工作；……推动自然资源领域科技发展。 | < | < | < | < | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 年度指标值 | 实际完成值 | 计量单位 | 分值 | 得分 | 偏差原因分析及改进措施
^ |  | 数量指标 | 指标1：租车次数（次） | 正向 | 大于等于 | #1 | #1 | 次 | #8 | #8 |
^ | ^ | ^ | 指标2：宣传美工制作个数（个） | 正向 | 小于等于 | #1 | #1 | 个 | #7 | #7 |
^ | ^ | 质量指标 | 指标1：租车达标率 | 正向 | 等于 | #100 | #100 | % | #8 | #8 |
^ | ^ | ^ | 指标2：宣传合格率 | 正向 | 等于 | #100 | #100 | % | #7 | #7 |
""",
            widths=(10, 10, 10, 22, 8, 10, 10, 10, 8, 8, 8, 16),
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2024,
        money_unit="万元",
        projects=1,
        indicators=4,
        figures={"execution_rate": "100"},
        funds=(
            ("年度资金总额", "budget", "2.38"),
            ("财政拨款", "executed", "0.58"),
            ("其他资金", "budget", "1.8"),
        ),
        targets=(("租车次数", "大于等于1次"), ("宣传美工制作个数", "小于等于1个"), ("宣传合格率", "等于100%")),
    ),
    notes=(
        "Outside this batch's whole-department focus (no further whole-department form could be found in the stored "
        "pages); kept for its indicator columns. Rebuilt from the stored copy of the 2024 决算公开报告 page of the "
        "巴彦淖尔市自然资源局甘其毛都口岸分局 (the form is the first thing on the page), an HTML table flattened with "
        "“|” separators and empty cells for merged positions; the 12-column grid follows the cell counts of the "
        "indicator header row, and the spans of the upper rows (年初预算数 … 得分 over two columns each where the "
        "counts leave room) are a reconstruction. The 一级指标 cell of the four 产出 rows is empty in the copy (kept "
        "empty; 数量指标 / 质量指标 say 产出指标). Printed inconsistency kept: 其他资金 1.8 of 1.8 with 执行率 0. "
        "实际完成情况 is shortened (“……”). The copy stops at “时效指标 | 指标”: that row (name cut) and everything after "
        "it (效益、满意度 indicators, 总分) are left out. Targets are expected as written with the word operator of "
        "指标方向 and the unit of 计量单位 (大于等于 + 1 + 次 → “大于等于1次”), the way a split “=” + “100” + “%” "
        "imports as “=100%”; 正向 is the indicator's nature, not an operator."
    ),
)
