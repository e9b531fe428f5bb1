"""R14 — 2023 安徽 宿州市萧县 张庄寨镇 河西村 planting/breeding subsidy (衔接资金): 绩效目标自评表（2023年度）.

The national 衔接资金 template with breakdown rows: a ★ indicator whose 分值 and 得分 are merged down over
its “其中…” sub-rows, which print their own 年度指标值 / 全年实际值 but no score; 分值 before 年度指标值;
one-character-per-line 一级 labels (产 出 指 标 (50分)); a 质量指标 and an 经济效益指标 group opening with an
empty row; empty 生态效益 / 可持续影响 groups and template …… rows; a 其中:本年财政拨款 row scored like the
total (10 / 100% / 10); 其他资金 “-”. The public copy stops inside the 满意度 block (no 总分).
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R14",
    source="https://www.ahxx.gov.cn/grassroots/279/158998981.html",
    title="绩效目标自评表(2023年度)",
    place="安徽省宿州市萧县张庄寨镇",
    sector="农业（衔接资金：特色种养业奖补到户）",
    sheets=(
        Sheet(
            "河西村特色种养",
            """
绩效目标自评表 | < | < | < | < | < | < | < | <
(2023年度) | < | < | < | < | < | < | < | <
项目名称 | 河西村特色种养补贴到户项目 | < | < | < | 项目负责人及电话 | < | 张某0000000 | <
主管部门 | 县农业农村局 | < | < | < | 实施单位 | < | 张庄寨镇人民政府 | <
资金情况\\n(万元) |  | 全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 | < | <
^ | 年度资金总额: | 9.48 | 9.48 | 10 | 100% | 10 | < | <
^ | 其中:本年财政拨款 | 9.48 | 9.48 | 10 | 100% | 10 | < | <
^ | 其他资金 | - | - |  |  |  | < | <
年度总体目标 | 年初设定目标 | < | < | < | 年度总体目标完成情况综述 | < | < | <
^ | 落实39户特色种养业奖补政策,增加脱贫户家庭收入 |<|<|<| 落实39户特色种养业奖补政策,增加脱贫户家庭收入 |<|<|<
绩效指标 | 一级\\n指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因及拟采取的改进措施
^ | 产\\n出\\n指\\n标\\n(50分) | 数量指标 | ★补助各类瓜果蔬菜种植面积 | 20 | 29.5亩 | 29.5亩 | 20 |
^ | ^ | ^ | 其中桃树种植面积 | ^ | 1.5亩 | 1.5亩 | ^ |
^ | ^ | ^ | 其中苹果树种植面积 | ^ | 5亩 | 5亩 | ^ |
^ | ^ | ^ | 其中露天蔬菜 | ^ | 20亩 | 20亩 | ^ |
^ | ^ | ^ | 其中大棚蔬菜 | ^ | 3亩 | 3亩 | ^ |
^ | ^ | ^ | ★补助鱼塘面积 | 10 | 3亩 | 3亩 | 10 |
^ | ^ | ^ | 其中鱼塘养殖面积 | ^ | 3亩 | 3亩 | ^ |
^ | ^ | ^ | ★补助家畜家禽养殖数量 | 10 | 192只 | 192只 | 10 |
^ | ^ | ^ | 其中羊养殖数量 | ^ | 180只 | 180只 | ^ |
^ | ^ | ^ | 其中猪养殖数量 | ^ | 12头 | 12头 | ^ |
^ | ^ | 质量指标 |  |  |  |  |  |
^ | ^ | ^ | 种植作物成活率 | 5 | 95% | 95% | 5 |
^ | ^ | ^ | 养殖家畜家禽成活率 | 5 | 95% | 100% | 5 |
^ | ^ | ^ | …… |  |  |  |  |
^ | 效\\n益\\n指\\n标\\n(30分) | 经济效益\\n指标 |  |  |  |  |  |
^ | ^ | ^ | 特色产业带动增加受益农户收入(总收入) | 20 | ≥11.376万元 | 12万元 | 20 |
^ | ^ | 社会效益\\n指标 | 受益人口数量 | 10 | 90人 | 90人 | 10 |
^ | ^ | 生态效益\\n指标 |  |  |  |  |  |
^ | ^ | 可持续影响指标 |  |  |  |  |  |
^ | ^ | ^ | …… |  |  |  |  |
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2023,
        money_unit="万元",
        projects=1,
        indicators=14,
        figures={"execution_rate": "100"},
        funds=(("年度资金总额", "budget", "9.48"), ("年度资金总额", "executed", "9.48")),
        targets=(("特色产业带动增加受益农户收入", "≥11.376万元"), ("其中桃树种植面积", "1.5亩")),
    ),
    notes=(
        "Source: the 萧县 government site's page for 张庄寨镇, an HTML table flattened in the stored copy (cells "
        "separated by |, covered cells of merges left out, a line break after each multi-line label). Merges "
        "were read from that: the “其中…” rows print only their name and two values, so their 分值 and 得分 "
        "cells are covered by the ★ row's (merged down); 质量指标 and 经济效益指标 each open with an empty row. "
        "The two …… rows are put in the 三级 column (the copy does not show their column). The labels printed "
        "with spaces (产 出 指 标 (50分), 经济效益 指标) are taken as one character / word per line. The 负责人 "
        "name and phone are replaced (张某0000000). The copy breaks off at “满意” (the 满意度指标 block), so there "
        "is no 总分; rebuilt up to the …… row before it. Indicators: 14 rows with a 三级 name — 3 ★ rows, their 7 "
        "“其中” sub-rows (targets and actuals, no score of their own) and 4 others; an import must not give each "
        "sub-row the merged weight of its ★ row (weights as printed: 20 + 10 + 10 + 5 + 5 = 50 for 产出, 20 + 10 "
        "= 30 for 效益). 安徽 is one of the provinces already covered; this one is kept for its breakdown rows."
    ),
)
