"""One computation per department: the worker's result is what the notebook shows (issue 17 §1).

``perfnb run`` checks a department once and hands ``report.json`` to the notebook; the notebook
computes the same data itself only when opened by hand. Also the budget chart's fixed number of
groups (§2) and the engine-side rows the report used to compute (completion rates, section sums).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfnb.engine.check import check_department
from perfnb.engine.facts import Facts
from perfnb.format.load import load
from perfnb.report.data import BUDGET_BARS, INDICATOR_COLUMNS, REPORT_FILE, ReportData, ReportDataError
from perfnb.report.notebook import Report
from perfnb.report.render import execute_warm
from perfnb.report.results import write_report_data
from perfnb.synth import synthesize
from tests.conftest import RAW, ROOT
from tests.report.test_report import _rewrite_csv

SEEDS = ("binhai-ip-2025", "gzkfq-ip-2025", "nanchang-ip-fund-2020", "nantong-ipc-2025")
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"


def _data(dept: str, raw: Path = RAW) -> ReportData:
    return ReportData.of(check_department(load(dept, raw), department_dir=raw / dept))


@pytest.mark.parametrize("dept", SEEDS)
def test_report_json_reads_back_as_the_same_data(dept: str, tmp_path: Path) -> None:
    data = _data(dept)
    path = write_report_data(data, tmp_path)
    assert ReportData.read(path) == data
    assert path.read_text(encoding="utf-8") == data.dumps()  # deterministic text


def test_report_json_keeps_exact_decimals(tmp_path: Path) -> None:
    data = _data("nanchang-ip-fund-2020")
    back = ReportData.read(write_report_data(data, tmp_path))
    completions = [r["completion"] for r in back.indicators if r["completion"] is not None]
    assert completions and all(type(c) is Decimal for c in completions)
    assert back.sections == data.sections and all(type(w) is Decimal for _, w, _, _ in back.sections if w is not None)


def test_indicators_csv_is_the_report_table(tmp_path: Path) -> None:
    data = _data("nanchang-ip-fund-2020")
    write_report_data(data, tmp_path)
    text = (tmp_path / "indicators.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == [c for c, _ in INDICATOR_COLUMNS]
    assert len(rows) == len(data.indicators)
    for row, shown in zip(rows, data.indicators, strict=True):
        assert row["level3"] == shown["三级指标"] and row["completion_text"] == shown["完成率"]
        if shown["completion"] is None:
            assert row["completion"] == ""
        else:  # exact, or to 10 decimals where a quotient's digits were cut (as figures.csv writes them)
            assert abs(Decimal(row["completion"]) - shown["completion"]) < Decimal("1e-10")
            assert len(row["completion"].partition(".")[2]) <= 10
        assert row["met"] == {True: "true", False: "false", None: ""}[shown["met"]]


def test_a_damaged_or_foreign_report_json_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / REPORT_FILE
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReportDataError, match="已损坏"):
        ReportData.read(path)
    path.write_text(json.dumps({"format": 999}), encoding="utf-8")
    with pytest.raises(ReportDataError, match="不是本版本 perfnb"):
        ReportData.read(path)
    with pytest.raises(ReportDataError, match="读不到"):
        ReportData.read(tmp_path / "missing.json")
    good = write_report_data(_data("gzkfq-ip-2025"), tmp_path)
    with pytest.raises(ReportDataError, match="是部门 gzkfq-ip-2025 的结果"):
        Report.build("nantong-ipc-2025", RAW, good)


def _outputs(nb: object) -> list[object]:
    return [c.get("outputs") for c in nb.cells if c.cell_type == "code"][1:]  # type: ignore[attr-defined]


def test_the_notebook_shows_what_it_was_handed_not_a_second_computation(tmp_path: Path) -> None:
    dept = "nantong-ipc-2025"
    raw = tmp_path / "raw"
    shutil.copytree(RAW / dept, raw / dept)
    handed = write_report_data(_data(dept, raw), tmp_path / "p" / dept)
    params = {"dept_id": dept, "data_dir": str(raw), "processed_dir": str(tmp_path / "p"), "notebook": str(NOTEBOOK)}
    by_itself = execute_warm(NOTEBOOK, params, cwd=tmp_path)
    handed_over = execute_warm(NOTEBOOK, {**params, "handed_over": str(handed)}, cwd=tmp_path)
    assert _outputs(handed_over) == _outputs(by_itself)  # the same report either way

    def rename(rows: list[list[str]]) -> None:  # the raw data change after the worker checked it
        rows[1][rows[0].index("level3")] = "改过的指标名"

    _rewrite_csv(raw / dept / "indicators.csv", rename)
    again = json.dumps(_outputs(execute_warm(NOTEBOOK, {**params, "handed_over": str(handed)}, cwd=tmp_path)))
    assert "改过的指标名" not in again and again == json.dumps(_outputs(handed_over))
    alone = json.dumps(_outputs(execute_warm(NOTEBOOK, params, cwd=tmp_path)), ensure_ascii=False)
    assert "改过的指标名" in alone  # opened by hand, the notebook checks the data as they are now


def test_the_budget_chart_has_a_fixed_number_of_groups(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    depts = synthesize(4, raw, seed=7)
    results = [check_department(load(d, raw), department_dir=raw / d) for d in depts]
    result = max(results, key=lambda r: len(r.department.projects))
    assert len(result.department.projects) > BUDGET_BARS
    chart = ReportData.of(result).budget
    assert chart is not None and len(chart.labels) == BUDGET_BARS
    facts = Facts(result.department)
    names = {None: "整体", **{p.id: p.name for p in result.department.projects}}
    budgets = {names[k]: facts.money(row, "budget", chart.unit) for k, row in facts.total_rows.items()}
    shown = chart.labels[:-1]
    rest = [name for name in budgets if name not in shown]
    assert chart.labels[-1] == f"其他 {len(rest)} 项" and f"其余 {len(rest)} 项合为“其他”" in chart.title
    assert min(budgets[n] or 0 for n in shown) >= max(budgets[n] or 0 for n in rest)  # the largest are shown
    values = dict(chart.series)["全年预算数"]
    assert values[-1] == sum((budgets[n] or Decimal(0) for n in rest), Decimal(0))  # exact sum of the rest
    svg = Report.of(result).budget_chart()
    assert svg is not None and f"其他 {len(rest)} 项" in svg


def test_agreeing_figures_and_met_indicators_take_one_short_line_each() -> None:
    data = _data("nanchang-ip-fund-2020")
    listed = [f for f in data.figures if not f["编号"].startswith("score:")]
    agrees = next(f for f in listed if f["verdict"] == "agrees" and f["输入"])
    differs = next(f for f in data.figures if f["verdict"] == "differs")
    html = Report(data).reconciliation()
    assert agrees["公式"] not in html.split(f'data-figure="{agrees["编号"]}"')[1].split("</li>")[0]
    assert differs["公式"] in html and all(i in html for i in differs["输入"])  # differences in full
    more = dataclasses.replace(data, figures=data.figures + [{**agrees, "编号": f"x{n}"} for n in range(100)])
    assert (len(Report(more).reconciliation().encode()) - len(html.encode())) / 100 < 200  # bytes per agreeing figure
    met = next(r for r in data.indicators if r["met"] is True and r["verdict"] in ("", "agrees"))
    table = Report(data).indicators()
    more = dataclasses.replace(data, indicators=data.indicators + [met] * 100)
    assert (len(Report(more).indicators().encode()) - len(table.encode())) / 100 < 200  # bytes per met indicator


def test_the_kernel_imports_only_what_rendering_needs() -> None:
    """The notebook's ``perfnb.report.notebook`` renders report.json: no engine, runner or pandas in the kernel
    (each costs a worker's kernel time at start); the package's public names still work."""
    code = (
        "import sys, perfnb.report.notebook, perfnb\n"
        "heavy = ('pandas', 'perfnb.engine.check', 'perfnb.run.runner', 'perfnb.engine.scorecard')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "print(callable(perfnb.run), callable(perfnb.check), callable(perfnb.load))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "True True True"]


def test_the_budget_chart_charts_a_printed_0_total_as_the_engine_reads_it(tmp_path: Path) -> None:
    """A total row printed 0 beside its parts: the engine recomputes on the parts' sum, and so does the chart
    (not a bar of 0 next to its own SUM_MISMATCH)."""
    from tests.engine.test_national import mutated

    edits = {("funds.csv", "f-p1", c): "0" for c in ("budget_initial", "budget", "executed")}
    chart = ReportData.of(mutated(tmp_path, edits)).budget
    assert chart is not None
    budget, executed = dict(chart.series)["全年预算数"], dict(chart.series)["执行数"]
    assert all(v for v in budget) and all(v for v in executed)  # the parts' sums, never the printed 0


def test_the_completion_chart_shows_what_is_not_met_first() -> None:
    """More rates than bars: the indicators not met come first (a cost within its limit is met, however
    low its share of the limit), then the lowest rates."""
    data = _data("nanchang-ip-fund-2020")
    low_but_met = {**data.indicators[0], "completion": Decimal(0), "met": True, "三级指标": "故障停机次数"}
    unmet = [{**data.indicators[0], "completion": Decimal(150 + n), "met": False, "三级指标": f"未达成{n}"}
             for n in range(30)]  # fmt: skip
    title, rows = dataclasses.replace(data, indicators=[low_but_met, *unmet]).completion_bars()
    assert title.startswith("未达成及完成率最低的 25 项指标（共 31 项")
    assert [r["三级指标"] for r in rows] == [f"未达成{n}" for n in range(25)]
