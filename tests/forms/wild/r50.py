# ruff: noqa: E501
"""R50 — 2021 江西 南昌县黄马乡蚕茶卫生院 整体支出绩效自评表 (Jiangxi whole-unit layout, Word table, no money unit).

Title and year printed above the table (“蚕茶卫生院整体支出绩效自评表” / “（2021年度）”); header fields
评价部门名称 / 下属单位个数 (a count, 0); an 整体支出规模 block “全年预算数 | 全年执行数 | 执行率” whose rows are
labelled “资金来源：（1）财政拨款” and “资金结构：（1）基本支出 / （2）项目支出” (label and its group in one cell) and
print only the rate (103.21%, over 100%), no amounts; 年度总体目标 as 年初设定目标 | 全年完成情况; the indicator block
is headed 分解目标 | 自评权重 | 二级指标 | 三级指标 | 年度指标值 | 全年完成值 | 分值 | 得分 | 偏差及原因分析 — first level
管理指标 / 产出指标 / 效果指标 with a separate 自评权重 column (30 / 25 / 35), third-level names prefixed “任务1：”,
targets in words (按规定时限, 超上年度, 小于5%). The copy stops at the 满意度指标 row.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R50",
    source="https://yzwku.com/doc/291311.html",
    title="蚕茶卫生院整体支出绩效自评表（2021年度）",
    place="江西省南昌市南昌县黄马乡",
    sector="卫生健康（乡镇卫生院，单位整体支出）",
    sheets=(
        Sheet(
            "蚕茶卫生院整体支出绩效自评表",
            """
评价部门名称 | < | 南昌县黄马乡蚕茶卫生院 | < | < | 下属单位个数 | < | 0 | <
整体支出规模 | < | < | 全年预算数 | < | 全年执行数 | < | 执行率 | <
资金来源：（1）财政拨款 | < | < |  | < |  | < | 103.21% | <
资金结构：（1）基本支出 | < | < |  | < |  | < | 103.21% | <
（2）项目支出 | < | < |  | < |  | < |  | <
年度总体目标 | 年初设定目标 | < | < | < | 全年完成情况 | < | < | <
^ | 业务收入达到55万元，三公经费控制率达标 | < | < | < | 业务收入77.57万元，三公经费控制达标 | < | < | <
分解目标 | 自评权重 | 二级指标 | 三级指标 | 年度指标值 | 全年完成值 | 分值 | 得分 | 偏差及原因分析
管理指标 | 30 | 预算编审管理 | 完整、准确率 | 100% | 100% | 4 | 4 |
^ | ^ | 预算执行管理 | 完成率、控制率 | 100% | 按规定执行 | 4 | 4 |
^ | ^ | 部门结转结余资金管理 | 结余率 | 小于5% | 达成目标值 | 4 | 4 |
^ | ^ | 预决算信息公开管理 | 信息公开完善 | 按规定公开 | 已公开 | 4 | 4 |
^ | ^ | 部门预算管理 | 人员控制、支出规范 | 不超编、无违规支出 | 全部达成 | 4 | 4 |
^ | ^ | 政府采购管理 | 执行率 | 100% | 100% | 5 | 5 |
^ | ^ | 资产管理 | 安全性、利用率 | 无资产损失、利用率高于80% | 达成目标 | 5 | 5 |
产出指标 | 25 | 数量指标 | 任务1：门诊住院人次 | 增加 | 增372人次 | 5 | 5 |
^ | ^ | ^ | 任务2：特殊人群健康管理率 | 超上年2% | 达成目标值 | 5 | 5 |
^ | ^ | 质量指标 | 任务1：诊断准确率 | 95%以上 | 97% | 5 | 5 |
^ | ^ | ^ | 任务2：健康档案管理率 | 100% | 完成 | 3 | 3 |
^ | ^ | 时效指标 | 任务1：医疗文书及时率 | 按规定时限 |  | 4 | 3 | 个别人未及时完成
^ | ^ | ^ | 任务2：健康档案更新率 | 按规定时限 |  | 3 | 2 | 录入有延迟
效果指标 | 35 | 经济效益指标 | 业务收入 | 超上年度 | 增收27万元 | 13 | 13 |
^ | ^ | 社会效益指标 | 公卫均等化签约完成率、特殊人群体检率 | 签约率提高1%X体检率提高2% | 签约率提高1%体检率下降1% | 12 | 6 | 部分群众不愿配合体检或长期在外
^ | ^ | 生态效益指标 | 绿化、节能 | 绿化良好、水电费开支有下降 | 水电支出减少01万元 | 10 | 10 |
满意度指标 |  |  |  |  |  |  |  |
""",
            before=("蚕茶卫生院整体支出绩效自评表", "（2021年度）"),
            widths=(12, 10, 16, 24, 18, 18, 8, 8, 20),
        ),
    ),
    expect=Expect(
        kind="department_self_evaluation",
        year=2021,
        money_unit="元",
        projects=1,
        indicators=16,
        figures={"execution_rate": "103.21"},
        targets=(("诊断准确率", "95%以上"), ("结余率", "小于5%")),
    ),
    file_kind="docx",
    notes=(
        "Rebuilt from the stored copy of the document page “蚕茶卫生院整体支出绩效自评表.docx” (优知文库, a document-"
        "sharing site; a different document from R11’s m.yzwku.com page), whose text is the .docx flattened with no "
        "cell separators: every cell boundary, span and the 9-column grid are a reconstruction. The copy prints "
        "NO amounts in the 整体支出规模 block (only 103.21% twice) and no money unit anywhere in the table "
        "(55万元 / 77.57万元 / 27万元 occur only inside target and result texts), so money_unit is the documented "
        "default 元 and no funds are expected; whether the blank amount cells were blank in the .docx cannot be "
        "told. There is no “（2）其他资金” row in the copy; none is added. Execution rate 103.21 is the one the form "
        "prints (both for 财政拨款 and 基本支出; there is no total row). Transcription choices: the vertically "
        "printed merged label “产出指标” comes out of the copy as “出标产指” and is restored; “年度总 … 体目标” is "
        "one wrapped label cell; “门诊住院人次增加 增372人次” is split as name “任务1：门诊住院人次”, target “增加”, "
        "result “增372人次” (the split is a guess); the two 时效指标 rows print no 全年完成值 (left empty); “水电支出"
        "减少01万元” and “签约率提高1%X体检率提高2%” are kept as the copy prints them (a lost decimal point and a "
        "stray X). Checks: weights 4×5+5+5 = 30, 5+5+5+3+4+3 = 25, 13+12+10 = 35 (the 满意度指标 10 is cut off). "
        "Left out: everything from the 满意度指标 row on (its cells, 总分) — the copy stops at that label."
    ),
)
