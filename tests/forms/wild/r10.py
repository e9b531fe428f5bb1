# ruff: noqa: E501
"""R10 — 2022 四川 德阳市中江县 water-price reform (衔接资金): 绩效目标自评表（2022年度）, scored 10 + 100.

The national 衔接资金 template as a county water bureau filled it: title 绩效目标自评表 although it is a
self-evaluation; 资金情况（万元） with 全年预算数(A) / 全年执行数(B) / 分值 / 执行率(B/A) / 得分 and no
年初预算数 column; 分值 placed before 年度指标值; a label 绩效指标 merged down the whole indicator block;
weights carried by the 一级 cells (产出指标(70分)) that contradict the note printed under the form (产出
50); an empty 经济效益指标 row; a template row ……; 总分 100 / 100 although the funds row adds another 10;
a note row under the table. Amounts and scores are numbers in the sheet.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R10",
    source="https://chacewang.com/newsdetail/news242266.html",
    title="绩效目标自评表(2022年度)",
    place="四川省德阳市中江县",
    sector="水利（衔接资金：农业水价综合改革、小型水库水标尺）",
    sheets=(
        Sheet(
            "绩效自评表",
            """
绩效目标自评表 | < | < | < | < | < | < | < | <
(2022年度) | < | < | < | < | < | < | < | <
项目名称 | 中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装 | < | < | < | 项目负责人及电话 | < | 张某0000000(办公) | <
主管部门 | 中江县水利局 | < | < | < | 实施单位 | < | 中江县水利局 | <
资金情况(万元) |  | 全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 | < | <
^ | 年度资金总额: | #20 | #20 | #10 | #100.00% | #10 | < | <
^ | 其中:本年财政拨款 | #20 | #20 |  |  |  | < | <
^ | 其他资金 |  |  |  |  |  | < | <
年度总体目标 | 年初设定目标 | < | < | < | 年度总体目标完成情况综述 | < | < | <
^ | 对农村地区供水计量设施设备进行改进,对项目区农业用水计量,为项目区农业生产夯实基础, | < | < | < | 对项目区农业用水计量,为项目区农业生产夯实基础, | < | < | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因及拟采取的改进措施
^ | 产出指标(70分) | 数量指标 | 安装坡面水标尺 | #10 | ≥266米 | ≥266米 | #10 |
^ | ^ | ^ | 水标尺宽度 | #10 | ≥50厘米 | ≥50厘米 | #10 |
^ | ^ | 质量指标 | 项目(工程)验收合格率 | #20 | 100% | 100% | #20 |
^ | ^ | 时效指标 | 及时(按期)开工率 | #10 | ≥90% | ≥90% | #10 |
^ | ^ | ^ | 及时(按期)完工率 | #10 | ≥90% | ≥90% | #10 |
^ | ^ | 成本指标 | 项目计划总投资 | #10 | 20万元 | 20万元 | #10 |
^ | 效益指标(20分) | 经济效益指标 |  |  |  |  |  |
^ | ^ | 社会效益指标 | 受益脱贫(含监测对象)户人口数 | #10 | ≥1000人 | ≥1000人 | #10 |
^ | ^ | ^ | 群众生产生活条件改善状况 | #10 | 显著提升 | 显著提升 | #10 |
^ | 满意度指标(10分) | 服务对象满意度指标 | 受益脱贫(含监测对象)户满意度 | #10 | ≥95% | ≥95% | #10 |
^ | ^ | ^ | …… |  |  |  |  |
总分 | < | < | < | #100 |  |  | #100 |
注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分,……3.定量指标若为正向 | < | < | < | < | < | < | < | <
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2022,
        money_unit="万元",
        projects=1,
        indicators=9,
        figures={"execution_rate": "100.00", "total_score": "100"},
        funds=(("年度资金总额", "budget", "20"), ("年度资金总额", "executed", "20")),
        targets=(("安装坡面水标尺", "≥266米"), ("项目计划总投资", "20万元")),
    ),
    notes=(
        "Source: a policy-news site's copy of 中江县水利局's notice (dated 2022-12-30) with its attachment "
        "“2022年财政衔接资金实施项目绩效自评表”; the text is one flattened run without cell separators, so the "
        "cells were split by the template's columns. The run 年度资金总额:202010100.00%10 is read as 20 / 20 / "
        "分值 10 / 100.00% / 得分 10 and 其中:本年财政拨款2020 as 20 / 20. The 负责人 name and mobile number are "
        "replaced (张某0000000, “(办公)” kept). The two goal texts are as printed (the completion text repeats "
        "the second half of the goal). The …… row is put in the 三级 column under 满意度指标 (the copy does not "
        "show its column). The note under the table is shortened and stops where the copy stops (“3.定量指标若为"
        "正向”; no item 2 is visible in the copy). Faults as printed: 一级 weights 70 + 20 + 10 = 100 for the "
        "indicators plus 10 for execution = 110, against the note's 50/30/10/10; 总分 100 equals the indicator "
        "scores alone (the execution score 10 is left out). The title says 绩效目标自评表 but the form is "
        "scored. Parentheses and colons are half-width as in the stored copy."
    ),
)
