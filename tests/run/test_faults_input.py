"""Issue 16 §14, §16, §17, §21: inputs that bomb, lie or race — each refused with a message naming the place.

Every input is built small in ``tmp_path`` (a bomb is a small file patched to claim a huge range), and each
test fails on the code before the fix (hangs, reads a lie as a number, or shows a traceback).
"""

from __future__ import annotations

import csv
import importlib
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from perfnb.base.errors import printable
from perfnb.base.limits import MAX_DECIMALS, MAX_MERGED_CELLS, MAX_TABLE_COLUMNS, MAX_ZIP_MEMBER_BYTES
from perfnb.base.numbers import NumberFormatError, parse_decimal, round_half_up
from perfnb.cli import cli
from perfnb.format.load import LoadResult, load_department
from perfnb.format.targets import ValueKind, parse_value
from perfnb.forms.grid import FormFileError, read_form
from tests.conftest import csv_to_workbook
from tests.forms.sheet import Sheet, write_docx, write_xlsx
from tests.forms.test_import_kinds import imp, self_evaluation

SEED = "nanchang-ip-fund-2020"
LOADER = importlib.import_module(
    "perfnb.format.load"
)  # the module (``perfnb.format.load`` is also the function perfnb exports)


# --- helpers ------------------------------------------------------------------------------------------


def patch_zip(path: Path, member_pattern: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite the members of the zip ``path`` whose name matches ``member_pattern`` with ``change``."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            archive.writestr(info.filename, change(data) if re.fullmatch(member_pattern, info.filename) else data)
    return path


def set_cells(path: Path, changes: dict[tuple[int, str], str]) -> None:
    """Set cells of a CSV file: {(row index among the data rows, column): text}."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for (index, column), text in changes.items():
        rows[index][column] = text
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def imported(tmp_path: Path) -> Path:
    """A small department imported from a self-evaluation form (valid); its folder."""
    result = imp(tmp_path, self_evaluation())
    assert result.loaded.ok, [str(p) for p in result.loaded.errors]
    return result.folder


def errors(result: LoadResult) -> list[str]:
    return [str(p) for p in result.errors]


def merged_workbook(path: Path, ref: str) -> Path:
    """A tiny form whose one merged range claims ``ref`` (written as A30:B31, then patched)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表1"
    sheet["A1"] = "项目支出绩效自评表"
    sheet["A30"] = "合并"
    sheet.merge_cells("A30:B31")
    book.save(path)
    claim = f'ref="{ref}"'.encode()
    return patch_zip(path, r"xl/worksheets/sheet\d+\.xml", lambda xml: xml.replace(b'ref="A30:B31"', claim))


# --- §14 resource bombs ---------------------------------------------------------------------------


def test_a_form_with_a_huge_merged_range_is_refused_at_once(tmp_path: Path) -> None:
    path = merged_workbook(tmp_path / "bomb.xlsx", "A30:CV100000")
    assert path.stat().st_size < 10_000
    with pytest.raises(FormFileError) as caught:
        read_form(path)
    message = str(caught.value)
    assert "bomb.xlsx" in message and "A30:CV100000" in message and "合并单元格" in message
    assert str(MAX_MERGED_CELLS) in message


def test_perfnb_import_of_the_merge_bomb_says_so(tmp_path: Path) -> None:
    path = merged_workbook(tmp_path / "bomb.xlsx", "A30:CV100000")
    result = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(tmp_path / "raw")])
    assert result.exit_code != 0
    assert "合并单元格" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "raw" / "d").exists()


def test_a_department_xlsx_with_a_huge_merged_range_is_refused(copy_seed: Callable[[str], Path]) -> None:
    folder = copy_seed(SEED)
    workbook = csv_to_workbook(folder)
    book = openpyxl.load_workbook(workbook)
    book["projects"].merge_cells("A30:B31")
    book.save(workbook)
    patch_zip(workbook, r"xl/worksheets/sheet\d+\.xml", lambda xml: xml.replace(b'"A30:B31"', b'"A30:CV100000"'))
    result = load_department(SEED, folder.parent)
    assert not result.ok
    (problem,) = result.errors
    assert problem.file == "department.xlsx" and "A30:CV100000" in problem.message


def test_a_department_xlsx_sheet_used_to_its_last_cell_is_refused(copy_seed: Callable[[str], Path]) -> None:
    folder = copy_seed(SEED)
    workbook = csv_to_workbook(folder)
    book = openpyxl.load_workbook(workbook)
    book["funds"]["XFD1048576"] = "x"  # iter_rows would walk 17 billion cells
    book.save(workbook)
    result = load_department(SEED, folder.parent)
    assert [(p.file, "太大" in p.message) for p in result.errors] == [("department.xlsx", True)]


def test_a_docx_cell_spanning_fifty_million_columns_is_refused(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "bomb.docx", [Sheet("表1", "项目名称 | 测试 | <\n资金 | 1 | 2")])
    patch_zip(path, r"word/document\.xml", lambda xml: xml.replace(b'gridSpan w:val="2"', b'gridSpan w:val="50000000"'))
    with pytest.raises(FormFileError) as caught:
        read_form(path)
    message = str(caught.value)
    assert "bomb.docx" in message and "表格 1第 1 行" in message and "50000001" in message
    assert str(MAX_TABLE_COLUMNS) in message


def test_a_workbook_holding_one_huge_shared_string_is_refused_before_it_is_read(tmp_path: Path) -> None:
    small = write_xlsx(tmp_path / "small.xlsx", [Sheet("表1", "项目名称 | 测试")])
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/sharedStrings.xml":
                target.writestr(info.filename, source.read(info))
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:  # streamed: the test stays small
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            chunk = b"a" * (1 << 20)
            for _ in range(MAX_ZIP_MEMBER_BYTES // len(chunk) + 1):
                member.write(chunk)
            member.write(b"</t></si></sst>")
    assert path.stat().st_size < 1_000_000
    with pytest.raises(FormFileError) as caught:
        read_form(path)
    assert "xl/sharedStrings.xml" in str(caught.value) and "解压后" in str(caught.value)
    report = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(tmp_path / "raw"),
                                      "--report-dir", str(report)])  # fmt: skip
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert not report.exists() or sum(f.stat().st_size for f in report.rglob("*") if f.is_file()) < 100_000


def test_a_form_cell_past_the_length_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("perfnb.forms.grid.MAX_CELL_CHARS", 1_000)
    path = write_xlsx(tmp_path / "long.xlsx", [Sheet("表1", f"项目名称 | {'很长' * 600}")])
    with pytest.raises(FormFileError) as caught:
        read_form(path)
    assert "工作表“表1” B1" in str(caught.value) and "1200 个字符" in str(caught.value)


# --- §16 absurd precision -------------------------------------------------------------------------


def test_a_score_with_27_decimals_is_refused_at_validation(tmp_path: Path) -> None:
    folder = imported(tmp_path)
    set_cells(folder / "indicators.csv", {(0, "score"): "50.000000000000000000000000001"})
    result = load_department("d", folder.parent)
    (problem,) = result.errors
    assert (problem.file, problem.row, problem.column) == ("indicators.csv", 2, "score")
    assert "小数位数过多（27 位）" in problem.message and f"至多 {MAX_DECIMALS} 位小数" in problem.message


def test_check_of_a_27_decimal_score_names_the_cell_and_checks_the_other_departments(tmp_path: Path) -> None:
    folder = imported(tmp_path)
    shutil.copytree(folder, folder.parent / "e")
    (folder.parent / "e" / "department.yaml").write_text(
        (folder / "department.yaml").read_text(encoding="utf-8").replace("id: d\n", "id: e\n"), encoding="utf-8"
    )
    set_cells(folder / "indicators.csv", {(0, "score"): "12345678901234.123456789012345678901234567"})
    result = CliRunner().invoke(cli, ["check", "--data-dir", str(folder.parent),
                                      "--processed-dir", str(tmp_path / "processed")])  # fmt: skip
    assert "Traceback" not in result.output and "InvalidOperation" not in result.output
    assert "indicators.csv 第 2 行 列 score" in result.output and "小数位数过多（27 位）" in result.output
    assert (tmp_path / "processed" / "e" / "figures.csv").exists()  # the department after it is checked


def test_a_target_of_a_24_decimal_percent_is_refused_at_validation(tmp_path: Path) -> None:
    folder = imported(tmp_path)
    set_cells(folder / "indicators.csv", {(1, "target"): "≥0.000000000000000000000001%"})
    result = load_department("d", folder.parent)
    (problem,) = result.errors
    assert (problem.file, problem.row, problem.column) == ("indicators.csv", 3, "target")
    assert "小数位数过多（24 位）" in problem.message


def test_rounding_never_runs_out_of_digits() -> None:
    value = Decimal("12345678901234.123456789012345678901234567")
    assert round_half_up(value, 27) == Decimal("12345678901234.123456789012345678901234567")
    assert round_half_up(Decimal("1E-24"), 24) == Decimal("1E-24")


# --- §17 text that lies ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["10¹", "①", "⑩", "1⁰", "١٠", "१०", "½", "₁₀"])
def test_digit_forms_other_than_0_to_9_are_no_number(text: str) -> None:
    with pytest.raises(NumberFormatError, match="上标、圈码或其他非 0-9 的数字字符"):
        parse_decimal(text)


def test_full_width_digits_and_unit_powers_still_read() -> None:
    assert parse_decimal("１０") == 10
    assert parse_value("≥100m²").value == 100  # type: ignore[union-attr]
    assert parse_value("≥100㎡").unit == "平方米"  # type: ignore[union-attr]


def test_a_target_in_superscript_or_arabic_indic_digits_is_kept_as_text() -> None:
    lying = parse_value("≥10¹人")
    assert lying is not None and lying.kind is ValueKind.TEXT and lying.value is None and "¹" in (lying.warning or "")
    date = parse_value("٢٠٢٥年12月底前", year=2025)
    assert date is not None and date.kind is ValueKind.TEXT and date.date is None


def test_a_superscript_weight_is_refused_in_csv_and_in_department_xlsx(copy_seed: Callable[[str], Path]) -> None:
    folder = imported_seed = copy_seed(SEED)
    set_cells(folder / "indicators.csv", {(0, "score"): "2.5¹"})
    result = load_department(SEED, folder.parent)
    assert [(p.file, p.row, p.column) for p in result.errors] == [("indicators.csv", 2, "score")]
    assert "¹" in result.errors[0].message and "上标" in result.errors[0].message
    csv_to_workbook(imported_seed)
    result = load_department(SEED, folder.parent)
    assert [(p.file, p.row, p.column) for p in result.errors] == [("department.xlsx[indicators]", 2, "score")]


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f", "\uffff", "\ufdd0", "\U0010ffff", "\x85"])
def test_bidi_controls_and_noncharacters_in_a_csv_text_cell_are_refused(
    char: str, copy_seed: Callable[[str], Path]
) -> None:
    folder = copy_seed(SEED)
    set_cells(folder / "projects.csv", {(0, "name"): f"项目{char}gpj.exe"})
    result = load_department(SEED, folder.parent)
    (problem,) = result.errors
    assert (problem.file, problem.row, problem.column) == ("projects.csv", 2, "name")
    assert f"U+{ord(char):04X}" in problem.message
    assert char not in str(problem) and char not in (problem.value or "")  # shown as its code, never as itself


def test_a_right_to_left_override_in_department_xlsx_is_refused(copy_seed: Callable[[str], Path]) -> None:
    folder = copy_seed(SEED)
    set_cells(folder / "projects.csv", {(0, "name"): "项目\u202egpj.exe"})
    csv_to_workbook(folder)
    result = load_department(SEED, folder.parent)
    (problem,) = result.errors
    assert (problem.file, problem.row, problem.column) == ("department.xlsx[projects]", 2, "name")
    assert "U+202E" in problem.message and "\u202e" not in str(problem)


def test_perfnb_import_of_a_form_with_lying_text(tmp_path: Path) -> None:
    form = self_evaluation().replace("测试项目", "测试\u202e项目").replace("#50 | #50", "10¹ | #50")
    path = write_xlsx(tmp_path / "form.xlsx", [Sheet("表1", form)])
    result = CliRunner().invoke(cli, ["import", str(path), "--dept-id", "d", "--data-dir", str(tmp_path / "raw"),
                                      "--report-dir", str(tmp_path / "reports")])  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "\u202e" not in result.output and "U+202E" in result.output
    with (tmp_path / "raw" / "d" / "indicators.csv").open(encoding="utf-8-sig", newline="") as handle:
        weights = [row["weight"] for row in csv.DictReader(handle)]
    assert "101" not in weights  # 10¹ is never read as 101


def test_printable_shows_invisible_characters_by_their_code() -> None:
    assert printable("a\u202eb\uffff") == "a\\u202eb\\uffff"


# --- §21 links swapped while validating -----------------------------------------------------------


def _outside_copy(tmp_path: Path, folder: Path) -> Path:
    """A valid copy of the department outside the data directory, named so that it can be told apart."""
    outside = tmp_path / "outside" / folder.name
    shutil.copytree(folder, outside)
    header = outside / "department.yaml"
    header.write_text(re.sub(r"(?m)^name: .*$", "name: 外部冒充单位", header.read_text(encoding="utf-8")),
                      encoding="utf-8")  # fmt: skip
    return outside


def _swap_to_link(folder: Path, target: Path) -> None:
    """Move ``folder`` away and put a link to ``target`` in its place (skips where links cannot be made)."""
    folder.rename(folder.with_name("_moved"))
    try:
        folder.symlink_to(target, target_is_directory=True)
    except OSError as exc:  # Windows without the privilege to make links
        pytest.skip(f"symlinks unavailable: {exc}")


def test_a_link_swapped_in_between_the_check_and_the_open_is_never_read(
    tmp_path: Path, copy_seed: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_seed(SEED)
    outside = _outside_copy(tmp_path, folder)
    opened: list[str] = []
    real_open = open

    def swapping_open(file: str | os.PathLike[str], *args: object, **kwargs: object) -> object:
        if not opened:
            _swap_to_link(folder, outside)  # after the loader resolved and checked the file, before it opens it
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(LOADER, "open", swapping_open, raising=False)
    result = load_department(SEED, folder.parent)
    assert not result.ok and result.department is None
    assert any("被替换" in p.message or "数据目录之外" in p.message for p in result.errors)
    assert all("外部冒充单位" not in str(p) for p in result.problems)


def test_a_department_folder_swapped_after_its_check_is_refused(
    tmp_path: Path, copy_seed: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_seed(SEED)
    outside = _outside_copy(tmp_path, folder)
    checked = LOADER.department_dir

    def check_then_swap(data_dir: Path, dept_id: str) -> Path:
        found = checked(data_dir, dept_id)
        _swap_to_link(folder, outside)
        return found

    monkeypatch.setattr(LOADER, "department_dir", check_then_swap)
    result = load_department(SEED, folder.parent)
    assert not result.ok and result.department is None
    assert [p.message for p in result.errors] == ["部门文件夹是指向数据目录之外的链接，拒绝读取"]


def test_a_file_that_cannot_be_opened_is_a_problem_not_a_traceback(
    copy_seed: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_seed(SEED)

    def refused(file: object, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(LOADER, "open", refused, raising=False)
    result = CliRunner().invoke(cli, ["validate", SEED, "--data-dir", str(folder.parent)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "department.yaml：无法读取文件（没有读取权限" in result.output
