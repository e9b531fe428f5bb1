"""perfnb import: one minimal form for each way real templates print things (issue 14).

Each test builds the smallest sheet that shows one feature — in the notation of ``tests/forms/sheet.py``
— imports it and asserts what was written and what the import report says.
"""

from __future__ import annotations

import csv
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from perfnb.cli import cli
from perfnb.engine.check import check_department
from perfnb.format.load import load_department
from perfnb.forms.department import REPORT_FILE, FormImportError
from perfnb.forms.headers import category_weight, label_value, marked, title_kind
from perfnb.forms.importer import ImportResult, import_forms
from tests.forms.sheet import Sheet, write_docx, write_xlsx

FUNDS = """
项目名称 | 测试项目 | < | < | < | < | < | <
项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
^ | 年度资金总额 | #100 | #100 | #95 | #10 | 95% | #9.5
"""
INDICATORS = """
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #50 | #50
效益指标 | 社会效益指标 | 覆盖率 | ≥90% | 95% | #30 | #30
满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 92% | #10 | #10
总分 | < | < | < | < | #100 | #99.5
"""


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def header(folder: Path) -> dict[str, object]:
    loaded = yaml.safe_load((folder / "department.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def report(folder: Path) -> list[dict[str, str]]:
    return rows(folder, REPORT_FILE)


def imp(tmp_path: Path, *sheets: str | Sheet, name: str = "form.xlsx", **options: object) -> ImportResult:
    """Write ``sheets`` (notation, or Sheet) as one workbook ``name`` and import it as department ``d``."""
    specs = [s if isinstance(s, Sheet) else Sheet(f"表{i}", s) for i, s in enumerate(sheets, 1)]
    path = write_xlsx(tmp_path / name, specs)
    return import_forms([path], "d", tmp_path / "raw", **options)  # type: ignore[arg-type]


def self_evaluation(title: str = "项目支出绩效自评表 | <", year: str = "（2023年度） | <") -> str:
    return f"{title}\n{year}\n{FUNDS}年度总体目标 | 完成培训\n{INDICATORS}"


# --- kinds and titles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "kind", "department"),
    [
        ("项目支出绩效自评表", "project_self_evaluation", False),
        ("绩效目标自评表(2022年度)", "project_self_evaluation", False),
        ("专项经费绩效自评表", "project_self_evaluation", False),
        ("财政预算支出项目绩效目标自评表", "project_self_evaluation", False),
        ("2023年度部门整体支出绩效自评表", "department_self_evaluation", True),
        ("项目支出绩效目标申报表", "target_table", False),
        ("省级部门预算项目支出绩效目标表（2023年度）", "target_table", False),
        ("部门整体支出绩效目标表", "target_table", True),
        ("2020年市级服务贸易发展资金项目自评表", "project_self_evaluation", False),
    ],
)
def test_title_words_name_the_kind(title: str, kind: str, department: bool) -> None:
    assert title_kind(title) == (kind, department)


@pytest.mark.parametrize("text", ["2023年度部门整体支出绩效评价基础数据表", "填表人：张某", "项目名称", "绩效指标"])
def test_texts_that_are_no_title(text: str) -> None:
    said = title_kind(text)
    assert said is None or said[0] is None


def test_a_form_that_prints_scores_is_a_self_evaluation_whatever_its_title(tmp_path: Path) -> None:
    result = imp(tmp_path, self_evaluation(title="某县项目绩效目标表 | <"))
    assert header(result.folder)["kind"] == "project_self_evaluation"
    assert header(result.folder)["scheme"] == "mof-2020-project"
    assert any("印有得分：按自评表导入" in line["说明"] for line in report(result.folder))
    measures = [r["measure"] for r in rows(result.folder, "reported_figures.csv")]
    assert measures == ["execution_rate", "weight", "score", "weight", "total_score"]


# --- the year ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "year", ["（2022年度） | <", "2022年度 | <", "2022年 | <", "(２０２２年度) | <", "年度：2022 | <"]
)
def test_the_year_in_any_spelling(tmp_path: Path, year: str) -> None:
    result = imp(tmp_path, self_evaluation(year=year))
    assert header(result.folder)["fiscal_year"] == 2022


def test_the_year_in_the_title(tmp_path: Path) -> None:
    result = imp(tmp_path, self_evaluation(title="项目支出绩效自评表（2021 年度） | <", year=""))
    assert header(result.folder)["fiscal_year"] == 2021


def test_the_year_in_the_sheet_name(tmp_path: Path) -> None:
    result = imp(tmp_path, Sheet("2020年项目自评", self_evaluation(year="")))
    assert header(result.folder)["fiscal_year"] == 2020
    assert not any(line["说明"].startswith("推定") for line in report(result.folder))


def test_the_year_inferred_from_the_filing_date_is_a_named_assumption(tmp_path: Path) -> None:
    form = self_evaluation(year="") + "填表人：张某　　　填报日期：2022年2月3日 | <\n"
    result = imp(tmp_path, form)
    assert header(result.folder)["fiscal_year"] == 2021  # a self-evaluation is filled in the next year
    (note,) = [line["说明"] for line in report(result.folder) if line["说明"].startswith("推定")]
    assert "按填报日期“2022年2月3日”" in note and "推定为 2021 年度" in note and "--year" in note


def test_the_year_inferred_from_the_file_name_is_a_named_assumption(tmp_path: Path) -> None:
    result = imp(tmp_path, self_evaluation(year=""), name="自评表-2019.xlsx")
    assert header(result.folder)["fiscal_year"] == 2019
    assert any("按文件名推定为 2019 年度" in line["说明"] for line in report(result.folder))


def test_no_year_anywhere_asks_for_year(tmp_path: Path) -> None:
    with pytest.raises(FormImportError, match="没有找到年度") as caught:
        imp(tmp_path, self_evaluation(year=""))
    assert caught.value.expected == "用 --year 指定年度"
    result = imp(tmp_path, self_evaluation(year=""), year=2024)
    assert header(result.folder)["fiscal_year"] == 2024


# --- headers as the templates print them -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "base", "unit", "weight", "letters"),
    [
        ("全年预算数（A）", "全年预算数", None, None, "A"),
        ("执行率\n（B/A）", "执行率", None, None, "B/A"),
        ("分值（10分）", "分值", None, "10", None),
        ("项目资金\n（万元）", "项目资金", "万元", None, None),
        ("指标名称（三级指标）", "指标名称", None, None, None),
        ("得分\n（20分*执行率）", "得分", None, "20", None),
        ("小计\n③=①+②", "小计", None, None, None),
        ("其中：本年财政拨款", "本年财政拨款", None, None, None),
        ("年度资金总额：", "年度资金总额", None, None, None),
    ],
)
def test_bracketed_markers_are_stripped_and_kept(
    text: str, base: str, unit: str | None, weight: str | None, letters: str | None
) -> None:
    got = marked(text)
    assert (got.text, got.unit, got.weight, got.letters) == (base, unit, weight, letters)


def test_the_national_template_headers(tmp_path: Path) -> None:
    """全年预算数（A）/ 全年执行数（B）/ 执行率（B/A）, 年度总体目标完成情况, 指标名称（三级指标）, 自评得分."""
    form = """
项目支出绩效自评表 | < | < | < | < | < | <
（2021年度） | < | < | < | < | < | <
项目名称 | 禁毒经费 | < | < | < | < | <
项目资金（万元） | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分
^ | #100 | #100 | #100 | #10 | 100% | #10
年度总体目标完成情况 | 预期目标 | < | < | 实际完成情况 | < | <
^ | 打击毒品犯罪 | < | < | 已完成 | < | <
一级指标 | 二级指标 | 指标名称（三级指标） | 年初指标值 | 年终完成值 | 分值 | 自评得分
产出指标 | 数量指标 | 宣传场次 | ≥1场 | 1场 | #90 | #90
"""
    result = imp(tmp_path, form)
    (fund,) = rows(result.folder, "funds.csv")
    assert (fund["budget_initial"], fund["budget"], fund["executed"]) == ("100", "100", "100")
    (project,) = rows(result.folder, "projects.csv")
    assert project["goal"] == "打击毒品犯罪" and "实际完成情况：已完成" in project["note"]
    (ind,) = rows(result.folder, "indicators.csv")
    assert (ind["level3"], ind["target"], ind["actual"], ind["score"]) == ("宣传场次", "≥1场", "1场", "90")
    assert [(r["measure"], r["value"]) for r in rows(result.folder, "reported_figures.csv")] == [
        ("execution_rate", "100"), ("weight", "10"), ("score", "10"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("funds_header", "indicator_header"),
    [
        (
            "年初预算资金总额 | 全年预算数 | 实际投入资金额",
            "年度指标值 | 全年实际完成值 | 分值 | 自评分 | 未完成原因及拟采取的改进措施",
        ),
        ("年初预算数 | 全年预算数 | 全年执行", "指标目标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"),
    ],
)
def test_header_variants(tmp_path: Path, funds_header: str, indicator_header: str) -> None:
    form = f"""
项目支出绩效自评表 | < | < | < | < | < | < | <
（2022年度） | < | < | < | < | < | < | <
项目名称 | 项目 | < | < | < | < | < | <
项目资金（万元） | {funds_header}
年度资金总额 | #50 | #50 | #40
一级指标 | 二级指标 | 三级指标 | {indicator_header}
产出指标 | 数量指标 | 场次 | ≥10场 | 8场 | #90 | #72 | 天气原因
"""
    result = imp(tmp_path, form)
    (fund,) = rows(result.folder, "funds.csv")
    assert (fund["budget_initial"], fund["budget"], fund["executed"]) == ("50", "50", "40")
    (ind,) = rows(result.folder, "indicators.csv")
    assert (ind["target"], ind["actual"], ind["weight"], ind["score"], ind["deviation"]) == (
        "≥10场", "8场", "90", "72", "天气原因",
    )  # fmt: skip


def test_review_scores_are_printed_figures_of_their_indicator(tmp_path: Path) -> None:
    form = """
项目支出绩效自评表 | < | < | < | < | < | < | <
（2022年度） | < | < | < | < | < | < | <
项目名称 | 项目 | < | < | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 自评分 | 复核分
产出指标 | 数量指标 | 场次 | ≥10场 | 10场 | #90 | #90 | #85
"""
    result = imp(tmp_path, form)
    (figure,) = rows(result.folder, "reported_figures.csv")
    assert (figure["measure"], figure["indicator_ids"], figure["value"]) == ("score", "i-p1-1", "85")
    checked = check_department(load_department("d", tmp_path / "raw").department)  # type: ignore[arg-type]
    (review,) = [f for f in checked.figures if f.id == figure["id"]]
    assert (review.reported, review.verdict.value) == ("85", "differs")  # the row scores 90 by its rule


@pytest.mark.parametrize(
    ("cell", "name", "weight"),
    [("产出指标（70分）", "产出指标", "70"), ("数量指标15分", "数量指标", "15"),
     ("产\n出\n指\n标\n（50分）", "产出指标", "50"),
     ("项目决策(10分)", "项目决策", "10"), ("成本指标(0-20)分", "成本指标", None), ("产出指标", "产出指标", None)],
)  # fmt: skip
def test_a_category_carries_its_weight(cell: str, name: str, weight: str | None) -> None:
    got_name, got_weight = category_weight(cell)
    assert (got_name.replace("\n", ""), got_weight) == (name, weight)


def test_category_weights_are_imported_and_reconciled(tmp_path: Path) -> None:
    form = """
项目支出绩效自评表 | < | < | < | < | < | <
（2022年度） | < | < | < | < | < | <
项目名称 | 项目 | < | < | < | < | <
项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
^ | #10 | #10 | #10 | #10 | 100% | #10
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
产出指标（70分） | 数量指标 | 甲 | ≥1个 | 1个 | #40 | #40
^ | 质量指标 | 乙 | ≥1个 | 1个 | #20 | #20
满意度指标（20分） | 服务对象满意度指标 | 丙 | ≥90% | 95% | #20 | #20
总分 | < | < | < | < | #100 | #90
"""
    result = imp(tmp_path, form)
    figures = rows(result.folder, "reported_figures.csv")
    weights = [(r["section"], r["value"]) for r in figures if r["measure"] == "weight"]
    assert weights == [("预算执行", "10"), ("产出指标", "70"), ("满意度指标", "20"), ("总分", "100")]
    levels = {r["level1"] for r in rows(result.folder, "indicators.csv")}
    assert levels == {"产出指标", "满意度指标"}  # the weight is not part of the category's name
    checked = check_department(load_department("d", tmp_path / "raw").department)  # type: ignore[arg-type]
    verdicts = {f.label: (f.recomputed_text, f.verdict.value) for f in checked.figures if f.measure == "weight"}
    assert verdicts["p1 产出指标分值"] == ("60", "differs")  # 40 + 20, not the printed 70
    assert verdicts["p1 满意度指标分值"] == ("20", "agrees")
    assert verdicts["p1 总分值"] == ("90", "differs")  # 10 + 40 + 20 + 20 against the printed 100


# --- split target columns ----------------------------------------------------------------------------


def test_split_target_columns_are_recombined(tmp_path: Path) -> None:
    """指标性质 | 指标值 | 度量单位 under a two-row header (Yunnan): ≧ and ═ as printed, the unit appended."""
    form = """
项目支出绩效自评表 | < | < | < | < | < | < | < | <
（2022年度） | < | < | < | < | < | < | < | <
项目名称 | 项目 | < | < | < | < | < | < | <
绩效指标 | < | < | 年度指标值 | < | < | 实际完成值 | 分值 | 得分
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | ^ | ^ | ^
产出指标 | 数量指标 | 受助人数 | ≧ | #735 | 人次 | #735 | #45 | #45
^ | 质量指标 | 覆盖率 | ═ | #100 | % | 98% | #45 | #44.1
效益指标 | 经济效益指标 | 减轻负担 | 定性 | 有效 |  | 有效 | #0 | #0
"""
    result = imp(tmp_path, form)
    got = [(r["target"], r["actual"]) for r in rows(result.folder, "indicators.csv")]
    assert got == [("≧735人次", "735人次"), ("═100%", "98%"), ("有效", "有效")]
    first = rows(result.folder, "indicators.csv")[0]
    assert "按年度指标值的单位“人次”读" in first["note"]  # the actual was printed without its unit
    lines = report(result.folder)
    parts = {line["位置"] for line in lines if line["写入"] == "indicators.csv i-p1-1 target"}
    assert parts == {"工作表“表1” D6", "工作表“表1” E6", "工作表“表1” F6"}  # the original cells stay listed
    checked = check_department(load_department("d", tmp_path / "raw").department)  # type: ignore[arg-type]
    scores = {f.id: (f.recomputed_text, f.verdict.value) for f in checked.figures if f.measure == "score"}
    assert scores["score:i-p1-2"] == ("44.1", "agrees")  # ═100% with 98%: 45 × 0.98


def test_nature_and_direction_columns_give_the_operator_from_the_cell(tmp_path: Path) -> None:
    """指标性质 holding 正向 and 指标方向 holding = (Inner Mongolia): the operator is the cell with a symbol."""
    form = """
项目支出绩效目标表 | < | < | < | < | <
（2021年） | < | < | < | < | <
项目名称 | 项目 | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 目标值 | 计量单位
产出指标 | 数量指标 | 出差人次 | 正向 | = | #24 | 人/次
"""
    result = imp(tmp_path, form)
    assert [r["target"] for r in rows(result.folder, "indicators.csv")] == ["=24人/次"]


# --- labels and values ------------------------------------------------------------------------------


def test_label_and_value_in_one_cell() -> None:
    assert label_value("其他资金：585.62") == ("其他资金", "585.62")
    assert label_value("其中：  一般公共预算：1325.68") == ("一般公共预算", "1325.68")
    assert label_value("项目名称：乡村道路") == ("项目名称", "乡村道路")
    assert label_value("年度资金总额：") is None


def test_label_value_cells_and_pairs_along_a_row(tmp_path: Path) -> None:
    form = """
项目支出绩效目标申报表 | < | < | <
（2023年度） | < | < | <
项目名称：文物保护经费 | < | 主管部门：文旅局 | <
项目资金\\n（元） | 实施期资金总额 | 1,000,000 | 年度资金总额
^ | 其中：财政资金 | 1,000,000 | 其中：财政资金
^ | 单位自筹 | 0 | 单位自筹
"""
    result = imp(tmp_path, form)
    (project,) = rows(result.folder, "projects.csv")
    assert project["name"] == "文物保护经费" and "主管部门：文旅局" in project["note"]
    funds = [(r["id"], r["line"], r["budget"], r["parent"]) for r in rows(result.folder, "funds.csv")]
    assert funds == [
        ("f-p1", "年度资金总额", "", ""),
        ("f-p1-period", "实施期资金总额", "1,000,000", ""),
        ("f-p1-period-current", "其中：财政资金", "1,000,000", "f-p1-period"),
        ("f-p1-current", "其中：财政资金", "", "f-p1"),
        ("f-p1-period-other", "单位自筹", "0", "f-p1-period"),
        ("f-p1-other", "单位自筹", "", "f-p1"),
    ]


def test_a_whole_department_form_with_label_value_cells(tmp_path: Path) -> None:
    """The national 部门整体支出绩效自评表: 按收入性质分 / 按支出性质分 with label and amount in one cell."""
    form = """
2023年度部门整体支出绩效自评表 | < | < | < | < | < | <
预算部门、单位名称 | < | 某乡人民政府 | < | < | < | <
年度预算申请（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 自评得分
^ | 年度资金总额 | 861.10 | 2030.12 | 2030.12 | 10 | 100% | 10
^ | 按收入性质分：2030.12 | < | < | 按支出性质分：1925.67 | < | < | <
^ | 其中：一般公共预算：1444.50 | < | < | 其中：基本支出：900.47 | < | < | <
^ | 其他资金：585.62 | < | < | 项目支出：1025.20 | < | < | <
年度主要任务 | 任务名称 | < | 主要内容 | 预算数 | 执行数 |  |
^ | 乡村振兴 | < | 道路与供水 | 120 | 118 |  |
^ | 社会治理 | < | 网格化管理 | 80 | 80 |  |
年度总体目标 | 完成全年工作任务 | < | < | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
产出指标 | 数量指标 | 道路里程 | ≥10公里 | 10公里 | 90 | 90
总分 | < | < | < | < | 100 | 100
自评等级 | 优 | < | < | < | < | < | <
"""
    result = imp(tmp_path, form)
    head = header(result.folder)
    assert (head["kind"], head["scheme"]) == ("department_self_evaluation", "mof-2020-department")
    assert head["name"] == "某乡人民政府"
    assert head["annual_goal"] == "完成全年工作任务"
    funds = {r["id"]: r for r in rows(result.folder, "funds.csv")}
    assert (funds["f-total"]["budget_initial"], funds["f-total"]["budget"]) == ("861.10", "2030.12")
    assert (funds["f-by_income"]["budget"], funds["f-by_expense"]["executed"]) == ("2030.12", "1925.67")
    assert (funds["f-basic"]["expense_type"], funds["f-basic"]["parent"]) == ("基本支出", "f-by_expense")
    assert "按全年执行数导入" in funds["f-basic"]["note"]  # the column is an assumption, and says so
    assert [(r["id"], r["kind"], r["name"], r["content"]) for r in rows(result.folder, "projects.csv")] == [
        ("t1", "重点任务", "乡村振兴", "道路与供水"), ("t2", "重点任务", "社会治理", "网格化管理"),
    ]  # fmt: skip
    assert (funds["f-t1"]["budget"], funds["f-t1"]["executed"], funds["f-t1"]["project_id"]) == ("120", "118", "t1")
    (ind,) = rows(result.folder, "indicators.csv")
    assert (ind["id"], ind["project_id"]) == ("i-1", "")
    figures = [(r["measure"], r["value"], r["project_id"]) for r in rows(result.folder, "reported_figures.csv")]
    assert ("total_score", "100", "") in figures and ("grade", "优", "") in figures
    loaded = load_department("d", tmp_path / "raw")
    assert loaded.ok, [str(p) for p in loaded.problems]
    checked = check_department(loaded.department)  # type: ignore[arg-type]
    assert (checked.total, checked.grade) == (100, "优")
    by_id = {f.id: f for f in checked.figures}
    assert by_id["sum:f-total:按支出性质分:executed"].verdict.value == "differs"  # 1925.67 against 2030.12
    assert by_id["sum:f-by_income:按收入性质分:budget"].verdict.value == "agrees"


def test_parts_written_with_their_amounts_go_to_the_column_they_add_up_to(tmp_path: Path) -> None:
    """按收入性质分： / 按支出性质分： printed as headings without amounts, their parts as 一般公共预算：2,200.00: the
    headings name the groups, the parts go to the total's column they add up to; a group that adds up to none
    keeps 全年预算数 and is checked against it (helper trial, 武侯区 form)."""
    form = """
部门整体支出绩效自评表 | < | < | < | < | < | < | <
（2023年度） | < | < | < | < | < | < | <
部门（单位）名称 | 某区市场监督管理局 | < | < | < | < | < | <
年度预算申请\n（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
^ | 年度资金总额 | #2300 | 2,456.80 | 2,398.35 | #10 | 97.62% | #9.76
^ | 按收入性质分： | < | < | 按支出性质分： | < | < | <
^ | 其中：一般公共预算：2,200.00 | < | < | 其中：基本支出：1,650.30 | < | < | <
^ | 政府性基金拨款：100.00 | < | < | 项目支出：748.05 | < | < | <
^ | 其他资金：{other} | < | < |  | < | < | <
"""
    result = imp(tmp_path, form.format(other="98.35"))
    funds = {r["id"]: r for r in rows(result.folder, "funds.csv")}
    assert "f-by_income" not in funds and "f-by_expense" not in funds  # headings, not funds lines
    got = {i: (r["group"], r["parent"], r["budget"], r["executed"]) for i, r in funds.items() if i != "f-total"}
    assert got == {
        "f-general": ("按收入性质分", "f-total", "", "2,200.00"),
        "f-government_fund": ("按收入性质分", "f-total", "", "100.00"),
        "f-other": ("按收入性质分", "f-total", "", "98.35"),
        "f-basic": ("按支出性质分", "f-total", "", "1,650.30"),
        "f-project": ("按支出性质分", "f-total", "", "748.05"),
    }
    assert "合计 2398.35 与年度资金总额的全年执行数相同，按全年执行数导入" in funds["f-other"]["note"]
    assert result.imported.ignored == []  # 按支出性质分： above a column is a heading, not a figure
    checked = check_department(load_department("d", tmp_path / "raw").department)  # type: ignore[arg-type]
    by_id = {f.id: f.verdict.value for f in checked.figures}
    assert by_id["sum:f-total:按收入性质分:executed"] == by_id["sum:f-total:按支出性质分:executed"] == "agrees"

    (tmp_path / "wrong").mkdir()
    other = imp(tmp_path / "wrong", form.format(other="90.00"))  # adds up to 2390.00: none of the three
    funds = {r["id"]: r for r in rows(other.folder, "funds.csv")}
    assert funds["f-other"]["budget"] == "90.00"
    assert "都不相同，按全年预算数导入，请核对" in funds["f-other"]["note"]
    checked = check_department(load_department("d", tmp_path / "wrong" / "raw").department)  # type: ignore[arg-type]
    (mismatch,) = [f for f in checked.findings if f.code == "SUM_MISMATCH"]
    assert mismatch.figure_id == "sum:f-total:按收入性质分:budget"


def test_the_national_target_table_prints_each_horizon_as_a_column(tmp_path: Path) -> None:
    """项目资金 | 实施期资金总额 | 年度资金总额 over 资金总额 / 财政拨款 / 其他资金, and 实施期指标值 | 年度指标值:
    each horizon's funds under its own total, the period's targets in target_period (helper trial, 杭州 form)."""
    form = """
项目支出绩效目标表 | < | < | < | < | <
（2024年度） | < | < | < | < | <
项目名称 | 数据平台建设 | < | < | < | <
主管部门及代码 | 某市市场监督管理局 330101 | < | 实施单位 | 某市保护中心 | <
项目资金（万元） |  | 实施期资金总额 | < | 年度资金总额 | <
^ | 资金总额 | #600 | < | #200 | <
^ | 其中：财政拨款 | #550 | < | #180 | <
^ | 其他资金 | #50 | < | #20 | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 实施期指标值 | 年度指标值
^ | 产出指标 | 数量指标 | 汇集数据量 | ≥1000万条 | ≥300万条
^ | 满意度指标 | 服务对象满意度指标 | 用户满意度 | ≥90% | ≥85%
"""
    result = imp(tmp_path, form)
    funds = [(r["id"], r["group"], r["parent"], r["budget"]) for r in rows(result.folder, "funds.csv")]
    assert funds == [
        ("f-p1", "", "", "200"),
        ("f-p1-current", "资金来源", "f-p1", "180"),
        ("f-p1-other", "资金来源", "f-p1", "20"),
        ("f-p1-period", "实施期", "", "600"),
        ("f-p1-period-current", "实施期资金来源", "f-p1-period", "550"),
        ("f-p1-period-other", "实施期资金来源", "f-p1-period", "50"),
    ]
    targets = [(r["level3"], r["target_period"], r["target"]) for r in rows(result.folder, "indicators.csv")]
    assert targets == [("汇集数据量", "≥1000万条", "≥300万条"), ("用户满意度", "≥90%", "≥85%")]
    assert result.imported.ignored == [] and result.imported.numbers_ignored == 0
    head = header(result.folder)
    assert head["name"] == "某市市场监督管理局" and "编码：330101" in str(head["notes"])  # the code is not the name
    assert head["source"]["title"] == "项目支出绩效目标表"  # type: ignore[index]  # as printed, no year added


def test_reasons_and_the_goals_outcome_by_their_words(tmp_path: Path) -> None:
    """未完成原因及改进措施 is the reasons column (any header with 原因); 目标完成情况 | text on its own row is the
    goal's outcome (helper trial, 佛山 form)."""
    form = """
项目支出绩效自评表（2023年度） | < | < | < | < | < | < | <
项目名称 | 托管服务 | < | < | < | < | < | <
年度绩效目标 | 为200家企业提供托管服务 | < | < | < | < | < | <
目标完成情况 | 为186家企业提供托管服务 | < | < | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 权重 | 自评得分 | 未完成原因及改进措施
产出指标 | 数量指标 | 托管企业数量 | ≥200家 | 186家 | #90 | #83.7 | 部分企业退出托管
"""
    result = imp(tmp_path, form)
    (ind,) = rows(result.folder, "indicators.csv")
    assert ind["deviation"] == "部分企业退出托管"
    (project,) = rows(result.folder, "projects.csv")
    assert "实际完成情况：为186家企业提供托管服务" in project["note"]


def test_funds_rows_of_expense_types_scored_each_on_their_own(tmp_path: Path) -> None:
    """Guizhou: 年度资金总额 / 基本支出 / 项目支出 each with 分值 and 得分, and only 年初预算数 for a budget."""
    form = """
部门整体支出绩效自评表 | < | < | < | < | <
单位（盖章）：某镇人民政府 | < | < | < | 填报日期：2022年2月3日 | <
部门（单位）名称 | < | 某镇人民政府 | < | < | <
部门（单位）总体资金（万元） | 资金来源 | 年初预算数（A） | 全年执行数（B） | 分值（10分） | 得分
^ | 年度资金总额： | 1172.55 | 1268.72 | 10 | 10
^ | 基本支出 | 985.19 | 914.97 | 10 | 10
^ | 项目支出 | 187.36 | 353.75 | 10 | 10
"""
    result = imp(tmp_path, form)
    assert header(result.folder)["fiscal_year"] == 2021
    checked = check_department(load_department("d", tmp_path / "raw").department)  # type: ignore[arg-type]
    scores = {f.label: (round(f.recomputed, 2), f.verdict.value) for f in checked.figures if f.measure == "score"}
    assert scores == {"预算执行率得分": (10, "agrees"), "预算执行 基本支出得分": (Decimal("9.29"), "differs"),
                      "预算执行 项目支出得分": (10, "agrees")}  # fmt: skip
    over = [f for f in checked.findings if f.code == "EXECUTION_OVER_BUDGET"]
    assert [f.message for f in over] == ["年度资金总额的执行数 1268.72 大于年初预算数（表中没有全年预算数） 1172.55"]


# --- structure -----------------------------------------------------------------------------------------


def test_placeholders_and_note_rows_are_listed_not_imported(tmp_path: Path) -> None:
    form = """
项目支出绩效自评表 | < | < | < | < | < | <
（2020年度） | < | < | < | < | < | <
项目名称 | 项目 | < | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
产出指标 | 数量指标 | 指标1：场次 | ≥10场 | 10场 | #60 | #60
^ | ^ | 指标2：
^ | 时效指标 | 指标1：
^ | ^ | ……
满意度指标 | 满意度指标 | 满意度 | ≥90% | 95% | #20 | #20
其他需要说明事项 | 无 | < | < | < | < | <
备注：本表由单位填报 | < | < | < | < | < | <
总分 | < | < | < | < | #80 | #80
"""
    result = imp(tmp_path, form)
    got = [(r["level2"], r["level3"], r["weight"]) for r in rows(result.folder, "indicators.csv")]
    assert got == [("数量指标", "场次", "60"), ("时效指标", "", ""), ("满意度指标", "满意度", "20")]
    ignored = {line["原文"]: line["说明"] for line in report(result.folder) if line["结果"] == "未导入"}
    assert ignored["指标2："].startswith("模板的空占位行") and ignored["……"].startswith("模板的空占位行")
    assert ignored["其他需要说明事项 | 无"].startswith("说明或备注行")
    checked = check_department(load_department("d", tmp_path / "raw").department)  # type: ignore[arg-type]
    mismatches = [f.message for f in checked.findings if f.code == "WEIGHT_MISMATCH"]
    assert "项目 各三级指标分值合计 80 分，应为 90 分" in mismatches  # the placeholders did not switch the roll-up off


def test_each_worksheet_is_its_own_project_and_a_data_sheet_is_skipped(tmp_path: Path) -> None:
    first = self_evaluation()
    second = self_evaluation().replace("测试项目", "第二个项目")
    data = "基础数据表 | <\n编制数 | #46\n实有人数 | #50"
    result = imp(tmp_path, Sheet("甲", first), Sheet("数据", data), Sheet("乙", second))
    assert [r["name"] for r in rows(result.folder, "projects.csv")] == ["测试项目", "第二个项目"]
    lines = report(result.folder)
    (skipped,) = [line for line in lines if line["位置"] == "工作表“数据”"]
    assert "整张表未导入" in skipped["说明"] and "其中 2 个数字" in skipped["原文"]
    assert not any("续表" in line["说明"] for line in lines)  # a worksheet never continues another


# --- every printed number accounted for ---------------------------------------------------------------------


def test_every_number_is_imported_or_listed_and_counted(tmp_path: Path) -> None:
    form = self_evaluation() + "附注 | #12345\n"
    data = tmp_path / "raw"
    path = write_xlsx(tmp_path / "form.xlsx", [Sheet("表", form)])
    out = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(data)])
    assert out.exit_code == 0, out.output
    assert "表中数字 17 个，已导入 16 个，未导入 1 个" in out.output
    assert "未导入  form.xlsx 工作表“表” A14 “附注 | 12345”" in out.output


def test_missing_key_figures_are_warned_about(tmp_path: Path) -> None:
    without_total = INDICATORS.replace("总分 | < | < | < | < | #100 | #99.5\n", "")
    form = "项目支出绩效自评表 | <\n（2022年度） | <\n项目名称 | 某项目\n" + without_total
    data = tmp_path / "raw"
    path = write_xlsx(tmp_path / "form.xlsx", [Sheet("表", form)])
    out = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(data)])
    assert "[警告] form.xlsx 工作表“表”：自评表缺少关键数字（预算数、执行数、总分）" in out.output


def test_a_failed_import_shows_what_it_found_outside_the_data_folder(tmp_path: Path) -> None:
    data, processed = tmp_path / "raw", tmp_path / "processed"
    path = write_xlsx(tmp_path / "form.xlsx", [Sheet("表", self_evaluation(year=""))])
    out = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(data),
                                   "--report-dir", str(processed)])  # fmt: skip
    assert out.exit_code == 1
    assert "找到：没有标题" not in out.output and "按项目支出绩效自评表读取" in out.output
    assert "资金行 1 行；绩效指标 3 行" in out.output
    saved = processed / "d" / REPORT_FILE
    assert f"找到的内容和未导入的原因已写入 {saved}" in out.output
    assert "按项目支出绩效自评表读取" in saved.read_text(encoding="utf-8-sig")
    assert not data.exists()  # nothing was written to the data folder
    assert "Traceback" not in out.output


def test_a_formula_without_a_cached_value_is_computed_when_plain_arithmetic(tmp_path: Path) -> None:
    form = """
项目支出绩效自评表 | < | < | < | < | < | <
（2023年度） | < | < | < | < | < | <
项目名称 | 项目 | < | < | < | < | <
项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
年度资金总额 | ==SUM(B6:B7) | ==SUM(C6:C7) | ==D6+D7 | #10 | ==ROUND(D5/C5*100,2) | ==VLOOKUP(A1,B:C,2)
其中：当年财政拨款 | #100 | #100 | #90.5
其他资金 | #20 | #20 | #20
"""
    data = tmp_path / "raw"
    path = write_xlsx(tmp_path / "form.xlsx", [Sheet("表", form)])
    out = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(data)])
    funds = rows(data / "d", "funds.csv")
    assert (funds[0]["budget"], funds[0]["executed"]) == ("120", "110.5")
    rate = [r["value"] for r in rows(data / "d", "reported_figures.csv") if r["measure"] == "execution_rate"]
    assert rate == ["92.08"]
    assert "已按表中数字算出" in out.output
    assert "G5 是公式（=VLOOKUP(A1,B:C,2)）且文件中没有计算结果，公式含函数 VLOOKUP" in out.output


def test_a_word_form_with_fields_above_its_table(tmp_path: Path) -> None:
    """单位名称 and 填报日期 printed above the table in a Word document, no title: the year is inferred."""
    body = FUNDS + INDICATORS
    above = ("单位名称：某镇政府　　　　填报日期：2021.5.18",)
    path = write_docx(tmp_path / "form.docx", [Sheet("t", body, before=above)])
    result = import_forms([path], "d", tmp_path / "raw")
    assert header(result.folder)["fiscal_year"] == 2020
    assert "2021.5.18" in str(header(result.folder)["notes"])


def test_a_wps_workbook_with_a_wrong_dimension_record(tmp_path: Path) -> None:
    """WPS writes <dimension ref="A1"/> for a full sheet: the cells are read all the same."""
    path = write_xlsx(tmp_path / "wps.xlsx", [Sheet("表", self_evaluation())])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<dimension ref="[A-Z0-9:]+"/>', b'<dimension ref="A1"/>', parts[sheet])
    assert b'<dimension ref="A1"/>' in parts[sheet]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = import_forms([path], "d", tmp_path / "raw")
    assert len(rows(result.folder, "indicators.csv")) == 3
    assert rows(result.folder, "funds.csv")[0]["executed"] == "95"


@pytest.mark.parametrize(
    ("kind", "scheme"),
    [("project_self_evaluation", "mof-2020-project"), ("department_self_evaluation", "mof-2020-department"),
     ("target_table", "targets-only")],
)  # fmt: skip
def test_a_new_department_of_each_kind_gets_a_scheme_that_fits(tmp_path: Path, kind: str, scheme: str) -> None:
    out = CliRunner().invoke(cli, ["new", "d", "--data-dir", str(tmp_path), "--kind", kind])
    assert out.exit_code == 0, out.output
    assert (header(tmp_path / "d")["kind"], header(tmp_path / "d")["scheme"]) == (kind, scheme)


def test_a_pdf_table_without_ruling_lines_is_named_as_such(tmp_path: Path) -> None:
    from tests.forms import build
    from tests.forms.content import P1

    grids = build._self_evaluation_grids(P1, "standard", build.PDF_VARIANTS)
    path = build._save_pdf(tmp_path / "borderless.pdf", grids, build._SE_PDF_WIDTHS_MM, borders=False)
    out = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(tmp_path / "raw"),
                                   "--report-dir", str(tmp_path / "processed")])  # fmt: skip
    assert out.exit_code == 1
    assert "PDF 中没有找到带框线的表格" in out.output and "请用原始的 Excel 或 Word 文件导入" in out.output


def test_a_pdf_whose_fonts_have_no_unicode_map_is_refused_as_such(tmp_path: Path) -> None:
    from tests.forms import build
    from tests.forms.content import P1

    path = build.pdf_self_evaluation(tmp_path / "form.pdf", P1)
    data = path.read_bytes()
    assert data.count(b"/ToUnicode") == 1
    path.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))  # the font loses its map, offsets unchanged
    out = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(tmp_path / "raw")])
    assert out.exit_code == 1
    assert "PDF 的文字层无法读取：字体没有 Unicode 映射" in out.output and "OCR" in out.output
    assert "Traceback" not in out.output and not (tmp_path / "raw").exists()


# --- layouts found in more real forms (tests/forms/wild/r40–r64), each in its smallest form ------------------


def test_a_label_beside_an_amount_is_no_column_header(tmp_path: Path) -> None:
    form = """
项目支出绩效目标表 | < | < | <
（2020年度） | < | < | <
项目名称 | 项目 | < | <
项目资金 | 资金总额 | 10000万元 | 当年资金总额：
^ | 其中：财政拨款 | 10000万元 | 其中：当年财政拨款
"""
    result = imp(tmp_path, form)
    funds = [(r["line"], r["budget"], r["parent"]) for r in rows(result.folder, "funds.csv")]
    assert funds == [("资金总额", "10000", ""), ("当年资金总额", "", ""), ("其中：财政拨款", "10000", "f-p1"),
                     ("其中：当年财政拨款", "", "f-p1-total")]  # fmt: skip


def test_funds_lines_printed_as_columns(tmp_path: Path) -> None:
    form = """
财政预算支出项目绩效目标自评表 | < | < | < | < | < | <
（2021年度） | < | < | < | < | < | <
项目名称 | 道路养护 | < | < | < | < | <
项目资金来源 | 中央（万元） | 本级（万元） | 其他（万元） | 合计（万元） | 执行数（万元） | 执行率
^ |  | 309 |  | 309 | 300 | 97.09%
"""
    result = imp(tmp_path, form)
    funds = [(r["line"], r["budget"], r["executed"], r["parent"]) for r in rows(result.folder, "funds.csv")]
    assert funds[0] == ("合计（万元）", "309", "300", "")
    assert ("本级（万元）", "309", "", "f-p1") in funds
    rate = [r["value"] for r in rows(result.folder, "reported_figures.csv") if r["measure"] == "execution_rate"]
    assert rate == ["97.09"]


def test_funds_in_groups_side_by_side(tmp_path: Path) -> None:
    form = """
项目绩效自评表 | < | < | < | < | < | <
（2020年度） | < | < | < | < | < | <
项目名称 | 高龄津贴 | < | < | < | < | <
预算安排情况(调整后) | < | 资金到位情况 | < | 资金执行情况 | < | 预算执行进度(%)
预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.80 | 99.42
其中:财政资金 | 6.84 | 其中:财政资金 | 6.84 | 其中:财政资金 | 6.80 |
"""
    result = imp(tmp_path, form)
    funds = [(r["line"], r["budget"], r["received"], r["executed"]) for r in rows(result.folder, "funds.csv")]
    assert funds == [("预算数", "6.84", "6.84", "6.80"), ("其中:财政资金", "6.84", "6.84", "6.80")]
    rate = [r["value"] for r in rows(result.folder, "reported_figures.csv") if r["measure"] == "execution_rate"]
    assert rate == ["99.42"]


def test_a_funds_line_after_its_group_label(tmp_path: Path) -> None:
    form = """
卫生院整体支出绩效自评表 | < | < | <
（2021年度） | < | < | <
评价部门名称 | 某卫生院 | < | <
整体支出规模 | 全年预算数 | 全年执行数 | 执行率
资金来源：（1）财政拨款 | 100 | 103.21 | 103.21%
"""
    result = imp(tmp_path, form)
    (fund,) = rows(result.folder, "funds.csv")
    got = (fund["line"], fund["group"], fund["source"], fund["budget"])
    assert got == ("资金来源：（1）财政拨款", "资金来源", "财政拨款", "100")


@pytest.mark.parametrize(
    "header",
    ["一级指标 | 二级指标(长期) | 三级指标(长期) | 指标值(长期) | 二级指标(年度) | 三级指标(年度) | 指标值(年度)",
     "一级指标 | 二级指标 | 三级指标 | 指标值(或计划水平) | 二级指标 | 三级指标 | 计划指标值(或计划水平)"],
)  # fmt: skip
def test_period_and_annual_indicator_groups_side_by_side(tmp_path: Path, header: str) -> None:
    form = f"""
项目支出绩效目标表 | < | < | < | < | < | <
（2020年度） | < | < | < | < | < | <
项目名称 | 项目 | < | < | < | < | <
{header}
产出指标 | 数量指标 | 工程数量 | ≥6个 | 数量指标 | 工程数量 | ≥2个
"""
    result = imp(tmp_path, form)
    (ind,) = rows(result.folder, "indicators.csv")
    assert (ind["level3"], ind["target_period"], ind["target"]) == ("工程数量", "≥6个", "≥2个")


def test_several_indicator_blocks_in_one_sheet(tmp_path: Path) -> None:
    form = """
财政预算支出项目绩效目标自评表 | < | < | < | < | <
（2021年度） | < | < | < | < | <
项目名称 | 道路养护 | < | < | < | <
项目权重 | 评价内容 | 分值 | 自评分 | 复核分 | 评价标准及依据
项目决策\\n2分 | 决策依据 | 2 | 2 |  | 有计划得2分
项目年度目标1：道路养护 | < | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 年初指标值 | 年终完成值 | 自评分
产出指标 | 数量指标 | 养护里程 | 300公里 | 300公里 | 15
"""
    result = imp(tmp_path, form)
    got = [(r["level1"], r["level3"], r["weight"], r["score"]) for r in rows(result.folder, "indicators.csv")]
    assert got == [("项目决策", "决策依据", "2", "2"), ("产出指标", "养护里程", "", "15")]
    figures = rows(result.folder, "reported_figures.csv")
    assert [(r["section"], r["value"]) for r in figures if r["measure"] == "weight"] == [("项目决策", "2")]


def test_header_words_stacked_over_two_rows_and_a_name_merged_over_two_rows(tmp_path: Path) -> None:
    form = """
农村公益事业财政奖补项目绩效评价自评表 | < | < | < | < | <
（2021年度） | < | < | < | < | <
序号 | 一级指标 | 二级指标 | 三级指标 | 指标 | 县级
^ | ^ | ^ | ^ | 分值 | 评分
1 | 过程(30) | 资金管理 | 账务管理 | 2 | 2
2 | ^ | ^ | ^ | 1 | 1
"""
    result = imp(tmp_path, form)
    got = [(r["level1"], r["level3"], r["weight"], r["score"]) for r in rows(result.folder, "indicators.csv")]
    assert got == [("过程", "账务管理", "2", "2"), ("过程", "账务管理", "1", "1")]
    ignored = {line["原文"]: line["说明"] for line in report(result.folder) if line["结果"] == "未导入"}
    assert ignored["1"] == ignored["2"] == "序号（行号），不是数据"


def test_indicators_without_categories(tmp_path: Path) -> None:
    form = """
部门整体绩效自评表 | < | < | < | <
（2021年度） | < | < | < | <
部门名称 | 某中心 | < | < | <
指标名称 | 计量单位 | 年初指标值 | 全年完成值 | 指标权重（分） | 指标得分（分）
播发稿件数量 | 篇 | 2200篇 | 2859篇 | 10 | 10
"""
    result = imp(tmp_path, form)
    (ind,) = rows(result.folder, "indicators.csv")
    assert (ind["level1"], ind["level3"], ind["weight"], ind["score"]) == ("绩效指标", "播发稿件数量", "10", "10")
    assert any("没有一级、二级分类" in line["说明"] for line in report(result.folder))


def test_a_blank_first_level_is_inferred_and_operators_in_words(tmp_path: Path) -> None:
    form = """
项目支出绩效自评表 | < | < | < | < | < | < | <
（2024年度） | < | < | < | < | < | < | <
项目名称 | 项目 | < | < | < | < | < | <
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 年度指标值 | 计量单位 | 实际完成值
 | 数量指标 | 租车次数 | 正向 | 大于等于 | 1 | 次 | 1
 | 质量指标 | 达标率 | 正向 | ﹦ | 100 | % | 100
"""
    result = imp(tmp_path, form)
    got = [(r["level1"], r["target"]) for r in rows(result.folder, "indicators.csv")]
    assert got == [("产出指标", "大于等于1次"), ("产出指标", "﹦100%")]


def test_a_form_in_traditional_characters(tmp_path: Path) -> None:
    form = """
項目支出績效自評表 | < | < | < | < | < | <
（2020年度） | < | < | < | < | < | <
項目名稱 | 古城保護 | < | < | < | < | <
一級指標 | 二級指標 | 三級指標 | 年度指標值 | 實際完成值 | 分值 | 得分
產出指標 | 數量指標 | 修繕處數 | ≥3處 | 3處 | 90 | 90
"""
    result = imp(tmp_path, form)
    assert header(result.folder)["kind"] == "project_self_evaluation"
    (ind,) = rows(result.folder, "indicators.csv")
    assert (ind["level1"], ind["level3"], ind["target"]) == ("產出指標", "修繕處數", "≥3處")  # as printed


def test_the_money_unit_as_label_and_value(tmp_path: Path) -> None:
    result = imp(tmp_path, self_evaluation().replace("项目资金（万元）", "项目资金") + "金额单位： | 万元\n")
    assert header(result.folder)["money_unit"] == "万元"


@pytest.mark.parametrize(("date", "year"), [("2021年1月28日", 2021), ("2021年9月20日", 2022), ("2021年", 2022)])
def test_a_target_tables_year_from_its_filing_month(tmp_path: Path, date: str, year: int) -> None:
    targets = """
一级指标 | 二级指标 | 三级指标 | 年度指标值
产出指标 | 数量指标 | 培训人数 | ≥100人
"""
    result = imp(tmp_path, f"部门整体支出绩效目标申报表 | <\n部门名称 | 某局\n填报日期：{date} | <\n{targets}")
    assert header(result.folder)["fiscal_year"] == year


def test_a_year_named_once_in_the_goal_text(tmp_path: Path) -> None:
    form = self_evaluation(year="").replace("年度总体目标 | 完成培训", "年度总体目标 | 中心2021年较好地完成了履职任务")
    result = imp(tmp_path, form)
    assert header(result.folder)["fiscal_year"] == 2021
    assert any("提到的唯一年份" in line["说明"] for line in report(result.folder))


def test_forms_of_different_departments_are_named_in_a_warning(tmp_path: Path) -> None:
    """Two files naming different 主管部门 are imported as one department, and the import says so; a name that
    holds the other (某局 and 某局（知识产权局）) is the same department."""
    form = "项目支出绩效自评表（2023年度） | <\n项目名称 | {project}\n主管部门 | {dept}\n" + FUNDS + INDICATORS
    paths = []
    names = [("甲项目", "武汉市市场监督管理局"), ("乙项目", "武汉市市场监督管理局（知识产权局）"),
             ("丙项目", "佛山市南海区市场监督管理局")]  # fmt: skip
    for n, (project, dept) in enumerate(names):
        paths.append(write_xlsx(tmp_path / f"{n}.xlsx", [Sheet("表", form.format(project=project, dept=dept))]))
    same = import_forms(paths[:2], "same", tmp_path / "raw")
    assert not [w for w in same.imported.warnings if "部门不同" in w]
    mixed = import_forms([paths[0], paths[2]], "mixed", tmp_path / "raw")
    (warning,) = [w for w in mixed.imported.warnings if "部门不同" in w]
    assert "武汉市市场监督管理局（0.xlsx）、佛山市南海区市场监督管理局（2.xlsx）" in warning
    assert header(mixed.folder)["name"] == "武汉市市场监督管理局"


def test_a_project_code_is_kept_in_the_projects_note(tmp_path: Path) -> None:
    form = "项目支出绩效自评表（2023年度） | <\n项目编码 | 42010023000001\n" + FUNDS + INDICATORS
    result = imp(tmp_path, form)
    (project,) = rows(result.folder, "projects.csv")
    assert "项目编码：42010023000001" in project["note"]
    assert any(r["位置"].endswith("B2") and "项目编码" in r["写入"] for r in report(result.folder))


def test_sichuan_layout_labels_grade_sentence_and_own_funds(tmp_path: Path) -> None:
    """Sichuan (helper trial, 大英县): 项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | 年度目标完成情况 over
    their texts; 2.项目实施内容及过程概述 | text; 单位资金 a funds line; 权重 the execution 分值; 评价结论 a
    sentence, not a grade; with no 主管部门, the 实施单位 names the department."""
    form = """
部门预算项目支出绩效自评表（2023年度） | < | < | < | < | < | <
项目名称 | 安可替代补助 | < | < | < | < | <
实施单位 | 某县司法局 | < | < | < | < | <
项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | < | 年度目标完成情况 | < | <
^ | ^ | 购买安可设备并支付资金 | < | 完成 | < | <
^ | 2.项目实施内容及过程概述 | 购买13台安可电脑 | < | < | < | <
预算执行情况（10分） | 年度预算数（万元） | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分
^ | 总额 | #0 | #3.36 | #3.36 | #1 | #10 | #10
^ | 其中：财政资金 | #0 | #3.36 | #3.36 | #1 | / | /
^ | 单位资金 | #0 | #0 | #0 | #0 | / | /
绩效指标（90分） | 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分
^ | 产出指标 | 质量指标 | 完成购买 | =100% | 100% | #90 | #90
^ | 效益指标 | 生态效益指标 | 指标1：/ | / | / |  |
^ | ^ | … |  |  |  |  |
评价结论 | 完成安可设备购买并支付资金。 | < | < | < | < | < | <
"""
    result = imp(tmp_path, form)
    (project,) = rows(result.folder, "projects.csv")
    assert (project["goal"], project["content"]) == ("购买安可设备并支付资金", "购买13台安可电脑")
    assert "实际完成情况：完成" in project["note"]
    assert header(result.folder)["name"] == "某县司法局"
    funds = {r["id"]: (r["line"], r["source"]) for r in rows(result.folder, "funds.csv")}
    assert funds["f-p1-other"] == ("单位资金", "其他资金")
    figures = {(r["measure"], r["value"]) for r in rows(result.folder, "reported_figures.csv")}
    assert ("weight", "10") in figures and not [m for m, _ in figures if m == "grade"]
    assert [r["level3"] for r in rows(result.folder, "indicators.csv") if r["level3"]] == ["完成购买"]
    ignored = {r["原文"]: r["说明"] for r in report(result.folder) if r["结果"] == "未导入"}
    assert "占位" in ignored["指标1：/"] and "占位" in ignored["…"]
    assert "评价结论 | 完成安可设备购买并支付资金。" in ignored  # a sentence is listed, never read as a grade


def test_a_closing_total_below_a_subtotal_and_a_numbered_sibling(tmp_path: Path) -> None:
    """福建 宁德: 财政资金小计 (① 项目支出 ② 基本支出), then 2.单位其它收入, then 合 计 = 小计 + 2.: the 小计 and
    the numbered row are the closing total's parts (issue 15: no SUM_MISMATCH against a 资金来源 of 0)."""
    form = """
部门整体支出绩效自评表 | < | < | < | <
（2020年度） | < | < | < | <
部门（单位）名称 | 某市地震局 | < | < | <
财政资金（万元） | 资金结构 | 年初预算数 | 全年预算数 | 全年执行数
^ | 财政资金小计 | #130.54 | #188.61 | #188.45
^ | ① 项目支出 | #30 | #30 | #30
^ | ② 基本支出 | #100.54 | #158.61 | #158.45
^ | 2.单位其它收入 | #5 | #5 | #4
^ | 合 计 | #135.54 | #193.61 | #192.45
年度总体目标 | 完成任务
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
产出指标 | 数量指标 | 检查次数 | ≥9个 | 9个 | #6 | #6
"""
    result = imp(tmp_path, form)
    funds = {r["line"]: r for r in rows(result.folder, "funds.csv")}
    closing = funds["合 计"]["id"]
    assert funds["财政资金小计"]["parent"] == closing and funds["2.单位其它收入"]["parent"] == closing
    assert funds["① 项目支出"]["parent"] == funds["财政资金小计"]["id"]
    checked = check_department(load_department("d", tmp_path / "raw").department)  # type: ignore[arg-type]
    assert not [f for f in checked.findings if f.code == "SUM_MISMATCH"]


def test_a_second_total_that_is_not_the_sum_stays_a_total_of_its_own(tmp_path: Path) -> None:
    form = """
部门整体支出绩效自评表 | < | < | < | <
（2020年度） | < | < | < | <
部门（单位）名称 | 某局 | < | < | <
财政资金（万元） | 资金结构 | 年初预算数 | 全年预算数 | 全年执行数
^ | 财政资金小计 | #100 | #100 | #90
^ | 2.单位其它收入 | #5 | #5 | #4
^ | 合 计 | #120 | #120 | #110
"""
    result = imp(tmp_path, form)
    funds = {r["line"]: r for r in rows(result.folder, "funds.csv")}
    assert funds["财政资金小计"]["parent"] == ""
