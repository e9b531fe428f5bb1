"""The Excel workbook of findings and reconciliation, on the Nanchang seed; the formula-injection guard."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.findings import finding
from perfnb.format.load import load
from perfnb.format.paths import department_dir
from perfnb.report.results import FIGURE_COLUMNS
from perfnb.report.workbook import FIGURE_HEADERS, FINDING_HEADERS, neutralise, write_findings_xlsx
from tests.conftest import RAW

SEED = "nanchang-ip-fund-2020"


@pytest.fixture(scope="module")
def result() -> CheckResult:
    dept = load(SEED, RAW)
    return check_department(dept, department_dir=department_dir(RAW, dept.id))


@pytest.fixture(scope="module")
def book(result: CheckResult, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = write_findings_xlsx(result, tmp_path_factory.mktemp("xlsx") / "findings.xlsx")
    return openpyxl.load_workbook(path)


def records(sheet: Any) -> list[dict[str, Any]]:
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


# --- neutralise ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")', "-cmd"])
def test_neutralise_quotes_formula_starts(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["资金到位率", "a=b", "1=1", "", "'=1", "-2.53", "+5", "-0.06", "-20%"])
def test_neutralise_leaves_other_text_and_plain_numbers(text: str) -> None:
    assert neutralise(text) == text


# --- the workbook -------------------------------------------------------------------------------


def test_sheets_and_headers(book: Any) -> None:
    assert book.sheetnames == ["发现", "复核表"]
    assert [c.value for c in book["发现"][1]] == list(FINDING_HEADERS)
    assert set(FIGURE_HEADERS) == set(FIGURE_COLUMNS)
    assert [c.value for c in book["复核表"][1]] == [FIGURE_HEADERS[c] for c in FIGURE_COLUMNS]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert all(c.font.bold for c in sheet[1])
        assert all(0 < d.width <= 60 for d in sheet.column_dimensions.values())


def test_findings_sheet(book: Any, result: CheckResult) -> None:
    rows = records(book["发现"])
    assert len(rows) == len(result.findings) == 30
    first = rows[0]
    assert first["严重程度"] == "错误"
    assert (first["代码"], first["问题"], first["项目"]) == ("SCORE_MISMATCH", "得分与复算不符", "p2")
    assert (first["文件"], first["行"], first["列"]) == (f"{SEED}/reported_figures.csv", 45, "value")
    assert (first["原文数值"], first["复算数值"], first["关联数字"]) == (10, 5, "r044")  # numbers (5.00 shown)
    assert [r["代码"] for r in rows] == [f.code for f in result.findings]


def test_reconciliation_sheet_holds_numbers_with_printed_decimals(book: Any) -> None:
    sheet = book["复核表"]
    rows = records(sheet)
    assert len(rows) == 260
    row = next(r for r in rows if r["编号"] == "score:i-g1")
    assert row["复算值（按原文精度）"] == 2.57
    assert (row["复算值"], row["原文数值"], row["差额"], row["结论"]) == (2.5745149743, 2.57, 0, "相符")
    assert (row["文件"], row["行"], row["列"]) == (f"{SEED}/indicators.csv", 9, "score")
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(rows.index(row) + 2, headers.index("复算值") + 1)
    assert (cell.data_type, cell.number_format) == ("n", "0.0000000000")
    # a negative difference is a number, never a quoted text
    assert any(r["差额"] == -0.06 for r in rows)


def test_formula_text_is_stored_as_text(result: CheckResult, tmp_path: Path) -> None:
    evil = finding("SUM_MISMATCH", "=cmd|' /C calc'!A0", '=HYPERLINK("http://x")', reported="+1+1")
    path = write_findings_xlsx(dataclasses.replace(result, findings=(evil,)), tmp_path / "evil.xlsx")
    sheet = openpyxl.load_workbook(path)["发现"]
    row = dict(zip((c.value for c in sheet[1]), sheet[2], strict=True))
    for header, text in (("说明", '=HYPERLINK("http://x")'), ("对象", "=cmd|' /C calc'!A0"), ("原文数值", "+1+1")):
        assert row[header].value == "'" + text
        assert row[header].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_control_characters_are_dropped(result: CheckResult, tmp_path: Path) -> None:
    odd = finding("SUM_MISMATCH", "a\x00b\x1fc", "第一行\n第二行")
    path = write_findings_xlsx(dataclasses.replace(result, findings=(odd,)), tmp_path / "odd.xlsx")
    row = records(openpyxl.load_workbook(path)["发现"])[0]
    assert (row["对象"], row["说明"]) == ("abc", "第一行\n第二行")


def test_two_writes_are_byte_identical(result: CheckResult, tmp_path: Path) -> None:
    first = write_findings_xlsx(result, tmp_path / "a" / "one.xlsx")
    second = write_findings_xlsx(result, tmp_path / "b" / "two.xlsx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # XlsxWriter's fixed stamp
        assert b"2000-01-01T00:00:00Z</dcterms:modified>" in archive.read("docProps/core.xml")


def test_no_temporary_file_is_left(result: CheckResult, tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "findings.xlsx"
    assert write_findings_xlsx(result, path) == path
    write_findings_xlsx(result, path)  # overwriting is fine too
    assert list(path.parent.iterdir()) == [path]


def test_failed_write_leaves_nothing(result: CheckResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", fail)
    with pytest.raises(OSError, match="disk full"):
        write_findings_xlsx(result, tmp_path / "findings.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_previous_file(
    result: CheckResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_findings_xlsx(result, tmp_path / "findings.xlsx")
    before = path.read_bytes()

    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError("boom")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail)  # fails mid-archive, after the temp file exists
    with pytest.raises(OSError, match="boom"):
        write_findings_xlsx(result, path)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]
