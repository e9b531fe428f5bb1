"""The verdicts a careful auditor gives on real forms (issue 15 §1–§10), each from its minimal form.

Every test imports the smallest 项目支出绩效自评表 that shows one way real forms print a figure (the
notation of ``tests/forms/sheet.py``), checks it, and asserts the verdict, its basis and the finding.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from perfnb import load
from perfnb.cli import cli
from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.figures import Figure, Verdict
from perfnb.engine.scoring import names_grade
from perfnb.format.bands import GRADE_SYNONYMS
from perfnb.format.problems import Severity
from perfnb.format.schemes import national_grades
from perfnb.format.targets import in_target_unit, parse_value
from perfnb.forms.importer import import_forms
from tests.forms.sheet import Sheet, write_xlsx

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

HEAD = """
项目支出绩效自评表 | <
（2023年度） | <
项目名称 | 测试项目 | < | < | < | < | < | <
项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
"""
FUNDS = "^ | 年度资金总额 | #100 | #100 | #95 | #10 | 95% | #9.5\n"
INDICATORS = "年度总体目标 | 完成培训\n一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
QUALITY = "产出指标 | 质量指标 | 合格率 | ≥90% | 95% | #20 | #20\n"
REST = """效益指标 | 社会效益指标 | 覆盖率 | ≥90% | 95% | #30 | #30
满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 92% | #10 | #10
"""


def checked(tmp_path: Path, rows: str, funds: str = FUNDS) -> CheckResult:
    """Import the form HEAD + funds + rows as department ``d`` and check it."""
    path = write_xlsx(tmp_path / "form.xlsx", [Sheet("表1", HEAD + funds + INDICATORS + rows)])
    import_forms([path], "d", tmp_path / "raw")
    return check_department(load("d", tmp_path / "raw"))


def figure(result: CheckResult, label: str) -> Figure:
    (fig,) = [f for f in result.figures if f.label == label]
    return fig


def codes(result: CheckResult) -> Counter[tuple[str, Severity]]:
    return Counter((f.code, f.severity) for f in result.findings)


def finding_of(result: CheckResult, code: str) -> str:
    (message,) = [f.message for f in result.findings if f.code == code]
    return message


# --- §1 truncation is never agreement --------------------------------------------------------------


def test_a_score_only_truncation_reproduces_differs_with_basis_truncation(tmp_path: Path) -> None:
    """Weight 30, target 100 %, actual 95 %: 28.5, printed 28 → differs, basis 截断, a warning."""
    rows = "产出指标 | 数量指标 | 完成率 | ≥100% | 95% | #30 | #28\n" + QUALITY + REST.replace("#30 | #30", "#30 | #30")
    result = checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #97.5\n")
    fig = figure(result, "完成率得分")
    assert (fig.recomputed, fig.verdict, fig.basis) == (Decimal("28.5"), Verdict.DIFFERS, "截断")
    assert [(f.code, f.severity) for f in result.findings if f.subject == "完成率" and f.code == "SCORE_MISMATCH"] == [
        ("SCORE_MISMATCH", W)
    ]


# --- §2 a rate printed as a fraction ----------------------------------------------------------------


def test_a_rate_printed_as_a_fraction_is_compared_as_a_fraction(tmp_path: Path) -> None:
    funds = "^ | 年度资金总额 | #100 | #100 | #95.86 | #10 | #0.9586 | #9.59\n"
    rows = "产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #30 | #30\n" + QUALITY + REST
    result = checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #99.59\n", funds)
    fig = figure(result, "预算执行率")
    assert (fig.reported, fig.recomputed, fig.verdict) == ("0.9586", Decimal("0.9586"), Verdict.AGREES)
    assert "原文以小数印比率（0.9586 即 95.86%），按小数比较" in fig.note
    assert not [f for f in result.findings if f.code == "RATE_MISMATCH"]


def test_a_fraction_that_is_truncated_says_both(tmp_path: Path) -> None:
    """执行率 0.958 for 95.86 %: never “原文 0.958%，相差 -94.9%”."""
    funds = "^ | 年度资金总额 | #100 | #100 | #95.86 | #10 | #0.958 | #9.59\n"
    rows = "产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #30 | #30\n" + QUALITY + REST
    result = checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #99.59\n", funds)
    fig = figure(result, "预算执行率")
    assert (fig.verdict, fig.basis) == (Verdict.DIFFERS, "截断")
    message = finding_of(result, "RATE_MISMATCH")
    assert "原文 0.958，复算 0.959" in message and "按小数比较" in message
    assert "0.958%" not in message and "94." not in message


# --- §3 printed weights and the scheme's maximum ----------------------------------------------------


def test_printed_weights_above_the_printed_total_and_a_total_above_100(tmp_path: Path) -> None:
    """10 + 70 + 20 + 10 = 110 against a printed 100: 总分值 differs (error); 109.5 > 100 is an error."""
    rows = """产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #70 | #70
效益指标 | 社会效益指标 | 覆盖率 | ≥90% | 95% | #20 | #20
满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 92% | #10 | #10
总分 | < | < | < | < | #100 | #109.5
评价等级 | 优
"""
    result = checked(tmp_path, rows)
    weights = figure(result, "p1 总分值")
    assert (weights.reported, weights.recomputed, weights.verdict) == ("100", Decimal(110), Verdict.DIFFERS)
    found = codes(result)
    assert found[("WEIGHT_MISMATCH", E)] == 2  # the rows against 90, and the printed 总分值
    assert found[("TOTAL_OVER_MAXIMUM", E)] == 1
    assert "超过评分方案" in finding_of(result, "TOTAL_OVER_MAXIMUM")
    assert figure(result, "p1 评价等级").verdict is Verdict.AGREES  # graded 优 all the same: the total is the error


# --- §4 placeholder rows --------------------------------------------------------------------------


def test_a_placeholder_row_does_not_switch_off_the_weight_checks(tmp_path: Path) -> None:
    """A row whose only text is 指标2： inside merged 产出/数量 cells; weights 60 + 30 + 10; total 109."""
    rows = """产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #60 | #60
^ | ^ | 指标2： |  |  |  |
效益指标 | 社会效益指标 | 覆盖率 | ≥90% | 95% | #30 | #30
满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 92% | #10 | #9.5
总分 | < | < | < | < | #100 | #109
评价等级 | 优
"""
    result = checked(tmp_path, rows)
    found = codes(result)
    assert found[("WEIGHT_MISMATCH", E)] == 2
    assert found[("TOTAL_OVER_MAXIMUM", E)] == 1
    assert found[("WEIGHT_DEPARTURE", N)] == 1  # 产出 60 against the default 50
    assert found[("SCORE_VS_EXECUTION", W)] == 1
    assert figure(result, "p1 总分").verdict is Verdict.DIFFERS
    assert len(result.department.indicators) == 3  # the placeholder is no indicator


# --- §6 identical target and actual, §7 an actual without unit ----------------------------------------


@pytest.mark.parametrize(
    ("target", "actual"), [("市级保护单位", "市级保护单位"), ("合格", "合格"), ("5", "5"), ("验收 合格", "验收合格")]
)
def test_an_actual_identical_to_its_target_is_met(tmp_path: Path, target: str, actual: str) -> None:
    rows = f"产出指标 | 数量指标 | 保护级别 | {target} | {actual} | #30 | #30\n" + QUALITY + REST
    result = checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #99.5\n")
    fig = figure(result, "保护级别得分")
    assert (fig.recomputed, fig.verdict) == (Decimal(30), Verdict.AGREES)


def test_an_actual_without_unit_is_read_in_the_targets_unit_with_a_note(tmp_path: Path) -> None:
    rows = "产出指标 | 数量指标 | 场馆数 | ≥50个 | 40 | #30 | #24\n" + QUALITY + REST
    result = checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #93.5\n")
    fig = figure(result, "场馆数得分")
    assert (fig.recomputed, fig.verdict) == (Decimal(24), Verdict.AGREES)  # 30 × 40/50
    assert "实际完成值“40”未写单位，按年度指标值的单位读作“40个”" in fig.note


@pytest.mark.parametrize(
    ("target", "actual", "read"),
    [
        ("≥50个", "50", "50个"),
        ("≥90%", "95", "95%"),
        ("≤100万元", "98.5", "98.5万元"),
        ("≥1500人次", "1620", "1620人次"),
    ],
)
def test_in_target_unit(target: str, actual: str, read: str) -> None:
    got = in_target_unit(parse_value(target), parse_value(actual), 2023)
    assert got is not None and got.raw == read


@pytest.mark.parametrize(("target", "actual"), [("≥50个", "50个"), ("完成", "50"), ("≥50个", "约50")])
def test_in_target_unit_leaves_what_is_not_a_bare_number(target: str, actual: str) -> None:
    assert in_target_unit(parse_value(target), parse_value(actual), 2023) is None


# --- §8 grade words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "grade"), [("优秀", "优"), ("良好", "良"), ("合格", "中"), ("不合格", "差"), ("优", "优")]
)
def test_grade_synonyms_name_their_grade(printed: str, grade: str) -> None:
    assert names_grade(printed, grade, national_grades())
    assert not names_grade(printed, "良" if grade != "良" else "优", national_grades())


def test_every_synonym_names_one_grade_only() -> None:
    words = [w for names in GRADE_SYNONYMS.values() for w in names]
    assert len(words) == len(set(words))


def test_a_grade_printed_as_youxiu_is_no_grade_mismatch(tmp_path: Path) -> None:
    rows = "产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #30 | #30\n" + QUALITY + REST
    result = checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #99.5\n评价等级 | 优秀\n")
    assert figure(result, "p1 评价等级").verdict is Verdict.AGREES
    assert not [f for f in result.findings if f.code == "GRADE_MISMATCH"]


def test_validate_warns_on_a_grade_word_no_scheme_knows(tmp_path: Path) -> None:
    rows = "产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #30 | #30\n" + QUALITY + REST
    checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #99.5\n评价等级 | 优秀\n")
    reported = tmp_path / "raw" / "d" / "reported_figures.csv"
    text = reported.read_text(encoding="utf-8-sig")
    reported.write_text(text.replace(",优秀,", ",甲等,"), encoding="utf-8-sig")
    out = CliRunner().invoke(cli, ["validate", "d", "--data-dir", str(tmp_path / "raw")])
    assert "甲等" in out.output and "不是任何评分方案的评价等级" in out.output


# --- §10 nothing checked is not success -------------------------------------------------------------


def test_a_scored_form_with_nothing_checkable_says_so(tmp_path: Path) -> None:
    rows = """产出指标 | 数量指标 | 培训情况 | 完成 | 较好 | #50 | #45
效益指标 | 社会效益指标 | 效果 | 明显 | 较好 | #30 | #28
满意度指标 | 服务对象满意度指标 | 满意度 | 高 | 较高 | #10 | #9
"""
    result = checked(tmp_path, rows, funds="")
    assert codes(result)[("NOTHING_CHECKED", W)] == 1
    assert result.summary()["nothing_checked"] is True
    out = CliRunner().invoke(
        cli, ["check", "d", "--data-dir", str(tmp_path / "raw"), "--processed-dir", str(tmp_path / "p")]
    )
    assert "（没有一个原文数字能复核）" in out.output


def test_a_form_with_one_figure_checked_is_not_nothing_checked(tmp_path: Path) -> None:
    rows = "产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #30 | #30\n" + QUALITY + REST
    result = checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #99.5\n")
    assert not [f for f in result.findings if f.code == "NOTHING_CHECKED"]
    assert result.summary()["nothing_checked"] is False


def test_nothing_checked_shows_in_the_report_summary_and_on_the_index(tmp_path: Path) -> None:
    from perfnb.report.notebook import Report
    from perfnb.run.entries import Entry
    from perfnb.run.index import write_index

    rows = """产出指标 | 数量指标 | 培训情况 | 完成 | 较好 | #50 | #45
效益指标 | 社会效益指标 | 效果 | 明显 | 较好 | #30 | #28
满意度指标 | 服务对象满意度指标 | 满意度 | 高 | 较高 | #10 | #9
"""
    checked(tmp_path, rows, funds="")
    summary = Report.build("d", tmp_path / "raw").summary()
    assert 'data-field="nothing-checked"' in summary and "没有一个原文数字能复核" in summary
    counts = {"error": 0, "warning": 1, "info": 0}
    entries = [Entry("d", True, findings=counts, nothing_checked=True, report="d.html"),
               Entry("e", True, findings=counts, report="e.html")]  # fmt: skip
    index = write_index(entries, tmp_path / "rep").read_text(encoding="utf-8")
    row_d, row_e = index.split('data-dept="d"')[1].split("</tr>")[0], index.split('data-dept="e"')[1].split("</tr>")[0]
    assert "没有一个原文数字能复核" in row_d and "没有一个原文数字能复核" not in row_e
    assert "（没有一个原文数字能复核）" in entries[0].line() and "复核）" not in entries[1].line()


# --- §9 half-up everywhere ----------------------------------------------------------------------------


def test_the_unspent_share_is_rounded_half_up(tmp_path: Path) -> None:
    """(800 − 639) / 800 = 20.125 %: 20.13 half-up (half-even would print 20.12)."""
    funds = "^ | 年度资金总额 | #800 | #800 | #639 | #10 | 79.88% | #7.99\n"
    rows = "产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #30 | #30\n" + QUALITY + REST
    result = checked(tmp_path, rows, funds)
    (low,) = [f for f in result.findings if f.code == "LOW_EXECUTION"]
    assert low.recomputed == "20.13" and "20.13%" in low.message


@given(st.decimals(min_value=Decimal("0.03"), max_value=Decimal("1.5"), places=4))
def test_any_fraction_is_read_as_a_fraction_of_its_percentage(fraction: Decimal) -> None:
    from perfnb.engine.reconcile.printedrates import _printed_as_fraction

    assert _printed_as_fraction(str(fraction), fraction * 100)
    assert not _printed_as_fraction(str(fraction * 100), fraction * 100)  # printed as a percentage: as is


def test_satisfaction_filed_under_benefit_is_no_empty_category(tmp_path: Path) -> None:
    """Older templates put 服务对象满意度指标 under 效益指标: 满意度 is not missing."""
    rows = "产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | #30 | #30\n" + QUALITY
    rows += "效益指标 | 社会效益指标 | 覆盖率 | ≥90% | 95% | #30 | #30\n"
    rows += "效益指标 | 服务对象满意度指标 | 满意度 | ≥90% | 92% | #10 | #10\n"
    result = checked(tmp_path, rows + "总分 | < | < | < | < | #100 | #99.5\n")
    assert not [f for f in result.findings if f.code == "EMPTY_CATEGORY"]
