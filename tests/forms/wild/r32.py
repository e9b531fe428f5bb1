# ruff: noqa: E501
"""R32 — 2022 天津 宝坻区 畜禽粪污资源化利用整县推进项目: 中央预算内投资计划绩效目标表 (target table).

The NDRC template for central budget investment, attached to a district finance bureau's allocation notice: a
three-line title plus a sub-title naming the project, label-value rows 专项名称 / 下达地方或单位 / 下达中央预算内
投资(万元) “2350”, 总体目标 with spaced letters “总 体 目 标”, and a shifted indicator hierarchy: the 一级 column
holds “实施效果指标” and the national 一级 categories 产出指标 / 效益指标 sit in the 二级 column, under a left
column “绩 效 指 标” merged down the block. Targets are bare (“1”, “100%”, “按计划实施”, “≥90%”).
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R32",
    source="http://www.tyc-yl.com/zwgk_53713/ysgk_59783/czjzxzj/202207/t20220710_5930157.html",
    title="天津市农业绿色发展专项(畜禽粪污资源化利用整县推进项目)2022年中央预算内投资计划绩效目标表",
    place="天津市宝坻区",
    sector="农业（畜禽粪污资源化利用，中央预算内投资）",
    sheets=(
        Sheet(
            "绩效目标表",
            """
天津市农业绿色发展专项(畜禽粪污\\n资源化利用整县推进项目)2022年\\n中央预算内投资计划绩效目标表 | < | < | < | <
(天津市宝坻区畜禽粪污资源化利用整区推进项目) | < | < | < | <
专项名称 | 农业绿色发展专项 (畜禽粪污资源化利用整县推进项目) | < | < | <
下达地方或单位 | 宝坻区人民政府 | < | < | <
下达中央预算内投资(万元) | #2350 | < | < | <
总 体 目 标 | 提高畜禽粪污综合利用率和规模养殖场设施装备配套率。 | < | < | <
绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 指标值
^ | 实施效果指标 | 产出指标 | 建设项目个数(含续建) | 1
^ | ^ | ^ | 竣工验收合格率 | 100%
^ | ^ | ^ | 按进度计划实施情况 | 按计划实施
^ | ^ | 效益指标 | 完工项目县畜禽粪污综合利用率 | ≥90%
""",
            widths=(22, 14, 12, 34, 14),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2022,
        money_unit="万元",
        projects=1,
        indicators=4,
        funds=(("下达中央预算内投资", "budget", "2350"),),
        targets=(
            ("建设项目个数", "1"),
            ("竣工验收合格率", "100%"),
            ("按进度计划实施情况", "按计划实施"),
            ("畜禽粪污综合利用率", "≥90%"),
        ),
    ),
    notes=(
        "Rebuilt from the attachment printed in the HTML of 宝坻区财政局 notice 津财基指〔2022〕23号 (dated 2022-05-27, "
        "posted on a mirror address of the 宝坻区 site). The copy is TRUNCATED inside the second 效益指标 row (“完工项目县规模"
        "养殖场畜禽粪污处理…”); that partial row is left out, so the form ends after 综合利用率 ≥90%. The title is printed on "
        "three lines (kept as line breaks in one title cell) followed by the project sub-title in parentheses. Column count (5) "
        "from the header row; the top values are merged across the four right columns; “绩 效 指 标” merged down the "
        "indicator rows; 实施效果指标 / 产出指标 / 效益指标 merged down as the flattened rows (4, 2, 2 then 3 cells) imply. "
        "There is no year in a separate line: 2022 is in the title. Only 2350 stored as an Excel number; targets as text."
    ),
)
