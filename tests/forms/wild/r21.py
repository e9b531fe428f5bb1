"""R21 — 2020 湖北 通城县塘湖镇人民政府 部门整体支出绩效自评 (Hubei 20 + 80 layout, Word table, 万元).

No title and no year in the copy: it opens with “单位名称：塘湖镇政府 填报日期：2021.5.18” above the table (the
evaluated year, 2020, follows from the filing date only). Label–value header rows “基本支出总额 | 864.2万 | 项目支出总额
| 0” (unit glued to the number); funds block “预算执行情况（万元）（20分） | 预算数（A） | 执行数（B） | 执行率（B/A） |
得分（20分*执行率）” with one row 部门整体支出总额 (one amount only, 100%, 20); “年度目标1：（80分）” as a target row;
indicator header “年初目标值（A） | 实际完成值（B） | 得分” with no 分值 column (the 得分 column is the
weight); repeated (not merged) second-level labels and the typo “日效性指标”; ≧ in a target; 总分 printed
as “100分”; two closing rows 偏差大或目标未完成原因分析 / 改进措施及结果应用方案.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R21",
    source="http://www.zgtc.gov.cn/xxgk/dfbmptlj/xzxxgkpt/thz/fdzdgknr_22529/czzj_22533/202108/t20210825_2381407.shtml",
    title="(no title printed; the copy opens with “单位名称：塘湖镇政府 填报日期：2021.5.18”)",
    place="湖北省咸宁市通城县塘湖镇",
    sector="乡镇人民政府（整体支出）",
    sheets=(
        Sheet(
            "部门整体支出绩效自评",
            """
单位名称 | 塘湖镇人民政府 | < | < | < | < | < | < | < | <
基本支出总额 | 864.2万 | < | < | 项目支出总额 | < | 0 | < | < | <
预算执行情况（万元）\\n（20分） | 预算数（A） | < | 执行数（B） | < | 执行率（B/A） | < | 得分\\n（20分*执行率） | < | <
部门整体支出总额 | 864.2 | < |  | < | 100% | < | 20 | < | <
年度目标1：（80分） | 增强政府工作效率、改善乡镇居住环境 | < | < | < | < | < | < | < | <
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | < | 年初目标值（A） | < | 实际完成值（B） | < | 得分
^ | 产出指标 | 数量指标 | 办结信访案件 | < | 168起 | < | 168起 | < | 10
^ | ^ | 数量指标 | 拆除活人墓、豪华墓 | < | 32座 | < | 32座 | < | 20
^ | ^ | 日效性指标 | 解决群众问题时间 | < | 2天以内 | < | 2天以内 | < | 10
^ | 效益指标 | 社会效益指标 | 改善人居环境 | < | 有效改善 | < | 有效改善 | < | 10
^ | ^ | 社会效益指标 | 提升出行效率 | < | 有效提升 | < | 有效提升 | < | 10
^ | 满意度指标 | 群众满意度\\n指标 | 群众对政府工作满意度 | < | ≧90% | < | 95% | < | 20
总分 | < | < | < | < | < | < | < | < | 100分
偏差大或\\n目标未完成\\n原因分析 | 无 | < | < | < | < | < | < | < | <
改进措施及\\n结果应用方案 | 无 | < | < | < | < | < | < | < | <
""",
            before=("单位名称：塘湖镇政府　　　　填报日期：2021.5.18",),
        ),
    ),
    expect=Expect(
        kind="department_self_evaluation",
        year=2020,
        money_unit="万元",
        projects=1,
        indicators=6,
        figures={"execution_rate": "100", "total_score": "100"},
        funds=(("部门整体支出总额", "budget", "864.2"),),
        targets=(("群众对政府工作满意度", "≧90%"), ("办结信访案件", "168起")),
    ),
    file_kind="docx",
    notes=(
        "Rebuilt from the stored copy of a page in 通城县 (zgtc.gov.cn) 塘湖镇 财政资金 disclosure, a flattened "
        "HTML table. The copy has no title line (page title not stored): place read from the site (通城县) and "
        "the unit name; year 2020 inferred from 填报日期 2021.5.18. Left out: the 备注 printed under the table "
        "(1. 预算执行情况口径 … 4. 基于经济性 — cut there), a note, not part of the table. "
        "The flattened copy keeps cell order but not positions or merges: the 10-column grid and all spans "
        "are a reconstruction that matches the cell counts of each row. 部门整体支出总额 prints ONE amount "
        "(864.2) for the two columns 预算数（A）/ 执行数（B）; it is placed under 预算数（A） and 执行数（B） is "
        "left empty (it may as well be the 执行数, or one value spread over both). “100分” is placed in the "
        "得分 column of the 总分 row; it equals 20 (执行) + 80 (indicator scores 10+20+10+10+10+20). "
        "Scores only, no separate 分值 column: each indicator’s 得分 equals the weight it could get."
    ),
)
