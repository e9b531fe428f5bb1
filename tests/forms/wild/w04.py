# ruff: noqa: E501
"""W04 — 2021 安徽 宣城市公安局 禁毒经费: the national 财预〔2020〕10号 template verbatim.

Funds headers 全年预算数（A） / 全年执行数（B） / 执行率（B/A）; block label 年度总体目标完成情况; 一级 written vertically as
产出指标（50分）; a …… placeholder row; 指标1：… numbering; the copy stops in the first 质量指标 row. (shared/forms/real/W04.md)
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="W04",
    source="https://gaj.xuancheng.gov.cn/OpennessContent/show/2572090.html",
    title="项目支出绩效自评表（2021年度）",
    place="安徽省宣城市",
    sector="公安（禁毒）",
    sheets=(
        Sheet(
            "Sheet1",
            """
项目支出绩效自评表 | < | < | < | < | < | < | < | <
（2021年度） | < | < | < | < | < | < | < | <
项目名称 | 禁毒经费 | < | < | < | < | < | < | <
主管部门 | 宣城市公安局 | < | < | 实施单位 | 禁毒支队 | < | < | <
项目资金\\n（万元） |  | 年初预算数 | 全年预算数\\n（A） | 全年执行数\\n（B） | 分值 | 执行率\\n（B/A） | 得分 | <
^ | 年度资金总额： | #100 | #100 | #100 | #10 | 100% | #10 | <
^ | \\s其中：本年财政拨款 | #100 | #100 | #100 | - |  | - | <
^ | \\s\\s\\s\\s上年结转资金 |  |  |  | - |  | - | <
^ | \\s\\s\\s\\s\\s\\s\\s其他资金 |  |  |  | - |  | - | <
年度总体目标完成情况 | 预期目标 | < | < | < | 实际完成情况 | < | < | <
^ | 支持公安机关开展禁毒业务工作，补助必须的办案、业务、装备等开支，有效的打击毒品犯罪，遏制毒品蔓延、毒品渗透、毒品制贩和毒品流入非法渠道，进一步巩固禁种铲毒工作成果，进一步增强全民禁毒意识 | < | < | < | 有效的打击了毒品犯罪，遏制了毒品蔓延、毒品渗透、毒品制贩和毒品流入非法渠道，进一步巩固了禁种铲毒工作成果，进一步增强了全民禁毒意识，提升了群众安全感和满意度。 | < | < | <
年度绩效指标完成情况 | 一级\\n指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
^ | 产\\n出\\n指\\n标\\n（50分） | 数量指标 | 指标1：禁毒舞台剧宣传的场次 | ≥1场 | 1场 | #12 | #12
^ | ^ | ^ | 指标2：毛发检查试剂数量 | ≥2400份 | 3200份 | #12 | #12
^ | ^ | ^ | ……
^ | ^ | 质量指标 | 指标1：经费支出合规性 | 严格执行相关财经法规制度 | 严格执行相关财经法
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2021,
        money_unit="万元",
        projects=1,
        indicators=3,
        figures={"execution_rate": "100"},
        funds=(("年度资金总额", "budget", "100"), ("年度资金总额", "executed", "100")),
        targets=(("禁毒舞台剧宣传的场次", "≥1场"),),
    ),
    notes="Rebuilt by the project's CEO from the published copy (shared/forms/real/W04-xuancheng-antidrug-2021.xlsx); see its .md.",
)
