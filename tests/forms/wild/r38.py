# ruff: noqa: E501
"""R38 — 2020 湖南 衡阳市衡山县商务和粮食局 县级储备粮: 2020年度县级专项资金绩效目标自评表 (unscored self-evaluation, Word).

A county 专项资金 self-evaluation with no points at all: 专项资金名称 / 负责人及电话 / 县级主管部门 labels; funds with
全年预算数(A) | 全年执行数(B) | 执行率(B/A) on every row (年度资金总额 and 其中:中央、省、市补助县级资金, both
194.9 / 194.9 / 100%); 年初设定目标 / 全年实际完成情况; indicator columns 年度指标值 | 全年完成值 | 未完成原因和改进
措施 only; narrow label cells written with line breaks (“产\\n出\\n指\\n标”, “服务\\n对象\\n满意\\n度指\\n标”); a page break
inside the 效益指标 block after which the left “绩效指标” and “效益指标” labels start again as new cells; targets such
as “0”, “0起”, “高”, a completion “无” with its reason, and “290%” (OCR of ≥90%) against a result of 100%.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R38",
    source="https://taowenge.com/p-72820237.html",
    title="2020年度县级专项资金绩效目标自评表",
    place="湖南省衡阳市衡山县",
    sector="粮食（县级储备粮）",
    sheets=(
        Sheet(
            "自评表",
            """
专项资金名称 | 县级储备粮 | < | 负责人及电话 | 张某、李某 | < | <
县级主管部门 | 衡山县商务和粮食局 | < | 实施单位 | 粮食调控储备与产业发展股 | < | <
项目资金(万元) |  | < | < | 全年预算数(A) | 全年执行数(B) | 执行率(B/A)
^ | 年度资金总额 | < | < | 194.9 | 194.9 | 100%
^ | 其中:中央、省、市补助县级资金 | < | < | 194.9 | 194.9 | 100%
^ | 其他资金 | < | < |  |  |
年度\\n总体\\n目标 | 年初设定目标 | < | < | 全年实际完成情况 | < | <
^ | 保持和稳定地方粮食储备机制 | < | < | 地方储备粮食规模达标 | < | <
绩\\n效\\n指\\n标 | 一级\\n指标 | 二级\\n指标 | 三级指标 | 年度指标\\n值 | 全年\\n完成值 | 未完成原因和\\n改进措施
^ | 产\\n出\\n指\\n标 | 数量\\n指标 | 5000吨稻谷、500吨成品粮储备到位率 | 100% | 100% |
^ | ^ | ^ | 库存数量真实率 | 100% | 100% |
^ | ^ | 质量\\n指标 | 县级储备粮管理制度严格执行率 | 100% | 100% |
^ | ^ | ^ | 储备粮管理专户管理率 | 100% | 100% |
^ | ^ | ^ | 县级储备粮库存粮食明显变质比例 | 0 | 0 |
^ | ^ | 时效\\n指标 | 县级储备粮贷款付息及时率 | 100% | 100% |
^ | ^ | ^ | 县级储备粮应急保障率 | 100% | 100% |
^ | ^ | 成本\\n指标 | 国家政策性粮收购价格执行率 | 100% | 100% |
^ | ^ | ^ | 县级储备粮库存成本核算率 | 100% | 100% |
^ | 效益\\n指标 | 经济\\n效益\\n指标 | 利息费用保障率 | 100% | 100% |
^ | ^ | ^ | 政策性挂账利息补贴保障率 | 100% | 无 | 没有轮换、动用库存
绩效\\n指标 | 效\\n益\\n指\\n标 | 生态\\n效益\\n指标 | 低温、低氧、低剂量科学保粮率 | 100% | 100% |
^ | ^ | ^ | 食品安全指标达标率 | 100% | 100% |
^ | ^ | 可持\\n续影\\n响指标 | 粮食储备设备维护及安全性 | 高 | 高 |
^ | 满意\\n度指\\n标 | 服务\\n对象\\n满意\\n度指\\n标 | 因粮食市场波动引起的粮食安全事件发生数 | 0起 | 0起 |
^ | ^ | ^ | 市民满意度调查 | 290% | 100% |
说明 | 无 | < | < | < | < | <
""",
            before=("2020年度县级专项资金绩效目标自评表",),
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2020,
        money_unit="万元",
        projects=1,
        indicators=16,
        figures={"execution_rate": "100"},
        funds=(("年度资金总额", "budget", "194.9"), ("年度资金总额", "executed", "194.9")),
        targets=(
            ("库存粮食明显变质比例", "0"),
            ("粮食储备设备维护及安全性", "高"),
            ("粮食安全事件发生数", "0起"),
            ("市民满意度调查", "290%"),
        ),
    ),
    file_kind="docx",
    notes=(
        "Rebuilt from the text preview of “2020年度县级专项资金绩效目标自评表.docx” (2 pages) on a document-sharing site: "
        "cell texts in one run without separators. The table itself is complete; the copy is TRUNCATED in the 注 under it "
        "(“注:1、其他资金包括和中央、省、市补助、地方财政资金共同投入到同一项目的自…”), which is left out. The preview "
        "prints the page break as a repeat of “绩效 指标” and “效 益 指 标” before 生态效益指标; rebuilt as new label cells "
        "at that row (the left 绩效指标 column is two merged cells, 效益指标 appears twice). Indicator names wrapped across "
        "lines in the preview (“5000吨稻谷、500吨成 品粮储备到位率”) are joined; the short category labels keep line breaks "
        "as the narrow cells print them. Column spans inferred: 7 columns from the indicator header; the funds header "
        "puts 全年预算数(A) / 全年执行数(B) / 执行率(B/A) over the three target columns. Kept as printed: “290%” for the "
        "citizen-satisfaction target (probably ≥90%), the completion “无” with the reason 没有轮换、动用库存, “高” / “0起”. "
        "The two names in 负责人及电话 (no phone printed) are replaced by 张某、李某. There is no 分值 / 得分 anywhere: a "
        "careful tool should import it as a self-evaluation without scores."
    ),
)
