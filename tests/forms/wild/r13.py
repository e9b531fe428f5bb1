# ruff: noqa: E501
"""R13 — 2020 district commerce bureau, 市级服务贸易发展资金: 项目自评表, a 20 + 80 scheme with no 分值 column.

A city template of the 湖北 kind (项目类别 / 项目属性 / 项目类型 tick lines with □): 预算执行情况（万元）(20分)
with 预算数(A) / 执行数(B) / 执行率(B/A) and a score header 得分(20分*执行率); 年度绩效目标(80分) as a label
merged down the indicator block; 一级 weights 产出指标(60分) / 效益指标(40分) that add to 100, not 80;
indicators with 年初目标值(A) / 实际完成值(B) / 得分 but no 分值 of their own; 总分 100 equal to the
indicator scores alone (20 + 80 scheme, yet 60 + 40 + the funds 20 = 120); a signature row and a note row.
Amounts and scores are numbers in the sheet.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R13",
    source="https://www.kunmingchi.com/archives/973rxnk2je7n4oep6ym4.html",
    title="2020年市级服务贸易发展资金项目自评表",
    place="不详（某市辖区：区商务局 / 投资促进中心；湖北式市级项目自评表模板）",
    sector="商务（服务贸易、服务外包）",
    sheets=(
        Sheet(
            "项目自评表",
            """
2020年市级服务贸易发展资金项目自评表 | < | < | < | < | < | <
单位名称:区商务局 | < | < | < | 填报日期:2021年4月22日 | < | <
项目名称 | 2020年市级服务贸易发展资金 | < | < | < | < | <
主管部门 | 区商务局 | < | 项目实施单位 | 投资促进中心 | < | <
项目类别 | 1、部门预算项目 2、区直专项 | < | < | < | < | <
项目属性 | 1、持续性项目 2、新增性项目 □ | < | < | < | < | <
项目类型 | 1、常年性项目 2、延续性项目 □ 3、一次性项目 □ | < | < | < | < | <
预算执行情况(万元)(20分) |  | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分\\n(20分*执行率) | <
^ | 年度财政资金总额 | #285.84 | #285.84 | #100% | #20 | <
年度绩效目标(80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分
^ | 产出指标(60分) | 数量指标 | 服务外包在岸(万美元) | #20000 | #23333.56 | #10
^ | ^ | ^ | 服务外包离岸(万美元) | #4500 | #4557.51 | #10
^ | ^ | ^ | 支持服务贸易、服务外包企业数量 | #3 | #3 | #10
^ | ^ | 质量指标 | 企业国际质量提升 | 获得目的国(地区)受众欢迎 | 受目的国受众欢迎显著 | #10
^ | ^ | 时效指标 | 预算资金执行率 | 90% | 100% | #10
^ | ^ | ^ | 资金拨付及时性 | 98%以上 | 100% | #10
^ | 效益指标(40分) | 社会效益指标 | 企业把握政治导向和文化方向情况 | 企业把握正确政治导向和文化方向情况的评价 | 企业较好把握正确政治导向和文化方向情况的评价 | #20
^ | ^ | 可持续影响指标 | 推动企业走出去方面发挥的作用 | 是否利于企业走出去 | 有利于推动企业走出去 | #20
总分 | < | < | < | < | < | #100
偏差大或目标未完成原因分析 |  | < | < | < | < | <
改进措施及结果应用方案 |  | < | < | < | < | <
单位主要负责人签批意见 | 签名:          年    月    日 | < | < | < | < | <
备注:1.预算执行情况口径:预算数为调整后财政资金总额(包括上年结余结转),执行数为资金使用单位财政资金实际支出数。2.…… | < | < | < | < | < | <
""",
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2020,
        money_unit="万元",
        projects=1,
        indicators=8,
        figures={"execution_rate": "100", "total_score": "100"},
        funds=(("年度财政资金总额", "budget", "285.84"), ("年度财政资金总额", "executed", "285.84")),
        targets=(("资金拨付及时性", "98%以上"), ("服务外包在岸", "20000")),
    ),
    notes=(
        "Source: a document site's text of “12---【市财政局、市商务局拨付2020年市级服务贸易发展资金的通知】项目"
        "自评表.doc”; the city is not printed (区商务局, 投资促进中心; the template — 项目类别 1、部门预算项目 2、区直"
        "专项, 预算执行情况(20分), 年度绩效目标(80分) — is the one used by 湖北 cities such as 黄石 and 襄阳). The "
        "text is a PDF-style extraction: cells come out of order (labels of merged cells after their rows) and "
        "wrapped cell text is split by spaces (“服务外 包企业数量”, “2020 年”); words were joined again and the "
        "rows laid out by the template. The tick marks of 项目类别/属性/类型 are kept only as the □ the copy shows "
        "(ticked boxes did not survive the extraction). The 质量指标 label and the actual values of the two 效益 "
        "rows appear late in the text and were put back on their rows. 总分 100 is placed in the 得分 column. "
        "The note row is shortened to its first item (the copy stops inside item 2). No people's names printed."
    ),
)
