"""Issue 16, the output side: what auditors open — the findings workbook, the charts, the report on a
narrow screen, the report's independence from where it is written, formula text in every CSV and
workbook, and the report's wording (items 5, 6, 7, 13, 15 and the report side of 10)."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from markupsafe import escape

from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.figures import Verdict
from perfnb.format.load import load
from perfnb.forms import department as forms_department
from perfnb.forms.department import report_text
from perfnb.forms.rows import ReportLine
from perfnb.report import charts
from perfnb.report import results as outputs
from perfnb.report import workbook as excel
from perfnb.report.notebook import Report
from perfnb.report.render import page, stylesheet
from perfnb.run.runner import run
from perfnb.run.settings import RunSettings
from tests.conftest import RAW, ROOT
from tests.report.test_browser import BROWSERS, TIMEOUT, _missing
from tests.report.test_report import _rewrite_csv

NANCHANG = "nanchang-ip-fund-2020"
NANTONG = "nantong-ipc-2025"
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"
NARROW = 390


@pytest.fixture(scope="module")
def nanchang_result() -> CheckResult:
    return check_department(load(NANCHANG, RAW), department_dir=RAW / NANCHANG)


@pytest.fixture(scope="module")
def nanchang(nanchang_result: CheckResult) -> Report:
    return Report.of(nanchang_result)


@pytest.fixture(scope="module")
def nantong() -> Report:
    return Report.build(NANTONG, RAW)


def _records(sheet: Any) -> list[dict[str, Any]]:
    header, *rows = sheet.iter_rows()
    names = [c.value for c in header]
    return [dict(zip(names, row, strict=True)) for row in rows]


# --- 5. the findings workbook: numbers are numbers, long text wraps -----------------------------


@pytest.fixture(scope="module")
def book(nanchang_result: CheckResult, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = excel.write_findings_xlsx(nanchang_result, tmp_path_factory.mktemp("xlsx") / "findings.xlsx")
    return openpyxl.load_workbook(path)


def test_workbook_figures_are_numbers_with_their_printed_decimals(book: Any) -> None:
    rows = _records(book["复核表"])
    row = next(r for r in rows if r["编号"].value == "score:i-g1")
    for header, value, fmt in (
        ("原文数值", Decimal("2.57"), "0.00"),
        ("复算值（按原文精度）", Decimal("2.57"), "0.00"),
        ("复算值", Decimal("2.5745149743"), "0.0000000000"),
        ("差额", Decimal(0), "0"),
    ):
        cell = row[header]
        assert cell.data_type == "n", (header, cell.value)
        assert Decimal(str(cell.value)) == value and cell.number_format == fmt, header
    # a column of figures sums and sorts as numbers: a negative difference is a number, never a quoted text
    differences = [r["差额"] for r in rows if r["差额"].value is not None]
    assert all(c.data_type == "n" for c in differences)
    assert any(c.value == pytest.approx(-0.06) for c in differences)
    total = sum(Decimal(str(r["复算值（按原文精度）"].value)) for r in rows if r["编号"].value.startswith("sum:"))
    assert total > 0
    # a grade or a target is text, not a number
    grade = next(r for r in rows if r["类别"].value == "grade")
    assert grade["原文数值"].data_type == "s"
    first = _records(book["发现"])[0]
    assert (first["原文数值"].value, first["原文数值"].number_format) == (10, "0")
    assert (first["复算数值"].value, first["复算数值"].number_format) == (5, "0.00")


def test_workbook_long_text_wraps_in_readable_columns(book: Any) -> None:
    for sheet, wrapped in (
        (book["发现"], ("说明", "问题", "对象")),
        (book["复核表"], ("公式", "输入", "说明", "名称")),
    ):
        rows = _records(sheet)
        headers = [c.value for c in sheet[1]]
        for name in wrapped:
            letter = sheet.cell(1, headers.index(name) + 1).column_letter
            assert 10 <= sheet.column_dimensions[letter].width <= 50, (sheet.title, name)
            assert all(r[name].alignment.wrap_text for r in rows if r[name].value), (sheet.title, name)
        for letter, dim in sheet.column_dimensions.items():
            assert 0 < dim.width <= 60, (sheet.title, letter)


def test_workbook_number_cells() -> None:
    assert excel.number_cell("1,097.01") == (Decimal("1097.01"), "#,##0.00")
    assert excel.number_cell("-20%") == (Decimal("-0.2"), "0%")
    assert excel.number_cell("-5") == (Decimal(-5), "0")
    assert excel.number_cell("≥95%") is None
    assert excel.number_cell("=1+1") is None


# --- 6. charts: the legend never covers a value label; one bar is no chart ----------------------


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The matplotlib figures the chart functions draw (captured as they are saved)."""
    figures: list[Any] = []
    save = charts._svg

    def keep(fig: Any) -> str:
        figures.append(fig)
        return save(fig)

    monkeypatch.setattr(charts, "_svg", keep)
    yield figures


def test_legend_covers_no_value_label(drawn: list[Any]) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    d = Decimal
    # the largest bars in the last group: their labels reach the lower right corner of the plot
    series = [("全年预算数", [d(30), d(900)]), ("到位数", [d(20), d(880)]), ("执行数", [d(10), d(870)])]
    charts.grouped_bar_chart("预算与执行", ["甲项目", "乙项目"], series, "万元")
    (fig,) = drawn
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    (ax,) = fig.axes
    legends = [*fig.legends, *([ax.get_legend()] if ax.get_legend() else [])]
    assert len(legends) == 1
    box = legends[0].get_window_extent(renderer)
    labels = [t for t in ax.texts if t.get_text()]
    assert len(labels) == 6
    for text in labels:
        assert not box.overlaps(text.get_window_extent(renderer)), text.get_text()
    assert not box.overlaps(ax.get_window_extent(renderer)), "the legend is drawn outside the plot area"


def test_a_single_bar_is_said_not_drawn(nantong: Report) -> None:
    html = nantong.charts()
    assert nantong.budget_chart() is None
    assert "<svg" not in html
    assert "<figcaption>预算与执行：只有一个数字（整体全年预算数 879.12 万元），不作图。</figcaption>" in html


def test_a_single_completion_is_said_not_drawn(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(RAW / NANTONG, tmp_path / NANTONG))

    def one_actual(rows: list[list[str]]) -> None:
        head = rows[0]
        row = next(r for r in rows[1:] if r[head.index("id")] == "i11")
        row[head.index("actual")] = "98%"

    _rewrite_csv(folder / "indicators.csv", one_actual)
    report = Report.build(NANTONG, tmp_path)
    assert report.completion_chart() is None
    assert "<figcaption>指标完成率：只有一项指标可计算完成率（公用经费控制率：未超过上限），不作图。</figcaption>" in (
        report.charts()
    )


# --- 7. narrow screens: tables become labelled cards; names link to their reports ---------------


_STACKED = re.compile(r'<table class="pn-table[^"]*\bpn-stack\b[^"]*"[^>]*>(.*?)</table>', re.S)


def _cells_without_label(html: str) -> list[str]:
    return [td for table in _STACKED.findall(html) for td in re.findall(r"<td(?![^>]*data-label=)[^>]*>", table)]


def test_tables_stack_with_labels(nanchang: Report, nantong: Report) -> None:
    for report in (nanchang, nantong):
        parts = {
            "findings": report.findings(),
            "reconciliation": report.reconciliation(),
            "indicators": report.indicators(),
            "summary": report.summary() if report is nanchang else "",
            "provenance": report.provenance({"dept_id": report.dept_id}),
        }
        for name, html in parts.items():
            if not html:
                continue
            if "<table" not in html:  # e.g. a reconciliation whose figures all agree: one line each
                assert name == "reconciliation" and "<li data-figure=" in html, name
                continue
            assert _STACKED.search(html), name
            if name == "indicators":  # one rule per column instead of a label in each of its many cells
                _assert_labelled_by_column(html)
                continue
            assert _cells_without_label(html) == [], name
            if name != "provenance":  # its parameters are a two-column table of <th> and <td>: no cards needed
                assert html.count("<td") == html.count("<td data-label="), name
    css = stylesheet()
    media = re.search(r"@media screen and \(max-width:\s*(\d+)px\)\{(.*)\}", css, re.S)
    assert media is not None and int(media.group(1)) >= NARROW
    assert "content:attr(data-label)" in media.group(2)
    assert ".pn-stack thead" in media.group(2)


def _assert_labelled_by_column(html: str) -> None:
    """Every column of the table has its header as the cards' label (a ``nth-child`` rule), every row
    has one cell per column, and no cell carries its own label."""
    headers = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", html)
    rules = dict(re.findall(r'\.pn-indicators \.pn-stack td:nth-child\((\d+)\)::before\{content:"([^"]*)"\}', html))
    assert headers and rules == {str(k): h for k, h in enumerate(headers, start=1)}
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert rows and all(row.count("<td") == len(headers) for row in rows)
    assert "data-label=" not in body


def _index(entries: list[Any]) -> str:
    return page("index.html.j2", entries=entries)


def _entry(dept_id: str, name: str, *, ok: bool = True) -> SimpleNamespace:
    return SimpleNamespace(
        dept_id=dept_id, name=name, fiscal_year=2025, kind_label="绩效目标表", score="90", score_reported="90",
        grade="优", grade_reported="优", findings={"error": 0, "warning": 1, "info": 2}, ok=ok,
        nothing_checked=False, reason="" if ok else "数据无效", report=f"{dept_id}.html",
        xlsx=f"{dept_id}.findings.xlsx" if ok else None,
    )  # fmt: skip


def test_index_names_link_to_reports_and_cells_are_labelled() -> None:
    html = _index([_entry("a-dept", "甲部门"), _entry("b-dept", "乙部门", ok=False)])
    assert '<a href="a-dept.html">甲部门</a>' in html
    assert '<a href="b-dept.html">乙部门</a>' in html
    assert _STACKED.search(html) and _cells_without_label(html) == []


@pytest.fixture(scope="module")
def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        _missing(f"Chromium is missing (none of {', '.join(BROWSERS)} on PATH)")
    return found


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real run of two seeds (a scored self-evaluation and a target table) with its index."""
    tmp = tmp_path_factory.mktemp("narrow")
    settings = RunSettings(
        data_dir=RAW, processed_dir=tmp / "processed", reports_dir=tmp / "reports", notebook=NOTEBOOK
    )
    entries = run([NANCHANG, NANTONG], settings)
    assert all(e.ok for e in entries), [e.reason for e in entries]
    return settings.reports_dir


_MEASURE = (
    "var d=this.contentDocument,wide=0;d.querySelectorAll('.pn-scroll,table').forEach(function(e){"
    "if(e.scrollWidth>e.clientWidth+1)wide++;});var o=document.getElementById('pn-measure');"
    "o.dataset.scrollWidth=d.scrollingElement.scrollWidth;o.dataset.wide=wide;"
)


def _measure(browser: str, page_file: Path, tmp_path: Path) -> tuple[int, int]:
    """(document scroll width, number of tables or scroll boxes wider than their box) of a page shown 390 px
    wide. Headless Chromium's window is at least 500 px wide, so the page is shown in a 390-px frame
    (``srcdoc``: same origin, so the probe can measure inside it; media queries see the frame's width)."""
    probe = tmp_path / "probe.html"
    text = page_file.read_text(encoding="utf-8")
    probe.write_text(
        f'<!DOCTYPE html><html><body><div id="pn-measure"></div><iframe width="{NARROW}" height="1600" '
        f'style="border:0" onload="{escape(_MEASURE)}" srcdoc="{escape(text)}"></iframe></body></html>',
        encoding="utf-8",
    )
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--window-size=800,1600", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'id="pn-measure" data-scroll-width="(\d+)" data-wide="(\d+)"', done.stdout)
    assert found is not None, done.stdout[-2000:]
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize("name", [f"{NANCHANG}.html", f"{NANTONG}.html", "index.html"])
def test_no_sideways_scrolling_at_390_px(browser: str, reports: Path, tmp_path: Path, name: str) -> None:
    width, wide = _measure(browser, reports / name, tmp_path)
    assert width <= NARROW, f"{name} is {width} px wide at {NARROW} px"
    assert wide == 0, f"{name}: {wide} tables scroll sideways at {NARROW} px"


# --- 13. a report does not depend on where it is written ---------------------------------------


def test_reports_are_identical_whatever_the_output_folders(reports: Path, tmp_path: Path) -> None:
    settings = RunSettings(
        data_dir=RAW, processed_dir=tmp_path / "elsewhere" / "results", reports_dir=tmp_path / "out" / "html",
        notebook=NOTEBOOK,
    )  # fmt: skip
    (entry,) = run([NANCHANG], settings)
    assert entry.ok, entry.reason
    first = (reports / f"{NANCHANG}.html").read_bytes()
    second = (settings.reports_dir / f"{NANCHANG}.html").read_bytes()
    assert str(tmp_path).encode() not in second
    assert first == second


def test_shown_parameters_leave_out_output_folders(tmp_path: Path) -> None:
    from perfnb.report.notebook import shown_parameters

    shown = shown_parameters(
        {"dept_id": NANCHANG, "data_dir": str(tmp_path / "data" / "raw"), "processed_dir": "/somewhere/p"},
        project=tmp_path,
    )
    assert shown == {"dept_id": NANCHANG, "data_dir": "data/raw"}
    outside = shown_parameters({"data_dir": "/elsewhere/raw"}, project=tmp_path)
    assert outside == {"data_dir": "（项目目录之外，路径不记录）"}
    assert shown_parameters({"data_dir": "../data/raw"}) == {"data_dir": "../data/raw"}  # as typed in the notebook


# --- 15. one neutralising rule for every CSV and workbook --------------------------------------


FORMULAS = ('=HYPERLINK("http://x","点此")', "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1")


def test_import_report_quotes_formula_text() -> None:
    lines = [ReportLine("未导入", "表.xlsx", f"A{n}", text, "", "") for n, text in enumerate(FORMULAS, 1)]
    lines += [ReportLine("已导入", "表.xlsx", "B1", "-5", "funds.csv budget", "-2.53"),
              ReportLine("说明", "=evil.xlsx", "", "", "", "@note")]  # fmt: skip
    text = report_text(lines)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    # quoted; a carriage return is a line feed, so the field is quoted and nothing after it starts a cell
    assert [r[3] for r in rows[1 : len(FORMULAS) + 1]] == ["'" + t.replace("\r", "\n") for t in FORMULAS]
    assert rows[-2][3] == "-5" and rows[-2][5] == "-2.53"  # numbers stay numbers
    assert (rows[-1][1], rows[-1][5]) == ("'=evil.xlsx", "'@note")


def test_every_writer_uses_the_one_rule() -> None:
    from perfnb.base import cells

    assert outputs.neutralise is cells.neutralise
    assert excel.neutralise is cells.neutralise
    assert outputs.csv_cell is cells.csv_cell
    assert forms_department.csv_cell is cells.csv_cell
    for text in FORMULAS:
        assert cells.neutralise(text) == "'" + text
    for number in ("-5", "+5", "-2.53", "-20%", "-1,097.01"):
        assert cells.neutralise(number) == number


def test_findings_csv_quotes_formula_text_and_keeps_numbers(nanchang_result: CheckResult, tmp_path: Path) -> None:
    from perfnb.engine.findings import finding

    evil = finding("SUM_MISMATCH", "x\r=HYPERLINK(1)", "@SUM(A1)", reported="-5", recomputed="-1+1")
    outputs.write_results(dataclasses.replace(nanchang_result, findings=(evil,)), tmp_path)
    text = (tmp_path / NANCHANG / "findings.csv").read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    found = dict(zip(header, row, strict=True))
    assert (found["subject"], found["message"]) == ("x\n=HYPERLINK(1)", "'@SUM(A1)")
    assert (found["reported"], found["recomputed"]) == ("-5", "'-1+1")


def test_workbook_keeps_negative_numbers_as_numbers_and_quotes_text(
    nanchang_result: CheckResult, tmp_path: Path
) -> None:
    from perfnb.engine.findings import finding

    evil = finding("SUM_MISMATCH", '=HYPERLINK("http://x")', "@SUM(A1)", reported="-5", recomputed="-1+1")
    result = dataclasses.replace(nanchang_result, findings=(evil,))
    path = excel.write_findings_xlsx(result, tmp_path / "f.xlsx")
    (row,) = _records(openpyxl.load_workbook(path)["发现"])
    assert (row["原文数值"].value, row["原文数值"].data_type) == (-5, "n")
    assert (row["复算数值"].value, row["复算数值"].data_type) == ("'-1+1", "s")
    assert row["对象"].value == '\'=HYPERLINK("http://x")' and row["说明"].value == "'@SUM(A1)"


# --- 10. wording --------------------------------------------------------------------------------


def test_differs_on_a_printed_basis_says_which(nanchang: Report, nanchang_result: CheckResult) -> None:
    html = nanchang.reconciliation()
    assert '<span class="pn-badge v-differs">不符（按到位数计算相符）</span>' in html
    assert '<span class="pn-badge v-differs">不符（按原文公式相符）</span>' in html
    assert '<span class="pn-badge v-differs">不符（按印出的权重 17.93% 计算相符）</span>' in html
    fig = next(f for f in nanchang_result.figures if f.verdict is Verdict.DIFFERS)
    truncated = fig._replace(basis="截断")
    html = Report.of(dataclasses.replace(nanchang_result, figures=(truncated,))).reconciliation()
    assert '<span class="pn-badge v-differs">不符（按截断相符）</span>' in html
    plain = fig._replace(basis="")
    html = Report.of(dataclasses.replace(nanchang_result, figures=(plain,))).reconciliation()
    assert '<span class="pn-badge v-differs">不符</span>' in html


def test_target_table_hides_columns_empty_in_every_row(nantong: Report, nanchang: Report) -> None:
    html = nantong.indicators()
    headers = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", html)
    assert headers[:5] == ["项目", "一级", "二级", "三级指标", "年度指标值"]
    for empty in ("实际完成值", "完成率", "达成", "原文得分", "复算得分", "结论"):
        assert empty not in headers
        assert f'data-label="{empty}"' not in html
    assert "各行都没有填写的列不列出：" in html
    full = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", nanchang.indicators())
    assert "实际完成值" in full and "复算得分" in full


def test_a_project_total_that_cannot_be_checked_says_why(nanchang: Report, nanchang_result: CheckResult) -> None:
    html = nanchang.summary()
    row = re.search(r'<tr data-project="p1">(.*?)</tr>', html, re.S)
    assert row is not None
    why = next(f for f in nanchang_result.figures if f.measure == "total_score" and f.project_id == "p1").note
    assert why and "无法复核" in row.group(1)
    assert f'<div class="pn-basis" data-field="why">{why}</div>' in row.group(1)


def test_a_met_upper_limit_reads_within_the_limit(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(RAW / NANTONG, tmp_path / NANTONG))

    def actuals(rows: list[list[str]]) -> None:
        head = rows[0]
        by_id = {r[head.index("id")]: r for r in rows[1:]}
        by_id["i11"][head.index("actual")] = "95%"  # ≤100%: within the limit
        by_id["i12"][head.index("target")] = "≤25.66万元"
        by_id["i12"][head.index("actual")] = "26万元"  # over it

    _rewrite_csv(folder / "indicators.csv", actuals)
    report = Report.build(NANTONG, tmp_path)
    table = report.indicators_table().set_index("三级指标")
    within = table.loc["公用经费控制率"]
    assert (within["完成率"], within["达成"]) == ("未超过上限", "达成")
    assert "越低越好" in within["完成率说明"]
    over = table.loc['"三公经费"变动率']
    assert (over["完成率"], over["达成"]) == ("超过上限（101.3%）", "未达成")
    html = report.indicators()
    assert "<li>公用经费控制率：≤100% → 95%，未超过上限</li>" in html  # met: one line
    assert re.search(r'<td class="num" title="[^"]*越低越好">超过上限（101.3%）</td>', html)  # not met: in full
    assert "95.0%" not in html
