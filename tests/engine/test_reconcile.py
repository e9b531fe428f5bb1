"""Reconciling funds tables and printed rates on small hand-built departments: exact figures and verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import Any

from perfnb import Department
from perfnb.engine.check import PRECISION
from perfnb.engine.facts import Facts
from perfnb.engine.figures import Figure, Verdict
from perfnb.engine.findings import Finding
from perfnb.engine.reconcile import check_funds, check_reported_rates, rate_of
from perfnb.engine.recorder import Recorder
from perfnb.format.problems import Severity
from perfnb.format.schema import DepartmentHeader, FundLine, ReportedFigure
from perfnb.format.schemes import Scheme

D = Decimal
SCHEME = Scheme(name="test", title="测试方案", source="测试", mode="targets_only")


def make(funds: Sequence[dict[str, Any]], figures: Sequence[dict[str, Any]] = ()) -> Department:
    """A department (万元) with only a funds table and printed figures."""
    header = DepartmentHeader.model_validate(
        {
            "id": "test-dept",
            "name": "测试单位",
            "region": "某市",
            "fiscal_year": 2024,
            "kind": "project_self_evaluation",
            "money_unit": "万元",
            "scheme": "test",
            "source": {"file": "test.txt", "title": "测试自评表"},
        }
    )
    return Department(
        header=header,
        projects=(),
        funds=tuple(FundLine.model_validate(f) for f in funds),
        indicators=(),
        narrative_targets=(),
        reported_figures=tuple(ReportedFigure.model_validate(r) for r in figures),
    )


def row(fid: str, line: str, parent: str | None = None, **money: str) -> dict[str, Any]:
    """A 来源 row of the funds table."""
    return {"id": fid, "side": "来源", "line": line, "parent": parent, **money}


def rate(value: str, measure: str = "execution_rate", **more: str) -> dict[str, Any]:
    """A printed rate (%) of the total row f-total."""
    return {"id": "r1", "measure": measure, "subject": "预算执行率", "value": value, "unit": "%", "funds_id": "f-total",
            **more}  # fmt: skip


def reconcile(dept: Department) -> Recorder:
    """Check the funds and the printed rates as ``check_department`` does (at its precision)."""
    rec = Recorder()
    with localcontext() as ctx:
        ctx.prec = PRECISION
        facts = Facts(dept)
        check_funds(facts, rec, SCHEME)
        check_reported_rates(facts, rec, SCHEME, {})
    return rec


def figure(rec: Recorder, fid: str) -> Figure:
    (fig,) = [f for f in rec.figures if f.id == fid]
    return fig


def found(rec: Recorder, code: str) -> list[Finding]:
    return [f for f in rec.findings if f.code == code]


# --- sums of parts --------------------------------------------------------------------------------------


def test_a_sum_that_agrees_at_the_printed_rounding() -> None:
    rec = reconcile(make([row("f-total", "资金总额", budget="100.0"),
                          row("f-a", "财政拨款", "f-total", budget="60.04"),
                          row("f-b", "其他资金", "f-total", budget="39.97")]))  # fmt: skip
    fig = figure(rec, "sum:f-total::budget")
    assert (fig.verdict, fig.recomputed, fig.reported, fig.difference) == (Verdict.AGREES, D("100.01"), "100.0", D(0))
    assert (fig.formula, fig.precision, fig.unit) == ("Σ 各组成部分的全年预算数", 1, "万元")
    assert [i.name for i in fig.inputs] == ["财政拨款全年预算数", "其他资金全年预算数"]
    assert rec.findings == []


def test_a_sum_that_differs_by_more_than_the_printed_rounding_is_an_error() -> None:
    rec = reconcile(make([row("f-total", "资金总额", budget="100.5"),
                          row("f-a", "财政拨款", "f-total", budget="60"),
                          row("f-b", "其他资金", "f-total", budget="40")]))  # fmt: skip
    fig = figure(rec, "sum:f-total::budget")
    assert (fig.verdict, fig.recomputed, fig.difference) == (Verdict.DIFFERS, D(100), D("0.5"))
    (mismatch,) = found(rec, "SUM_MISMATCH")
    assert (mismatch.severity, mismatch.subject, mismatch.reported, mismatch.recomputed) == (
        Severity.ERROR,
        "资金总额",
        "100.5",
        "100",
    )
    assert (
        mismatch.message == "资金总额全年预算数：原文 100.5万元，复算 100万元（Σ 各组成部分的全年预算数），相差 0.5万元"
    )


def test_a_sum_within_a_cent_is_a_note() -> None:
    rec = reconcile(make([row("f-total", "资金总额", budget="100.01"),
                          row("f-a", "财政拨款", "f-total", budget="60"),
                          row("f-b", "其他资金", "f-total", budget="40")]))  # fmt: skip
    assert figure(rec, "sum:f-total::budget").difference == D("0.01")
    assert [f.severity for f in found(rec, "SUM_MISMATCH")] == [Severity.INFO]


# --- rates recomputed from their numerator and denominator ----------------------------------------------


def test_a_printed_rate_recomputed_from_its_numerator_and_denominator() -> None:
    rec = reconcile(make([row("f-total", "资金总额", budget="200", executed="190.5")], [rate("95.25")]))
    fig = figure(rec, "r1")
    assert (fig.verdict, fig.recomputed, fig.measure) == (Verdict.AGREES, D("95.25"), "execution_rate")
    assert fig.formula == "执行数 / 全年预算数 × 100%"
    assert [(i.name, i.value) for i in fig.inputs] == [("资金总额执行数", D("190.5")), ("资金总额全年预算数", D(200))]
    assert rec.findings == []


def test_a_printed_rate_that_differs_is_a_rate_mismatch() -> None:
    rec = reconcile(make([row("f-total", "资金总额", budget="300", executed="200")], [rate("66.60")]))
    fig = figure(rec, "r1")
    assert fig.recomputed is not None and round(fig.recomputed, 10) == D("66.6666666667")
    assert (fig.verdict, fig.difference) == (Verdict.DIFFERS, D("-0.07"))
    (mismatch,) = found(rec, "RATE_MISMATCH")
    assert (mismatch.severity, mismatch.recomputed) == (Severity.ERROR, "66.67")


def test_a_printed_rate_on_money_received_names_that_basis() -> None:
    rec = reconcile(make([row("f-total", "资金总额", budget="200", received="190", executed="180")], [rate("94.74")]))
    fig = figure(rec, "r1")
    assert (fig.verdict, fig.recomputed, fig.basis) == (Verdict.DIFFERS, D(90), "按到位数计算（执行数 / 到位数）")
    assert [f.severity for f in found(rec, "RATE_MISMATCH")] == [Severity.WARNING]


def test_a_rate_printed_as_a_fraction_is_compared_as_one() -> None:
    rec = reconcile(make([row("f-total", "资金总额", budget="200", executed="190")], [rate("0.95")]))
    fig = figure(rec, "r1")
    assert (fig.verdict, fig.recomputed, fig.unit) == (Verdict.AGREES, D("0.95"), None)
    assert fig.formula == "执行数 / 全年预算数（以小数表示）"


def test_rates_with_a_difference_in_the_numerator() -> None:
    funds = [row("f-total", "资金总额", budget_initial="80", budget="100", executed="90")]
    dept = make(funds)
    adjustment, inputs = rate_of(Facts(dept), "adjustment_rate", dept.funds[0])
    assert adjustment == D(25)  # (100 − 80) / 80
    assert [i.name for i in inputs] == ["资金总额全年预算数", "资金总额年初预算数"]
    variance, inputs = rate_of(Facts(dept), "cost_variance", dept.funds[0])
    assert variance == D(10)  # (100 − 90) / 100
    assert [i.name for i in inputs] == ["资金总额全年预算数", "资金总额执行数"]
    rec = reconcile(make(funds, [rate("-10.00", "cost_variance")]))
    fig = figure(rec, "r1")
    assert (fig.verdict, fig.recomputed, fig.formula) == (Verdict.DIFFERS, D(10), "（预算数 − 执行数） / 预算数 × 100%")
    (adjusted,) = found(rec, "BUDGET_ADJUSTMENT")  # 25 % is above the scheme's 20 %
    assert (adjusted.severity, adjusted.recomputed) == (Severity.INFO, "25.00")
    assert "预算调整率 25.00%（（全年预算数 − 年初预算数） / 年初预算数 × 100%）" in adjusted.message


def test_a_missing_operand_or_a_zero_denominator_cannot_be_checked() -> None:
    blank = figure(reconcile(make([row("f-total", "资金总额", budget="200")], [rate("95")])), "r1")
    zero = figure(reconcile(make([row("f-total", "资金总额", budget="0", executed="0")], [rate("95")])), "r1")
    assert (blank.verdict, blank.note) == (Verdict.CANNOT_CHECK, "缺少输入数据（资金行的空格）")
    assert (zero.verdict, zero.note) == (Verdict.CANNOT_CHECK, "分母为 0，比率不适用")


# --- a total printed 0 ----------------------------------------------------------------------------------


def test_a_total_printed_0_takes_the_sum_of_its_parts() -> None:
    rec = reconcile(make([row("f-total", "资金总额", budget="0", executed="0"),
                          row("f-a", "财政拨款", "f-total", budget="60", executed="57"),
                          row("f-b", "其他资金", "f-total", budget="40", executed="38")],
                         [rate("95.00")]))  # fmt: skip
    fig = figure(rec, "r1")
    assert (fig.verdict, fig.recomputed, fig.basis) == (Verdict.AGREES, D(95), "各部分之和")
    assert [(i.name, i.value) for i in fig.inputs] == [
        ("资金总额执行数（合计行未印或印为 0，取各部分之和）", D(95)),
        ("资金总额全年预算数（合计行未印或印为 0，取各部分之和）", D(100)),
    ]
    assert fig.note == "资金合计行印为 0 或未印，按其各部分之和复算"
    total = figure(rec, "sum:f-total::budget")  # the printed 0 itself is a mismatch
    assert (total.verdict, total.recomputed, total.difference) == (Verdict.DIFFERS, D(100), D(-100))
    assert {f.subject for f in found(rec, "SUM_MISMATCH")} == {"资金总额"}
    assert found(rec, "RATE_MISMATCH") == []


def test_low_execution_names_the_schemes_threshold_in_its_title() -> None:
    """LOW_EXECUTION's title says the scheme's threshold (one place: the scheme), not a fixed 20 %."""
    dept = make([row("f-total", "资金总额", budget="100", executed="60")])
    cases = ((D(20), "预算执行偏低（结余超过预算的 20%）"), (D(30), "预算执行偏低（结余超过预算的 30%）"))
    for threshold, expected in cases:
        rec = Recorder()
        with localcontext() as ctx:
            ctx.prec = PRECISION
            check_funds(Facts(dept), rec, SCHEME.model_copy(update={"low_execution": threshold}))
        (low,) = found(rec, "LOW_EXECUTION")
        assert low.title == expected
        assert low.message.endswith(f"超过 {threshold}%")
    rec = Recorder()
    check_funds(Facts(dept), rec, SCHEME.model_copy(update={"low_execution": D(50)}))
    assert found(rec, "LOW_EXECUTION") == []  # 40 % unspent is within a 50 % threshold
