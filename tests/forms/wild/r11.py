"""R11 — 2021 宁夏 银川市第六中学 初中公用经费: 银川市本级部门项目支出绩效自评表(2021年), a Word file.

银川's own 100-point scheme instead of the national 10 + 90: 一级 项目决策(10分) / 项目管理(25分) / 项目产出
(30分) / 项目效益(35分), with 预算执行率 as an indicator row under 投入管理 rather than a funds-row score;
二级 cells carrying weights (数量指标(10分)); the total printed at the top as 自评得分 98 beside an empty
财政审定评分; a funds block of 年初预算数 / 调整预算数(A) / 全年执行数(B) / 执行率(B/A) with no 分值 / 得分;
placeholder rows (指标1: / 指标2:) left in the template. The public copy is an OCR text: labels are
garbled (项Fl资金(万兀), 年初预匏数, 考值参分 for the 分值 header, 实施第位, 指标值(八)) and one score reads IO.
"""

from tests.forms.sheet import Sheet
from tests.forms.wild import Expect, WildForm

FORM = WildForm(
    id="R11",
    source="https://m.yzwku.com/doc/476505.html",
    title="银川市本级部门项目支出绩效自评表(2021年)",
    place="宁夏回族自治区银川市",
    sector="教育（初中公用经费）",
    file_kind="docx",
    sheets=(
        Sheet(
            "自评表",
            """
项目名称 | 初中公用经费 | < | < | < | < | < | <
主管部门 | 银川市教育局 | < | < | 实施第位 | 银川市第六中学 | < | <
自评得分 | 98 | < | < | 财政审1度评分 |  | < | <
项Fl资金(万兀) | 年度资金总额 | 年初预匏数 | 调整预算将,A、 | 全年执行数(B) | 执行率(B/A) | < | <
^ | ^ | 64.8 | 64.8 | 64.8 | 100% | < | <
年度总体r二 | 年初设定目标 | 保障学校正常工作运行 | < | 年度总体目标完成情况公,4 |  | < | <
一级指标 | 二级指标 | 三级指标 | 考值参分 | 指标值(八) | 全年实际值(B) | 得分 | 未完成原因分析及改进措施
项目决策(10分) | 项目目标 | 完整性 | 4 | 一 | 目标明确、内容细化、目标量化 | 4 |
^ | 项目立项 | 相关性 | 2 | 一 | 按照学校管理标准对学校进行管理 | 2 |
^ | ^ | 可行性 | 2 |  | 实际工作需求 | 2 |
^ | ^ | 适当性 | 2 |  | 有资金测第标准 | 2 |
项目管理(25分) | 投入管理 | 预算执行率 | 10 | 一 | 100% | 9 |
^ | 财务管理 | 财务管理制度有效性 | 7 | 一 | 财务制度健全,严格执行制度,会计核算规范 | 7 |
^ | 项Fl实施 | 绩效监控有效性 | 2 | 一 | 持续有效 | 2 |
^ | ^ | 管理制度有效性 | 6 | - | 严格执行相关管理制度 | 6 |
顼目产出(30分) | 数量指标(10分) | 保障人数 | 10 | 2370人 | 2370人 | IO |
^ | ^ | 指标2: |  |  |  |  |
^ | 质量指标(5分) | 公用经费标准 | 5 | 符合相关文件要求 | 符合相关文件要求 | 5 |
^ | ^ | 指标2: |  |  |  |  |
^ | 时效指标(5分) | 公用经费完成时间 | 5 | 2021年12月完成 | 2021年12月完成 | 4 |
^ | ^ | 指标2: |  |  |  |  |
^ | 成本指标(10分) | 办公所需成本 | 4 | 15万元 | 15万元 | 4 |
^ | ^ | 维修(维护)所需成本 | 3 | 35万元 | 35万元 | 3 |
^ | ^ | 绿化、水电费等成本 | 3 | M.8万元 | 14.8万元 | 3 |
项目效益(35分) | 经济效益指标 | 指标1: |  |  |  |  |
^ | ^ | 指标2: |  |  |  |  |
^ | 社会效益指标 | 效果显著 | 15 | 改善学校的办学条件 | 改善学校的办学条件 | 13 |
^ | 生态效益指标 | 指标L |  |  |  |  |
^ | ^ | 指标2: |  |  |  |  |
^ | 可持续影响指标 | 使学生和老师行个更好的学习和工作环境,做到 | 10 | 社会认可的办学环境. | 社会认可的办学环境. | 8 |
^ | ^ | 指标2: |  |  |  |  |
""",
            before=("银川市本级部门项目支出绩效自评表(2021年)",),
        ),
    ),
    expect=Expect(
        kind="project_self_evaluation",
        year=2021,
        money_unit="万元",
        projects=1,
        indicators=16,
        figures={"execution_rate": "100", "total_score": "98"},
        funds=(  # 年初预匏数 (an OCR misreading of 年初预算数) is not read: listed as not imported
            ("年度资金总额", "budget", "64.8"),
            ("年度资金总额", "executed", "64.8"),
        ),
        targets=(("保障人数", "2370人"),),
    ),
    notes=(
        "Source: a document-sharing site's OCR text of “银川市本级部门项目支出绩效自评表.docx” (5 pages; the "
        "viewer's chunk markers “2、”/“3、” dropped). The OCR text is one run without separators; cells were "
        "split by the template's columns and every garble kept as printed (实施第位, 财政审1度评分, 项Fl资金(万兀), "
        "年初预匏数, 调整预算将,A、, 年度总体r二, 年度总体目标完成情况公,4, 考值参分, 指标值(八), 项Fl实施, 顼目产出, "
        "有资金测第标准, M.8万元 for the target 14.8万元, IO for the score 10, 一 for —, 指标L for 指标1:). Layout "
        "choices: the OCR order puts 年度资金总额 before the funds headers and then four values, so it is a row "
        "label merged over the header and value rows; 自评得分 / 财政审定评分 are put on their own row under "
        "主管部门 / 实施单位; the 可持续影响 indicator reads “…做到10社会认可的办学环境.社会认可的办学环境.8”, taken "
        "as name “…做到”, 分值 10, target and actual “社会认可的办学环境.”, 得分 8 (the name may in truth end with "
        "“社会认可的办学环境.” wrapped). The copy continues with 服务对象满意度指标(10分) and breaks off inside its "
        "first indicator (“学生和老”); that row is left out. Indicators: 16 real rows; 指标1:/指标2:/指标L "
        "placeholders are not indicators. As printed, the visible scores add to 84 and the remaining 满意度 "
        "block carries 10 at most, so 自评得分 98 cannot be reached; the funds block prints no 分值/得分 (预算执行率 "
        "is scored 9 as an indicator although 执行率 is 100%)."
    ),
)
