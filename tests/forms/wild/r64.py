# ruff: noqa: E501
"""R64 — 2020 云南 丽江市古城区自然资源局: 2020年度項目支出績效自評表 (卫片执法补助经费), in TRADITIONAL characters.

Yunnan's scored self-evaluation (10 + 90) with split target columns 指標性質 | 指標值 | 度量單位 under a two-row header
(年度指標值 over the three), 實際完成值 | 分值 | 得分 | 偏差原因分析及改進措施 — as re-published by a WeChat-account
mirror site that converted the whole page to traditional script (項目資金 (萬元), 年初預算數, 績效指標, 產出指標 …).
Operators “﹦” (U+FE66, small equals) and “≥”; weights and scores with two decimals (10.00 / 9.00) beside whole
ones (20 / 19); the 項目名稱 cell repeats the form title; the copy stops before the 滿意度 row's 得分 (no 總分).
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R64",
    source="http://m.jjiadianqingjie.com.cn/changyong/13241.html",
    title="2020年度項目支出績效自評表",
    place="云南省丽江市古城区",
    sector="自然资源（卫片执法补助）",
    sheets=(
        Sheet(
            "自評表",
            """
2020年度項目支出績效自評表 | < | < | < | < | < | < | < | < | <
項目名稱 | 2020年省級自然資源衛片執法補助經費支出績效自評表 | < | < | < | < | < | < | < | <
主管部門 | 麗江市自然資源和規劃局 | < | < | < | 實施單位 | 麗江市古城區自然資源局 | < | < | <
項目資金\\n(萬元) |  | 年初預算數 | 全年預算數 | 全年執行數 | 分值 | 執行率 | 得分 | < | <
^ | 年度資金總額 | #7.29 | #7.29 | #7.29 | #10.00 | #100% | #10.00 | < | <
^ | 其中:當年財政撥款 | #7.29 | #7.29 | #7.29 |  | #100% |  | < | <
^ | 上年結轉資金 |  |  |  |  |  |  | < | <
^ | 其他資金 |  |  |  |  |  |  | < | <
年度\\n總體\\n目標 | 預期目標 | < | < | < | 實際完成情況 | < | < | < | <
^ | 自然資源衛片執法補助經費 | < | < | < | 自然資源衛片執法補助經費 | < | < | < | <
績效指標 | < | < | 年度指標值 | < | < | 實際完成值 | 分值 | 得分 | 偏差原因分析及改進措施
一級\\n指標 | 二級指標 | 三級指標 | 指標性質 | 指標值 | 度量單位 | ^ | ^ | ^ | ^
產出指標 | 數量指標 | 衛片執法補助經費 | ﹦ | #72890 | 元 | #72890 | #10.00 | #9.00 |
^ | 質量指標 | 項目驗收合格率 | ﹦ | #100 | % | #100 | #20 | #19 |
^ | 時效指標 | 項目完成及時率 | ﹦ | #100 | % | #100 | #20.00 | #19.00 |
效益指標 | 社會效益指標 | 違法行為責停率 | ≥ | #95 | % | #95 | #30.00 | #27.00 |
滿意度指標 | 服務對象滿意度指標 | 滿意度 | ≥ | #95 | % | #95 | #10.00 |  |
""",
            widths=(12, 16, 20, 10, 10, 10, 10, 8, 8, 16),
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2020,
        money_unit="万元",
        projects=1,
        indicators=5,
        figures={"execution_rate": "100"},
        funds=(("年度", "budget_initial", "7.29"), ("年度", "budget", "7.29"), ("年度", "executed", "7.29")),
        targets=(("片", "﹦72890元"), ("停率", "≥95%")),
    ),
    notes=(
        "Rebuilt from the HTML table on m.jjiadianqingjie.com.cn (最新資訊, 2021-06-28, credited to the WeChat account "
        "yn2553), a re-publication of the 丽江市古城区自然资源局 form in which the whole page — labels, names, units — is "
        "in traditional characters (a script conversion by the mirror; the original Yunnan form is in simplified script). "
        "Kept as published: a careful tool should read 項目資金 (萬元) / 年初預算數 / 績效指標 / 指標值 as their simplified "
        "forms (萬元 = 万元); funds lines and target names are matched here on parts that are the same in both scripts "
        "(“年度”, “片”, “停率”) so either a kept or a converted label passes. Layout follows the same Yunnan template as "
        "W01 (10 columns; 項目資金 merged down the funds block with an empty label-column header; two-row indicator header, "
        "年度指標值 over 指標性質 | 指標值 | 度量單位). In the 其中:當年財政撥款 row the copy prints four values (7.29 7.29 "
        "7.29 100%): read as the three amounts and the 執行率, 分值 and 得分 blank. The copy is TRUNCATED after the 滿意度 "
        "row's 分值 10.00: its 得分, the 總分 row and anything below are missing, so no total score is expected; the "
        "printed 得分 sum to 9 + 19 + 19 + 27 = 74 plus 10 for execution. Numbers stored as numbers with the printed decimals."
    ),
)
