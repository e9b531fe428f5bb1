"""The .xlsx form of a department loads to the same model as its CSV form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from perfnb.format.load import load_department
from tests.conftest import SEEDS, csv_to_workbook


@pytest.mark.parametrize("seed", SEEDS)
def test_xlsx_and_csv_load_to_equal_models(copy_seed: Callable[[str], Path], data_dir: Path, seed: str) -> None:
    folder = copy_seed(seed)
    from_csv = load_department(seed, data_dir)
    csv_to_workbook(folder)
    from_xlsx = load_department(seed, data_dir)
    assert from_csv.ok and from_xlsx.ok, from_xlsx.errors
    assert from_xlsx.department == from_csv.department
    assert [str(p) for p in from_xlsx.warnings] == [
        str(p).replace(f"{p.file} ", f"department.xlsx[{p.file.removesuffix('.csv')}] ") for p in from_csv.warnings
    ]
    assert from_xlsx.department is not None and from_csv.department is not None
    # decimals as printed survive the workbook (2.50 stays 2.50, 0.00 stays 0.00)
    for a, b in zip(from_csv.department.funds, from_xlsx.department.funds, strict=True):
        assert str(a.budget) == str(b.budget)
    assert [f.path for f in from_xlsx.department.sources] == [f"{seed}/department.yaml", f"{seed}/department.xlsx"]


def _workbook(copy_seed: Callable[[str], Path]) -> tuple[Path, openpyxl.Workbook]:
    path = csv_to_workbook(copy_seed("gzkfq-ip-2025"))
    return path, openpyxl.load_workbook(path)


def test_formula_cell_is_rejected_with_its_place(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    path, book = _workbook(copy_seed)
    book["funds"]["J3"] = "=SUM(J2:J2)"
    book.save(path)
    (problem,) = load_department("gzkfq-ip-2025", data_dir).errors
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "department.xlsx[funds]",
        3,
        "budget",
        "=SUM(J2:J2)",
    )
    assert problem.message == "单元格是公式，不是数值"


def test_missing_sheet_is_named(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    path, book = _workbook(copy_seed)
    book.remove(book["narrative_targets"])
    book.save(path)
    (problem,) = load_department("gzkfq-ip-2025", data_dir).errors
    assert (problem.file, problem.message) == ("department.xlsx", "工作簿缺少工作表 narrative_targets")


def test_bad_cell_in_workbook_names_sheet_row_and_column(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    path, book = _workbook(copy_seed)
    book["projects"]["F4"] = "十亿"  # t3's budget
    book.save(path)
    (problem,) = load_department("gzkfq-ip-2025", data_dir).errors
    assert (problem.file, problem.row, problem.column, problem.code) == (
        "department.xlsx[projects]",
        4,
        "budget",
        "number",
    )


def test_broken_workbook_is_rejected(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    path = csv_to_workbook(copy_seed("gzkfq-ip-2025"))
    path.write_bytes(b"PK\x03\x04 not a zip")
    (problem,) = load_department("gzkfq-ip-2025", data_dir).errors
    assert problem.message.startswith("无法作为 Excel 工作簿读取")


def test_empty_sheet_is_reported_and_the_other_sheets_still_read(
    copy_seed: Callable[[str], Path], data_dir: Path
) -> None:
    path, book = _workbook(copy_seed)
    book.remove(book["narrative_targets"])
    book.create_sheet("narrative_targets")
    book["funds"]["J2"] = "x"  # a problem in another sheet must still be found
    book.save(path)
    result = load_department("gzkfq-ip-2025", data_dir)
    assert {(p.file, p.row, p.column, p.code) for p in result.errors} == {
        ("department.xlsx[narrative_targets]", None, None, "file"),
        ("department.xlsx[funds]", 2, "budget", "number"),
    }
