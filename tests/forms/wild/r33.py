# ruff: noqa: E501
"""R33 — 2022 湖北 鄂州市机关事务服务中心 滨湖大厦办公大楼运行保障: 鄂州市2022年市直部门预算项目支出绩效目标表 (Word).

A city template unlike the national one: 项目类别 / 项目性质 / 立项依据 rows, then a 项目预算成本构成 block (金额 |
测算(公式)依据 | 2020年实际执行数 | 2021年实际执行数) with a 合计 row — no amount unit printed anywhere (the
amounts are 万元 by magnitude) and a 合计 of the 2020 column that does not add up (191 + 99 + 372.88 = 662.88,
printed 662.98); one 绩效目标 sentence; a two-row indicator header 绩效指标 over 一级指标 | 二级指标 | 绩效标准 |
当年预期实现值 plus a 保障绩效目标实现措施 column — only two levels, the “一级” column holding 数量/质量/成本指标
and the “二级” column the indicator names, 绩效标准 a description (“反映…情况”). Targets with OCR-looking noise
(“2280次”, “292%” probably ≥280次 / ≥92%), “>92%”, “不超预算”.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R33",
    source="https://desk33.com/d-245426.html",
    title="鄂州市2022年市直部门预算项目支出绩效目标表",
    place="湖北省鄂州市",
    sector="机关事务（办公大楼运行保障）",
    sheets=(
        Sheet(
            "目标表",
            """
项目名称 | 滨湖大胆办公大楼运行保障 | < | < | < | <
项目类别 | 本级支出项目 | < | 项目性质 | 持续性项目 | <
立项依据 | 市机关事务服务中心三定方案 | < | < | < | <
项目预算成本构成 | 金额 | 测算(公式)依据 | < | 2020年实际执行数 | 2021年实际执行数
保安服务费 | 191 | 依据招标文件 | < | 191 | 191
保洁服务费 | 99 | 依据招标文件 | < | 99 | 99
水电气、维修维护费 | 524 | 根据三定方案,各项费用据实结算 | < | 372.88 | 504.55
合计 | 814 |  | < | 662.98 | 794.55
绩效目标 | 以办公大楼服务对象满意为目标,着力打造文明型机关、卫生Z口机关。 | < | < | < | <
绩效指标 | < | < | < | < | 保障绩效目标实现措施
一级指标 | 二级指标 | 绩效标准 | < | 当年预期实现值 | ^
数量指标 | 办公大楼日常维修维护次数 | 反映办公大楼全年维修维护情况 | < | 2280次 |
^ | 大楼安检巡察次数 | 反映大楼保卫巡检情况 | < | 200次 |
质量指标 | 办公大楼日常维修维护验收合格率 | 反映办公大楼全年维修维护质量情况 | < | >92% |
^ | 经常性大型设备更新验收合格率 | 反映办公大楼大型设备更新验收情况 | < | 292% |
^ | 重.要设备维修维保验收合格率 | 反映设备设施维保质量情况 | < | 95% |
成本指标 | 成本控制率 |  | < | 不超预算 |
^ | 水电气消耗下降率 | 反映水电气消耗比上年下降情况 | < | > |
主管部门审核意见 | 单位公章:      年   月   日 | < | < | < | <
""",
            before=("鄂州市2022年市直部门预算项目支出绩效目标表",),
        ),
    ),
    expect=Expect(
        kind="target_table",
        year=2022,
        money_unit="元",
        projects=1,
        indicators=7,
        funds=(("合计", "budget", "814"), ("保安服务费", "budget", "191")),
        targets=(
            ("办公大楼日常维修维护次数", "2280次"),
            ("大楼安检巡察次数", "200次"),
            ("办公大楼日常维修维护验收合格率", ">92%"),
            ("成本控制率", "不超预算"),
        ),
    ),
    file_kind="docx",
    notes=(
        "Rebuilt from the text preview of “鄂州市2022年市直部门预算项目支出绩效目标表.docx” on a document-sharing site (a "
        "flattened run of cell texts without separators). The preview is TRUNCATED in the second 成本指标 row: "
        "“水电气消耗下降率 | 反映水电气消耗比上年下降情况 | >” and nothing after, so the 效益 / 满意度 parts are missing; the "
        "row is kept with its partial target “>”. The preview prints “主管部门审核意见 单位公章: 年 月 日” BEFORE the title (an "
        "extraction-order artefact); it is placed here as the last row, where the template has it. Cell boundaries are inferred "
        "from the run of text: 6 columns; the cost block as 构成 | 金额 | 依据 (2 cols) | 2020 | 2021; the indicator header "
        "as 绩效指标 over four columns beside 保障绩效目标实现措施 (no text printed under it, left blank). In the 成本控制率 "
        "row only “不超预算” is printed between the name and the next row; read as the target with an empty 绩效标准 "
        "(uncertain). Kept as printed: “滨湖大胆” (for 大厦), “卫生Z口机关”, “重.要”, “2280次”, “292%”, and 合计 "
        "662.98 for the 2020 column (the items add to 662.88). No amount unit is printed; 万元 in expect is by magnitude "
        "(保安服务费 191) — a careful tool should say the unit is not stated. The 2020/2021 columns are prior-year actuals, "
        "not this year's execution."
    ),
)
