"""What the ``t-`` cases (tests/bad_inputs/generate_tables.py) leave in the files, not only in the output.

``tests/format/test_bad_inputs.py`` checks each case's exit code and messages. Here: what ``perfnb check``
writes for the cases that get through (figures.csv, findings.csv), and that cells the loader
accepts are read exactly as written — never lost, never altered.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from perfnb import load
from tests.bad_inputs.harness import CASES, DEPT, cases, run_case

Rows = list[dict[str, str]]


def _check(name: str, tmp_path: Path) -> tuple[Rows, Rows]:
    """Run case ``name`` (a ``check`` case); return the rows of its figures.csv and findings.csv."""
    code, output, expected = run_case(CASES / name, tmp_path)
    assert expected["command"] == "check"
    assert code == expected["exit"], output
    folder = tmp_path / "processed" / DEPT
    return _read(folder / "figures.csv"), _read(folder / "findings.csv")


def _read(path: Path) -> Rows:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _figure(figures: Rows, figure_id: str) -> dict[str, str]:
    found = [f for f in figures if f["id"] == figure_id]
    assert len(found) == 1, [f["id"] for f in figures]
    return found[0]


def _findings(findings: Rows, code: str) -> Rows:
    return [f for f in findings if f["code"] == code]


def test_there_are_enough_table_cases() -> None:
    assert len([c for c in cases() if c.name.startswith("t-")]) >= 34


def test_zero_budgets_make_rates_cannot_check(tmp_path: Path) -> None:
    figures, findings = _check("t-funds-zero-budget-everywhere", tmp_path)
    rate = _figure(figures, "r1")
    assert rate["measure"] == "execution_rate"
    assert rate["verdict"] == "cannot_check"
    assert rate["recomputed"] == ""
    assert rate["reported"] == "92.00"  # the printed figure is kept as written
    assert "0" in rate["note"]
    assert _figure(figures, "r3")["verdict"] == "cannot_check"  # the score on that rate
    assert not [f for f in figures if f["verdict"] == "differs"]  # no rate was "computed" on a zero base
    over = _findings(findings, "EXECUTION_OVER_BUDGET")
    assert {(f["file"], f["row"], f["column"]) for f in over} >= {("bad-dept/funds.csv", "2", "executed")}


def test_zero_total_row_is_a_sum_mismatch_and_its_rate_is_taken_on_its_parts(tmp_path: Path) -> None:
    figures, findings = _check("t-funds-zero-budget-total-row", tmp_path)
    total = _figure(figures, "sum:f-p1:资金来源:budget")
    assert (total["reported"], total["recomputed"], total["verdict"]) == ("0", "120.00", "differs")
    rate = _figure(figures, "r1")  # 110.40 / (95 + 15 + 10): the named basis, not the broken 0
    assert (rate["recomputed"], rate["verdict"], rate["basis"]) == ("92", "agrees", "各部分之和")
    assert "各部分之和" in rate["note"]
    mismatch = _findings(findings, "SUM_MISMATCH")
    assert [(f["file"], f["row"], f["column"]) for f in mismatch] == [("bad-dept/funds.csv", "2", "budget")]
    assert not _findings(findings, "EXECUTION_OVER_BUDGET")  # 110.40 is not compared with that 0


def test_no_funds_rows_leaves_the_rate_cannot_check(tmp_path: Path) -> None:
    figures, _ = _check("t-header-only-funds-check", tmp_path)
    rate = _figure(figures, "r1")
    assert rate["verdict"] == "cannot_check"
    assert rate["note"]  # says why (no funds row)


def test_deadline_outside_the_year_is_a_finding(tmp_path: Path) -> None:
    _, findings = _check("t-indicators-deadline-2099", tmp_path)
    found = _findings(findings, "DEADLINE_OUTSIDE_YEAR")
    assert [(f["file"], f["row"], f["column"], f["reported"]) for f in found] == [
        ("bad-dept/indicators.csv", "6", "target", "2099年12月底前")
    ]
    assert found[0]["severity"] == "warning"
    assert "2099" in found[0]["message"]


def test_rate_target_of_100000_percent_is_out_of_range(tmp_path: Path) -> None:
    _, findings = _check("t-indicators-target-100000-percent", tmp_path)
    found = _findings(findings, "VALUE_OUT_OF_RANGE")
    assert [(f["file"], f["row"], f["column"]) for f in found] == [("bad-dept/indicators.csv", "4", "target")]


def test_rate_actual_of_100000_percent_is_out_of_range(tmp_path: Path) -> None:
    """An actual 正常运行率 of 100000% is as impossible as such a target."""
    _, findings = _check("t-indicators-actual-100000-percent", tmp_path)
    found = _findings(findings, "VALUE_OUT_OF_RANGE")
    assert [(f["file"], f["row"], f["column"]) for f in found] == [("bad-dept/indicators.csv", "4", "actual")]
    assert "100000" in found[0]["message"]


def test_absurd_printed_rate_is_kept_as_written_and_differs(tmp_path: Path) -> None:
    figures, findings = _check("t-reported-value-18-digits", tmp_path)
    rate = _figure(figures, "r1")
    assert (rate["reported"], rate["recomputed_at_precision"], rate["verdict"]) == ("9" * 18, "92", "differs")
    found = _findings(findings, "RATE_MISMATCH")
    assert [(f["file"], f["row"], f["column"]) for f in found] == [("bad-dept/reported_figures.csv", "2", "value")]


def test_sums_of_many_decimals_stay_exact(tmp_path: Path) -> None:
    """88.40000000000000000001 + 14.00 + 8.00 (20 decimals, the most accepted): the full recomputed sum is exact."""
    figures, _ = _check("t-funds-money-many-decimals", tmp_path)
    total = _figure(figures, "sum:f-p1:资金来源:executed")
    assert total["verdict"] == "agrees"
    assert Decimal(total["recomputed"]) == Decimal("110.40000000000000000001")


@pytest.mark.parametrize(
    ("name", "row_id", "column", "value"),
    [
        ("t-funds-money-fullwidth-digits", "f-p1", "budget", "120.00"),
        ("t-funds-money-thousands-separator", "f-p1-cur", "budget_initial", "1234.5"),
        ("t-funds-money-just-below-limit", "f-p1-other", "received", "999999999999999.99"),
        ("t-funds-no-value-emdash", "f-p1-cur", "half_plan", None),
        ("t-funds-no-value-slash", "f-p1-prev", "received", None),
        ("t-funds-no-value-marks-mixed", "f-p1-cur", "half_plan", None),
        ("t-funds-no-value-marks-mixed", "f-p1-prev", "half_executed", None),
        ("t-funds-no-value-marks-mixed", "f-p1-other", "received", None),
        ("t-funds-no-value-marks-mixed", "f-p1", "quantity", None),
        ("t-funds-no-value-marks-mixed", "f-p1", "budget", "120.00"),  # the untouched cells stay as they were
    ],
)
def test_accepted_cells_are_read_exactly(name: str, row_id: str, column: str, value: str | None) -> None:
    dept = load(DEPT, CASES / name / "raw")
    (line,) = [f for f in dept.funds if f.id == row_id]
    got = getattr(line, column)
    if value is None:
        assert got is None
    else:
        assert str(got) == value  # the same digits and decimals as written (2.50 stays 2.50)
