"""perfnb import: forms built in every layout variant → a department folder → validate → check."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from perfnb.cli import cli
from perfnb.format.load import load_department
from perfnb.forms.department import REPORT_COLUMNS, REPORT_FILE, FormImportError
from perfnb.forms.form import FormProject
from perfnb.forms.grid import Form, FormFileError, Grid, read_form
from perfnb.forms.importer import DepartmentExistsError, import_forms, projects_of
from perfnb.report.notebook import Report
from perfnb.run.runner import check
from tests.forms import build
from tests.forms.content import P1, P2, T1, SelfEvaluation

SHEET = f"工作表“{P1.sheet_name}”"
BUILDERS: dict[str, Callable[..., Path]] = {
    "xlsx": build.xlsx_self_evaluation,
    "docx": build.docx_self_evaluation,
    "pdf": build.pdf_self_evaluation,
}
CASES = [("xlsx", v) for v in build.XLSX_VARIANTS if v != "multi"]
CASES += [("docx", v) for v in build.DOCX_VARIANTS if v != "multi"]
CASES += [("pdf", v) for v in build.PDF_VARIANTS if v != "multi"]


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def report(folder: Path) -> list[dict[str, str]]:
    return rows(folder, REPORT_FILE)


def form(tmp_path: Path, kind: str, variant: str, projects: SelfEvaluation | list[SelfEvaluation] = P1) -> Path:
    return BUILDERS[kind](tmp_path / f"form-{variant}.{kind}", projects, variant=variant)


def assert_project(folder: Path, pid: str, project: SelfEvaluation) -> None:
    """Every figure of ``project`` was imported into ``folder`` as printed."""
    (proj,) = [r for r in rows(folder, "projects.csv") if r["id"] == pid]
    assert (proj["name"], proj["unit_name"], proj["goal"]) == (project.project_name, project.unit,
                                                                 project.goal_expected)  # fmt: skip
    assert f"主管部门：{project.department}" in proj["note"]
    assert f"实际完成情况：{project.goal_actual}" in proj["note"]
    funds = [r for r in rows(folder, "funds.csv") if r["project_id"] == pid]
    assert [(f["budget_initial"], f["budget"], f["executed"]) for f in funds] == [
        (f.budget_initial, f.budget, f.executed) for f in project.funds
    ]
    assert [f["source"] for f in funds] == ["", "财政拨款", "上年结转", "其他资金"]
    assert [f["parent"] for f in funds] == ["", f"f-{pid}", f"f-{pid}", f"f-{pid}"]
    indicators = [r for r in rows(folder, "indicators.csv") if r["project_id"] == pid]
    columns = ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")
    assert [tuple(i[c] for c in columns) for i in indicators] == [
        tuple(getattr(i, c) for c in columns) for i in project.indicators
    ]
    reported = [r for r in rows(folder, "reported_figures.csv") if r["project_id"] == pid]
    assert [(r["measure"], r["section"], r["value"], r["unit"]) for r in reported] == [
        ("execution_rate", "", project.total.rate.removesuffix("%"), "%"),
        ("weight", "预算执行", project.total.weight, "分"),
        ("score", "预算执行", project.total.score, "分"),
        ("weight", "总分", project.total_weight, "分"),
        ("total_score", "", project.total_score, "分"),
        ("grade", "", project.grade, ""),
    ]


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=[f"{k}-{v}" for k, v in CASES])
def test_every_variant_imports_every_figure_and_checks(tmp_path: Path, kind: str, variant: str) -> None:
    data = tmp_path / "raw"
    result = import_forms([form(tmp_path, kind, variant)], "imported", data)
    folder = data / "imported"
    assert result.loaded.ok, [str(p) for p in result.loaded.problems]
    assert not result.loaded.problems
    header = yaml.safe_load((folder / "department.yaml").read_text(encoding="utf-8"))
    assert (header["fiscal_year"], header["kind"], header["money_unit"], header["scheme"]) == (
        2024, "project_self_evaluation", "万元", "mof-2020-project")  # fmt: skip
    assert header["name"] == P1.department
    assert header["region"] == "未注明"
    assert_project(folder, "p1", P1)
    (outcome,) = check(["imported"], data, tmp_path / "processed")
    assert outcome.result is not None
    assert str(outcome.result.total) == "95.03"
    assert outcome.result.grade == "优"
    assert [f.code for f in outcome.result.findings if f.severity.value == "error"] == []
    lines = report(folder)
    ignored = [line for line in lines if line["结果"] == "未导入"]
    if variant == "filler_rows":
        spaced = str.maketrans("\u3000", " ")  # a PDF's text layer has no ideographic space
        assert [(line["原文"].translate(spaced), line["说明"]) for line in ignored] == [
            (build.FILLER_LINES[0].translate(spaced), "不属于任何已知的栏目，未导入")
        ]
        (date,) = [line for line in lines if line["写入"] == "department.yaml notes（填报日期）"]
        assert date["原文"].translate(spaced) == "2025年3月1日"
    else:
        assert ignored == []


def test_report_names_the_cell_of_every_value(tmp_path: Path) -> None:
    data = tmp_path / "raw"
    import_forms([form(tmp_path, "xlsx", "standard")], "imported", data)
    lines = report(data / "imported")
    assert tuple(lines[0]) == REPORT_COLUMNS
    mapped = {(line["写入"], line["位置"], line["原文"]) for line in lines if line["结果"] == "已导入"}
    assert ("funds.csv f-p1 budget", f"{SHEET} E6", "120.00") in mapped
    assert ("funds.csv f-p1-current executed", f"{SHEET} F7", "88.40") in mapped
    assert ("indicators.csv i-p1-2 score", f"{SHEET} H14", "8.33") in mapped
    assert ("indicators.csv i-p1-10 level1", f"{SHEET} B22", "满意度指标") in mapped
    assert ("reported_figures.csv r-p1-1 value", f"{SHEET} H6", "92.00") in mapped
    assert ("reported_figures.csv r-p1-5 value", f"{SHEET} H23", "95.03") in mapped
    assert ("reported_figures.csv r-p1-6 value", f"{SHEET} B24", "优") in mapped
    assert ("department.yaml fiscal_year", f"{SHEET} A2", "2024") in mapped
    assert ("projects.csv p1 name", f"{SHEET} B3", P1.project_name) in mapped
    # every value written to a table is in the report (nothing appears from nowhere)
    indicator_values = sum(1 for i in P1.indicators for c in vars(i).values() if c)
    assert sum(1 for w, _, _ in mapped if w.startswith("indicators.csv")) == indicator_values
    funds = rows(data / "imported", "funds.csv")
    assert funds[0]["ref"] == f"form-standard.xlsx {SHEET} B6"


def test_every_indicator_cell_is_traced_to_its_place_on_the_sheet(tmp_path: Path) -> None:
    """Each imported indicator value names the cell holding it; a merged 一级/二级 names the range's first cell."""
    data = tmp_path / "raw"
    import_forms([form(tmp_path, "xlsx", "standard")], "imported", data)
    mapped = {
        line["写入"]: (line["位置"], line["原文"]) for line in report(data / "imported") if line["结果"] == "已导入"
    }
    columns = {"level3": "D", "target": "E", "actual": "F", "weight": "G", "score": "H", "deviation": "I"}
    first_of = {}  # the first sheet row of each 一级 / (一级, 二级) group
    for k, ind in enumerate(P1.indicators):
        first_of.setdefault(ind.level1, 13 + k)
        first_of.setdefault((ind.level1, ind.level2), 13 + k)
    for k, ind in enumerate(P1.indicators, 1):
        row = 12 + k
        expected = {c: (f"{SHEET} {letter}{row}", getattr(ind, c)) for c, letter in columns.items() if getattr(ind, c)}
        expected["level1"] = (f"{SHEET} B{first_of[ind.level1]}", ind.level1)
        expected["level2"] = (f"{SHEET} C{first_of[(ind.level1, ind.level2)]}", ind.level2)
        for column, where in expected.items():
            assert mapped[f"indicators.csv i-p1-{k} {column}"] == where, (k, column)


def test_word_and_pdf_locations(tmp_path: Path) -> None:
    data = tmp_path / "raw"
    import_forms([form(tmp_path, "docx", "standard")], "word", data)
    import_forms([form(tmp_path, "pdf", "standard")], "pdf", data)
    word = {(line["写入"], line["位置"]) for line in report(data / "word")}
    assert ("funds.csv f-p1 budget", "表格 1 第 4 行第 5 列") in word
    assert ("department.yaml fiscal_year", "表格 1 之前的文字“（2024年度）”") in word
    pdf = {(line["写入"], line["位置"]) for line in report(data / "pdf")}
    assert ("reported_figures.csv r-p1-5 value", "第 1 页表格 1 第 21 行第 8 列") in pdf


def test_units_written_in_cells(tmp_path: Path) -> None:
    data = tmp_path / "raw"
    import_forms([form(tmp_path, "xlsx", "units_in_cells")], "cells", data)
    funds = rows(data / "cells", "funds.csv")
    assert funds[0]["budget"] == "120.00"
    assert {f["unit"] for f in funds} == {""}  # the department's unit, taken from the cells
    assert yaml.safe_load((data / "cells" / "department.yaml").read_text(encoding="utf-8"))["money_unit"] == "万元"


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_several_projects_in_one_file(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "raw"
    result = import_forms([form(tmp_path, kind, "multi", [P1, P2])], "multi", data)
    assert result.projects == 2
    assert result.loaded.ok, [str(p) for p in result.loaded.problems]
    assert_project(data / "multi", "p1", P1)
    assert_project(data / "multi", "p2", P2)
    (outcome,) = check(["multi"], data, None)
    assert outcome.result is not None
    totals = {f.project_id: f for f in outcome.result.figures if f.measure == "total_score"}
    assert {p: (f.reported, f.verdict.value) for p, f in totals.items()} == {
        "p1": ("95.03", "agrees"),
        "p2": (P2.total_score, "agrees"),
    }
    summary = outcome.result.summary()
    assert summary["score"] == {"recomputed": None, "reported": None, "grade_recomputed": None, "grade_reported": None}
    assert [(p["id"], p["recomputed"], p["reported"], p["verdict"], p["grade_recomputed"], p["grade_reported"])
            for p in summary["projects"]] == [("p1", "95.03", "95.03", "agrees", "优", "优"),
                                              ("p2", P2.total_score, P2.total_score, "agrees", "优", "优")]  # fmt: skip
    html = str(Report.build("multi", data).summary())
    assert "2 个项目分别评分（见下表）" in html
    assert '<tr data-project="p2"><td data-label="项目">某市专利导航服务项目（p2）</td>' in html
    assert f'{P2.total_score} <span class="pn-muted">/ {P2.total_score}</span>' in html


def test_several_files_make_one_department(tmp_path: Path) -> None:
    data = tmp_path / "raw"
    first = build.xlsx_self_evaluation(tmp_path / "p1.xlsx", P1)
    second = build.docx_self_evaluation(tmp_path / "p2.docx", P2)
    result = import_forms([first, second], "two-files", data)
    assert result.projects == 2
    header = yaml.safe_load((data / "two-files" / "department.yaml").read_text(encoding="utf-8"))
    assert header["source"]["file"] == "p1.xlsx；p2.docx"
    assert_project(data / "two-files", "p2", P2)
    assert rows(data / "two-files", "indicators.csv")[-1]["ref"].startswith("p2.docx 表格 1 ")


def test_forms_in_different_units(tmp_path: Path) -> None:
    """A form in 元 beside one in 万元: its funds rows carry their own unit, so nothing is read 10 000 times too big."""
    in_yuan = dataclasses.replace(P2, money_unit="元")
    data = tmp_path / "raw"
    first = build.xlsx_self_evaluation(tmp_path / "p1.xlsx", P1)
    second = build.xlsx_self_evaluation(tmp_path / "p2.xlsx", in_yuan)
    result = import_forms([first, second], "units", data)
    assert result.loaded.ok, [str(p) for p in result.loaded.problems]
    header = yaml.safe_load((data / "units" / "department.yaml").read_text(encoding="utf-8"))
    assert header["money_unit"] == "万元"
    assert {(f["project_id"], f["unit"]) for f in rows(data / "units", "funds.csv")} == {("p1", ""), ("p2", "元")}
    assert ("funds.csv unit", "元") in {(line["写入"], line["原文"]) for line in report(data / "units")}


TARGET_CASES = [
    ("xlsx", "standard"),
    ("xlsx", "no_merge"),
    ("docx", "standard"),
    ("docx", "no_merge"),
    ("pdf", "standard"),
]


@pytest.mark.parametrize(("kind", "variant"), TARGET_CASES, ids=[f"{k}-{v}" for k, v in TARGET_CASES])
def test_target_table(tmp_path: Path, kind: str, variant: str) -> None:
    data = tmp_path / "raw"
    builder = getattr(build, f"{kind}_target_table")
    result = import_forms([builder(tmp_path / f"t.{kind}", T1, variant=variant)], "targets", data)
    assert result.loaded.ok, [str(p) for p in result.loaded.problems]
    folder = data / "targets"
    header = yaml.safe_load((folder / "department.yaml").read_text(encoding="utf-8"))
    assert (header["kind"], header["scheme"], header["fiscal_year"]) == ("target_table", "targets-only", 2025)
    assert [(f["line"], f["budget"]) for f in rows(folder, "funds.csv")] == [(f.label, f.amount) for f in T1.funds]
    assert [(i["level3"], i["target"], i["actual"], i["score"]) for i in rows(folder, "indicators.csv")] == [
        (i.level3, i.target, "", "") for i in T1.indicators
    ]
    assert rows(folder, "reported_figures.csv") == []
    assert rows(folder, "projects.csv")[0]["goal"] == T1.goal
    (outcome,) = check(["targets"], data, None)
    assert outcome.ok


def test_unknown_funds_row_is_listed_not_dropped(tmp_path: Path) -> None:
    path = form(tmp_path, "xlsx", "no_merge")
    book = openpyxl.load_workbook(path)
    book.active["B8"] = "预备费"  # instead of 上年结转资金: no funds line of the synonym map
    book.save(path)
    data = tmp_path / "raw"
    result = import_forms([path], "odd", data)
    assert [f["line"] for f in rows(data / "odd", "funds.csv")] == ["年度资金总额", "其中：当年财政拨款", "其他资金"]
    ignored = [line for line in report(data / "odd") if line["结果"] == "未导入"]
    assert [(i["位置"], i["原文"]) for i in ignored] == [(f"{SHEET} B8", "预备费 | 15.00 | 15.00 | 14.00 | — | —")]
    assert "不是已知的资金行" in ignored[0]["说明"]
    assert not result.loaded.errors  # the parts no longer add up: a finding of the engine, not a load error


def test_scanned_pdf_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    scanned = build.scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(FormFileError, match="没有文字层"):
        import_forms([scanned], "scan", tmp_path / "raw")
    assert not (tmp_path / "raw" / "scan").exists()
    out = CliRunner().invoke(cli, ["import", str(scanned), "--dept-id", "scan", "--data-dir", str(tmp_path / "raw")])
    assert out.exit_code == 1
    assert "没有文字层" in out.output
    assert "Traceback" not in out.output


def test_a_table_that_is_no_form(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.active.append(["张三", "123"])
    book.save(path)
    with pytest.raises(FormImportError, match="没有找到自评表或绩效目标表"):
        import_forms([path], "other", tmp_path / "raw")


def test_reimport_refused_unless_overwrite_and_other_departments_untouched(tmp_path: Path) -> None:
    data = tmp_path / "raw"
    path = form(tmp_path, "xlsx", "standard")
    import_forms([path], "kept", data)
    import_forms([path], "target", data)
    kept = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (data / "kept").iterdir()}
    with pytest.raises(DepartmentExistsError, match="已存在"):
        import_forms([path], "target", data)
    (data / "target" / "funds.csv").write_text("edited", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(cli, ["import", str(path), "--dept-id", "target", "--data-dir", str(data)])
    assert refused.exit_code == 1
    assert "--overwrite" in refused.output
    assert (data / "target" / "funds.csv").read_text(encoding="utf-8") == "edited"
    again = runner.invoke(cli, ["import", str(path), "--dept-id", "target", "--data-dir", str(data), "--overwrite"])
    assert again.exit_code == 0, again.output
    assert (data / "target" / "funds.csv").read_text(encoding="utf-8").startswith("id,project_id")
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (data / "kept").iterdir()} == kept
    assert sorted(p.name for p in data.iterdir()) == ["kept", "target"]  # no staging folder left behind


def test_cli_lists_what_was_not_imported(tmp_path: Path) -> None:
    data = tmp_path / "raw"
    path = form(tmp_path, "xlsx", "filler_rows")
    out = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "filler", "--data-dir", str(data),
                                   "--region", "某省某市"])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert f"未导入  form-filler_rows.xlsx {SHEET} A30 “填表人：张三" in out.output
    assert "未导入 1 处" in out.output
    assert "校验：错误 0、警告 0" in out.output
    assert yaml.safe_load((data / "filler" / "department.yaml").read_text(encoding="utf-8"))["region"] == "某省某市"
    assert load_department("filler", data).ok


def test_year_missing_needs_the_option(tmp_path: Path) -> None:
    path = form(tmp_path, "xlsx", "standard")
    book = openpyxl.load_workbook(path)
    book.active["A2"] = None
    book.active["A1"] = "项目支出绩效自评表"
    book.save(path)
    with pytest.raises(FormImportError, match="没有找到年度"):
        import_forms([path], "noyear", tmp_path / "raw")
    result = import_forms([path], "noyear", tmp_path / "raw", year=2024)
    assert result.loaded.ok


def test_bad_department_id_is_refused(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["import", str(form(tmp_path, "xlsx", "standard")), "--dept-id", "../evil",
                                   "--data-dir", str(tmp_path / "raw")])  # fmt: skip
    assert out.exit_code == 1
    assert "部门编号无效" in out.output
    assert not (tmp_path / "evil").exists()


def test_imported_department_runs_to_a_report(tmp_path: Path) -> None:
    """The auditor's path: import a workbook, then perfnb run, without editing a CSV."""
    data, reports = tmp_path / "raw", tmp_path / "reports"
    CliRunner().invoke(cli, ["import", str(form(tmp_path, "xlsx", "standard")), "--dept-id", "from-form",
                             "--data-dir", str(data)], catch_exceptions=False)  # fmt: skip
    out = CliRunner().invoke(cli, ["run", "from-form", "--data-dir", str(data), "--processed-dir",
                                   str(tmp_path / "processed"), "--reports-dir", str(reports)])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "总分 95.03（原文 95.03），等级 优" in out.output
    html = (reports / "from-form.html").read_text(encoding="utf-8")
    assert P1.project_name in html
    assert "form-standard.xlsx" in html  # the provenance names the form


def test_a_table_continued_on_the_next_page_joins_its_project(tmp_path: Path) -> None:
    """A PDF table broken by a page: the second part has no headers; its rows are the same project's
    (一级/二级 of a group cut by the break carried over), and its total and grade are read."""
    (whole,) = read_form(form(tmp_path, "pdf", "standard")).grids
    cut = 15  # table rows 0–14 on page 1 (the header and five indicators), the rest on page 2

    def part(rows: range, label: str) -> Grid:
        """Rows of the table as a page shows them: a merged box cut by the break is empty below it."""
        cut_boxes = {(r, c) for r, c in whole.merged if r == rows.start} if rows.start else set()
        for r in rows[1:]:
            cut_boxes |= {(r, c) for rr, c in cut_boxes if rr == r - 1 and (r, c) in whole.merged}
        cells = tuple(tuple("" if (r, c) in cut_boxes else text for c, text in enumerate(whole.cells[r])) for r in rows)
        merged = frozenset((r - rows.start, c) for r, c in whole.merged if r in rows and (r, c) not in cut_boxes)
        return Grid(whole.file, label, cells, merged, whole.before if rows.start == 0 else (), style="pdf")

    first, rest = part(range(cut), "第 1 页表格 1"), part(range(cut, len(whole.cells)), "第 2 页表格 1")
    found = projects_of([Form(whole.file, "0" * 64, "pdf", (first, rest))])
    assert found.unread == []
    (project,) = found.projects
    assert isinstance(project, FormProject)
    got = [tuple(i.values[c].text if c in i.values else "" for c in ("level1", "level2", "level3", "score"))
           for i in project.indicators]  # fmt: skip
    assert got == [(i.level1, i.level2, i.level3, i.score) for i in P1.indicators]
    assert project.indicators[5].values["level3"].where == "第 2 页表格 1 第 1 行第 4 列"
    assert rest.cells[0][1] == ""  # 产出指标's box was cut by the page: carried over from page 1
    assert project.indicators[5].values["level1"].where == "第 1 页表格 1 第 11 行第 2 列"
    assert (project.total_score and project.total_score.text, project.fields["grade"].text) == ("95.03", "优")
    assert any("续表" in note for note in project.notes)
