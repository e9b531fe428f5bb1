# ruff: noqa: E501
"""R34 — 2023 重庆 奉节县云雾土家族乡 加工园配套设施建设: 项目支出绩效目标审批表 (target table with points).

Chongqing's 审批表 variant of the target table: a title naming the project, “(   2023年度)”, 预算单位 and
金额单位:万元 on one line; label-value rows (项目分类, 建设周期, 业务主管部门, 项目负责人 / 联系电话, 项目审批,
项目总体概况, 年度主要目标和成果); a funds block whose left label reads “项目资金 预算执行 10分” with 项目总预算 /
当年年度预算 / 其中:财政资金 / 其中:其它资金 / 年度预算执行率 100% beside 财政资金预算分类, 财政资金科目代码 and
分值 10分; then 年度绩效目标(90分) with 分值 and 指标解释 columns, 成本指标 FIRST as a 一级 category with a points
range in its label “成本指标(0-20)分” (经济/社会/生态环境成本指标, the 2022+ template), and “产出指标(40-50)分”.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R34",
    source="http://cqfj.gov.cn/index/xz_168/ywtjzx/zwxx_61303/gsgg_107031/202402/t20240201_12892054.html",
    title="2023年云雾土家族乡加工园配套设施建设项目支出绩效目标审批表",
    place="重庆市奉节县",
    sector="民族宗教（少数民族发展资金，产业配套设施建设）",
    sheets=(
        Sheet(
            "审批表",
            """
2023年云雾土家族乡加工园配套设施建设项目支出绩效目标审批表 | < | < | < | < | < | <
(   2023年度) | < | < | < | < | < | <
预算单位: 奉节县云雾土家族乡人民政府 | < | < | < | 金额单位:万元 | < | <
项目名称 | 2023年云雾土家族乡加工园配套设施建设项目 | < | < | 项目分类 | 资产资源类--房屋类 | <
建设周期 | 2023年4月-2024年2月 | < | < | 业务主管部门 | 县民宗委 | <
实施单位 | 云雾土家族乡 | < | 项目负责人 | 张某 | 联系电话 | 0000000
项目审批 | 奉节县民族宗教事务委员会《关于下达2023年度少数民族发展资金项目计划的通知》(奉节民宗委发〔2022〕3号) | < | < | < | < | <
项目总体概况 | 新建中药材晾晒房一座,占地300平方米,包含场坪整治及硬化,……经济效益:项目建成后能够带动当地20名群众务工增收5000元/年;……群众满意度:群众满意度达到95%以上。 | < | < | < | < | <
年度主要目标\\n和成果 | 新建中药材晾晒房一座,占地300平方米,包含场坪整治及硬化,……配套三格式化粪池4.5立方米。 | < | < | < | < | <
项目资金\\n预算执行\\n10分 | 项目总预算 | < | #65 | 财政资金预算分类 | 一般公共预算 | <
^ | 当年年度预算 | < | #65 |  |  | <
^ | 其中:财政资金 | < | #65 | 财政资金科目代码 | 21305 | <
^ | 其中:其它资金 | < | #0 |  |  | <
^ | 年度预算执行率 | < | #100% | 分值 | 10分 | <
年度绩效目标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 | 指标解释
^ | 成本指标(0-20)分 | 经济成本指标 | 项目建设成本 | ≤65万元 | #10 |
^ | ^ | 社会成本指标 |  |  |  |
^ | ^ | 生态环境成本指标 |  |  |  |
""",
            widths=(14, 14, 14, 20, 14, 12, 14),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2023,
        money_unit="万元",
        projects=1,
        indicators=1,
        funds=(("项目总预算", "budget", "65"), ("当年年度预算", "budget", "65"), ("其中:财政资金", "budget", "65")),
        targets=(("项目建设成本", "≤65万元"),),
    ),
    notes=(
        "Rebuilt from the HTML on the 奉节县 site (日期 2022-12-30). The stored copy is TRUNCATED at the start of the 产出指标 "
        "block (“产出指标 (40-50)分 数量指…”), so only the 成本指标 block is rebuilt: one real indicator (项目建设成本 ≤65万元, "
        "10 points) and the two empty 社会/生态环境成本指标 rows (placeholders, not counted). Column count 7 from the "
        "indicator header (年度绩效目标(90分) as a left column merged down). Label/value spans inferred from the flattened "
        "lines; the blank cells beside 当年年度预算 and 其中:其它资金 are as printed (nothing there). 项目总体概况 and "
        "年度主要目标和成果 shortened (……) from two long paragraphs; figures kept. The project head's name and phone are "
        "replaced by 张某 / 0000000. Amounts 65 / 0 and 执行率 100% stored as Excel numbers; “10分” as text. The form is a "
        "target (approval) table although it carries points (分值) and an expected 执行率."
    ),
)
