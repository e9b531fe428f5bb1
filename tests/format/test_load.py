"""Loading and validation: every problem named by file, row, column, value and expectation."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from perfnb import load, validate
from perfnb.base.errors import InvalidDepartmentError
from perfnb.format.load import load_department
from perfnb.format.problems import Problem, Severity


def rewrite(path: Path, edit: Callable[[list[list[str]]], None], encoding: str = "utf-8") -> None:
    """Edit a CSV file as a list of records (header first) and write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    edit(records)
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)


def set_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of the row whose id is ``row_id``; return its row number (header = 1)."""
    found: list[int] = []

    def edit(records: list[list[str]]) -> None:
        header = records[0]
        for n, record in enumerate(records[1:], 2):
            if record[header.index("id")] == row_id:
                record[header.index(column)] = value
                found.append(n)

    rewrite(path, edit)
    assert len(found) == 1
    return found[0]


def keyed(problems: tuple[Problem, ...]) -> set[tuple[str | None, int | None, str | None, str]]:
    return {(p.file, p.row, p.column, p.code) for p in problems if p.severity is Severity.ERROR}


def test_three_mistakes_give_three_precise_messages(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    money_row = set_cell(folder / "funds.csv", "f-basic", "budget", "一千零九十七")
    unit_row = set_cell(folder / "projects.csv", "t2", "unit", "美元")
    rewrite(folder / "indicators.csv", lambda rs: [r.pop(rs[0].index("note")) for r in rs[::-1]])

    result = load_department("gzkfq-ip-2025", data_dir)

    assert not result.ok and result.department is None
    assert keyed(result.problems) == {
        ("funds.csv", money_row, "budget", "number"),
        ("projects.csv", unit_row, "unit", "choice"),
        ("indicators.csv", 1, "note", "missing_column"),
    }
    by_column = {p.column: p for p in result.errors}
    assert by_column["budget"].value == "一千零九十七"
    assert "不是数字" in by_column["budget"].message
    assert by_column["unit"].message == "“美元”不是可选值；可选：元、万元、亿元"
    assert by_column["note"].message == "缺少列 note（备注）"
    assert str(by_column["budget"]).startswith(f"[错误] gzkfq-ip-2025/funds.csv 第 {money_row} 行 列 budget：")


def test_load_raises_with_problems(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    set_cell(folder / "funds.csv", "f-basic", "budget", "-5")
    with pytest.raises(InvalidDepartmentError, match="部门数据有 1 处错误") as info:
        load("gzkfq-ip-2025", data_dir)
    assert [(p.column, p.code, p.message) for p in info.value.problems] == [
        ("budget", "negative", "金额或数量不能为负数")
    ]


def test_all_problems_of_all_files_and_departments_in_one_run(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    a, b = copy_seed("gzkfq-ip-2025"), copy_seed("nantong-ipc-2025")
    set_cell(a / "funds.csv", "f-basic", "budget", "1.234,5")
    set_cell(a / "indicators.csv", "i01", "project_id", "t9")
    set_cell(b / "funds.csv", "f-x1", "parent", "f-nowhere")
    set_cell(b / "narrative_targets.csv", "n1", "horizon", "五年")
    (data_dir / "Bad_Folder").mkdir()

    results = {r.dept_id: r for r in validate(None, data_dir)}

    assert sorted(results) == ["Bad_Folder", "gzkfq-ip-2025", "nantong-ipc-2025"]
    assert {(p.file, p.column, p.code) for p in results["gzkfq-ip-2025"].errors} == {
        ("funds.csv", "budget", "number"),
        ("indicators.csv", "project_id", "reference"),
    }
    assert {(p.file, p.column, p.code) for p in results["nantong-ipc-2025"].errors} == {
        ("funds.csv", "parent", "reference"),
        ("narrative_targets.csv", "horizon", "choice"),
    }
    assert results["Bad_Folder"].errors[0].code == "dept_id"
    european = results["gzkfq-ip-2025"].errors[0]
    assert "欧式" in european.message


@pytest.mark.parametrize(
    ("table", "row_id", "column", "value", "code"),
    [
        ("funds", "f-project", "id", "f-basic", "duplicate_id"),
        ("funds", "f-basic", "id", "基本", "id_format"),
        ("funds", "f-basic", "side", "", "required"),
        ("funds", "f-basic", "source", "国库", "choice"),
        ("funds", "f-basic", "budget", "NaN", "number"),
        ("funds", "f-basic", "budget", "1e5", "number"),
        ("funds", "f-basic", "budget", "1000000000000000", "magnitude"),
        ("funds", "f-basic", "parent", "f-basic", "reference"),
        ("projects", "t1", "start_date", "2025/13/01", "date"),
        ("projects", "t1", "start_date", "1900-01-01", "date_range"),
        ("indicators", "i05", "target", "≥5项", "required"),
        ("indicators", "i01", "funds_ids", "f-basic;f-nope", "reference"),
    ],
)
def test_cell_errors_are_named(
    copy_seed: Callable[[str], Path], data_dir: Path, table: str, row_id: str, column: str,
    value: str, code: str,
) -> None:  # fmt: skip
    folder = copy_seed("gzkfq-ip-2025")
    assert load_department("gzkfq-ip-2025", data_dir).ok
    row = set_cell(folder / f"{table}.csv", row_id, column, value)
    result = load_department("gzkfq-ip-2025", data_dir)
    expected_column = "level3" if code == "required" and table == "indicators" else column
    assert keyed(result.problems) == {(f"{table}.csv", row, expected_column, code)}


def test_parent_cycle_is_found(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("nantong-ipc-2025")
    row = set_cell(folder / "funds.csv", "f-project", "parent", "f-x1")
    result = load_department("nantong-ipc-2025", data_dir)
    assert ("funds.csv", row, "parent", "reference") in keyed(result.problems)
    assert any(p.message == "上级行形成循环" for p in result.errors)


def test_header_problems(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")

    def edit(records: list[list[str]]) -> None:
        records[0][records[0].index("budget")] = "budjet"
        records[0][records[0].index("ref")] = "line"

    rewrite(folder / "funds.csv", edit)
    result = load_department("gzkfq-ip-2025", data_dir)
    assert keyed(result.problems) == {
        ("funds.csv", 1, "budjet", "unknown_column"),
        ("funds.csv", 1, "budget", "missing_column"),
        ("funds.csv", 1, "line", "duplicate_column"),
        ("funds.csv", 1, "ref", "missing_column"),
    }
    assert any("是不是 budget" in p.message for p in result.errors)


def test_missing_and_empty_files(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    (folder / "projects.csv").unlink()
    (folder / "funds.csv").write_text("", encoding="utf-8")
    result = load_department("gzkfq-ip-2025", data_dir)
    messages = {(p.file, p.code): p.message for p in result.errors}
    assert messages[("projects.csv", "missing_file")] == "缺少 projects.csv"
    assert messages[("funds.csv", "file")] == "文件是空的：没有列名行"
    # the references into the missing tables are reported too: nothing is skipped silently
    assert ("indicators.csv", "reference") not in messages  # indicators refer to no project here


def test_comment_lines_and_blank_rows_keep_row_numbers(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    path = folder / "funds.csv"
    assert set_cell(path, "f-fiscal", "budget", "x") == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(0, "# 资金表，说明行")
    lines.insert(3, ",,,,,,,,,,,,,,,,,,,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_department("gzkfq-ip-2025", data_dir)
    # comment 1, header 2, f-basic 3, blank 4, f-project 5, f-fiscal 6
    assert keyed(result.problems) == {("funds.csv", 6, "budget", "number")}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk"])
def test_encodings_read(copy_seed: Callable[[str], Path], data_dir: Path, encoding: str) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    path = folder / "indicators.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    result = load_department("gzkfq-ip-2025", data_dir)
    assert result.ok
    assert result.department is not None
    assert result.department.indicators[0].level3 == "PCT国际专利申请量"
    warnings = [(p.file, p.code) for p in result.warnings]
    assert warnings == ([] if encoding == "utf-8-sig" else [("indicators.csv", "encoding")])


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("id\n".encode("utf-16"), "文件是 UTF-16 编码"),
        (b"\x00\x01\x02binary", "文件含有二进制内容（NUL 字节），不是文本表格"),
        (b"\x81\x30\xff\xfe\x80", "文件编码无法识别"),
    ],
)
def test_undecodable_files_rejected(
    copy_seed: Callable[[str], Path], data_dir: Path, payload: bytes, message: str
) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    (folder / "projects.csv").write_bytes(payload)
    result = load_department("gzkfq-ip-2025", data_dir)
    (problem,) = [p for p in result.errors if p.file == "projects.csv"]
    assert problem.message.startswith(message)


def test_yaml_problems_name_the_line(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    path = folder / "department.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fiscal_year: 2025", "fiscal_year: 二〇二五\nfiscal_yaer: 2025"), encoding="utf-8")
    result = load_department("gzkfq-ip-2025", data_dir)
    assert keyed(result.problems) == {
        ("department.yaml", 5, "fiscal_year", "int_parsing"),
        ("department.yaml", 6, "fiscal_yaer", "extra_forbidden"),
    }
    path.write_text("name: [unclosed\n", encoding="utf-8")
    (problem,) = load_department("gzkfq-ip-2025", data_dir).errors
    assert (problem.file, problem.row, problem.code) == ("department.yaml", 1, "yaml")  # where the bracket opens


def test_yaml_tags_are_not_executed(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    path = folder / "department.yaml"
    path.write_text("name: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    (problem,) = load_department("gzkfq-ip-2025", data_dir).errors
    assert problem.code == "yaml"


def test_header_id_must_match_folder(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    (folder.parent / "other-dept").mkdir()
    for item in folder.iterdir():
        (folder.parent / "other-dept" / item.name).write_bytes(item.read_bytes())
    (problem,) = load_department("other-dept", data_dir).errors
    assert (problem.column, problem.code, problem.expected) == ("id", "dept_id_mismatch", "other-dept")


def test_unparseable_target_is_a_warning_not_an_error(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    row = set_cell(folder / "indicators.csv", "i01", "target", "大概八百件左右")
    result = load_department("gzkfq-ip-2025", data_dir)
    assert result.ok
    assert [(p.row, p.column, p.code) for p in result.warnings] == [(row, "target", "value_unparsed")]


def test_both_forms_present_is_an_error(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    (folder / "department.xlsx").write_bytes(b"not really")
    (problem,) = load_department("gzkfq-ip-2025", data_dir).errors
    assert problem.code == "two_forms"


def test_locations_lead_back_to_raw_cells(data_dir: Path) -> None:
    from tests.conftest import RAW

    dept = load("nantong-ipc-2025", RAW)
    where = dept.where("funds", "f-x6")
    assert where is not None and str(where) == "nantong-ipc-2025/funds.csv 第 18 行"
    line = (RAW / "nantong-ipc-2025" / "funds.csv").read_text(encoding="utf-8").splitlines()[where.row - 1]
    assert line.startswith("f-x6,") and ",157," in line
    assert Decimal("157") == next(f.budget for f in dept.funds if f.id == "f-x6")


def test_table_problems_are_found_even_when_the_header_is_broken(
    copy_seed: Callable[[str], Path], data_dir: Path
) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    (folder / "department.yaml").write_text("name: [\n", encoding="utf-8")
    row = set_cell(folder / "indicators.csv", "i01", "project_id", "t9")
    result = load_department("gzkfq-ip-2025", data_dir)
    assert {(p.file, p.row, p.code) for p in result.errors} == {
        ("department.yaml", 2, "yaml"),
        ("indicators.csv", row, "reference"),
    }


def test_only_rows_on_a_cycle_are_flagged(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    folder = copy_seed("nantong-ipc-2025")
    project_row = set_cell(folder / "funds.csv", "f-project", "parent", "f-x1")
    x1_row = set_cell(folder / "funds.csv", "f-x1", "parent", "f-project")  # unchanged: f-x1 → f-project
    result = load_department("nantong-ipc-2025", data_dir)
    cycles = sorted(p.row for p in result.errors if p.message == "上级行形成循环")
    assert cycles == [project_row, x1_row]  # f-x2 … f-x8 only point into the cycle


def test_reference_messages_name_the_sheet_in_a_workbook(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    from tests.conftest import csv_to_workbook

    folder = copy_seed("gzkfq-ip-2025")
    set_cell(folder / "indicators.csv", "i01", "project_id", "t9")
    csv_to_workbook(folder)
    (problem,) = load_department("gzkfq-ip-2025", data_dir).errors
    assert (problem.file, problem.message) == (
        "department.xlsx[indicators]",
        "引用的编号在 department.xlsx[projects] 中不存在",
    )


def test_every_problem_code_is_a_member_of_problem_code() -> None:
    """Problem codes are one enum: each error type the schema raises names a member (a bare string would fall
    through to INVALID), pydantic's own types map to theirs, and any other pydantic type is INVALID."""
    import ast

    from perfnb.format.problems import ProblemCode
    from tests.conftest import ROOT

    for module in ("columns.py", "schema.py"):
        tree = ast.parse((ROOT / "perfnb" / "format" / module).read_text(encoding="utf-8"))
        raised = [n.args[0] for n in ast.walk(tree) if isinstance(n, ast.Call)
                  and getattr(n.func, "id", "") == "PydanticCustomError"]  # fmt: skip
        assert raised, module
        assert all(ast.unparse(a).startswith("ProblemCode.") for a in raised), module
    assert ProblemCode.of_pydantic("choice") is ProblemCode.CHOICE
    assert ProblemCode.of_pydantic("int_parsing") is ProblemCode.INT_PARSING
    assert ProblemCode.of_pydantic("url_scheme") is ProblemCode.INVALID
