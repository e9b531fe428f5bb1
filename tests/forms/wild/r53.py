# ruff: noqa: E501
"""R53 — 2021 重庆 西部（重庆）科学城 融媒体中心 部门整体绩效自评表 (Chongqing layout: one-level indicator list).

Chongqing’s 部门整体绩效自评表: no year in the title or anywhere but the completion narrative (“中心2021年较好地完成了
履职任务”); header cells 主管部门 / 财政处室 / 自评总分（分） 97.6 / 部门联系人 / 联系电话; a 部门预算执行情况 row
“年初预算数 | 全年（调整）预算数 | 全年执行数 | 执行率（%） | 执行率权重 | 执行率得分（分）” whose amounts are blank
and whose rate is 76% with weight 10 and score 7.6 (the rate itself scored like an indicator); 当年绩效目标 as
年初绩效目标 (“无”) | 全年（调整）绩效目标 | 全年目标实际完成情况. The indicator block has NO first / second level:
“指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数（%） | 指标权重（分） | 指标得分（分） |
是否核心指标” under a merged left label 绩效指标; 指标性质 is 定量指标 / 定性指标 in vertical merges; the 调整指标值 column
is empty throughout; qualitative targets 高 / 好; a 得分系数 of 100% on every row; 是否核心指标 是 / 否. The copy stops
at the next indicator name (公共服务…).
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R53",
    source="https://m.yzwku.com/doc/98587.html",
    title="部门整体绩效自评表",
    place="重庆市（西部（重庆）科学城）",
    sector="宣传（融媒体中心）",
    sheets=(
        Sheet(
            "部门整体绩效自评表",
            """
部门整体绩效自评表 | < | < | < | < | < | < | < | < | < | <
主管部门 | < |  | < | < | 财政处室 | < |  | 自评总分（分） | < | 97.6
部门联系人 | < | 张某 | < | < | 联系电话 | < |  | < | < | <
部门预算执行情况 | 年初预算数 | < | 全年（调整）预算数 | < | 全年执行数 | < | 执行率（%） | 执行率权重 | < | 执行率得分（分）
^ |  | < |  | < |  | < | 76% | 10 | < | 7.6
当年绩效目标 | 年初绩效目标 | < | < | 全年（调整）绩效目标 | < | < | < | 全年目标实际完成情况 | < | <
^ | 无 | < | < | 通过整合各级各类媒体、户外广告载体、宣传宣讲活动等，为建设成渝地区双城经济圈和西部（重庆）重庆科学城营造良好氛围。\\n保障融媒体中心正常人事基础/日常运转，有效承担西部（重庆）科学城新闻宣传管理，思想文化领域建设等工作。 | < | < | < | 中心2021年较好地完成了履职任务，有效开展了西部（重庆）科学城新闻宣传管理/思想文化领域建设等工作，为建设成渝地区双城经济圈和西部（重庆）重庆科学城营造了良好氛围。 | < | <
绩效指标 | 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数（%） | 指标权重（分） | 指标得分（分） | 是否核心指标
^ | 财政供养人员控制率 | % | 定量指标 | 100% |  | 92% | 100% | 2 | 2 | 否
^ | “三公”经费变动率 | % | ^ |  |  |  | 100% | 2 | 2 | 否
^ | 基础信息完善 | % | ^ | 100% |  | 100% | 100% | 1 | 1 | 否
^ | 预算完成率 | % | ^ | 70% |  | 76% | 100% | 2 | 2 | 是
^ | 预算调整率 | % | ^ | 3% |  | 0 | 100% | 2 | 2 | 否
^ | 结转结余率 | % | ^ | 2% |  | 0 | 100% | 2 | 2 | 是
^ | 公用经费控制率 | % | ^ | 100% |  | 97% | 100% | 2 | 2 | 是
^ | “三公”经费控制率 | % | ^ |  |  |  | 100% | 2 | 2 | 否
^ | 政府采购执行率 | % | ^ | 100% |  | 72.74% | 100% | 2 | 2 | 是
^ | 管理制度健全性 |  | 定性指标 | 高 |  | 高 | 100% | 3 | 3 | 否
^ | 资金使用合规性 |  | ^ | 好 |  | 好 | 100% | 5 | 5 | 否
^ | 预决算信息公开性 |  | ^ | 高 |  | 高 | 100% | 1 | 1 | 否
^ | 资产管理安全 |  | ^ | 好 |  | 好 | 100% | 2 | 2 | 否
^ | 固定资产利用率 | % | 定量指标 | 90% |  | 100% | 100% | 2 | 2 | 否
^ | 党性教育培训次数 | 次 | ^ | 26次 |  | 12次 | 100% | 5 | 5 | 是
^ | 组织宣传活动次数 | 次 | ^ | 到0次 |  | 43次 | 100% | 10 | 10 | 是
^ | 制作宣传品数量 | 份 | ^ | 第O份 |  | 20份 | 100% | 5 | 5 | 否
^ | 播发稿件数量 | 篇 | ^ | 2200篇 |  | 2859篇 | 100% | 10 | 10 | 是
^ | 业务保障能力提升 | % | ^ | 90% |  | 95% | 100% | 10 | 10 | 否
""",
            widths=(10, 18, 8, 10, 12, 10, 12, 10, 10, 10, 10),
        ),
    ),
    expect=Expect(
        kind="department_self_evaluation",
        year=2021,
        money_unit="元",
        projects=1,
        indicators=19,
        figures={"execution_rate": "76", "total_score": "97.6"},
        targets=(("政府采购执行率", "100%"), ("播发稿件数量", "2200篇"), ("管理制度健全性", "高")),
    ),
    notes=(
        "Rebuilt from the stored copy of the document page “部门整体绩效自评表.docx” (优知文库 mobile site, a different "
        "document from R11’s), an OCR-like text of the .docx with no cell separators and with garbles; the 11-column "
        "grid, spans and the cell each value falls in are a reconstruction from the Chongqing template the labels "
        "match and from the weights (2+2+1+2+2+2+2+2+2+3+5+1+2+2+5+10+5+10+10 = 70, + 执行率权重 10 = 80; the cut "
        "rows from 公共服务… on would hold the other 20; 97.6 = 100 − 2.4 lost on the rate: 10 × 76% = 7.6). "
        "Restored garbles (certain): “全年(If整)预算数” → 全年（调整）预算数, “年成值全完值” → 全年完成值, the vertical "
        "merge “性标定指” → 定性指标, the unit “tot扁” → 篇, “三公 quotes (“三公经费…”) → “三公”经费…. Kept as the copy "
        "prints them (uncertain, likely “≥” read as “2” and similar): targets “26次”, “到0次”, “第O份”, “2200篇”; "
        "an expectation on those cells would be unreasonable for any importer, so only “2200篇” is checked as "
        "text. Left out: a stray “O” before “76%” (a lost amount cell, value unknowable) and the garbled fragment "
        "“相)预资5” after 部门预算执行情况 (perhaps “（万元）” — not restored, so no money unit is printed and "
        "money_unit is the documented default 元; no amounts are printed either). Empty in the copy: 主管部门, "
        "财政处室 and 联系电话 values; the contact person’s name → 张某. Year 2021 appears only in the completion "
        "narrative (“中心2021年较好地完成了履职任务”): a careful import takes the evaluated year from there and says so."
    ),
)
