"""Smoke tests of the form fixtures in ``tests/forms``: the content is right and every built file
holds it where the layout says.

The files are built once per module; each test opens one with its own library (openpyxl,
python-docx, pdfplumber) and checks real cell values and merged ranges against the grid of
``tests/forms/build.py``.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
import yaml
from docx.table import Table, _Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tests.forms import build
from tests.forms.build import FILLER_LINES, Grid, self_evaluation_grid, target_table_grid
from tests.forms.content import P1, P2, T1, SelfEvaluation

NATIONAL = Path(__file__).resolve().parents[1] / "fixtures" / "raw" / "synthetic-national-2024"

# The documented merged ranges of P1's standard sheet (module docstring of tests/forms/build.py).
P1_MERGES = {
    "A1:I1",
    "A2:I2",
    "B3:I3",
    "B4:E4",
    "G4:I4",
    "A5:A9",
    "B5:C5",
    "B6:C6",
    "B7:C7",
    "B8:C8",
    "B9:C9",
    "A10:A11",
    "B10:E10",
    "F10:I10",
    "B11:E11",
    "F11:I11",
    "A12:A22",
    "B13:B18",
    "C13:C14",
    "C15:C16",
    "B19:B21",
    "C19:C20",
    "A23:F23",
    "B24:I24",
}
T1_MERGES = {
    "A1:E1",
    "A2:E2",
    "B3:E3",
    "D4:E4",
    "A5:A8",
    "B5:C5",
    "D5:E5",
    "B6:C6",
    "D6:E6",
    "B7:C7",
    "D7:E7",
    "B8:C8",
    "D8:E8",
    "B9:E9",
    "A10:A16",
    "B11:B14",
}


def _variant_projects(variant: str) -> list[SelfEvaluation]:
    return [P1, P2] if variant == "multi" else [P1]


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every builder and variant, built once: key "<format>-<variant>" (and tt-*, scanned)."""
    folder = tmp_path_factory.mktemp("forms")
    built: dict[str, Path] = {}
    for variant in build.XLSX_VARIANTS:
        path = folder / f"se-{variant}.xlsx"
        built[f"xlsx-{variant}"] = build.xlsx_self_evaluation(path, _variant_projects(variant), variant)
    for variant in build.DOCX_VARIANTS:
        path = folder / f"se-{variant}.docx"
        built[f"docx-{variant}"] = build.docx_self_evaluation(path, _variant_projects(variant), variant)
    for variant in build.PDF_VARIANTS:
        path = folder / f"se-{variant}.pdf"
        built[f"pdf-{variant}"] = build.pdf_self_evaluation(path, _variant_projects(variant), variant)
    built["tt-xlsx"] = build.xlsx_target_table(folder / "tt.xlsx", [T1])
    built["tt-xlsx-no_merge"] = build.xlsx_target_table(folder / "tt-no_merge.xlsx", [T1], "no_merge")
    built["tt-docx"] = build.docx_target_table(folder / "tt.docx", [T1])
    built["tt-pdf"] = build.pdf_target_table(folder / "tt.pdf", [T1])
    built["scanned"] = build.scanned_pdf(folder / "scanned.pdf", P1)
    return built


# --------------------------------------------------------------------------- content


def _read_csv(name: str) -> list[dict[str, str]]:
    with (NATIONAL / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_p1_is_the_synthetic_national_department() -> None:
    department = yaml.safe_load((NATIONAL / "department.yaml").read_text(encoding="utf-8"))
    project = _read_csv("projects.csv")[0]
    assert (P1.year, P1.department, P1.money_unit) == (department["fiscal_year"], department["name"], "万元")
    assert (P1.project_name, P1.unit, P1.goal_expected) == (project["name"], project["unit_name"], project["goal"])

    funds = _read_csv("funds.csv")
    assert [(f.budget_initial, f.budget, f.executed) for f in P1.funds] == [
        (row["budget_initial"], row["budget"], row["executed"]) for row in funds
    ]
    assert [f.label for f in P1.funds] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]

    indicators = _read_csv("indicators.csv")
    assert [
        (i.level1, i.level2, i.level3, i.target, i.actual, i.weight, i.score, i.deviation) for i in P1.indicators
    ] == [
        (r["level1"], r["level2"], r["level3"], r["target"], r["actual"], r["weight"], r["score"], r["deviation"])
        for r in indicators
    ]

    reported = {row["measure"]: row["value"] for row in _read_csv("reported_figures.csv")}
    assert P1.total.rate == reported["execution_rate"] + "%"
    assert (P1.total.weight, P1.total.score) == (reported["weight"], reported["score"])
    assert (P1.total_score, P1.grade) == (reported["total_score"], reported["grade"])


@pytest.mark.parametrize("project", [P1, P2], ids=["P1", "P2"])
def test_self_evaluation_figures_are_consistent(project: SelfEvaluation) -> None:
    total, *parts = project.funds
    for column in ("budget_initial", "budget", "executed"):
        assert sum(Decimal(getattr(p, column)) for p in parts) == Decimal(getattr(total, column))
    rate = (Decimal(total.executed) / Decimal(total.budget) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert total.rate == f"{rate}%"
    score = min(Decimal(10), rate / 10).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert total.score == str(score)
    assert all((p.weight, p.rate, p.score) == ("—", "", "—") for p in parts)
    assert Decimal(project.total_weight) == Decimal(total.weight) + sum(Decimal(i.weight) for i in project.indicators)
    assert Decimal(project.total_score) == score + sum(Decimal(i.score) for i in project.indicators)


def test_target_table_content() -> None:
    assert (T1.year, T1.title, len(T1.indicators)) == (2025, "项目支出绩效目标表", 6)
    total, *parts = T1.funds
    assert sum(Decimal(p.amount) for p in parts) == Decimal(total.amount)


# --------------------------------------------------------------------------- grids


def test_standard_grid_layout() -> None:
    grid = self_evaluation_grid(P1)
    assert (grid.n_rows, grid.n_cols) == (24, 9)
    assert grid.rows("indicator") == list(range(12, 22))
    assert grid.rows("total") == [22] and grid.rows("grade") == [23]
    assert grid.row_texts(5) == ["", "年度资金总额", "", "100.00", "120.00", "110.40", "10", "92.00%", "9.20"]
    assert grid.row_texts(22) == ["总分", "", "", "", "", "", "100", "95.03", ""]
    assert grid.covering(8, 0) == (4, 0) and grid.covering(21, 0) == (11, 0)
    ranges = {f"{_a1(r0, c0)}:{_a1(r1, c1)}" for r0, c0, r1, c1 in grid.merges()}
    assert ranges == P1_MERGES


def test_variant_grids() -> None:
    filler = self_evaluation_grid(P1, "filler_rows")
    assert filler.rows("blank") == [2, 10, 13, 21, 28]
    assert [filler.text(r, 0) for r in filler.rows("filler")] == list(FILLER_LINES)
    assert filler.covering(21, 0) == (14, 0)  # the blank row inside the indicator block is under 绩效指标
    no_merge = self_evaluation_grid(P1, "no_merge")
    assert no_merge.merges() == []
    assert no_merge.row_texts(13)[:4] == ["", "", "", "举办知识产权业务培训"]
    with pytest.raises(ValueError, match="multi"):
        build.xlsx_self_evaluation(Path("unused.xlsx"), [P1], "multi")
    with pytest.raises(ValueError, match="numeric_cells"):
        build.docx_self_evaluation(Path("unused.docx"), [P1], "numeric_cells")


def test_target_grid_layout() -> None:
    grid = target_table_grid(T1)
    assert (grid.n_rows, grid.n_cols) == (16, 5)
    ranges = {f"{_a1(r0, c0)}:{_a1(r1, c1)}" for r0, c0, r1, c1 in grid.merges()}
    assert ranges == T1_MERGES
    assert grid.row_texts(10) == ["", "产出指标", "数量指标", "资助高价值专利培育项目", "≥20项"]


# --------------------------------------------------------------------------- xlsx


def _a1(row: int, col: int) -> str:
    """0-based grid position → A1 reference."""
    return f"{get_column_letter(col + 1)}{row + 1}"


def _sheet_matches_grid(sheet: Worksheet, grid: Grid, convert: Callable[[str, str], object] | None = None) -> None:
    """Every anchored text is in its cell, every other cell is empty, the merges are the grid's."""
    for r in range(grid.n_rows):
        for c in range(grid.n_cols):
            cell = grid.cells.get((r, c))
            expected: object = None
            if cell and cell.text:
                expected = convert(cell.text, cell.kind) if convert else cell.text
            assert sheet.cell(r + 1, c + 1).value == expected, _a1(r, c)
    assert sheet.max_row == grid.n_rows
    assert sorted(str(m) for m in sheet.merged_cells.ranges) == sorted(
        f"{_a1(r0, c0)}:{_a1(r1, c1)}" for r0, c0, r1, c1 in grid.merges()
    )


def test_xlsx_standard(forms: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(forms["xlsx-standard"])
    assert book.sheetnames == ["知识产权公共服务平台"]
    sheet = book.active
    assert sheet is not None
    _sheet_matches_grid(sheet, self_evaluation_grid(P1))
    assert {str(m) for m in sheet.merged_cells.ranges} == P1_MERGES
    assert (sheet["A1"].value, sheet["A2"].value, sheet["B3"].value) == (
        "项目支出绩效自评表",
        "（2024年度）",
        P1.project_name,
    )
    assert (sheet["B4"].value, sheet["F4"].value, sheet["G4"].value) == (P1.department, "实施单位", P1.unit)
    assert [sheet.cell(6, c).value for c in range(2, 10)] == [
        "年度资金总额",
        None,
        "100.00",
        "120.00",
        "110.40",
        "10",
        "92.00%",
        "9.20",
    ]
    assert sheet["D6"].data_type == "s"
    assert [sheet.cell(7, c).value for c in (2, 4, 5, 6, 7, 8, 9)] == [
        "其中：当年财政拨款",
        "80.00",
        "95.00",
        "88.40",
        "—",
        None,
        "—",
    ]
    assert (sheet["B11"].value, sheet["F11"].value) == (P1.goal_expected, P1.goal_actual)
    assert [sheet.cell(14, c).value for c in range(2, 10)] == [
        None,
        None,
        "举办知识产权业务培训",
        "≥12场",
        "10场",
        "10",
        "8.33",
        P1.indicators[1].deviation,
    ]
    assert (sheet["A23"].value, sheet["G23"].value, sheet["H23"].value) == ("总分", "100", "95.03")
    assert (sheet["A24"].value, sheet["B24"].value) == ("自评等级", "优")
    assert book.properties.created == build.FIXED_DATE and book.properties.modified == build.FIXED_DATE


def test_xlsx_messy_headers(forms: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(forms["xlsx-messy_headers"]).active
    assert sheet is not None
    _sheet_matches_grid(sheet, self_evaluation_grid(P1, "messy_headers"))
    assert sheet["A2"].value == "（２０２４年度）"
    assert [sheet.cell(5, c).value for c in range(1, 10)] == [
        "项目资金\n（万元）",
        None,
        None,
        "年初\n预算数",
        "全 年 预 算 数",
        "全年\n执行数",
        " 分值 ",
        "执 行 率",
        "得　分",
    ]
    assert sheet["B7"].value == "其中: 当年财政拨款"
    assert [sheet.cell(12, c).value for c in (1, 4, 7, 8, 9)] == [
        "绩\n效\n指\n标",
        "三级指标　",
        "分　值",
        " 得分",
        "偏差原因分析\n及改进措施",
    ]
    assert (sheet["A23"].value, sheet["A24"].value, sheet["B24"].value) == ("总　分", "评价等级", "优")
    assert (sheet["D6"].value, sheet["H23"].value) == ("100.00", "95.03")


def test_xlsx_units_in_cells(forms: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(forms["xlsx-units_in_cells"]).active
    assert sheet is not None
    grid = self_evaluation_grid(P1, "units_in_cells")
    _sheet_matches_grid(sheet, grid)
    assert sheet["A5"].value == "项目资金"
    assert [sheet.cell(6, c).value for c in (4, 5, 6)] == ["100.00万元", "120.00万元", "110.40万元"]
    assert [sheet.cell(9, c).value for c in (4, 5, 6)] == ["5.00万元", "10.00万元", "8.00万元"]
    assert (sheet["G6"].value, sheet["H6"].value, sheet["I6"].value) == ("10", "92.00%", "9.20")
    labels = [cell.text for cell in grid.cells.values() if cell.kind in ("label", "title")]
    assert labels and not any("万元" in text for text in labels)


def test_xlsx_filler_rows(forms: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(forms["xlsx-filler_rows"]).active
    assert sheet is not None
    grid = self_evaluation_grid(P1, "filler_rows")
    _sheet_matches_grid(sheet, grid)
    for r in (3, 11, 14, 22, 29):  # blank rows, 1-based
        assert all(sheet.cell(r, c).value is None for c in range(1, 10)), r
    assert "A15:A26" in {str(m) for m in sheet.merged_cells.ranges}  # 绩效指标 spans the inner blank row 22
    assert (sheet["B16"].value, sheet["B21"].value, sheet["D21"].value) == ("产出指标", None, "平台运维服务成本")
    assert (sheet["B23"].value, sheet["D23"].value) == ("效益指标", "服务企业数量")
    assert (sheet["A27"].value, sheet["H27"].value, sheet["B28"].value) == ("总分", "95.03", "优")
    assert (sheet["A30"].value, sheet["A31"].value) == FILLER_LINES
    assert sheet.max_row == 31


def test_xlsx_no_merge(forms: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(forms["xlsx-no_merge"]).active
    assert sheet is not None
    _sheet_matches_grid(sheet, self_evaluation_grid(P1, "no_merge"))
    assert not sheet.merged_cells.ranges
    assert (sheet["A5"].value, sheet["A6"].value, sheet["A12"].value, sheet["A13"].value) == (
        "项目资金（万元）",
        None,
        "绩效指标",
        None,
    )
    assert [sheet.cell(r, 2).value for r in range(13, 23)] == [
        "产出指标",
        *[None] * 5,
        "效益指标",
        None,
        None,
        "满意度指标",
    ]
    assert [sheet.cell(r, 3).value for r in range(13, 17)] == ["数量指标", None, "质量指标", None]
    assert (sheet["A1"].value, sheet["B1"].value, sheet["B3"].value, sheet["C3"].value) == (
        P1.title,
        None,
        P1.project_name,
        None,
    )


def test_xlsx_numeric_cells(forms: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(forms["xlsx-numeric_cells"]).active
    assert sheet is not None
    expected = {
        "D6": (100, "0.00"),
        "E6": (120, "0.00"),
        "F6": (110.4, "0.00"),
        "G6": (10, "General"),
        "H6": (0.92, "0.00%"),
        "I6": (9.2, "0.00"),
        "D7": (80, "0.00"),
        "H14": (8.33, "0.00"),
        "H21": (7.5, "0.00"),
        "G23": (100, "General"),
        "H23": (95.03, "0.00"),
    }
    for ref, (value, number_format) in expected.items():
        assert sheet[ref].data_type == "n", ref
        assert sheet[ref].value == pytest.approx(value), ref
        assert sheet[ref].number_format == number_format, ref
    assert (sheet["G7"].value, sheet["H7"].value, sheet["I7"].value) == ("—", None, "—")
    assert (sheet["E13"].value, sheet["F18"].value) == ("≥1500人次", "110.40万元")  # values with units stay text
    assert {str(m) for m in sheet.merged_cells.ranges} == P1_MERGES


def test_xlsx_multi(forms: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(forms["xlsx-multi"])
    assert book.sheetnames == ["知识产权公共服务平台", "专利导航服务"]
    _sheet_matches_grid(book["知识产权公共服务平台"], self_evaluation_grid(P1))
    second = book["专利导航服务"]
    _sheet_matches_grid(second, self_evaluation_grid(P2))
    assert (second["B3"].value, second["G4"].value) == (P2.project_name, P2.unit)
    assert [second.cell(6, c).value for c in (4, 5, 6, 8, 9)] == ["35.00", "40.00", "36.60", "91.50%", "9.15"]
    assert {"A12:A16", "B13:B14"} <= {str(m) for m in second.merged_cells.ranges}
    assert (second["A17"].value, second["G17"].value, second["H17"].value, second["B18"].value) == (
        "总分",
        "100",
        "97.15",
        "优",
    )


def test_xlsx_target_table(forms: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(forms["tt-xlsx"])
    assert book.sheetnames == ["专利转化运用专项"]
    sheet = book.active
    assert sheet is not None
    _sheet_matches_grid(sheet, target_table_grid(T1))
    assert {str(m) for m in sheet.merged_cells.ranges} == T1_MERGES
    assert (sheet["A1"].value, sheet["A2"].value, sheet["B3"].value) == (
        "项目支出绩效目标表",
        "（2025年度）",
        T1.project_name,
    )
    assert [sheet.cell(4, c).value for c in range(1, 5)] == ["主管部门", T1.department, "实施单位", T1.unit]
    assert [(sheet.cell(r, 2).value, sheet.cell(r, 4).value) for r in range(5, 9)] == [
        (None, "年度金额"),
        ("年度资金总额", "200.00"),
        ("其中：财政拨款", "180.00"),
        ("其他资金", "20.00"),
    ]
    assert (sheet["A9"].value, sheet["B9"].value) == ("年度目标", T1.goal)
    assert [sheet.cell(10, c).value for c in range(1, 6)] == ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]
    assert [sheet.cell(16, c).value for c in range(2, 6)] == [
        "满意度指标",
        "服务对象满意度指标",
        "资助企业满意度",
        "≥90%",
    ]
    no_merge = openpyxl.load_workbook(forms["tt-xlsx-no_merge"]).active
    assert no_merge is not None
    _sheet_matches_grid(no_merge, target_table_grid(T1, "no_merge"))


# --------------------------------------------------------------------------- docx


def _matrix(table: Table) -> list[list[_Cell]]:
    """The table's cells by grid position; a merged cell appears at every position it covers."""
    return [list(row.cells) for row in table.rows]


def _docx_merges(table: Table) -> set[tuple[int, int, int, int]]:
    """Merged areas of a Word table as (first row, first col, last row, last col) of the table grid."""
    tcs = [[cell._tc for cell in row] for row in _matrix(table)]
    spans: dict[int, list[tuple[int, int]]] = {}  # the lists above keep each element alive: ids stay unique
    for r, row in enumerate(tcs):
        for c, tc in enumerate(row):
            spans.setdefault(id(tc), []).append((r, c))
    return {
        (min(p[0] for p in ps), min(p[1] for p in ps), max(p[0] for p in ps), max(p[1] for p in ps))
        for ps in spans.values()
        if len(ps) > 1
    }


def _table_matches_grid(table: Table, grid: Grid) -> None:
    """Each table position reads the text of the grid anchor covering it (title rows are outside)."""
    shift = grid.title_rows
    matrix = _matrix(table)
    assert [len(row) for row in matrix] == [grid.n_cols] * (grid.n_rows - shift)
    for r in range(shift, grid.n_rows):
        for c in range(grid.n_cols):
            anchor = grid.covering(r, c)
            expected = grid.text(*anchor) if anchor else ""
            assert matrix[r - shift][c].text == expected, (r, c)
    body_merges = {(r0 - shift, c0, r1 - shift, c1) for r0, c0, r1, c1 in grid.merges() if r0 >= shift}
    assert _docx_merges(table) == body_merges


def test_docx_standard(forms: dict[str, Path]) -> None:
    document = docx.Document(str(forms["docx-standard"]))
    assert [p.text for p in document.paragraphs] == ["项目支出绩效自评表", "（2024年度）"]
    assert len(document.tables) == 1
    table = document.tables[0]
    _table_matches_grid(table, self_evaluation_grid(P1))
    assert [table.cell(0, c).text for c in (0, 1, 8)] == ["项目名称", P1.project_name, P1.project_name]
    assert [table.cell(3, c).text for c in range(9)] == [
        "项目资金（万元）",
        "年度资金总额",
        "年度资金总额",
        "100.00",
        "120.00",
        "110.40",
        "10",
        "92.00%",
        "9.20",
    ]
    assert [table.cell(11, c).text for c in (0, 1, 2, 3, 7)] == [
        "绩效指标",
        "产出指标",
        "数量指标",
        "举办知识产权业务培训",
        "8.33",
    ]
    assert [table.cell(20, c).text for c in (0, 5, 6, 7)] == ["总分", "总分", "100", "95.03"]
    assert table.cell(21, 8).text == "优"
    assert document.core_properties.created is not None
    assert document.core_properties.created.replace(tzinfo=None) == build.FIXED_DATE


def test_docx_messy_headers(forms: dict[str, Path]) -> None:
    document = docx.Document(str(forms["docx-messy_headers"]))
    assert [p.text for p in document.paragraphs] == ["项目支出绩效自评表", "（２０２４年度）"]
    table = document.tables[0]
    _table_matches_grid(table, self_evaluation_grid(P1, "messy_headers"))
    assert [table.cell(2, c).text for c in (0, 3, 4, 6, 8)] == [
        "项目资金\n（万元）",
        "年初\n预算数",
        "全 年 预 算 数",
        " 分值 ",
        "得　分",
    ]
    assert [table.cell(9, c).text for c in (3, 6, 8)] == ["三级指标　", "分　值", "偏差原因分析\n及改进措施"]
    assert table.cell(21, 0).text == "评价等级"


@pytest.mark.parametrize("variant", ["units_in_cells", "filler_rows", "no_merge"])
def test_docx_other_variants(forms: dict[str, Path], variant: str) -> None:
    document = docx.Document(str(forms[f"docx-{variant}"]))
    assert len(document.tables) == 1
    table = document.tables[0]
    _table_matches_grid(table, self_evaluation_grid(P1, variant))
    if variant == "units_in_cells":
        assert [table.cell(3, c).text for c in (0, 4)] == ["项目资金", "120.00万元"]
    elif variant == "filler_rows":
        assert [table.cell(r, 0).text for r in (len(table.rows) - 2, len(table.rows) - 1)] == list(FILLER_LINES)
        assert all(table.cell(0, c).text == "" for c in range(9))
    else:
        assert not _docx_merges(table)
        assert [table.cell(r, 1).text for r in (10, 11)] == ["产出指标", ""]


def test_docx_multi(forms: dict[str, Path]) -> None:
    document = docx.Document(str(forms["docx-multi"]))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == ["项目支出绩效自评表", "（2024年度）"] * 2
    assert len(document.tables) == 2
    for table, project in zip(document.tables, (P1, P2), strict=True):
        _table_matches_grid(table, self_evaluation_grid(project))
        assert table.cell(0, 1).text == project.project_name
    assert [document.tables[1].cell(14, c).text for c in (6, 7)] == ["100", "97.15"]


def test_docx_target_table(forms: dict[str, Path]) -> None:
    document = docx.Document(str(forms["tt-docx"]))
    assert [p.text for p in document.paragraphs] == ["项目支出绩效目标表", "（2025年度）"]
    table = document.tables[0]
    _table_matches_grid(table, target_table_grid(T1))
    assert [table.cell(3, c).text for c in (1, 3, 4)] == ["年度资金总额", "200.00", "200.00"]
    assert [table.cell(5, c).text for c in (1, 2, 3)] == ["其他资金", "其他资金", "20.00"]


# --------------------------------------------------------------------------- pdf


def test_pdf_standard(forms: dict[str, Path]) -> None:
    with pdfplumber.open(forms["pdf-standard"]) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert page.width > page.height  # landscape
        text = page.extract_text()
        assert text.splitlines()[:2] == ["项目支出绩效自评表", "（2024年度）"]
        for expected in (P1.project_name, P1.department, P1.unit, "95.03", "92.00%", "110.40", "自评等级 优"):
            assert expected in text
        tables = page.find_tables()
        assert len(tables) == 1
        assert page.chars[0]["top"] < tables[0].bbox[1]  # the title is above the table, outside it
        rows = tables[0].extract()
    assert (len(rows), len(rows[0])) == (22, 9)
    assert rows[0][:2] == ["项目名称", P1.project_name]
    assert [cell for cell in rows[3] if cell] == ["年度资金总额", "100.00", "120.00", "110.40", "10", "92.00%", "9.20"]
    assert rows[9] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert rows[10][1:8] == ["产出指标", "数量指标", "提供专利信息检索咨询服务", "≥1500人次", "1620人次", "10", "10"]
    assert rows[11][1:3] == [None, None]  # under the merged 一级/二级 boxes
    assert [cell for cell in rows[20] if cell] == ["总分", "100", "95.03"]
    assert [cell for cell in rows[21] if cell] == ["自评等级", "优"]


@pytest.mark.parametrize(
    ("variant", "needles", "n_rows"),
    [
        ("messy_headers", ["（２０２４年度）", "全 年 预 算 数", "评价等级", "95.03", "92.00%"], 22),
        ("units_in_cells", ["120.00万元", "110.40万元", "95.03", "92.00%"], 22),
        ("filler_rows", [*FILLER_LINES, "95.03", "92.00%"], 29),
    ],
)
def test_pdf_variants(forms: dict[str, Path], variant: str, needles: list[str], n_rows: int) -> None:
    with pdfplumber.open(forms[f"pdf-{variant}"]) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        text = page.extract_text()
        tables = page.find_tables()
        rows = tables[0].extract() if tables else []
    assert P1.project_name in text
    for needle in needles:  # the text layer reads an ideographic space as a plain one
        assert needle.replace("\u3000", " ") in text, needle
    assert len(tables) == 1 and len(rows) == n_rows


def test_pdf_multi(forms: dict[str, Path]) -> None:
    with pdfplumber.open(forms["pdf-multi"]) as pdf:
        assert len(pdf.pages) == 2
        for page, project in zip(pdf.pages, (P1, P2), strict=True):
            text = page.extract_text()
            assert project.project_name in text and project.total_score in text and project.total.rate in text
            assert len(page.find_tables()) == 1
        assert P2.project_name not in pdf.pages[0].extract_text()


def test_pdf_target_table(forms: dict[str, Path]) -> None:
    with pdfplumber.open(forms["tt-pdf"]) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        rows = page.find_tables()[0].extract()
    assert text.splitlines()[:2] == ["项目支出绩效目标表", "（2025年度）"]
    assert T1.project_name in text and "资助高价值专利培育项目" in text
    assert len(rows) == 14
    assert [cell for cell in rows[3] if cell] == ["年度资金总额", "200.00"]


def test_scanned_pdf_has_no_text(forms: dict[str, Path]) -> None:
    with pdfplumber.open(forms["scanned"]) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert page.chars == []
        assert page.extract_text() == ""
        assert len(page.images) == 1
        assert page.find_tables() == []


# --------------------------------------------------------------------------- reproducibility


def test_builds_are_reproducible(forms: dict[str, Path], tmp_path: Path) -> None:
    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    again = {
        "xlsx-numeric_cells": build.xlsx_self_evaluation(tmp_path / "a.xlsx", [P1], "numeric_cells"),
        "docx-standard": build.docx_self_evaluation(tmp_path / "a.docx", [P1]),
        "pdf-standard": build.pdf_self_evaluation(tmp_path / "a.pdf", [P1]),
        "scanned": build.scanned_pdf(tmp_path / "s.pdf", P1),
    }
    for key, path in again.items():
        assert digest(path) == digest(forms[key]), key
