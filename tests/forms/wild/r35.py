# ruff: noqa: E501
"""R35 — 2022 湖南 岳阳县 高标准农田建设 (乡村振兴衔接资金): 绩效目标申报表(基础设施建设类) (target table, PDF).

Hunan's 2019 参考模板 for 衔接 funds filled in: 项目负责人及电话 beside the name, 资金情况(万元) with 年度资金总额: /
其中:财政拨款 / 其他资金 rows whose values are free text with the 万 suffix and a breakdown in parentheses
(“854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)”, the 财政拨款 cell printing “854万854万(…)”),
总体目标 with only a 年度目标 sub-header, a left “绩效指标” column over 一级 | 二级 | 三级 | 指标值 (no units
column: “≥100公里”, “1600元/亩” — a 元 target in a 万元 form), 二级 labels broken as “经济效益\\n指标”, and a
closing 注 row of template instructions.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R35",
    source="http://www.yyx.gov.cn/37584/38137/content_2016103.html",
    title="绩效目标申报表(基础设施建设类)",
    place="湖南省岳阳市岳阳县",
    sector="农业农村（高标准农田建设，乡村振兴衔接资金）",
    sheets=(
        Sheet(
            "申报表",
            """
项目名称 | 岳阳县2022年高标准农田建设项目 | < | 项目负责人及电话 | 张某
主管部门 | 岳阳县农业农村局 | < | 实施单位 | 农田建设服务中心
资金情况\\n(万元) | 年度资金总额: | 854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元) | < | <
^ | 其中:财政拨款 | 854万854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元) | < | <
^ | 其他资金 |  | < | <
总体目标 | 年度目标 | < | < | <
^ | 完成项目主体工程70% | < | < | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值
^ | 产出指标 | 数量指标 | 脱贫村村内道路硬化里程 | ≥100公里
^ | ^ | ^ | 脱贫户供水设施数量 | ≥20座
^ | ^ | 质量指标 | 项目(工程)验收合格率 | 100%
^ | ^ | 时效指标 | 项目(工程)完成及时率 | ≥100%
^ | ^ | 成本指标 | 财政资金补助 | 1600元/亩
^ | 效益指标 | 经济效益\\n指标 | 年增粮食 | 3500公斤
^ | ^ | 社会效益\\n指标 | 受益脱贫(监测)人口数 | ≥500人
^ | ^ | ^ | 解决脱贫(监测)饮水安全问题人数 | ≥1000人
^ | ^ | 生态效益\\n指标 | 新增和改善灌溉达标面积 | ≥500亩
^ | ^ | ^ | 新增和改善排水达标面积 | ≥200亩
^ | ^ | 可持续影响\\n指标 | 工程设计使用年限 | ≥20年
^ | 满意度指标 | 服务对象满意度指标 | 受益脱贫(监测)户满意度 | ≥95%
注:各地请根据实际情况,从上述绩效指标中选择适合的填报(其中三颗星为必填的核心绩效指标,可结合已下达的中央对地方专项转移支付绩效指标),也可自行增加或适当调整。 | < | < | < | <
""",
            before=("绩效目标申报表(基础设施建设类)", "(2022年度)"),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2022,
        money_unit="万元",
        projects=1,
        indicators=12,
        funds=(("年度资金总额", "budget", "854"),),
        targets=(
            ("道路硬化里程", "≥100公里"),
            ("财政资金补助", "1600元/亩"),
            ("年增粮食", "3500公斤"),
            ("受益脱贫(监测)户满意度", "≥95%"),
        ),
    ),
    file_kind="pdf",
    notes=(
        "Rebuilt from the HTML on the 岳阳县 site (posted by 岳阳县农业农村局 2022-05-16 as “乡村振兴衔接资金绩效目标申报表"
        "(高标准农田建设)”). The copy is complete. Each cell is a separate line in the stored text; the 5-column grid and the "
        "spans (label | value over 2 | label | value; funds values over 3 columns) follow the Hunan 参考模板. The 财政拨款 "
        "value prints “854万” twice before the parenthesis; kept as printed (a careful import should not read 854854). The "
        "breakdown adds up (400 + 295 + 159 = 854). 其他资金 is empty. 总体目标 has only the 年度目标 sub-header and one "
        "line “完成项目主体工程70%”. “项目(工程)完成及时率 ≥100%” kept. The note row at the bottom is template text, "
        "not an indicator. Printed as a PDF: title and year lines above the table. Project head's name replaced by 张某 "
        "(no phone number printed)."
    ),
)
