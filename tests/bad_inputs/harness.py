"""The bad-input corpus: how a case is laid out on disk, made, run and checked.

A case is a folder ``tests/bad_inputs/<case>/`` holding

* ``raw/`` — a data directory with the malformed department (usually ``raw/bad-dept``),
  made from the valid synthetic department by one small mutation, committed as real files;
* ``expected.yaml`` — the outcome: ``command`` (validate / check / run), ``dept`` (the id
  argument; omitted means all), ``exit`` (exit code), ``contains`` (substrings the output
  must contain: file, row, column, key words) and ``absent`` (substrings it must not).

The generators (``generate_*.py``) rebuild their cases: ``python -m tests.bad_inputs.generate_tables``.
The tests (``tests/test_bad_inputs*.py``) run each case through the CLI and assert its outcome;
no case may print a Python traceback.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "bad_inputs"
BASE = ROOT / "tests" / "fixtures" / "raw" / "synthetic-national-2024"
DEPT = "bad-dept"
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"


def new_case(name: str, *, dept_id: str = DEPT, folder: str | None = None) -> Path:
    """Start case ``name`` afresh: a copy of the valid base department as ``raw/<folder>`` with id ``dept_id``."""
    case = CASES / name
    if case.exists():
        shutil.rmtree(case)
    dept = case / "raw" / (folder or dept_id)
    shutil.copytree(BASE, dept)
    header = read_yaml(dept / "department.yaml")
    header["id"] = dept_id
    write_yaml(dept / "department.yaml", header)
    return dept


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read_csv(path: Path) -> list[list[str]]:
    """Rows of a UTF-8 CSV (header first)."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(path: Path, row_id: str, column: str, value: str) -> None:
    """Set ``column`` of the row whose first cell is ``row_id`` in a CSV table."""
    rows = read_csv(path)
    col = rows[0].index(column)
    for row in rows[1:]:
        if row and row[0] == row_id:
            row[col] = value
            break
    else:
        raise KeyError(f"{path.name}: no row {row_id}")
    write_csv(path, rows)


def expect(name: str, *, command: str = "validate", dept: str | None = DEPT, exit: int = 1,
           contains: list[str] | tuple[str, ...] = (), absent: list[str] | tuple[str, ...] = (),
           note: str = "") -> None:  # fmt: skip
    """Write the expected outcome of case ``name``."""
    data: dict[str, Any] = {"command": command, "dept": dept, "exit": exit, "contains": list(contains)}
    if absent:
        data["absent"] = list(absent)
    if note:
        data["note"] = note
    write_yaml(CASES / name / "expected.yaml", data)


def cases() -> list[Path]:
    """Every case folder, sorted."""
    return sorted(p.parent for p in CASES.glob("*/expected.yaml"))


def run_case(case: Path, tmp: Path) -> tuple[int, str, dict[str, Any]]:
    """Run a case's command in-process; return (exit code, output, expected)."""
    from perfnb.cli import cli

    expected = read_yaml(case / "expected.yaml")
    args = [expected["command"]]
    if expected.get("dept") is not None:
        args.append(expected["dept"])
    elif expected["command"] == "run":
        args.append("--all")
    args += ["--data-dir", str(case / "raw")]
    if expected["command"] in ("check", "run"):
        args += ["--processed-dir", str(tmp / "processed")]
    if expected["command"] == "run":
        args += ["--reports-dir", str(tmp / "reports"), "--notebook", str(NOTEBOOK)]
    result = CliRunner().invoke(cli, args, env={"CI": "true"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{case.name}: the command raised {result.exception!r}") from result.exception
    return result.exit_code, result.output, expected
