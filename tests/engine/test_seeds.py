"""The four seed documents as golden cases: every department validates and holds the printed figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from perfnb import Department, load
from perfnb.format.load import load_department
from perfnb.format.schema import FundLine
from perfnb.format.targets import Op, ValueKind, parse_value
from tests.conftest import RAW, SEEDS

D = Decimal


@pytest.fixture(scope="module")
def seeds() -> dict[str, Department]:
    return {seed: load(seed, RAW) for seed in SEEDS}


def fund(dept: Department, row_id: str) -> FundLine:
    return next(f for f in dept.funds if f.id == row_id)


def parts(dept: Department, parent: str, group: str | None = None) -> list[FundLine]:
    return [f for f in dept.funds if f.parent == parent and (group is None or f.group == group)]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_validates_without_errors(seed: str) -> None:
    result = load_department(seed, RAW)
    assert result.ok, [str(p) for p in result.errors]


def test_nantong_funds_reconcile_as_the_document_prints_them(seeds: dict[str, Department]) -> None:
    d = seeds["nantong-ipc-2025"]
    assert (d.header.money_unit, d.header.fiscal_year, d.header.kind) == ("万元", 2025, "target_table")
    items = parts(d, "f-project")
    assert len(items) == 8
    assert sum(f.budget for f in items if f.budget is not None) == fund(d, "f-project").budget == D("403.68")
    assert sum(f.half_plan for f in items if f.half_plan is not None) == fund(d, "f-project").half_plan == D("130.79")
    basic, project = fund(d, "f-basic"), fund(d, "f-project")
    assert basic.budget is not None and project.budget is not None
    assert basic.budget + project.budget == fund(d, "f-in-total").budget == D("879.12")
    # the half-year execution target (=41.4%) is the half-year plan over the full-year budget
    assert basic.half_plan is not None and project.half_plan is not None
    half_rate = (basic.half_plan + project.half_plan) / D("879.12") * 100
    assert half_rate.quantize(D("0.1")) == D("41.4")
    rate = next(i for i in d.indicators if i.level3 == "预算执行率")
    assert (rate.target_half, rate.target) == ("=41.4%", "=100%")
    assert len(d.header.reconstructions) == 9
    assert {r.where.split()[0] for r in d.header.reconstructions} == {"department.yaml", "funds.csv", "indicators.csv"}
    linked = {i.level3: i.funds_ids for i in d.indicators if i.funds_ids}
    assert linked["专利预审案件"] == ("f-x6",)
    assert set(linked["社会满意度"]) | {"f-x6", "f-x2", "f-x1"} == {f.id for f in items}


def test_nantong_narrative_targets_point_at_their_indicators(seeds: dict[str, Department]) -> None:
    d = seeds["nantong-ipc-2025"]
    by_id = {i.id: i for i in d.indicators}
    pairs = {
        (n.quantity, by_id[n.indicator_id].target)
        for n in d.narrative_targets
        if n.indicator_id and n.horizon == "年度"
    }
    # the narrative says 2500 and 250 where the indicator table says 3500 and 350: kept as printed
    assert pairs == {
        ("不少于2500件", "≥3500件"),
        ("不少于250件", "≥350件"),
        ("不少于2次", "≥2次"),
        ("不少于60份", "≥60份"),
    }


def test_binhai_eight_projects_in_yuan(seeds: dict[str, Department]) -> None:
    d = seeds["binhai-ip-2025"]
    assert (len(d.projects), len(d.funds), len(d.indicators)) == (8, 24, 120)
    assert d.header.money_unit == "元"
    budgets = [fund(d, f"f-{p.id}").budget for p in d.projects]
    assert budgets == [D(x) for x in ("1986900.00", "310000.00", "50000000.00", "1562500.00", "430600.00",
                                      "50000.00", "1283000.00", "148000.00")]  # fmt: skip
    assert [str(b) for b in budgets][:1] == ["1986900.00"]  # decimals as printed
    for p in d.projects:
        total = fund(d, f"f-{p.id}").budget
        assert sum(f.budget or D(0) for f in parts(d, f"f-{p.id}", "资金来源")) == total
    assert {p.unit_code for p in d.projects} == {"610101", "610201"}


def test_binhai_targets_parse_except_the_descriptive_one(seeds: dict[str, Department]) -> None:
    d = seeds["binhai-ip-2025"]
    parsed = {i.id: parse_value(i.target, year=2025) for i in d.indicators}
    text = [i for i, v in parsed.items() if v is None or v.kind is ValueKind.TEXT]
    assert text == ["i3-06"] or [d.indicators[[x.id for x in d.indicators].index(t)].target for t in text] == [
        "涉案主体、案件类型、所属行业、受理法院、当事人等"
    ]
    typo = [v for v in parsed.values() if v and v.raw == "2015年12月前"]
    assert len(typo) == 2 and all(v.date == date(2015, 12, 31) and v.op is Op.LE for v in typo)
    money = next(v for v in parsed.values() if v and v.raw == "≤25.66万元/年/人")
    assert (money.yuan, money.per) == (D("256600"), "年/人")


def test_gzkfq_application(seeds: dict[str, Department]) -> None:
    d = seeds["gzkfq-ip-2025"]
    assert d.header.kind == "department_target_application"
    assert sum(p.budget for p in d.projects if p.budget is not None) == D("6707.20")
    basic, project, special = (fund(d, i).budget for i in ("f-basic", "f-project", "f-dev-special"))
    assert basic is not None and project is not None and special is not None
    # the document's income equals basic + project + 财政专项资金, not basic + project alone
    assert basic + project + special == fund(d, "f-fiscal").budget == D("10125.93")
    empty = [(i.level1, i.level2) for i in d.indicators if i.level3 is None]
    assert len(empty) == 5 and ("产出指标", "质量指标") in empty
    pledge = parse_value(next(i.target for i in d.indicators if i.level3 == "年度知识产权质押融资金额"))
    assert pledge is not None and pledge.yuan == D("8000000000")


def test_nanchang_funds_add_up_by_sub_project(seeds: dict[str, Department]) -> None:
    d = seeds["nanchang-ip-fund-2020"]
    assert (d.header.kind, d.header.money_unit, d.header.scheme) == (
        "special_fund_report",
        "万元",
        "nanchang-special-fund-2020",
    )
    total = fund(d, "f-total")
    assert (total.budget, total.received, total.executed) == (D("1715.27"), D("1471.9961"), D("1331.1361"))
    subs = parts(d, "f-total", "按子项目")
    assert [f.project_id for f in subs] == ["p1", "p2", "p3", "p4", "p5"]
    for column in ("budget", "received", "executed"):
        assert sum(getattr(f, column) for f in subs) == getattr(total, column), column
    # 15.27 + 1456.726 = 1471.996: the document's received total is 0.0001 more (kept as printed)
    assert sum(f.received for f in parts(d, "f-total", "按来源") if f.received is not None) == D("1471.996")
    reward = parts(d, "f-p1-d")
    assert sum(f.executed or D(0) for f in reward) == fund(d, "f-p1-d").executed == D("841.05")
    assert sum(f.quantity or D(0) for f in reward) == fund(d, "f-p1-d").quantity == D("523")
    assert d.money_unit(fund(d, "f-p3-d1")) == "元" and fund(d, "f-p3-d1").executed == D("157600")


def test_nanchang_total_reproduces_from_printed_sub_scores_and_exact_shares(seeds: dict[str, Department]) -> None:
    d = seeds["nanchang-ip-fund-2020"]
    figures = d.reported_figures
    totals = {f.project_id: f.number for f in figures if f.measure == "total_score"}
    assert totals == {
        "p1": D("98"),
        "p2": D("90.19"),
        "p3": D("80.4"),
        "p4": D("89.44"),
        "p5": D("81.02"),
        None: D("93.31"),
    }
    budget = {f.project_id: f.budget for f in parts(d, "f-total", "按子项目")}
    weighted = sum(totals[p] * budget[p] / D("1715.27") for p in budget if budget[p] is not None)
    assert weighted.quantize(D("0.01")) == D("93.31")
    assert [f.value for f in figures if f.measure == "grade"] == ["优"]
    shares = [f.value for f in figures if f.measure == "share"]
    assert shares == ["47.85", "29.15", "2.16", "17.93", "2.91"]
    variance = next(f for f in figures if f.measure == "cost_variance" and f.project_id == "p1")
    assert (variance.value, variance.formula) == ("-2.53", "(820.8-841.05)/800*100%")
    weighted_p5 = [f.value for f in figures if f.measure == "weighted_score" and f.project_id == "p5"]
    assert "0.2" in weighted_p5  # printed with one decimal, kept so
