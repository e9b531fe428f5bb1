"""The national project self-evaluation table (财预〔2020〕10号, scheme mof-2020-project), end to end.

``tests/fixtures/raw/synthetic-national-2024`` is a synthetic, fully consistent 项目支出绩效自评表:
every reported figure reproduces and the engine raises no finding. Each mutation test copies it,
changes the cells a single mistake touches, and checks that exactly the expected findings appear
(code, severity and subject), nothing else.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from perfnb import load
from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.figures import Figure, Verdict
from perfnb.format.load import load_department
from perfnb.format.problems import Severity

FIXTURES = Path(__file__).parents[1] / "fixtures" / "raw"
DEPT = "synthetic-national-2024"

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

# Level-3 names (the subjects of row findings) and labels of the reported figures.
SERVICE = "提供专利信息检索咨询服务"  # i1: ≥1500人次, actual 1620人次, 10 of 10
TRAINING = "举办知识产权业务培训"  # i2: ≥12场, actual 10场, 8.33 of 10, deviation given
SYSTEM = "知识产权服务管理制度"  # i4: 健全 / 达成年度指标, 5 of 5
TOTAL = "p1 总分"
GRADE = "p1 评价等级"
FUNDS_TOTAL = "年度资金总额"

Edits = dict[tuple[str, str, str], str]


# --- helpers ----------------------------------------------------------------------------------


def check(data_dir: Path = FIXTURES) -> CheckResult:
    return check_department(load(DEPT, data_dir))


def mutated(tmp_path: Path, edits: Edits) -> CheckResult:
    """Copy the fixture, set each (file, row id, column) cell, and check the copy."""
    folder = Path(shutil.copytree(FIXTURES / DEPT, tmp_path / "raw" / DEPT))
    for file in {f for f, _, _ in edits}:
        path = folder / file
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or ())
            rows = list(reader)
        for (f, row_id, column), value in edits.items():
            if f != file:
                continue
            assert column in fields, column
            (row,) = [r for r in rows if r["id"] == row_id]
            row[column] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return check(tmp_path / "raw")


def found(result: CheckResult) -> Counter[tuple[str, Severity, str]]:
    return Counter((f.code, f.severity, f.subject) for f in result.findings)


def figure(result: CheckResult, fid: str) -> Figure:
    (fig,) = [f for f in result.figures if f.id == fid]
    return fig


# --- the consistent fixture -------------------------------------------------------------------


def test_fixture_validates_without_errors() -> None:
    result = load_department(DEPT, FIXTURES)
    assert result.department is not None
    assert result.errors == ()
    # At most one warning: the loader's value parser does not (yet) know the national tier wording
    # 达成年度指标 and keeps i4's actual value as text (see perfnb/format/targets.py QUALITATIVE_WORDS).
    assert {(p.severity, p.file, p.row, p.column) for p in result.problems} <= {
        (W, "indicators.csv", 5, "actual"),
    }


def test_fixture_raises_no_finding_at_all() -> None:
    result = check()
    assert result.findings == ()
    assert result.total == Decimal("95.03")
    assert str(result.total) == "95.03"
    assert result.grade == "优"
    assert result.summary()["score"] == {
        "recomputed": "95.03",
        "reported": "95.03",
        "grade_recomputed": "优",
        "grade_reported": "优",
    }


def test_every_reported_figure_agrees() -> None:
    result = check()
    dept = result.department
    expected = {"r1": "92.00", "r2": "10", "r3": "9.20", "r4": "95.03", "r5": "优"}
    assert {r.id: r.value for r in dept.reported_figures} == expected
    for fid, value in expected.items():
        fig = figure(result, fid)
        assert fig.verdict is Verdict.AGREES, fid
        assert fig.reported == value
        assert fig.recomputed_text == value


def test_execution_rate_and_score_are_recomputed_from_the_total_funds_row() -> None:
    result = check()
    rate, weight, score = figure(result, "r1"), figure(result, "r2"), figure(result, "r3")
    assert rate.measure == "execution_rate"
    assert rate.recomputed == Decimal("92")  # 110.40 / 120.00 × 100
    assert rate.recomputed_text == "92.00"
    assert weight.recomputed == Decimal(10)
    assert score.recomputed == Decimal("9.2")  # min(10, 0.92 × 10)
    assert score.recomputed_text == "9.20"
    names = [i.name for i in score.inputs]
    assert names == ["分值", "年度资金总额执行数", "年度资金总额全年预算数"]


def test_funds_parts_add_up_in_every_column() -> None:
    result = check()
    for column in ("budget_initial", "budget", "executed"):
        assert figure(result, f"sum:f-p1:资金来源:{column}").verdict is Verdict.AGREES


def test_indicator_scores_follow_the_national_rules() -> None:
    result = check()
    recomputed = {
        "i1": "10",  # ≥, a ≥ t
        "i2": "8.33",  # ≥, 10 × 10/12 = 8.333…
        "i3": "10",
        "i6": "10",  # ≤ 120万元, 110.40万元
        "i7": "10",
        "i8": "10",
        "i9": "7.50",  # ≤ 4次, 5次: 10 × (8 − 5)/4
        "i10": "10",
        "i5": "5",  # date target met: 2024年12月20日 ≤ 2024年12月31日前
    }
    for ind_id, text in recomputed.items():
        fig = figure(result, f"score:{ind_id}")
        assert (fig.verdict, fig.recomputed_text) == (Verdict.AGREES, text), ind_id
    # qualitative (tier 达成: 4–5 of 5): reported score carried, checked against its tier only
    assert figure(result, "score:i4").verdict is Verdict.CANNOT_CHECK
    assert "得分在档内" in figure(result, "score:i4").note


def test_only_the_qualitative_row_cannot_be_checked() -> None:
    result = check()
    cannot = sorted(f.id for f in result.figures if f.verdict is Verdict.CANNOT_CHECK)
    assert cannot == ["score:i4"]
    assert not [f for f in result.figures if f.verdict is Verdict.DIFFERS]


# --- mutations: each mistake gives exactly its finding ----------------------------------------


def test_a_wrong_indicator_score_is_a_score_mismatch_on_that_row(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("indicators.csv", "i2", "score"): "8.50"})
    assert found(result) == Counter({("SCORE_MISMATCH", E, TRAINING): 1})
    fig = figure(result, "score:i2")
    assert (fig.verdict, fig.recomputed_text, fig.reported) == (Verdict.DIFFERS, "8.33", "8.50")
    # the total is built from the recomputed row, so it still agrees
    assert figure(result, "r4").verdict is Verdict.AGREES


def test_a_score_within_a_hundredth_is_a_rounding_note(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("indicators.csv", "i2", "score"): "8.34"})
    assert found(result) == Counter({("SCORE_MISMATCH", N, TRAINING): 1})


def test_a_wrong_total_is_an_error_above_a_tenth(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("reported_figures.csv", "r4", "value"): "96.03"})
    assert found(result) == Counter({("SCORE_MISMATCH", E, TOTAL): 1})
    fig = figure(result, "r4")
    assert (fig.verdict, fig.recomputed_text, fig.difference) == (Verdict.DIFFERS, "95.03", Decimal("1.00"))


def test_a_total_within_a_tenth_is_a_rounding_note(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("reported_figures.csv", "r4", "value"): "95.10"})
    assert found(result) == Counter({("SCORE_MISMATCH", N, TOTAL): 1})


def test_a_wrong_grade_is_a_grade_mismatch(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("reported_figures.csv", "r5", "value"): "良"})
    assert found(result) == Counter({("GRADE_MISMATCH", E, GRADE): 1})
    fig = figure(result, "r5")
    assert (fig.verdict, fig.recomputed, fig.reported) == (Verdict.DIFFERS, "优", "良")


def test_funds_parts_not_adding_up_is_a_sum_mismatch(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("funds.csv", "f-p1-other", "budget"): "12.00"})
    assert found(result) == Counter({("SUM_MISMATCH", E, FUNDS_TOTAL): 1})
    fig = figure(result, "sum:f-p1:资金来源:budget")
    assert (fig.verdict, fig.recomputed_text, fig.reported) == (Verdict.DIFFERS, "122.00", "120.00")
    for column in ("budget_initial", "executed"):
        assert figure(result, f"sum:f-p1:资金来源:{column}").verdict is Verdict.AGREES


def test_a_row_below_full_marks_without_deviation_reason(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("indicators.csv", "i2", "deviation"): ""})
    assert found(result) == Counter({("DEVIATION_MISSING", W, TRAINING): 1})
    (item,) = result.findings
    assert item.cell is not None and (item.cell.row, item.cell.column) == (3, "deviation")


def test_indicator_weights_not_summing_to_90_is_a_weight_mismatch(tmp_path: Path) -> None:
    # i4 out of 4 instead of 5 (score 4, still full marks), total adjusted: only the weights are wrong
    edits = {
        ("indicators.csv", "i4", "weight"): "4",
        ("indicators.csv", "i4", "score"): "4",
        ("reported_figures.csv", "r4", "value"): "94.03",
    }
    result = mutated(tmp_path, edits)
    project = "某市知识产权公共服务平台运行项目"
    assert found(result) == Counter({("WEIGHT_MISMATCH", E, project): 1, ("WEIGHT_DEPARTURE", N, "产出"): 1})
    # 89 of the 90 points: the score of the missing point is unknown, so the total cannot be checked; the form's
    # own addition (9.20 + Σ printed scores) is recorded and agrees
    assert figure(result, "r4").verdict is Verdict.CANNOT_CHECK
    assert "少于评分方案的 90 分" in figure(result, "r4").note
    assert figure(result, "addup:r4").verdict is Verdict.AGREES


def test_other_first_level_weights_totalling_90_are_only_info(tmp_path: Path) -> None:
    # 5 points moved from 产出 (i5 5 → 3) to 效益 (i7 10 → 12): 48 / 32 / 10, still 90
    edits = {
        ("indicators.csv", "i5", "weight"): "3",
        ("indicators.csv", "i5", "score"): "3",
        ("indicators.csv", "i7", "weight"): "12",
        ("indicators.csv", "i7", "score"): "12",
    }
    result = mutated(tmp_path, edits)
    assert found(result) == Counter({("WEIGHT_DEPARTURE", N, "产出"): 1, ("WEIGHT_DEPARTURE", N, "效益"): 1})
    assert not [f for f in result.findings if f.severity is not N]
    assert figure(result, "score:i7").recomputed_text == "12"
    assert result.total == Decimal("95.03")


def test_zero_budget_makes_the_execution_rate_not_applicable(tmp_path: Path) -> None:
    zero = {("funds.csv", f, "budget"): "0" for f in ("f-p1", "f-p1-cur", "f-p1-prev", "f-p1-other")}
    result = mutated(tmp_path, zero)
    for fid in ("r1", "r3", "r4"):
        fig = figure(result, fid)
        assert fig.verdict is Verdict.CANNOT_CHECK, fid
        assert fig.recomputed is None, fid
    grade = figure(result, "r5")  # the printed 95.03 is 优, as printed: graded on the printed total, and said so
    assert (grade.recomputed, grade.verdict) == ("优", Verdict.AGREES)
    assert "按原文总分定等级" in grade.inputs[0].name
    assert "不适用" in figure(result, "r1").note
    assert "不适用" in figure(result, "r3").note
    assert result.total is None and result.grade is None
    # never 0 % nor 100 %: no rate or score finding at all; what remains is what 0 itself breaks
    over = {("EXECUTION_OVER_BUDGET", W, line): 1 for line in (FUNDS_TOTAL, "本年财政拨款", "上年结转资金", "其他资金")}
    assert found(result) == Counter(
        {
            **over,
            ("COST_BUDGET_MISMATCH", W, "某市知识产权公共服务平台运行项目"): 1,  # ≤120万元 > budget 0
            ("BUDGET_ADJUSTMENT", N, FUNDS_TOTAL): 1,  # 100.00 at the start of the year, 0 for the year: −100 %
        }
    )


def test_a_total_row_printed_0_beside_its_parts_is_recomputed_on_their_sum(tmp_path: Path) -> None:
    """Issue 15 #5: rates and the execution score on the sum of the parts (a named basis), the total row a
    SUM_MISMATCH, and nothing compared with that broken 0 (no 超过预算 0 元)."""
    edits = {("funds.csv", "f-p1", c): "0" for c in ("budget_initial", "budget", "executed")}
    edits |= {("reported_figures.csv", "r1", "value"): "0", ("reported_figures.csv", "r3", "value"): "0"}
    result = mutated(tmp_path, edits)
    rate, score = figure(result, "r1"), figure(result, "r3")
    assert (rate.recomputed, rate.verdict, rate.basis) == (Decimal("92"), Verdict.DIFFERS, "各部分之和")
    assert (score.recomputed, score.verdict, score.basis) == (Decimal("9.2"), Verdict.DIFFERS, "各部分之和")
    assert "各部分之和" in rate.note
    assert found(result) == Counter({
        ("SUM_MISMATCH", E, FUNDS_TOTAL): 3,  # 年初预算数, 全年预算数, 执行数
        ("RATE_MISMATCH", E, "预算执行率"): 1,  # printed 0 %, 92 % on the parts
        ("SCORE_MISMATCH", E, "p1 预算执行率得分"): 1,  # the total 95.03 = 9.20 + 85.83 agrees
    })  # fmt: skip
    assert not [f for f in result.findings if f.code in ("COST_BUDGET_MISMATCH", "EXECUTION_OVER_BUDGET")]


def test_execution_above_budget_is_a_warning(tmp_path: Path) -> None:
    # 上年结转资金 spends 16.00 of 15.00; 本年财政拨款 2.00 less, so every column still adds up
    edits = {
        ("funds.csv", "f-p1-prev", "executed"): "16.00",
        ("funds.csv", "f-p1-cur", "executed"): "86.40",
    }
    result = mutated(tmp_path, edits)
    assert found(result) == Counter({("EXECUTION_OVER_BUDGET", W, "上年结转资金"): 1})
    assert figure(result, "sum:f-p1:资金来源:executed").verdict is Verdict.AGREES


def test_a_qualitative_row_scored_below_its_tier(tmp_path: Path) -> None:
    # 达成年度指标 allows 4–5 of 5; 3.50 is outside. Deviation and total are filled consistently.
    edits = {
        ("indicators.csv", "i4", "score"): "3.50",
        ("indicators.csv", "i4", "deviation"): "制度已建立但尚未印发实施细则。",
        ("reported_figures.csv", "r4", "value"): "93.53",
    }
    result = mutated(tmp_path, edits)
    assert found(result) == Counter({("QUALITATIVE_TIER", E, SYSTEM): 1})
    assert "得分不在档内" in figure(result, "score:i4").note
    assert figure(result, "r4").verdict is Verdict.AGREES


def test_a_qualitative_row_at_the_bottom_of_its_tier_is_fine(tmp_path: Path) -> None:
    edits = {
        ("indicators.csv", "i4", "score"): "4.00",
        ("indicators.csv", "i4", "deviation"): "制度已建立但尚未印发实施细则。",
        ("reported_figures.csv", "r4", "value"): "94.03",
    }
    assert found(mutated(tmp_path, edits)) == Counter()


def test_a_qualitative_row_below_full_marks_needs_a_deviation_reason(tmp_path: Path) -> None:
    edits = {
        ("indicators.csv", "i4", "score"): "4.00",
        ("reported_figures.csv", "r4", "value"): "94.03",
    }
    assert found(mutated(tmp_path, edits)) == Counter({("DEVIATION_MISSING", W, SYSTEM): 1})


@pytest.mark.parametrize(("actual", "flagged"), [("1950人次", True), ("1949人次", False)])
def test_an_actual_of_130_percent_of_a_target_suggests_it_was_too_low(
    tmp_path: Path, actual: str, flagged: bool
) -> None:
    result = mutated(tmp_path, {("indicators.csv", "i1", "actual"): actual})
    expected = Counter({("TARGET_TOO_LOW", N, SERVICE): 1}) if flagged else Counter()
    assert found(result) == expected
    assert figure(result, "score:i1").recomputed_text == "10"  # a finding, not a deduction


@pytest.mark.parametrize(
    ("i8_actual", "i8_score", "total", "grade"), [("84.75%", "9.97", "90.00", "优"), ("84.66%", "9.96", "89.99", "良")]
)
def test_grade_at_the_90_boundary(tmp_path: Path, i8_actual: str, i8_score: str, total: str, grade: str) -> None:
    # i9 5 → 7 failures (≤4次: 10 × (8 − 7)/4 = 2.50) and i8 just under its ≥85% target bring the
    # indicators to 80.80 (or 80.79); with execution 9.20 the total is exactly 90.00 (or 89.99).
    edits = {
        ("indicators.csv", "i9", "actual"): "7次",
        ("indicators.csv", "i9", "score"): "2.50",
        ("indicators.csv", "i8", "actual"): i8_actual,
        ("indicators.csv", "i8", "score"): i8_score,
        ("indicators.csv", "i8", "deviation"): "部分纠纷当事人撤回调解申请。",
        ("reported_figures.csv", "r4", "value"): total,
        ("reported_figures.csv", "r5", "value"): grade,
    }
    result = mutated(tmp_path, edits)
    assert found(result) == Counter()
    assert str(result.total) == total
    assert result.grade == grade
    assert (figure(result, "r4").verdict, figure(result, "r5").verdict) == (Verdict.AGREES, Verdict.AGREES)
    assert figure(result, "score:i8").recomputed_text == i8_score


def test_the_other_grade_at_the_boundary_is_a_mismatch(tmp_path: Path) -> None:
    edits = {
        ("indicators.csv", "i9", "actual"): "7次",
        ("indicators.csv", "i9", "score"): "2.50",
        ("indicators.csv", "i8", "actual"): "84.75%",
        ("indicators.csv", "i8", "score"): "9.97",
        ("indicators.csv", "i8", "deviation"): "部分纠纷当事人撤回调解申请。",
        ("reported_figures.csv", "r4", "value"): "90.00",
        ("reported_figures.csv", "r5", "value"): "良",
    }
    assert found(mutated(tmp_path, edits)) == Counter({("GRADE_MISMATCH", E, GRADE): 1})


def test_a_deadline_missed_is_left_to_the_evaluator(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("indicators.csv", "i5", "actual"): "2025年1月10日"})
    fig = figure(result, "score:i5")
    assert fig.verdict is Verdict.CANNOT_CHECK and "逾期" in fig.note


def test_a_slip_in_the_forms_own_addition_is_named_apart_from_rescoring(tmp_path: Path) -> None:
    """A printed row score that re-scoring changes, and a printed total that adds neither the printed nor the
    re-scored parts: the form's own addition (9.20 + Σ printed scores = 95.20 ≠ 96.03) gets its own finding."""
    total = {("reported_figures.csv", "r4", "value"): "96.03"}
    result = mutated(tmp_path, {("indicators.csv", "i2", "score"): "8.50", **total})
    assert found(result) == Counter({("SCORE_MISMATCH", E, TRAINING): 1, ("SCORE_MISMATCH", E, TOTAL): 1,
                                     ("SUM_MISMATCH", E, TOTAL): 1})  # fmt: skip
    fig = figure(result, "addup:r4")
    assert (fig.verdict, fig.recomputed, fig.reported, fig.difference) == (
        Verdict.DIFFERS, Decimal("95.20"), "96.03", Decimal("0.83"))  # fmt: skip
    assert fig.formula == "预算执行得分 + Σ 原文指标得分"
    assert [p["reported"] for p in result.summary()["projects"]] == ["96.03"]  # not a second total of p1
    assert [i.value for i in fig.inputs][:2] == [Decimal("9.20"), Decimal("10")]
    # the printed total not adding its parts, which the total's own finding already states: a figure, no finding
    only_total = mutated(tmp_path / "b", total)
    assert figure(only_total, "addup:r4").verdict is Verdict.DIFFERS
    assert not [f for f in only_total.findings if f.code == "SUM_MISMATCH"]


def test_a_message_shows_the_rounding_that_the_difference_is_taken_at(tmp_path: Path) -> None:
    """原文 9, 复算 8.33: the difference (1) is taken at the printed precision, and the message says so."""
    result = mutated(tmp_path, {("indicators.csv", "i2", "score"): "9"})
    (msg,) = [f.message for f in result.findings if f.subject == TRAINING]
    assert "原文 9分，复算 8.33分" in msg and "按原文的 0 位小数四舍五入为 8分，相差 1分" in msg


def test_score_against_execution_names_the_point_gap_and_its_share(tmp_path: Path) -> None:
    """(S/90 − X/10) / (S/90) > 5 %: the message gives both numbers it is made of, not a third one."""
    result = mutated(tmp_path, {("funds.csv", "f-p1", "executed"): "100.00"})
    (msg,) = [f.message for f in result.findings if f.code == "SCORE_VS_EXECUTION"]
    assert "指标得分率 95.37% 比预算执行得分率 83.30% 高出 12.07 个百分点，占指标得分率的 12.65%（超过 5%）" in msg
