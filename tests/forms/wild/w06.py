# ruff: noqa: E501
"""W06 — 2021 贵州 绥阳县太白镇人民政府: 部门整体支出绩效自评表 (Guizhou layout).

No year in the title (only 填报日期 2022年2月3日); funds headers 年初预算数（A） / 全年执行数（B） / 分值（10分） / 得分 / 得分计算方法;
rows 年度资金总额 / 基本支出 / 项目支出 each with its own 分值 and 得分; the copy stops after the indicator header. (W06.md)
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="W06",
    source="https://www.suiyang.gov.cn/xzjd_5682378/tbz_5682388/zfxxgk_5682340/fdzdgknr_5682343/czyjs_5865203/202208/t20220824_76240024.html",
    title="部门整体支出绩效自评表",
    place="贵州省遵义市绥阳县",
    sector="乡镇政府",
    sheets=(
        Sheet(
            "整体支出自评表",
            """
部门整体支出绩效自评表 | < | < | < | < | < | < | < | <
单位（盖章）：绥阳县太白镇人民政府 | < | < | < | < | 填报日期：2022年2月3日 | < | < | <
部门（单位）名称 | < | 绥阳县太白镇人民政府 | < | < | < | < | < | <
部门（单位）总体\\n资金（万元） | 资　金　来　源 | 年初预算数（A） | 全年执行数（B） | 分值（10分） | 得分 | 得分计算方法 | < | <
^ | 年度资金总额： | #1172.55 | #1268.72 | #10 | #10 | 执行率*该指标分值，最高不得超过分值上限。 | < | <
^ | 基本支出 | #985.19 | #914.97 | #10 | #10 | ^ | ^ | ^
^ | 项目支出 | #187.36 | #353.75 | #10 | #10 | ^ | ^ | ^
^ | 其他 |  |  |  |  | ^ | ^ | ^
年度总体目标 | 年初设定目标 | < | < | < | 年度总体目标完成情况 | < | < | <
^ | （1）制定和组织实施经济、科技和社会发展计划，制定资源开发技术改造和产业结构调整方案，组织指导好各业生产，搞好商品流通……（2）制定并组织实施村镇建设规划……（3）按计划组织本级财政收入和地方税的征收……（4）完成上级政府交办的其它事项。 | < | < | < | （1）积极履职，强化管理，较好地完成本年工作任务。（2）通过加强预算收支管理，不断建立健全内部管理制度，部门整体支出管理水平得到提升……（5）完成上级政府交办的其它事项。 | < | < | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值（A） | 全年实际值（B） | 分值 | 得分计算方法 | 得分
""",
        ),
    ),
    expect=Expect(
        kind="department_self_evaluation",
        year=2021,
        money_unit="万元",
        projects=1,
        indicators=0,
        funds=(("年度资金总额", "budget_initial", "1172.55"), ("基本支出", "executed", "914.97")),
    ),
    notes="Rebuilt by the project's CEO from the published copy (shared/forms/real/W06-suiyang-taibai-dept-2021.xlsx); see its .md.",
)
