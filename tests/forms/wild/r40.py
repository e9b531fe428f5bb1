# ruff: noqa: E501
"""R40 — 2016 北京 海淀区学院路街道 road-cleaning outsourcing: 项目支出绩效自评表（2016年度）, Beijing district template, Word.

The Beijing 2016 template as a sub-district office filled it: the title with the year is printed above the
table; 主管部门及代码 / 实施单位: with a colon inside the label cell; 项目资金（万元） with only two amount
columns 年初预算数(A) / 全年执行数(B) (no 全年预算数), 分值(10分) in the header, 执行率(B/A) printed 50% for
154.74 / 310.2 (= 49.88%) and 得分 5, and an extra 得分计算方法 column holding a sentence; 年度总体目标 with the
goal and the completion text side by side and no sub-header; an indicator header with 年度指标值(A) / 全年实际值(B) /
得分计算方法 / 得分 / 未完成原因分析; the 一级 label 产出指标(50分) carries its weight; a 是否-type indicator
whose 分值, 指标值 and 实际值 are all 12.5.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R40",
    source="https://www.wenku365.com/s-60761775.html",
    title="项目支出绩效自评表(2016年度)",
    place="北京市海淀区学院路街道",
    sector="城市管理（自管道路清扫保洁外包）",
    sheets=(
        Sheet(
            "表格1",
            """
项目名称 | 【体制】自管道路清扫保洁外包工作经费 | < | < | < | < | < | < | < | <
主管部门及代码 | 北京市海淀区人民政府学院路街道办事处 | < | < | < | 实施单位: | 北京市海淀区学院路街道城市运行服务中心 | < | < | <
项目资金(万元) |  | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 执行率(B/A) | 得分 | 得分计算方法 | < | <
^ | 年度资金总额: | 310.2 | 154.74 | 10 | 50% | 5 | 执行率*该指标分值,最高不得超过分值上限。 | < | <
^ | 其中:本年一般公共预算拨款 | 310.2 | 154.74 |  |  |  |  | < | <
^ | 其他资金 |  |  |  |  |  |  | < | <
年度总体目标 | 通过规范地区自管道路清扫保洁外包工作经费专项资金的使用,实现科学管理,将自管道路保洁进行外包。 | < | < | < | 按照年初设定目标,将辖区20条城市道路清扫保洁、4处居民生活区小广场清扫保洁业务通过公开招投标方式进行了外包。 | < | < | < | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值(A) | 全年实际值(B) | 得分计算方法 | 得分 | 未完成原因分析
^ | 产出指标(50分) | 数量指标 | 是否完成绩效目标申报表中申报的数量 | 12.5 | 12.5 | 12.5 | 完成值达到指标值,记满分;未达到指标值,按B/A或A/B*该指标分值记分。 | 12.5 |
""",
            before=("项目支出绩效自评表(2016年度)",),
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2016,
        money_unit="万元",
        projects=1,
        indicators=1,
        figures={"execution_rate": "50"},
        funds=(("年度资金总额", "budget_initial", "310.2"), ("年度资金总额", "executed", "154.74")),
        targets=(("是否完成绩效目标申报表中申报的数量", "12.5"),),
    ),
    file_kind="docx",
    notes=(
        "Source: a document-sharing site's text of a .doc (2 pages, uploaded 2020-12-15), flattened without cell "
        "separators and cut into numbered fragments (1、2、3、) that join without gaps (“实现科学管|理”). Place "
        "from the names printed (北京市海淀区人民政府学院路街道办事处). The grid is rebuilt from the template's order "
        "of cells; positions and spans are a transcription choice. The run “申报的数量12.51|2.512.5完成值达到…12.5” "
        "(split across fragments 2 and 3) is read as 分值 12.5 / 年度指标值 12.5 / 全年实际值 12.5, then the "
        "得分计算方法 sentence, then 得分 12.5. Both goal texts are shortened to a sentence; there is no 预期目标 / "
        "实际完成情况 sub-header in the copy. The copy stops in the next row (“质量指标 是否达到国…”): that "
        "truncated indicator is left out. Colons and commas are half-width as in the stored copy. No total, no "
        "grade visible. 年初预算数(A) is the only budget column and the base of 执行率(B/A), so it is expected "
        "as budget_initial (a careful import may also take it as the adjusted budget; the form has no other)."
    ),
)
