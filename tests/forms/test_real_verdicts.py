"""Verdicts the real forms of ``shared/forms/real`` ask for (W07, W10, W11), each by its kind: the smallest form
or CSV mutation that prints it that way, and the finding or figure a careful auditor would give.

- an expense-nature split (按支出性质分) that does not reach the funds total: a warning, not a recomputation
  error; parts that miss their own printed subtotal stay SUM_MISMATCH (W07);
- a large in-year budget adjustment (年初预算数 → 全年预算数): a note naming the 预算调整率, above the scheme's
  ``budget_adjustment`` (W07);
- a target table whose year's amounts are blank while the 实施期 amounts are printed: a warning (W10);
- 预算申报数 printed beside 项目总投资: compared, agrees or differs (W11).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.figures import Figure, Verdict
from perfnb.format.load import load_department
from perfnb.format.problems import Severity
from perfnb.format.schemes import load_scheme
from tests.engine.test_national import FUNDS_TOTAL, check, found, mutated
from tests.forms.test_import_kinds import imp

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO
FUNDS_CODES = ("SUM_MISMATCH", "EXPENSE_SPLIT_MISMATCH", "BUDGET_ADJUSTMENT", "ANNUAL_FUNDS_BLANK",
               "REQUEST_OVER_TOTAL", "REQUEST_BELOW_TOTAL")  # fmt: skip


def checked(tmp_path: Path, form: str) -> CheckResult:
    """Import ``form`` (sheet notation) as department ``d`` and check it."""
    result = imp(tmp_path, form)
    loaded = load_department("d", tmp_path / "raw")
    assert loaded.department is not None, [str(p) for p in loaded.problems]
    return check_department(loaded.department, department_dir=result.folder)


def funds_findings(result: CheckResult) -> Counter[tuple[str, Severity, str]]:
    return Counter((f.code, f.severity, f.subject) for f in result.findings if f.code in FUNDS_CODES)


def figure(result: CheckResult, fid: str) -> Figure:
    (fig,) = [f for f in result.figures if f.id == fid]
    return fig


# --- W07: the split by nature of expense against the total -------------------------------------------

# The Hunan whole-department form: label and amount in one cell; the expense split (1925.67) is 104.45 short of
# 全年执行数 2030.12 although its own parts add up. 年初预算数 is W07's 861.10 or, without an adjustment, 2030.12.
SPLIT_WITH_SUBTOTAL = """
2023年度部门整体支出绩效自评表 | < | < | < | < | < | <
预算部门、单位名称 | < | 某乡人民政府 | < | < | < | <
年度预算申请（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 自评得分
^ | 年度资金总额 | {initial} | 2030.12 | 2030.12 | 10 | 100% | 10
^ | 按收入性质分：2030.12 | < | < | 按支出性质分：1925.67 | < | < | <
^ | 其中：一般公共预算：1444.50 | < | < | 其中：基本支出：900.47 | < | < | <
^ | 其他资金：585.62 | < | < | 项目支出：{project} | < | < | <
"""

# The same split printed as headings without amounts (武侯区 layout): the parts are the total's directly.
SPLIT_UNDER_HEADINGS = """
部门整体支出绩效自评表 | < | < | < | < | < | < | <
（2023年度） | < | < | < | < | < | < | <
部门（单位）名称 | 某区市场监督管理局 | < | < | < | < | < | <
年度预算申请\\n（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
^ | 年度资金总额 | #2456.80 | 2,456.80 | 2,398.35 | #10 | 97.62% | #9.76
^ | 按收入性质分： | < | < | 按支出性质分： | < | < | <
^ | 其中：一般公共预算：2,200.00 | < | < | 其中：基本支出：1,650.30 | < | < | <
^ | 政府性基金拨款：100.00 | < | < | 项目支出：700.00 | < | < | <
^ | 其他资金：98.35 | < | < |  | < | < | <
"""


def test_an_expense_split_short_of_the_executed_total_is_a_warning(tmp_path: Path) -> None:
    """W07: 900.47 + 1025.20 = 1925.67 as printed, 104.45 short of 全年执行数 2030.12: the figure differs, the gap is
    an inconsistency to explain (warning), no recomputation error."""
    result = checked(tmp_path, SPLIT_WITH_SUBTOTAL.format(initial="2030.12", project="1025.20"))
    assert funds_findings(result) == Counter({("EXPENSE_SPLIT_MISMATCH", W, "年度资金总额"): 1})
    gap = figure(result, "sum:f-total:按支出性质分:executed")
    assert (gap.verdict, gap.reported, gap.recomputed) == (Verdict.DIFFERS, "2030.12", Decimal("1925.67"))
    (warning,) = [f for f in result.findings if f.code == "EXPENSE_SPLIT_MISMATCH"]
    assert (warning.reported, warning.recomputed, warning.figure_id) == ("2030.12", "1925.67", gap.id)
    assert "少 104.45万元" in warning.message and "差额需要说明" in warning.message
    assert figure(result, "sum:f-by_expense:按支出性质分:executed").verdict is Verdict.AGREES


def test_parts_missing_their_own_printed_subtotal_stay_an_error(tmp_path: Path) -> None:
    """900.47 + 1000.00 is not the printed 1925.67: that is SUM_MISMATCH (error) on the subtotal; the split against
    the total is still only the warning."""
    result = checked(tmp_path, SPLIT_WITH_SUBTOTAL.format(initial="2030.12", project="1000.00"))
    assert funds_findings(result) == Counter({("SUM_MISMATCH", E, "按支出性质分"): 1,
                                              ("EXPENSE_SPLIT_MISMATCH", W, "年度资金总额"): 1})  # fmt: skip


def test_an_expense_split_under_a_heading_is_the_same_kind(tmp_path: Path) -> None:
    """基本支出 1,650.30 + 项目支出 700.00 = 2350.30 written under a heading, as parts of the total itself: 48.05
    short of 全年执行数 2,398.35 — the same warning; the income split adds up."""
    result = checked(tmp_path, SPLIT_UNDER_HEADINGS)
    assert funds_findings(result) == Counter({("EXPENSE_SPLIT_MISMATCH", W, "年度资金总额"): 1})
    (warning,) = [f for f in result.findings if f.code == "EXPENSE_SPLIT_MISMATCH"]
    assert warning.figure_id == "sum:f-total:按支出性质分:executed" and "少 48.05万元" in warning.message
    assert figure(result, warning.figure_id).verdict is Verdict.DIFFERS
    assert figure(result, "sum:f-total:按收入性质分:executed").verdict is Verdict.AGREES


# --- W07: a large in-year budget adjustment ------------------------------------------------------------


def test_a_large_budget_adjustment_is_a_note_naming_its_rate(tmp_path: Path) -> None:
    """年初预算数 90 → 全年预算数 120 (+33.33 %, above the scheme's 20 %): a note; nothing else changes."""
    result = mutated(tmp_path, {("funds.csv", "f-p1", "budget_initial"): "90.00",
                                ("funds.csv", "f-p1-cur", "budget_initial"): "70.00"})  # fmt: skip
    assert found(result) == Counter({("BUDGET_ADJUSTMENT", N, FUNDS_TOTAL): 1})
    (note,) = result.findings
    assert (note.recomputed, note.reported, note.project_id) == ("33.33", "120.00", "p1")
    assert "调增 30.00万元，预算调整率 33.33%" in note.message and "超过 20%" in note.message
    assert "假定" in note.message


def test_a_cut_is_an_adjustment_too_and_the_threshold_is_the_schemes(tmp_path: Path) -> None:
    result = mutated(tmp_path, {("funds.csv", "f-p1", "budget_initial"): "200.00",
                                ("funds.csv", "f-p1-cur", "budget_initial"): "180.00"})  # fmt: skip
    (note,) = [f for f in result.findings if f.code == "BUDGET_ADJUSTMENT"]
    assert "调减 80.00万元，预算调整率 -40.00%" in note.message
    dept = load_department("synthetic-national-2024", tmp_path / "raw").department
    assert dept is not None
    scheme = load_scheme(dept.header.scheme)
    for setting in (None, 50):
        quiet = check_department(dept, scheme.model_copy(update={"budget_adjustment": setting}))
        assert not [f for f in quiet.findings if f.code == "BUDGET_ADJUSTMENT"], setting


def test_an_adjustment_at_the_threshold_is_no_finding() -> None:
    """The fixture's 100 → 120 is exactly 20 %: not above the threshold."""
    assert not [f for f in check().findings if f.code == "BUDGET_ADJUSTMENT"]


def test_the_w07_form_gets_both_verdicts(tmp_path: Path) -> None:
    """861.10 → 2030.12 (+135.76 %) and the split 104.45 short: a warning and a note, no error."""
    result = checked(tmp_path, SPLIT_WITH_SUBTOTAL.format(initial="861.10", project="1025.20"))
    assert funds_findings(result) == Counter({("EXPENSE_SPLIT_MISMATCH", W, "年度资金总额"): 1,
                                              ("BUDGET_ADJUSTMENT", N, "年度资金总额"): 1})  # fmt: skip
    (note,) = [f for f in result.findings if f.code == "BUDGET_ADJUSTMENT"]
    assert note.recomputed == "135.76" and "调增 1169.02万元" in note.message


# --- W10: the year's amounts blank beside the period's -------------------------------------------------

LABEL_VALUE_TARGET = """
项目支出绩效目标申报表 | < | < | <
（2023年度） | < | < | <
项目名称：文物保护经费 | < | 主管部门：文旅局 | <
项目资金\\n（元） | 实施期资金总额 | 1,000,000 | 年度资金总额 | {year}
^ | 其中：财政资金 | 1,000,000 | 其中：财政资金 | {year}
^ | 单位自筹 | 0 | 单位自筹 | {own}
"""

COLUMN_TARGET = """
项目支出绩效目标表 | < | < | < | < | <
（2024年度） | < | < | < | < | <
项目名称 | 数据平台建设 | < | < | < | <
项目资金（万元） |  | 实施期资金总额 | < | 年度资金总额 | <
^ | 资金总额 | #600 | < | {year} | <
^ | 其中：财政资金 | #550 | < | {year} | <
^ | 其他资金 | #50 | < |  | <
"""


@pytest.mark.parametrize("form", [LABEL_VALUE_TARGET, COLUMN_TARGET], ids=["label-value", "columns"])
def test_annual_amounts_blank_beside_the_period_are_a_warning(tmp_path: Path, form: str) -> None:
    """W10: 实施期资金总额 printed, 年度资金总额 and its parts blank — whether as label–value pairs (Shanxi) or as the
    national table's columns."""
    result = checked(tmp_path, form.format(year="", own=""))
    assert funds_findings(result) == Counter({("ANNUAL_FUNDS_BLANK", W, "年度资金总额"): 1})
    (warning,) = [f for f in result.findings if f.code == "ANNUAL_FUNDS_BLANK"]
    assert "都是空的" in warning.message and "本年度预算没有填写" in warning.message


def test_annual_amounts_printed_are_no_finding(tmp_path: Path) -> None:
    result = checked(tmp_path, LABEL_VALUE_TARGET.format(year="1,000,000", own="0"))
    assert funds_findings(result) == Counter()
    (tmp_path / "c").mkdir()
    assert funds_findings(checked(tmp_path / "c", COLUMN_TARGET.format(year="#550"))) == Counter()  # a part is printed


# --- W11: 预算申报数 beside 项目总投资 ---------------------------------------------------------------

REQUESTED = """
省级部门预算项目支出绩效目标表（2023年度） | < | < | < | < | <
一级项目名称 | 文化事业发展专项资金 | < | 二级项目名称 | 博物馆纪念馆市级免费开放补助资金 | <
项目总投资 | 20万元 | 中央补助安排 | 0 | 省级财政安排 | 0
其他资金 | 20万元 | 预算申报数 | {asked} | 资金性质 | 一般公共预算
一级指标 | 二级指标 | 三级指标 | < | 指标目标值 | <
产出指标 | 数量指标 | 免费开放天数 | < | =300天 | <
"""


def test_requested_amount_equal_to_the_total_investment_agrees(tmp_path: Path) -> None:
    """W11: 预算申报数 20万元 = 项目总投资 20万元 — a figure that agrees, no finding."""
    result = checked(tmp_path, REQUESTED.format(asked="20万元"))
    fig = figure(result, "requested:f-p1-requested")
    assert (fig.verdict, fig.reported, fig.recomputed, fig.unit) == (Verdict.AGREES, "20", Decimal(20), "万元")
    assert funds_findings(result) == Counter()


@pytest.mark.parametrize(("asked", "code", "severity"), [("30万元", "REQUEST_OVER_TOTAL", W),
                                                         ("8万元", "REQUEST_BELOW_TOTAL", N)])  # fmt: skip
def test_requested_amount_differing_from_the_total_investment(
    tmp_path: Path, asked: str, code: str, severity: Severity
) -> None:
    """More than the whole project asked for one year: a warning; less: a note (a project of several years)."""
    result = checked(tmp_path, REQUESTED.format(asked=asked))
    assert figure(result, "requested:f-p1-requested").verdict is Verdict.DIFFERS
    assert funds_findings(result) == Counter({(code, severity, "预算申报数"): 1})
