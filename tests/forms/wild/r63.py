# ruff: noqa: E501
"""R63 — 2020 湖北 武汉市青山区教育局 (化工区学校): 绩效目标表 (农村义务教育薄弱学校改造补助资金), target table.

The old central-transfer layout used for a district's share of a 上级 grant: 项目主管部门 / 项目执行单位; 资金情况(万元)
with 年度资金总额: 16 and “其中 :上级资金” 16 (a space before the colon) and an empty third row; 总体目标 with only a
年度目标 sub-header; indicator header 一级指标 | 二级指标 | 指标内容 | 指标值 (指标内容 where later templates say
三级指标); 成本指标 under 产出指标; “社会公众或服务对象满意度指标” as a 二级 UNDER 效益指标 (the 2015-era central
template, no 满意度 一级), holding two rows.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R63",
    source="https://www.qingshan.gov.cn/qzfbm/zfgzbm/jyj/czxx/zxzj/ywjygz/202101/t20210105_1589009.shtml",
    title="绩效目标表(2020年度)",
    place="湖北省武汉市青山区",
    sector="教育（农村义务教育薄弱学校改造）",
    sheets=(
        Sheet(
            "绩效目标表",
            """
绩效目标表 | < | < | < | <
(2020年度) | < | < | < | <
项目名称 | 农村义务教育薄弱学校改造补助资金 | < | < | <
项目主管部门 | 青山区教育局 | < | 项目执行单位 | 化工区学校
资金情况\\n(万元) | 年度资金总额: | < | #16 | <
^ | 其中 :上级资金 | < | #16 | <
^ |  | < |  | <
总体目标 | 年度目标 | < | < | <
^ | 全面改善农村义务教育薄弱学校办学条件,扩大基础教育资源,进一步提高义务教育均衡发展水平。 | < | < | <
绩效指标 | 一级指标 | 二级指标 | 指标内容 | 指标值
^ | 产出指标 | 数量指标 | 农村义务教育学校改造覆盖率 | 100%
^ | ^ | 质量指标 | 校舍维修改造质量合格率 | 100%
^ | ^ | ^ | 购置设施设备质量合格率 | 100%
^ | ^ | 时效指标 | 预算资金当年下达率 | 100%
^ | ^ | ^ | 项目按计划完成率 | 100%
^ | ^ | 成本指标 | 建设项目成本控制率 | 100%
^ | 效益指标 | 可持续影响指标 | 义务教育优质均衡发展情况 | 稳步提高
^ | ^ | 社会公众或服务对象满意度指标 | 学生家长满意度 | ≥90%
^ | ^ | ^ | 学校满意度 | ≥90%
""",
            widths=(12, 12, 20, 28, 12),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2020,
        money_unit="万元",
        projects=1,
        indicators=9,
        funds=(("年度资金总额", "budget", "16"), ("上级资金", "budget", "16")),
        targets=(
            ("农村义务教育学校改造覆盖率", "100%"),
            ("义务教育优质均衡发展情况", "稳步提高"),
            ("学生家长满意度", "≥90%"),
            ("学校满意度", "≥90%"),
        ),
    ),
    notes=(
        "Rebuilt from the HTML table on the 武汉市青山区 site (区教育局 > 财政信息 > 专项资金, 标题 绩效目标表, published "
        "2021-01-05). The stored copy is complete (it ends with 附件: and the page footer) but joins the cells of a row "
        "without separators (“项目主管部门青山区教育局项目执行单位化工区学校”, “年度资金总额:16”), so cell boundaries are "
        "inferred from the standard central-transfer template: label | value pairs; 资金情况(万元) merged down three rows "
        "(the third, printed as blank lines, kept empty); “其中 :上级资金” with its space as stored; 5 columns from the "
        "indicator header with a left 绩效指标 label merged down; 产出指标 / 效益指标 and repeated 二级 merged down (the "
        "copy prints each once). “社会公众或服务对象满意度指标” is read as a 二级 under 效益指标 (its two rows follow "
        "可持续影响指标 on the same 一级, as in the 2015 central template). The 16 amounts stored as numbers. Nothing "
        "shortened."
    ),
)
