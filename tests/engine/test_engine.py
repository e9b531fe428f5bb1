"""The engine on the four seeds (golden cases) and its building blocks: comparison, rates, recorder."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.figures import Figure, Verdict, compare
from perfnb.engine.rates import RATES, percent
from perfnb.engine.recorder import Alternative, NumberCheck, Recorder
from perfnb.format.load import load
from perfnb.format.problems import Severity
from tests.conftest import RAW, SEEDS

D = Decimal


@pytest.fixture(scope="module")
def results() -> dict[str, CheckResult]:
    return {name: check_department(load(name, RAW)) for name in SEEDS}


def figure(result: CheckResult, fid: str) -> Figure:
    return next(f for f in result.figures if f.id == fid)


def printed_score(value: str, printed: str, **options: Any) -> NumberCheck:
    """A printed figure ``x`` and its recomputation, for the recorder's verdict and severity policy."""
    return NumberCheck(id="x", label="得分", measure="score", formula="f", inputs=[], value=D(value), reported=printed,
                       cell=None, code=options.pop("code", "SCORE_MISMATCH"), subject="s", **options)  # fmt: skip


def codes(result: CheckResult, *wanted: str) -> set[tuple[str, str | None, str]]:
    return {(f.code, f.project_id, f.subject) for f in result.findings if not wanted or f.code in wanted}


# --- comparison at the printed precision --------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "value", "verdict", "difference"),
    [
        ("93.31", "93.3143", Verdict.AGREES, "0"),
        ("2.92", "2.915", Verdict.AGREES, "0"),  # half-up, not banker's rounding
        ("2.90", "2.915", Verdict.DIFFERS, "-0.02"),
        ("7", "6.99", Verdict.AGREES, "0"),  # printed without decimals
        ("47.5", "47.50478", Verdict.AGREES, "0"),
        ("-2.53", "-2.4671", Verdict.DIFFERS, "-0.06"),
        ("1331.136", "1331.1361", Verdict.AGREES, "0"),
    ],
)
def test_compare_rounds_half_up_to_the_printed_decimals(
    printed: str, value: str, verdict: Verdict, difference: str
) -> None:
    result = compare(D(printed), D(value))
    assert (result.verdict, result.difference) == (verdict, D(difference))


def test_truncation_is_never_agreement() -> None:
    result = compare(D("2.91"), D("2.919"))
    assert result.verdict is Verdict.DIFFERS and result.truncated and result.rounded == D("2.92")


@pytest.mark.parametrize(
    ("printed", "value", "total", "severity"),
    [("2.91", "2.919", False, Severity.INFO),  # within 0.01 on a row
     ("28", "28.5", False, Severity.WARNING),  # weight 30, 100 % → 95 %: 28.5 printed 28
     ("5", "5.7", False, Severity.WARNING), ("97", "97.5", True, Severity.WARNING),
     ("93.3", "93.38", True, Severity.INFO)],  # within 0.1 on a total
)  # fmt: skip
def test_only_truncation_reproduces_a_figure(printed: str, value: str, total: bool, severity: Severity) -> None:
    rec = Recorder()
    fig = rec.number(printed_score(value, printed, total=total))
    assert (fig.verdict, fig.basis) == (Verdict.DIFFERS, "截断")
    (found,) = rec.findings
    assert (found.code, found.severity) == ("SCORE_MISMATCH", severity)
    assert "原文按截断取" in found.message


def test_truncation_that_changes_the_grade_is_an_error() -> None:
    rec = Recorder()
    rec.number(printed_score("90.6", "90", total=True, changes_grade=lambda printed, value: True))
    assert [(f.severity, "截断改变了等级" in f.message) for f in rec.findings] == [(Severity.ERROR, True)]


def test_percent_is_exact_and_not_applicable_on_zero() -> None:
    assert percent(D("364.00"), D("879.12")) is not None
    assert round(percent(D(1), D(3)) or 0, 20) == round(D(100) / D(3), 20)
    assert percent(D(5), D(0)) is None
    assert all(r.formula.endswith("× 100%") for r in RATES.values())


@pytest.mark.parametrize(
    ("printed", "value", "total", "severity"),
    [("1.26", "1.2548", False, Severity.INFO), ("1.27", "1.2548", False, Severity.ERROR),
     ("93.31", "93.24", True, Severity.INFO), ("93.31", "93.20", True, Severity.ERROR)],
)  # fmt: skip
def test_recorder_tolerances(printed: str, value: str, total: bool, severity: Severity) -> None:
    rec = Recorder()
    rec.number(printed_score(value, printed, total=total))
    assert [f.severity for f in rec.findings] == [severity]


def test_recorder_names_the_basis_that_matches() -> None:
    rec = Recorder()
    alternatives = [Alternative("按到位数计算", D("99.7628"))]
    fig = rec.number(printed_score("102.47", "99.76", code="RATE_MISMATCH", alternatives=alternatives))
    assert fig.verdict is Verdict.DIFFERS and fig.basis == "按到位数计算"
    assert rec.findings[0].severity is Severity.WARNING and "按到位数计算" in rec.findings[0].message


# --- seed 003: the special-fund report reproduces -----------------------------------------------


def test_nanchang_total_and_grade_reproduce(results: dict[str, CheckResult]) -> None:
    r = results["nanchang-ip-fund-2020"]
    assert (r.total, r.grade) == (D("93.31"), "优")
    for fid in ("r021", "r022", "r023"):
        assert figure(r, fid).verdict is Verdict.AGREES
    assert figure(r, "r021").recomputed_text == "93.31"


@pytest.mark.parametrize(
    ("fid", "value"),
    [("r030", "85.82"), ("r032", "90.43"), ("r002", "77.61"), ("r005", "42.59"), ("r007", "67.95"),
     ("r016", "47.85"), ("r017", "29.15"), ("r018", "2.16"), ("r019", "17.93"), ("r020", "2.91"),
     ("r070", "47.5"), ("r072", "57.41"), ("r074", "32.05"), ("r076", "94.18"), ("r006", "98.53")],
)  # fmt: skip
def test_nanchang_rates_reproduce(results: dict[str, CheckResult], fid: str, value: str) -> None:
    fig = figure(results["nanchang-ip-fund-2020"], fid)
    assert (fig.verdict, fig.recomputed_text) == (Verdict.AGREES, value)


@pytest.mark.parametrize(
    ("fid", "value"),
    [("r042", "4.79"), ("r047", "2.91"), ("r050", "0.11"), ("r053", "1.79"), ("r056", "0.29"), ("r057", "9.89"),
     ("r061", "3.83"), ("r062", "2.91"), ("r063", "0.22"), ("r064", "1.43"), ("r065", "0.29"), ("r066", "8.68"),
     ("r069", "4.79"), ("r071", "1.17"), ("r073", "0"), ("r075", "0.72"), ("r077", "0"), ("r078", "6.68"),
     ("r083", "3.35"), ("r086", "2.04"), ("r089", "0.15"), ("r095", "0.2"), ("r117", "2.87"), ("r120", "1.75"),
     ("r123", "0.13"), ("r126", "1.08"), ("r129", "0.17"), ("r130", "6"), ("r028", "13.78"), ("r035", "14.28"),
     ("r033", "5.28"), ("r026", "3.78"), ("r132", "10")],
)  # fmt: skip
def test_nanchang_sub_project_and_section_scores_reproduce(
    results: dict[str, CheckResult], fid: str, value: str
) -> None:
    fig = figure(results["nanchang-ip-fund-2020"], fid)
    assert (fig.verdict, fig.recomputed_text) == (Verdict.AGREES, value)


def test_nanchang_process_scores_follow_arrival_and_execution(results: dict[str, CheckResult]) -> None:
    r = results["nanchang-ip-fund-2020"]
    assert round(figure(r, "score:i-g1").recomputed, 20) == round(D(3) * D("1471.9961") / D("1715.27"), 20)  # type: ignore[call-overload]
    assert [figure(r, f"score:i-p{n}-c").recomputed_text for n in range(1, 6)] == ["10", "4", "0", "4", "0"]


def test_nanchang_p4_benefit_scores_used_the_rounded_share(results: dict[str, CheckResult]) -> None:
    r = results["nanchang-ip-fund-2020"]
    for fid in ("r092", "r109"):
        fig = figure(r, fid)
        assert (fig.verdict, fig.recomputed_text, fig.basis) == (Verdict.DIFFERS, "1.25", "按印出的权重 17.93% 计算")


def test_nanchang_sub_project_totals_are_possible_but_not_checkable(results: dict[str, CheckResult]) -> None:
    r = results["nanchang-ip-fund-2020"]
    for fid in ("r011", "r012", "r013", "r014", "r015"):
        fig = figure(r, fid)
        assert fig.verdict is Verdict.CANNOT_CHECK and "在可能范围内" in fig.note
    assert "其余部分应得 50.00 分" in figure(r, "r011").note


def test_nanchang_findings_are_the_real_ones(results: dict[str, CheckResult]) -> None:
    r = results["nanchang-ip-fund-2020"]
    engine_codes = ("SUM_MISMATCH", "RATE_MISMATCH", "SCORE_MISMATCH", "GRADE_MISMATCH", "DENOMINATOR_INCONSISTENT",
                    "EXECUTION_OVER_BUDGET", "LOW_EXECUTION", "SCORE_MISSING")  # fmt: skip
    assert codes(r, *engine_codes) == {
        ("SCORE_MISMATCH", "p2", "p2 产出/数量/2 共得"),  # 2.5 + 2.5 printed as 共得10分
        ("SCORE_MISMATCH", "p4", "p4 效益/经济效益 按项目权重比例，该子项目得分为"),  # 1.26 from 17.93 %
        ("SCORE_MISMATCH", "p4", "p4 效益/社会效益 按项目权重比例，该子项目得分为"),
        ("RATE_MISMATCH", "p1", "实际支出与计划安排费用的变动程度"),  # /800 instead of /820.8
        ("RATE_MISMATCH", "p1", "预算执行率"),  # on received money
        ("RATE_MISMATCH", "p2", "预算执行率"),
        ("RATE_MISMATCH", "p5", "预算执行率"),
        ("DENOMINATOR_INCONSISTENT", None, "预算执行率"),
        ("SUM_MISMATCH", None, "2020年市知识产权专项资金"),  # 15.27 + 1456.726 ≠ 1471.9961
        ("EXECUTION_OVER_BUDGET", "p1", "知识产权奖励项目"),
        ("LOW_EXECUTION", None, "2020年市知识产权专项资金"),
        ("LOW_EXECUTION", "p2", "知识产权补助项目"),
        ("LOW_EXECUTION", "p3", "知识产权维权援助项目"),
        ("LOW_EXECUTION", "p4", "知识产权保护中心运行经费项目"),
        ("LOW_EXECUTION", "p5", "知识产权管理费项目"),
        ("SCORE_MISSING", "p3", "维权援助平台运行维护"),
    }
    severities = {(f.code, f.subject): f.severity for f in r.findings}
    assert severities[("SCORE_MISMATCH", "p2 产出/数量/2 共得")] is Severity.ERROR
    assert severities[("RATE_MISMATCH", "实际支出与计划安排费用的变动程度")] is Severity.ERROR
    assert severities[("SUM_MISMATCH", "2020年市知识产权专项资金")] is Severity.INFO  # 0.0001 万元


def test_nanchang_cost_variance_names_the_printed_denominator(results: dict[str, CheckResult]) -> None:
    fig = figure(results["nanchang-ip-fund-2020"], "r068")
    assert (fig.verdict, fig.recomputed_text) == (Verdict.DIFFERS, "-2.47")
    assert "800 不是该行的资金数" in fig.basis


def test_nanchang_over_achievement_is_noted(results: dict[str, CheckResult]) -> None:
    low = {f.subject for f in results["nanchang-ip-fund-2020"].findings if f.code == "TARGET_TOO_LOW"}
    assert {"受理专利授权奖励", "企业贯标补助项目", "质押融资补助", "知识产权执法专项行动"} <= low
    assert "知识产权立案数" not in low  # 69 of 60 is 115 %


# --- the target tables ------------------------------------------------------------------------------


def test_nantong_half_year_target_is_the_half_year_plan(results: dict[str, CheckResult]) -> None:
    r = results["nantong-ipc-2025"]
    fig = figure(r, "half:i09")
    assert (fig.verdict, fig.recomputed_text) == (Verdict.AGREES, "41.4")
    assert round(fig.recomputed, 20) == round(D(36400) / D("879.12"), 20)  # type: ignore[call-overload]
    assert figure(r, "balance:").verdict is Verdict.AGREES
    assert figure(r, "sum:f-project:项目支出:budget").recomputed == D("403.68")
    assert r.total is None and r.grade is None


def test_gzkfq_balance_needs_the_special_fund_group(results: dict[str, CheckResult]) -> None:
    r = results["gzkfq-ip-2025"]
    fig = figure(r, "balance:")
    assert (fig.verdict, fig.recomputed) == (Verdict.AGREES, D("10125.93"))
    assert "事业发展性支出" in fig.note
    share = figure(r, "key_expense_share")
    assert (share.verdict, share.recomputed_text) == (Verdict.DERIVED, "88.68")


def test_binhai_sources_add_up(results: dict[str, CheckResult]) -> None:
    r = results["binhai-ip-2025"]
    sums = [f for f in r.figures if f.id.startswith("sum:")]
    assert len(sums) == 8 and all(f.verdict is Verdict.AGREES for f in sums)


@pytest.mark.parametrize("name", SEEDS)
def test_every_reported_figure_has_a_verdict(results: dict[str, CheckResult], name: str) -> None:
    r = results[name]
    ids = {f.id for f in r.figures}
    missing = [x.id for x in r.department.reported_figures if x.id not in ids]
    assert missing == []
    for f in r.figures:
        if f.verdict is Verdict.CANNOT_CHECK:
            assert f.note, f.id  # a reason is always given
        if f.verdict is Verdict.DIFFERS:
            assert f.difference is not None or f.measure == "grade"


@pytest.mark.parametrize("name", SEEDS)
def test_findings_point_at_cells(results: dict[str, CheckResult], name: str) -> None:
    for f in results[name].findings:
        assert f.cell is not None and f.cell.file.startswith(f"{name}/"), f
        assert (RAW / f.cell.file).is_file()


def test_target_tables_have_no_error_findings(results: dict[str, CheckResult]) -> None:
    for name in ("nantong-ipc-2025", "binhai-ip-2025", "gzkfq-ip-2025"):
        assert [f for f in results[name].findings if f.severity is Severity.ERROR] == []


def test_summary_counts_and_hashes(results: dict[str, CheckResult]) -> None:
    s = results["nanchang-ip-fund-2020"].summary()
    assert s["score"] == {"recomputed": "93.31", "reported": "93.31", "grade_recomputed": "优", "grade_reported": "优"}
    assert sum(s["verdicts"].values()) == len(results["nanchang-ip-fund-2020"].figures)
    assert s["findings"]["error"] == 2
    assert {i["file"] for i in s["inputs"]} >= {"nanchang-ip-fund-2020/funds.csv"}
    assert all(len(i["sha256"]) == 64 for i in s["inputs"])


def test_check_is_deterministic(tmp_path: Path) -> None:
    from perfnb.run.runner import check

    check(None, RAW, tmp_path / "a")
    check(None, RAW, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 3 * len(SEEDS)
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
