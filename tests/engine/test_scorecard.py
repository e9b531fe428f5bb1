"""Row scoring (rowscore), the aggregation of scores (totals) and the weight checks on small hand-built
departments: exact Decimal figures, not whole departments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import pytest

from perfnb import Department
from perfnb.engine.facts import Facts
from perfnb.engine.figures import Verdict
from perfnb.engine.recorder import Recorder
from perfnb.engine.scorecard import Scorecard
from perfnb.engine.scorecard.rowcheck import RowChecks
from perfnb.engine.scorecard.rowscore import RowScore, coefficient_of, read_row, score_row
from perfnb.engine.scorecard.totals import Tally
from perfnb.engine.scorecard.weights import WeightChecks
from perfnb.format.bands import Band, GradeBand
from perfnb.format.schema import DepartmentHeader, FundLine, Indicator, Project, ReportedFigure
from perfnb.format.schemes import Rule, Scheme, Section

D = Decimal
YEAR = 2024
GRADES = (GradeBand("优", D(90)), GradeBand("良", D(80)), GradeBand("中", D(60)), GradeBand("差", D(0)))  # national
NATIONAL = Scheme(
    name="test-national",
    title="测试方案",
    source="测试",
    mode="national_project",
    execution_weight=D(10),
    grades=GRADES,
)
BY_OPERATOR = Rule(method="by_operator")
COST_BANDS = Rule(
    level2="成本",
    method="bands",
    rate="cost_variance",
    bands=(Band(D(10), D(1)), Band(D(50), D("0.4")), Band(None, D(0))),
)


def make(
    indicators: Sequence[Mapping[str, Any]],
    funds: Sequence[Mapping[str, Any]] = (),
    figures: Sequence[Mapping[str, Any]] = (),
) -> Department:
    """A one-project department (p1 培训项目, 万元) from plain dicts."""
    header = DepartmentHeader.model_validate(
        {
            "id": "test-dept",
            "name": "测试单位",
            "region": "某市",
            "fiscal_year": YEAR,
            "kind": "project_self_evaluation",
            "money_unit": "万元",
            "scheme": "test-national",
            "source": {"file": "test.txt", "title": "测试自评表"},
        }
    )
    return Department(
        header=header,
        projects=(Project.model_validate({"id": "p1", "name": "培训项目"}),),
        funds=tuple(FundLine.model_validate(f) for f in funds),
        indicators=tuple(Indicator.model_validate(i) for i in indicators),
        narrative_targets=(),
        reported_figures=tuple(ReportedFigure.model_validate(r) for r in figures),
    )


def ind(
    iid: str, target: str | None, actual: str | None, weight: str | None, score: str | None = None, **more: str
) -> dict[str, Any]:
    """An indicator row of p1 (产出指标/数量指标 unless ``level1``/``level2`` say otherwise)."""
    row = {"id": iid, "project_id": "p1", "level1": "产出指标", "level2": "数量指标", "level3": f"指标{iid}"}
    return {**row, "target": target, "actual": actual, "weight": weight, "score": score, **more}


def budget(amount: str, executed: str) -> dict[str, Any]:
    """The total funds row of p1."""
    return {"id": "f-p1", "project_id": "p1", "side": "来源", "line": "预算数", "budget": amount, "executed": executed}


def scored(row: Mapping[str, Any], rule: Rule = BY_OPERATOR, funds: Sequence[Mapping[str, Any]] = ()) -> RowScore:
    """The pure score of one row under ``rule``."""
    dept = make([row], funds)
    (indicator,) = dept.indicators
    assert indicator.weight is not None
    return score_row(Facts(dept), rule, indicator, indicator.weight, read_row(indicator, YEAR))


# --- one row --------------------------------------------------------------------------------------------


def test_an_at_least_row_below_its_target_scores_in_proportion() -> None:
    score = scored(ind("i1", "≥1500人次", "1200人次", "10"))
    assert (score.method, score.value, score.why, score.tier) == ("higher", D(8), "", None)
    assert score.formula == "正向指标：实际 ≥ 目标得满分，否则 分值 × 实际/目标"
    assert [(i.name, i.value) for i in score.inputs] == [
        ("分值", D(10)),
        ("年度指标值", "≥1500人次"),
        ("实际完成值", "1200人次"),
    ]


@pytest.mark.parametrize(("actual", "value"), [("10场", D(5)), ("12场", D(6)), ("15场", D(6))])
def test_an_at_least_row_is_capped_at_its_points(actual: str, value: Decimal) -> None:
    assert scored(ind("i1", "≥12场", actual, "6")).value == value


@pytest.mark.parametrize(("actual", "value"), [("9天", D(10)), ("12天", D(8)), ("15天", D(5)), ("20天", D(0))])
def test_an_at_most_row_falls_linearly_to_0_at_twice_its_target(actual: str, value: Decimal) -> None:
    score = scored(ind("i1", "≤10天", actual, "10"))
    assert (score.method, score.value) == ("lower", value)


def test_an_equal_row_scores_in_proportion() -> None:
    score = scored(ind("i1", "=100%", "95%", "10"))
    assert (score.method, score.value, score.formula) == ("equal", D("9.5"), "等于型指标：按比例记分")


def test_an_actual_without_a_unit_is_read_in_the_targets_unit() -> None:
    row = ind("i1", "≥50个", "40", "10")
    reading = read_row(make([row]).indicators[0], YEAR)
    assert reading.pair == (D(40), D(50))
    assert reading.note == "实际完成值“40”未写单位，按年度指标值的单位读作“40个”"
    assert scored(row).value == D(8)


def test_a_qualitative_row_carries_its_tier_and_range_not_a_score() -> None:
    score = scored(ind("i1", "健全", "部分达成年度指标并具有一定效果", "5"))
    assert (score.method, score.value, score.why) == ("tier", None, "")
    assert score.tier is not None and score.tier.name == "部分达成"
    assert score.tier_range == (D("3.0"), D("4.0"))


def test_free_wording_is_left_to_the_evaluator_without_a_tier() -> None:
    score = scored(ind("i1", "健全", "效果明显", "5"))
    assert (score.method, score.value, score.tier, score.tier_range) == ("none", None, None, None)
    assert score.why == "定性或无法比较的指标值（实际完成值未用三档表述），得分由评价人判断"


@pytest.mark.parametrize(
    ("actual", "method", "value"),
    [("2024年11月", "deadline", D(4)), ("2025年3月", "none", None), ("合格", "same", D(4))],
)
def test_deadlines_and_repeated_words(actual: str, method: str, value: Decimal | None) -> None:
    target = "合格" if actual == "合格" else "2024年12月底前"
    score = scored(ind("i1", target, actual, "4"))
    assert (score.method, score.value) == (method, value)


@pytest.mark.parametrize(("executed", "value"), [("95", D(10)), ("70", D(4)), ("40", D(0))])
def test_a_cost_row_scores_by_the_band_its_variance_falls_in(executed: str, value: Decimal) -> None:
    row = ind("i1", "≤100万元", "70万元", "10", level1="成本指标", level2="经济成本指标", funds_ids="f-p1")
    score = scored(row, COST_BANDS, [budget("100", executed)])
    assert (score.method, score.value, score.rule) == ("bands", value, COST_BANDS)
    assert score.formula == "分值 × 档次（|成本变动率| ≤10% 得 100%；≤50% 得 40.0%；其余得 0%）"


def test_a_rate_row_without_a_funds_row_says_why() -> None:
    score = scored(ind("i1", "≥95%", "90%", "10"), Rule(method="rate", rate="execution_rate"))
    assert (score.method, score.value) == ("none", None)
    assert score.why == "本项未关联资金行（funds_ids），也找不到项目的资金合计行，无法计算比率"


def test_a_rate_row_scores_in_proportion_to_its_rate_capped() -> None:
    rule = Rule(method="rate", rate="execution_rate")
    assert scored(ind("i1", "≥95%", "", "10"), rule, [budget("200", "171")]).value == D("8.55")
    assert scored(ind("i1", "≥95%", "", "10"), rule, [budget("200", "250")]).value == D(10)


def test_a_coefficient_row_is_its_points_times_its_coefficient() -> None:
    score = scored(ind("i1", "≥10个", "8个", "10", coefficient="80%"), Rule(method="coefficient"))
    assert (score.method, score.value, score.formula) == ("coefficient", D(8), "指标权重 × 得分系数")


@pytest.mark.parametrize(
    ("text", "fraction"), [("100%", D(1)), ("100", D(1)), ("0.8", D("0.8")), ("85％", D("0.85")), ("好", None)]
)
def test_a_printed_coefficient_as_a_fraction(text: str, fraction: Decimal | None) -> None:
    assert coefficient_of(text) == fraction


def test_a_qualitative_row_scored_below_its_tier_is_a_finding() -> None:
    dept = make([ind("i1", "健全", "部分达成", "5", "2.5")])
    rec = Recorder()
    best = RowChecks(Facts(dept), rec, NATIONAL).score_all()
    assert best == {"i1": D("2.5")}  # carried as printed
    (fig,) = rec.figures
    assert (fig.verdict, fig.note) == (Verdict.CANNOT_CHECK, "定性指标“部分达成”档：3.0–4.0 分，得分不在档内")
    assert [(f.code, f.message) for f in rec.findings] == [
        ("QUALITATIVE_TIER", "指标i1：定性指标“部分达成”档：3.0–4.0 分，原文得分 2.5")
    ]


def test_a_recomputed_score_is_the_rows_best_rounded_to_the_schemes_places() -> None:
    dept = make([ind("i1", "≥12场", "10场", "10")])  # 8.333…, the form prints no score
    rec = Recorder()
    assert RowChecks(Facts(dept), rec, NATIONAL).score_all() == {"i1": D("8.33")}
    assert rec.figures[0].verdict is Verdict.DERIVED
    assert [f.code for f in rec.findings] == ["SCORE_MISSING"]


# --- sections, totals, grades --------------------------------------------------------------------------


SECTIONED = [
    ind("i1", "≥10个", "10个", "20", "18.5"),
    ind("i2", "≥10个", "10个", "30", "30", level2="质量指标"),
    ind("i3", "≥10个", "10个", "40", "35", level1="效益指标", level2="社会效益指标"),
]


def tally(
    rows: Sequence[Mapping[str, Any]],
    best: Mapping[str, Decimal | None],
    scheme: Scheme = NATIONAL,
    funds: Sequence[Mapping[str, Any]] = (),
) -> Tally:
    return Tally(Facts(make(rows, funds)), scheme, best)


def test_sections_add_the_rows_best_scores() -> None:
    t = tally(SECTIONED, {"i1": D("18.5"), "i2": D(30), "i3": D("35.25")})
    value, inputs, formula = t.section_value("产出指标", "p1")
    assert (value, formula) == (D("48.5"), "Σ 产出指标 各项得分")
    assert [(i.name, i.value) for i in inputs] == [("指标i1得分", D("18.5")), ("指标i2得分", D(30))]
    assert t.section_value("产出/质量", "p1")[0] == D(30)
    assert t.section_value("满意度指标", "p1") == (None, [], "")
    value, inputs = t.rows_value(["i1", "i3"])
    assert value == D("53.75")
    assert inputs[1].name == "指标i3得分（复算）"  # the best score is not the printed 35


def test_a_national_total_is_the_execution_score_plus_the_rows() -> None:
    rows = [*SECTIONED, ind("i4", "≥10个", "10个", "0", level1="满意度指标", level2="满意度指标")]
    t = tally(rows, {"i1": D("18.5"), "i2": D(30), "i3": D("35.25"), "i4": D(0)}, funds=[budget("200", "171")])
    assert t.execution_value("p1") == D("8.55")
    total = t.national_total("p1")
    assert (total.value, total.execution, total.why) == (D("92.30"), D("8.55"), "")
    assert total.formula == "预算执行得分 + Σ 指标得分"
    assert total.inputs[0].name == "预算执行得分（复算）"
    assert t.totals == {}  # recorded only by the check of the printed total


def test_a_total_needs_every_rows_points() -> None:
    short_rows = tally(SECTIONED[:2], {"i1": D("18.5"), "i2": D(30)}, funds=[budget("100", "100")])
    assert short_rows.national_total("p1").why == (
        "指标分值合计 50 分，少于评分方案的 90 分：表中缺少部分指标（如原件截断），总分无法复核"
    )
    unweighted = tally([ind("i1", "≥1个", "1个", None, "90")], {"i1": D(90)}, funds=[budget("100", "100")])
    total = unweighted.national_total("p1")
    assert (total.value, total.why) == (None, "部分指标未印分值，指标得分无法按规则复算，总分只能看原文各项得分相加")


@pytest.mark.parametrize(
    ("places", "total", "grade"),
    [
        (2, "89.995", "优"),  # rounded half-up to 90.00 before the bands
        (2, "89.994", "良"),  # 89.99
        (2, "90", "优"),
        (2, "79.995", "良"),
        (1, "89.95", "优"),  # 90.0
        (1, "89.94", "良"),  # 89.9
    ],
)
def test_the_grade_of_a_total_at_a_band_edge_is_taken_after_rounding(places: int, total: str, grade: str) -> None:
    t = tally([], {}, NATIONAL.model_copy(update={"places": places}))
    assert t.grade_for(D(total)) == grade


def test_the_documents_total_and_grade() -> None:
    t = tally([], {})
    assert (t.total, t.grade) == (None, None)
    t.totals["p1"] = D("89.99")
    assert (t.total, t.grade, t.total_of("p1"), t.total_of("p2")) == (D("89.99"), "良", D("89.99"), None)
    t.totals["p2"] = D(95)
    assert (t.total, t.grade) == (None, None)  # several projects: no one total
    t.totals[None] = D("90.5")
    assert (t.total, t.grade) == (D("90.5"), "优")


# --- weights ----------------------------------------------------------------------------------------------


def weight_findings(rows: Sequence[Mapping[str, Any]], scheme: Scheme = NATIONAL) -> list[tuple[str, str]]:
    facts, rec = Facts(make(rows)), Recorder()
    WeightChecks(facts, rec, Tally(facts, scheme, {})).national("p1")
    return [(f.code, f.message) for f in rec.findings]


def test_row_weights_not_adding_up_to_the_indicator_points() -> None:
    rows = [*SECTIONED, ind("i4", "≥1个", "1个", "5", level1="满意度指标", level2="满意度指标")]
    assert weight_findings(rows) == [("WEIGHT_MISMATCH", "培训项目 各三级指标分值合计 95 分，应为 90 分")]
    assert weight_findings([*SECTIONED, {**rows[3], "weight": "0"}]) == []  # 90


def test_section_weights_other_than_the_default_ones_are_a_note() -> None:
    scheme = NATIONAL.model_copy(
        update={
            "sections": (
                Section(name="产出", weight=D(50)),
                Section(name="效益", weight=D(30)),
                Section(name="满意度", weight=D(10)),
            ),
            "default_weights": True,
        }
    )
    rows = [*SECTIONED, ind("i4", "≥1个", "1个", "0", level1="满意度指标", level2="满意度指标")]
    assert weight_findings(rows, scheme) == [
        ("WEIGHT_DEPARTURE", "培训项目 的效益指标分值合计 40 分，默认为 30 分（单位可以另定，仅作提示）"),
        ("WEIGHT_DEPARTURE", "培训项目 的满意度指标分值合计 0 分，默认为 10 分（单位可以另定，仅作提示）"),
    ]


# --- the whole card ----------------------------------------------------------------------------------------


def test_a_scorecard_reconciles_a_printed_total_and_grade() -> None:
    rows = [ind("i1", "≥12场", "10场", "60", "50"), ind("i2", "≥5个", "5个", "30", "30", level1="效益指标")]
    figures = [
        {"id": "r1", "project_id": "p1", "measure": "total_score", "subject": "总分", "value": "89.50"},
        {"id": "r2", "project_id": "p1", "measure": "grade", "subject": "评价等级", "value": "优"},
    ]
    dept = make(rows, [budget("200", "190")], figures)
    rec = Recorder()
    card = Scorecard(Facts(dept), rec, NATIONAL)
    card.score_indicators()
    card.check_reported()
    card.unprinted_totals()
    total = next(f for f in rec.figures if f.id == "r1")
    assert (total.recomputed, total.verdict) == (D("89.50"), Verdict.AGREES)  # 9.5 + 50 + 30
    assert (card.total, card.grade) == (D("89.50"), "良")
    assert [(f.code, f.message) for f in rec.findings if f.code == "GRADE_MISMATCH"] == [
        ("GRADE_MISMATCH", "总分 89.50 对应等级“良”，原文为“优”")
    ]
