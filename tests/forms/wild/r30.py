# ruff: noqa: E501
"""R30 — 2023 湖南 湘潭市环境卫生管理处 雾炮车降尘抑尘服务: 2023年项目支出绩效目标申报表 (target table).

A city-level target form with its own labels: 项目支出名称 / 预算部门, 年度本级预算金额 “250万” beside
该项目支出上级资金 “0” as label-value pairs (unit 万元 only in the 填报单位 line), 项目支出实施期,
实施期绩效目标 and 本年度绩效目标 as two label rows, a left column “本年度绩效指标” merged down the indicator
block, the target header 指标值及单位 (value and unit in one cell: “10辆”, “≥80M”, “250万”) followed by a
绩效标准 column (“计划标准”), empty 经济/生态/可持续 rows, and the 满意度 label written as one cell
“社会公众或服务对象满意度指标” over 一级 and 二级.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R30",
    source="http://xtcg.xiangtan.gov.cn/15068/15075/26693/content_1250928.html",
    title="2023年项目支出绩效目标申报表",
    place="湖南省湘潭市",
    sector="城市管理（环境卫生，雾炮车降尘抑尘服务）",
    sheets=(
        Sheet(
            "目标申报表",
            """
2023年项目支出绩效目标申报表 | < | < | < | < | <
填报单位:(盖章)                              单位:万元 | < | < | < | < | <
项目支出名称 | 雾炮车降尘抑尘服务 | < | 预算部门 | 湘潭市环境卫生管理处 | <
年度本级\\n预算金额 | 250万 | < | 该项目支出上级资金 | 0 | <
项目支出实施期 | 2023.07-2024.01 | < | < | < | <
实施期绩效目标 | 通过采购雾炮车降尘抑尘服务,服务周期2023.07-2024.01,全市空气质量达到优良 | < | < | < | <
本年度绩效目标 | 通过采购雾炮车降尘抑尘服务,服务周期2023.07-2024.01,全市空气质量达到优良 | < | < | < | <
本年度\\n绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值及单位 | 绩效标准
^ | 产出指标 | 数量指标 | 雾炮车降尘抑尘服务配备车辆数 | 10辆 | 计划标准
^ | ^ | ^ | 雾炮车风炮射程 | ≥80M | 计划标准
^ | ^ | 质量指标 | 服务周期内空气质量 | 优良 | 计划标准
^ | ^ | 时效指标 | 服务周期 | 2023.07-2024.01 | 计划标准
^ | ^ | 成本指标 | 控制在预算成本内 | 250万 | 计划标准
^ | 效益指标 | 经济效益指标 |  |  |
^ | ^ | 社会效益指标 | 服务周期内,市民对空气质量改善的满意程度 | ≥85% | 计划标准
^ | ^ | 生态效益指标 |  |  |
^ | ^ | 可持续影响指标 |  |  |
^ | 社会公众或服务对象满意度指标 | < | 市民满意度 | ≥90% | 计划标准
财政部门审核意见 |  | < | < | < | <
填表人: 张某     联系电话:0000000     填报日期:      单位负责人签字: | < | < | < | < | <
""",
            widths=(12, 12, 14, 30, 16, 12),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2023,
        money_unit="万元",
        projects=1,
        indicators=7,
        funds=(("预算金额", "budget", "250"), ("上级资金", "budget", "0")),
        targets=(
            ("配备车辆数", "10辆"),
            ("雾炮车风炮射程", "≥80M"),
            ("服务周期内空气质量", "优良"),
            ("控制在预算成本内", "250万"),
            ("市民满意度", "≥90%"),
        ),
    ),
    notes=(
        "Rebuilt from the HTML table on the 湘潭市城市管理和综合执法局 site (page title: 湘潭市环境卫生管理处2023年雾炮车降尘抑尘"
        "服务项目支出绩效目标申报表). The page is complete (no truncation). The column count (6) and the label/value spans "
        "are inferred from the flattened HTML: 4 cells in the 项目支出名称 / 年度本级 rows, 2 in the 实施期 / 目标 rows, "
        "5 in each indicator row under a left “本年度 绩效指标” cell. “年度本级 预算金额” and “本年度 绩效指标” carry a line "
        "break as printed with a space. Punctuation (ASCII “,” “:” “(”) as in the stored copy. The amount is “250万” (text, "
        "万 suffix) while the header line says 单位:万元; the same “250万” is the 成本指标 target. “≥80M” (M for 米) kept. "
        "The 满意度 row prints only one label before 市民满意度, spread here over 一级+二级. 经济/生态/可持续 rows are empty "
        "placeholders (not counted). Filler's name and phone replaced (张某 / 0000000)."
    ),
)
