"""Target quality (perfnb.engine.quality): one block of unit tests per rule, then the seeds as golden cases."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from perfnb import Department, load
from perfnb.engine.findings import CODES, Finding
from perfnb.engine.quality import CHECKS, check_targets, cost, structure, timing, units, wording
from perfnb.engine.quality import narrative as narrative_check
from perfnb.format.problems import Severity
from perfnb.format.schema import DepartmentHeader, FundLine, Indicator, NarrativeTarget, Project
from tests.conftest import RAW

# --- building small departments -------------------------------------------------------------


def ind(
    row_id: str,
    level1: str,
    level2: str | None,
    level3: str | None,
    target: str | None = None,
    *,
    project: str | None = "p1",
    **extra: str,
) -> dict[str, Any]:
    """An indicator row as a dict (validated by :func:`make`)."""
    return {
        "id": row_id,
        "project_id": project,
        "level1": level1,
        "level2": level2,
        "level3": level3,
        "target": target,
        **extra,
    }


def complete(project: str = "p1", prefix: str = "c") -> list[dict[str, Any]]:
    """A project table with every required category filled and nothing to report."""
    return [
        ind(f"{prefix}1", "产出指标", "数量指标", "举办培训班", "≥2场", project=project),
        ind(f"{prefix}2", "产出指标", "质量指标", "培训合格率", "≥90%", project=project),
        ind(f"{prefix}3", "产出指标", "时效指标", "完成时间", "2025年12月底前", project=project),
        ind(f"{prefix}4", "产出指标", "成本指标", "每场培训成本", "≤1万元", project=project),
        ind(f"{prefix}5", "效益指标", "社会效益指标", "参训人次", "≥200人次", project=project),
        ind(f"{prefix}6", "满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", project=project),
    ]


def make(
    indicators: Sequence[dict[str, Any]],
    *,
    projects: Sequence[dict[str, Any]] = ({"id": "p1", "name": "培训项目"},),
    funds: Sequence[dict[str, Any]] = (),
    narratives: Sequence[dict[str, Any]] = (),
    year: int = 2025,
    kind: str = "target_table",
    money_unit: str = "元",
) -> Department:
    """An in-memory department from plain dicts."""
    header = DepartmentHeader.model_validate(
        {
            "id": "test-dept",
            "name": "测试单位",
            "region": "某市",
            "fiscal_year": year,
            "kind": kind,
            "money_unit": money_unit,
            "scheme": "targets-only",
            "source": {"file": "test.txt", "title": "测试绩效目标表"},
        }
    )
    return Department(
        header=header,
        projects=tuple(Project.model_validate(p) for p in projects),
        funds=tuple(FundLine.model_validate(f) for f in funds),
        indicators=tuple(Indicator.model_validate(i) for i in indicators),
        narrative_targets=tuple(NarrativeTarget.model_validate(n) for n in narratives),
        reported_figures=(),
    )


def budget(amount: str, project: str = "p1", unit: str | None = None) -> dict[str, Any]:
    """A project's budget row (来源, no parent)."""
    return {
        "id": f"f-{project}",
        "project_id": project,
        "side": "来源",
        "line": "预算数",
        "budget": amount,
        "unit": unit,
    }


def of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def keys(findings: list[Finding]) -> Counter[tuple[str, str | None, str]]:
    return Counter((f.code, f.project_id, f.subject) for f in findings)


def test_a_complete_table_gives_no_findings() -> None:
    assert (
        check_targets(
            make([*complete(), *complete("p2", "d")], projects=[{"id": "p1", "name": "甲"}, {"id": "p2", "name": "乙"}])
        )
        == []
    )


def test_findings_use_only_known_codes_and_name_their_cell() -> None:
    dept = make([*complete(), ind("x", "产出指标", "质量指标", "室内温度", "≥18%")])
    (found,) = check_targets(dept)
    assert found.code in CODES
    assert found.cell is not None and found.cell.column == "target"
    assert (found.subject, found.project_id) == ("室内温度", "p1")


# --- 1. empty and missing categories --------------------------------------------------------


def test_blank_required_category_is_a_warning_and_optional_effect_an_info() -> None:
    rows = [
        *complete(),
        ind("e1", "产出指标", "质量指标", None),
        ind("e2", "效益指标", "生态效益指标", None),
        ind("e3", "效益指标", "可持续影响指标", None),
        ind("e4", "效益指标", "经济效益指标", None),  # another 效益 row is filled: not required
    ]
    found = {f.subject: f for f in of(check_targets(make(rows)), "EMPTY_CATEGORY")}
    assert {s: f.severity for s, f in found.items()} == {
        "质量指标": Severity.WARNING,
        "生态效益指标": Severity.INFO,
        "可持续影响指标": Severity.INFO,
        "经济效益指标": Severity.INFO,
    }
    assert found["质量指标"].cell is not None and found["质量指标"].cell.column == "level3"
    assert "产出指标/质量指标" in found["质量指标"].message


def test_blank_satisfaction_and_only_effect_rows_are_warnings() -> None:
    rows = [
        *complete()[:4],
        ind("e1", "效益", "社会效益", None),
        ind("e2", "满意度", "服务对象满意度", None),
    ]
    found = of(check_targets(make(rows)), "EMPTY_CATEGORY")
    assert {(f.subject, f.severity) for f in found} == {
        ("社会效益", Severity.WARNING),
        ("服务对象满意度", Severity.WARNING),
    }


def test_project_without_quantity_or_quality_and_timeliness_rows() -> None:
    rows = [r for r in complete() if r["level2"] not in ("数量指标", "质量指标", "时效指标")]
    found = of(check_targets(make(rows)), "EMPTY_CATEGORY")
    assert {f.subject for f in found} == {"数量指标", "质量指标/时效指标"}
    assert all(f.project_id == "p1" for f in found)


def test_quality_alone_is_enough_without_timeliness() -> None:
    rows = [r for r in complete() if r["level2"] != "时效指标"]
    assert of(check_targets(make(rows)), "EMPTY_CATEGORY") == []


def test_project_without_effect_or_satisfaction() -> None:
    rows = complete()[:4]
    found = of(check_targets(make(rows)), "EMPTY_CATEGORY")
    assert {f.subject for f in found} == {"效益指标", "满意度指标"}


def test_department_rows_cover_every_project() -> None:
    """A department-wide 满意度 row (project_id blank) serves all projects, as in nanchang."""
    rows = [r for r in complete() if r["level1"] != "满意度指标"]
    rows.append(ind("s", "满意度", "服务对象满意度", "社会公众满意度", "≥95%", project=None))
    assert of(check_targets(make(rows)), "EMPTY_CATEGORY") == []


def test_department_table_without_output_only_reports_blank_rows() -> None:
    """A 决策/过程/履职 table (nantong) is not asked for 产出 categories."""
    rows = [
        ind("a", "决策", "目标设定", "绩效目标合理性", "合理", project=None),
        ind("b", "履职", "预审服务", "专利预审案件", "≥3500件", project=None),
        ind("c", "效益指标", "社会效益", "专利授权量", "≥100件", project=None),
        ind("d", "效益指标", "生态效益", None, project=None),
        ind("e", "满意度指标", "服务对象满意度", None, project=None),
    ]
    found = of(check_targets(make(rows, projects=())), "EMPTY_CATEGORY")
    assert {(f.subject, f.severity, f.project_id) for f in found} == {
        ("生态效益", Severity.INFO, None),
        ("服务对象满意度", Severity.WARNING, None),
    }


# --- 2. duplicates --------------------------------------------------------------------------


def test_duplicate_name_reported_once_on_the_second_row() -> None:
    rows = [*complete(), ind("dup", "产出指标", "数量指标", "举办 培训班", "≥3场")]
    (found,) = of(check_targets(make(rows)), "DUPLICATE_INDICATOR")
    assert found.subject == "举办 培训班"
    assert found.cell is not None and found.cell.column == "level3"
    assert "与“举办培训班”一行重名" in found.message  # the first row by its name (or file row), never its id


def test_same_name_in_another_category_or_project_is_not_a_duplicate() -> None:
    rows = [
        *complete(),
        *complete("p2", "d"),
        ind("x", "产出指标", "质量指标", "举办培训班", "≥2场"),
        ind("y", "产出指标", "数量指标", "完成支付"),  # no target: a phrase, not a target row
        ind("z", "产出指标", "数量指标", "完成支付"),
    ]
    projects = [{"id": "p1", "name": "甲"}, {"id": "p2", "name": "乙"}]
    assert of(check_targets(make(rows, projects=projects)), "DUPLICATE_INDICATOR") == []


# --- 3. half-year against full-year --------------------------------------------------------


@pytest.mark.parametrize(
    ("half", "full", "raised"),
    [
        ("=41.4%", "=100%", False),  # nantong i09
        ("≥1500件", "≥3500件", False),
        ("≥4000件", "≥3500件", True),
        ("≥98%", "≥95%", True),
        ("=100%", "=50%", True),
        ("≤60万元", "≤50万元", True),  # a half-year cap above the year's
        ("≤20万元", "≤50万元", False),
        ("≤300000元", "≤50万元", False),  # money compared in 元
        ("≤3%", "≤5%", True),  # a rate stricter in the half year
        ("≤5%", "≤5%", False),
        ("≥4000份", "≥3500件", False),  # different units: not compared
        ("完善", "完善", False),
    ],
)
def test_target_order(half: str, full: str, raised: bool) -> None:
    rows = [*complete(), ind("h", "产出指标", "数量指标", "受理量", full, target_half=half)]
    found = of(check_targets(make(rows)), "TARGET_ORDER")
    assert bool(found) is raised
    if raised:
        assert found[0].cell is not None and found[0].cell.column == "target_half"
        assert half in found[0].message and full in found[0].message


# --- 4. deadlines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "raised"),
    [
        ("2015年12月前", True),  # binhai p2, fiscal year 2025
        ("2025年12月底前", False),
        ("12月底前", False),  # year taken from the header
        ("2025年全年", False),
        ("2025年1月—12月", False),
        ("2025年1月—2026年6月", True),
        ("2026年3月底前", True),
        ("及时", False),
    ],
)
def test_deadline_in_fiscal_year(target: str, raised: bool) -> None:
    rows = [*complete(), ind("t", "产出指标", "时效指标", "系统建设完成时间", target)]
    found = of(check_targets(make(rows)), "DEADLINE_OUTSIDE_YEAR")
    assert bool(found) is raised
    if raised:
        assert target in found[0].message and "2025" in found[0].message


def test_deadline_uses_project_period_and_ignores_actuals_and_other_categories() -> None:
    projects = [{"id": "p1", "name": "跨年项目", "start_date": "2024-07-01", "end_date": "2025-06-30"}]
    rows = [
        *complete(),
        ind("t1", "产出指标", "时效指标", "一期完成时间", "2024年12月底前"),
        ind("t2", "产出指标", "时效指标", "二期完成时间", "2025年12月底前"),
        ind("t3", "产出指标", "时效指标", "验收时间", None, actual="2026年1月"),
        ind("t4", "产出指标", "质量指标", "数据更新至", "2023年12月底前"),
    ]
    found = of(check_targets(make(rows, projects=projects)), "DEADLINE_OUTSIDE_YEAR")
    # c3 "2025年12月底前" is outside the project period too
    assert {f.subject for f in found} == {"二期完成时间", "完成时间"}


def test_period_target_checked_only_against_project_dates() -> None:
    rows = [*complete(), ind("t", "产出指标", "时效指标", "建成时间", "2025年12月底前", target_period="2027年12月底前")]
    assert of(check_targets(make(rows)), "DEADLINE_OUTSIDE_YEAR") == []


# --- 5. units -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level2", "name", "target", "raised"),
    [
        ("质量指标", "室内温度", "≥18%", True),  # binhai i4-07
        ("数量指标", "培训人数", "≥80%", True),
        ("数量指标", "培训人数", "≥80人", False),
        ("质量指标", "培训人数增长率", "≥10%", False),
        ("质量指标", "项目验收通过率", "≥5件", True),
        ("质量指标", "项目验收通过率", "≥90百分比", False),  # 百分比 = %
        ("质量指标", "工作效率", "≥2件", False),  # 效率 is not a rate
        ("成本指标", "平均成本率", "≤5万元", False),  # money in a cost row
    ],
)
def test_unit_fits_the_measure(level2: str, name: str, target: str, raised: bool) -> None:
    rows = [*complete(), ind("u", "产出指标", level2, name, target)]
    found = of(check_targets(make(rows)), "UNIT_MISMATCH")
    assert bool(found) is raised
    if raised:
        assert name in found[0].message and target in found[0].message


@pytest.mark.parametrize(("target", "raised"), [("≥90分", True), ("满意", True), ("≥90%", False), ("≥90百分比", False)])
def test_satisfaction_must_be_a_percentage(target: str, raised: bool) -> None:
    rows = [*complete()[:5], ind("s", "满意度指标", "服务对象满意度指标", "企业满意度", target)]
    assert bool(of(check_targets(make(rows)), "UNIT_MISMATCH")) is raised


# --- 6. percentages out of range ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("l1", "l2", "name", "target", "raised"),
    [
        ("满意度指标", "服务对象满意度指标", "企业满意度", "≥120%", True),
        ("满意度指标", "服务对象满意度指标", "企业满意度", "≥95%", False),
        ("产出指标", "质量指标", "完成率", "≥110%", True),
        ("产出指标", "质量指标", "非税收入预算完成率", "≥100%", False),
        ("产出指标", "质量指标", "合格率", "80%-120%", True),
        ("效益指标", "经济效益指标", "专利授权量增长率", "≥150%", False),
        ("效益指标", "经济效益指标", "三公经费变动率", "≤-5%", False),
    ],
)
def test_percentage_range(l1: str, l2: str, name: str, target: str, raised: bool) -> None:
    rows = [*complete(), ind("r", l1, l2, name, target)]
    found = of(check_targets(make(rows)), "VALUE_OUT_OF_RANGE")
    assert bool(found) is raised
    if raised:
        assert target in found[0].message


# --- 7. unmeasurable and vague targets -------------------------------------------------------


@pytest.mark.parametrize(
    ("level2", "name", "target", "raised"),
    [
        ("数量指标", "培训覆盖面", "明显提升", True),
        ("成本指标", "培训成本", "合理", True),
        ("时效指标", "完成时间", "及时", True),
        ("质量指标", "培训合格率", "较高", True),
        ("质量指标", "数据库覆盖范围", "涉案主体、案件类型等", False),  # not a rate: words are fine
        ("数量指标", "培训班", "≥2期", False),
    ],
)
def test_unmeasurable_output_target(level2: str, name: str, target: str, raised: bool) -> None:
    rows = [*complete(), ind("m", "产出指标", level2, name, target)]
    found = of(check_targets(make(rows)), "UNMEASURABLE_TARGET")
    assert bool(found) is raised


def test_operator_without_number_is_unmeasurable_in_any_category() -> None:
    rows = [*complete(), ind("m", "效益指标", "社会效益指标", "服务企业数", "≥家")]
    (found,) = of(check_targets(make(rows)), "UNMEASURABLE_TARGET")
    assert found.severity is Severity.WARNING and "≥家" in found.message


@pytest.mark.parametrize(
    ("target", "raised"),
    [
        ("效果显著", True),
        ("作用显著", True),
        ("明显提升", True),
        ("不断提升", True),
        ("持续改善", True),
        ("有所提高", True),
        ("逐步改善", True),
        ("提升发明专利授权量", True),
        ("持续有效", False),
        ("良好", False),
        ("≥10%", False),
    ],
)
def test_vague_effect_target(target: str, raised: bool) -> None:
    rows = [*complete(), ind("v", "效益指标", "社会效益指标", "服务质量", target, target_half=target)]
    found = of(check_targets(make(rows)), "VAGUE_TARGET")
    assert len(found) == (1 if raised else 0)  # one per indicator, not one per column
    if raised:
        assert found[0].severity is Severity.INFO and target in found[0].message


def test_vague_wording_outside_effects_is_not_vague_target() -> None:
    rows = [*complete(), ind("v", "满意度指标", "服务对象满意度指标", "服务质量", "效果显著")]
    assert of(check_targets(make(rows)), "VAGUE_TARGET") == []


# --- 8. narrative targets ---------------------------------------------------------------------


def narrative(quantity: str, indicator: str = "n", horizon: str = "年度") -> dict[str, Any]:
    return {
        "id": "w1",
        "horizon": horizon,
        "text": f"完成{quantity}专利预审",
        "quantity": quantity,
        "indicator_id": indicator,
    }


@pytest.mark.parametrize(
    ("said", "target", "raised"),
    [
        ("不少于2500件", "≥3500件", True),  # nantong n6 / i34
        ("不少于250件", "≥350件", True),  # nantong n7 / i33
        ("不少于4000件", "≥3500件", True),
        ("不少于3500件", "≥3500件", False),
        ("3500件", "≥3500件", False),
        ("10场以上", "≥10场", False),
        ("1-2份", "≥1份", False),
        ("1-2份", "≥3份", True),
        ("2份", "1-3份", False),
        ("80亿", "≥80亿元", False),
        ("90亿", "≥80亿元", True),
        ("240件", "≥240", False),
        ("15%", "15%", False),
        ("不少于2500人次", "≥3500件", False),  # different units: not compared
        ("不少于2500件", "健全", False),
    ],
)
def test_narrative_against_indicator(said: str, target: str, raised: bool) -> None:
    rows = [*complete(), ind("n", "产出指标", "数量指标", "专利预审案件", target)]
    found = of(check_targets(make(rows, narratives=[narrative(said)])), "TARGET_CONFLICT")
    assert bool(found) is raised
    if raised:
        f = found[0]
        assert (f.subject, f.project_id, f.reported, f.recomputed) == ("专利预审案件", "p1", said, target)
        assert said in f.message and target in f.message
        assert f.cell is not None and f.cell.file.endswith("narrative_targets.csv") and f.cell.column == "quantity"


def test_long_horizon_compares_with_period_target_only() -> None:
    rows = [*complete(), ind("n", "产出指标", "数量指标", "专利预审案件", "≥3500件")]
    assert (
        of(check_targets(make(rows, narratives=[narrative("不少于15000件", horizon="中长期")])), "TARGET_CONFLICT")
        == []
    )
    rows[-1]["target_period"] = "≥17500件"
    found = of(check_targets(make(rows, narratives=[narrative("不少于15000件", horizon="中长期")])), "TARGET_CONFLICT")
    assert len(found) == 1 and "实施周期指标值" in found[0].message


# --- 9. cost indicators against the budget ---------------------------------------------------


def cost_project(*costs: tuple[str, str], quantities: Sequence[tuple[str, str]] = ()) -> list[dict[str, Any]]:
    rows = [r for r in complete() if r["level2"] not in ("成本指标", "数量指标")]
    rows += [
        ind(f"q{n}", "产出指标", "数量指标", name, t) for n, (name, t) in enumerate(quantities or [("场地", "1处")])
    ]
    rows += [ind(f"k{n}", "产出指标", "成本指标", name, t) for n, (name, t) in enumerate(costs)]
    return rows


def cost_findings(rows: list[dict[str, Any]], amount: str, unit: str | None = None) -> list[Finding]:
    return of(check_targets(make(rows, funds=[budget(amount, unit=unit)])), "COST_BUDGET_MISMATCH")


def test_monthly_cost_over_budget() -> None:
    (found,) = cost_findings(cost_project(("每月房屋租赁费", "≤10000元")), "100000")
    assert (found.subject, found.project_id, found.reported, found.recomputed) == ("培训项目", "p1", "100000", "120000")
    assert "10000元×12" in found.message and "120000" in found.message
    assert found.cell is not None and found.cell.column == "budget" and found.cell.file.endswith("funds.csv")


def test_cost_equal_to_or_below_budget_is_fine() -> None:
    assert cost_findings(cost_project(("每月房屋租赁费", "≤10000元")), "120000") == []
    assert cost_findings(cost_project(("每月房屋租赁费", "≤10000元")), "12", unit="万元") == []
    assert cost_findings(cost_project(("运行成本", "≤25万元")), "5000", unit="万元") == []


@pytest.mark.parametrize(
    ("cost", "quantities", "total"),
    [
        (("每季度物业费", "≤96800元"), [], "387200"),
        (("每年维护费", "≤5000元"), [], "5000"),
        (("每场培训平均成本", "≤0.5万元"), [("培训场次", "≥6场")], "30000"),
        (("单个账号成本", "≤5万元"), [("数据库账号", "≥2个")], "100000"),
        (("培育1个示范企业", "≤2万元"), [("培育示范企业", "≥5个"), ("建立基地", "1个")], "100000"),
        (("每平方米采暖费", "≤40元"), [("供热计费面积", "≥3632.16平方米")], "145286.4"),
        (("人员经费标准", "≤25.66万元/年/人"), [("发放人数", "≥5人")], "1283000"),
        (("科普基地内容更新平均成本", "≤3250元"), [("科普基地内容更新数量", "≥8个")], "26000"),
        (("账号使用成本", "≤1.25万元"), [("账号数量", "≥3个")], "12500"),  # no unit word: a lump sum
        (("每家工作站支撑费用", "≤1万元"), [("支撑工作站", "≥15家"), ("引进海外机构", "≥1家")], "150000"),
    ],
)
def test_cost_multipliers(cost: tuple[str, str], quantities: list[tuple[str, str]], total: str) -> None:
    (found,) = cost_findings(cost_project(cost, quantities=quantities), "1")
    assert found.recomputed == total


def test_percent_cost_is_listed_as_not_summable() -> None:
    rows = cost_project(("每月租赁费", "≤10000元"), ("承担本金损失部分", "≤40%"))
    (found,) = cost_findings(rows, "100000")
    assert found.recomputed == "120000"
    assert "无法加总" in found.message and "承担本金损失部分（≤40%）" in found.message


def test_project_without_budget_or_costs() -> None:
    assert of(check_targets(make(cost_project(("每月租赁费", "≤10000元")))), "COST_BUDGET_MISMATCH") == []
    assert cost_findings(cost_project(), "1") == []


# --- the families: one module each, called directly ----------------------------------------


def messages(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.code, f.subject, f.message) for f in findings]


def test_check_targets_runs_the_families_in_rule_order() -> None:
    """The order of findings is part of the output (findings.csv): it is the order of :data:`CHECKS`."""
    assert [(check.__module__.rsplit(".", 1)[-1], check.__name__) for check in CHECKS] == [
        ("structure", "check_empty_categories"),
        ("structure", "check_missing_categories"),
        ("structure", "check_duplicates"),
        ("timing", "check_target_order"),
        ("timing", "check_deadlines"),
        ("units", "check_units"),
        ("units", "check_ranges"),
        ("wording", "check_unmeasurable"),
        ("wording", "check_vague"),
        ("narrative", "check_narrative_conflicts"),
        ("cost", "check_cost_budget"),
    ]
    rows = [
        ind("k", "产出指标", "成本指标", "每月房屋租赁费", "≤10000元"),
        ind("t", "产出指标", "时效指标", "完成时间", "2015年12月前"),
        ind("e", "产出指标", "质量指标", None),
    ]
    found = check_targets(make(rows, funds=[budget("100000")]))
    assert [f.code for f in found] == [
        "EMPTY_CATEGORY",  # the blank 质量 row
        "EMPTY_CATEGORY",  # no 数量
        "EMPTY_CATEGORY",  # no 效益
        "EMPTY_CATEGORY",  # no 满意度
        "DEADLINE_OUTSIDE_YEAR",
        "COST_BUDGET_MISMATCH",
    ]


def test_structure_family() -> None:
    dept = make(
        [
            ind("e", "产出指标", "质量指标", None),
            ind("a", "产出指标", "数量指标", "培训班", "≥2场"),
            ind("b", "产出指标", "数量指标", "培训班", "≥3场"),
        ]
    )
    assert messages(structure.check_empty_categories(dept)) == [
        (
            "EMPTY_CATEGORY",
            "质量指标",
            "项目“培训项目”“产出指标/质量指标”类别原表为空，没有三级指标和指标值（该类别必须填写）",
        )
    ]
    assert messages(structure.check_missing_categories(dept)) == [
        ("EMPTY_CATEGORY", "效益指标", "项目“培训项目”没有效益指标"),
        ("EMPTY_CATEGORY", "满意度指标", "项目“培训项目”没有满意度指标"),
    ]
    assert messages(structure.check_duplicates(dept)) == [
        (
            "DUPLICATE_INDICATOR",
            "培训班",
            "三级指标“培训班”在项目“培训项目”“产出指标/数量指标”下重复出现，与“培训班”一行重名",
        )
    ]


def test_timing_family() -> None:
    dept = make(
        [
            ind("h", "产出指标", "数量指标", "受理量", "≥3500件", target_half="≥4000件"),
            ind("t", "产出指标", "时效指标", "完成时间", "2015年12月前"),
        ]
    )
    assert messages(timing.check_target_order(dept)) == [
        ("TARGET_ORDER", "受理量", "“受理量”半年指标值“≥4000件”高于年度指标值“≥3500件”")
    ]
    assert messages(timing.check_deadlines(dept)) == [
        (
            "DEADLINE_OUTSIDE_YEAR",
            "完成时间",
            "时效指标“完成时间”的年度指标值“2015年12月前”（2015-12-31）不在预算年度 2025 年内",
        )
    ]


def test_units_family() -> None:
    dept = make(
        [
            ind("u", "产出指标", "质量指标", "室内温度", "≥18%"),
            ind("r", "满意度指标", "服务对象满意度指标", "企业满意度", "≥120%"),
        ]
    )
    assert messages(units.check_units(dept)) == [
        ("UNIT_MISMATCH", "室内温度", "“室内温度”的年度指标值为“≥18%”：“温度”是实物量，不应以百分比（%）计量")
    ]
    assert messages(units.check_ranges(dept)) == [
        ("VALUE_OUT_OF_RANGE", "企业满意度", "满意度指标“企业满意度”的年度指标值“≥120%”超出 0–100%（120%）")
    ]


def test_wording_family() -> None:
    dept = make(
        [
            ind("m", "产出指标", "时效指标", "完成时间", "及时"),
            ind("v", "效益指标", "社会效益指标", "服务质量", "效果显著"),
        ]
    )
    assert messages(wording.check_unmeasurable(dept)) == [
        ("UNMEASURABLE_TARGET", "完成时间", "“产出指标/时效指标”是量化类别，年度指标值“及时”没有可衡量的数值")
    ]
    assert messages(wording.check_vague(dept)) == [
        ("VAGUE_TARGET", "服务质量", "效益指标“服务质量”的年度指标值“效果显著”表述模糊，没有可衡量的目标")
    ]


def test_narrative_family() -> None:
    dept = make([ind("n", "产出指标", "数量指标", "专利预审案件", "≥3500件")], narratives=[narrative("不少于2500件")])
    assert messages(narrative_check.check_narrative_conflicts(dept)) == [
        (
            "TARGET_CONFLICT",
            "专利预审案件",
            "目标文字“完成不少于2500件专利预审”中的“不少于2500件”与指标“专利预审案件”的年度指标值“≥3500件”不一致",
        )
    ]


def test_cost_family() -> None:
    dept = make([ind("k", "产出指标", "成本指标", "每月房屋租赁费", "≤10000元")], funds=[budget("100000")])
    assert messages(cost.check_cost_budget(dept)) == [
        (
            "COST_BUDGET_MISMATCH",
            "培训项目",
            "项目“培训项目”成本指标折算全年合计 120000 元，超过预算 100000 元："
            "每月房屋租赁费（≤10000元）10000元×12（“每月”，全年 12 期）=120000元",
        )
    ]


# --- the seeds ---------------------------------------------------------------------------------

BINHAI_P2 = "2025年知识产权信息化建设运行维护经费"
BINHAI_P8 = "2025年知识产权保护项目——海外知识产权保护能力提升（自有资金）（其他收入资金）"

GOLDEN: dict[str, list[tuple[str, str | None, str]]] = {
    "binhai-ip-2025": [
        ("DEADLINE_OUTSIDE_YEAR", "p2", "无纸化办公系统建设完成时间"),  # 2015年12月前, fiscal 2025
        ("DEADLINE_OUTSIDE_YEAR", "p2", "完成线路租赁使用"),  # 2015年12月前
        ("UNIT_MISMATCH", "p4", "室内温度"),  # ≥18%
        ("COST_BUDGET_MISMATCH", "p2", BINHAI_P2),  # 640000 > 310000
        ("COST_BUDGET_MISMATCH", "p8", BINHAI_P8),  # 148500 > 148000
        ("VAGUE_TARGET", "p1", "助力新区知识产权运营体系建设"),  # 作用显著
        ("VAGUE_TARGET", "p1", "滨海新区知识产权综合实力"),  # 明显提升
        ("VAGUE_TARGET", "p1", "优化营商环境"),  # 不断提升
        ("VAGUE_TARGET", "p2", "提升日常业务效率和水平"),  # 持续改善
        ("VAGUE_TARGET", "p2", "提升信息化建设水平"),  # 持续提升
        ("VAGUE_TARGET", "p3", "滨海新区知识产权质押融资环境"),  # 显著改善
        ("VAGUE_TARGET", "p4", "提高知识产权服务质量"),  # 效果显著
        ("VAGUE_TARGET", "p5", "提高知识产权服务质量"),
        ("VAGUE_TARGET", "p6", "提高知识产权服务质量"),
        ("VAGUE_TARGET", "p8", "提升企业海外维权意识"),
    ],
    "nantong-ipc-2025": [
        ("EMPTY_CATEGORY", None, "生态效益"),  # info
        ("EMPTY_CATEGORY", None, "可持续影响"),  # info
        ("EMPTY_CATEGORY", None, "服务对象满意度"),
        ("VAGUE_TARGET", None, "提升南通地区专利质量"),  # 提升发明专利授权量
        ("TARGET_CONFLICT", None, "专利预审案件"),  # 不少于2500件 vs ≥3500件
        ("TARGET_CONFLICT", None, "疑难案件预审评估"),  # 不少于250件 vs ≥350件
    ],
    "gzkfq-ip-2025": [
        ("EMPTY_CATEGORY", None, "质量指标"),
        ("EMPTY_CATEGORY", None, "时效指标"),
        ("EMPTY_CATEGORY", None, "成本指标"),
        ("EMPTY_CATEGORY", None, "生态效益指标"),  # info
        ("EMPTY_CATEGORY", None, "可持续影响指标"),  # info
    ],
    "nanchang-ip-fund-2020": [
        # i-p5-n3 repeats i-p5-n2 "知识产权立案数" (the document's own wording; it is the 结案数)
        ("DUPLICATE_INDICATOR", "p5", "知识产权立案数"),
    ],
}


@pytest.fixture(scope="module")
def seed_findings() -> dict[str, list[Finding]]:
    return {seed: check_targets(load(seed, RAW)) for seed in GOLDEN}


@pytest.mark.parametrize("seed", list(GOLDEN))
def test_seed_findings_are_exactly_the_real_ones(seed: str, seed_findings: dict[str, list[Finding]]) -> None:
    assert keys(seed_findings[seed]) == Counter(GOLDEN[seed])


def test_seed_severities(seed_findings: dict[str, list[Finding]]) -> None:
    def severities(seed: str) -> dict[str, Severity]:
        return {f.subject: f.severity for f in seed_findings[seed] if f.code == "EMPTY_CATEGORY"}

    assert severities("nantong-ipc-2025") == {
        "生态效益": Severity.INFO,
        "可持续影响": Severity.INFO,
        "服务对象满意度": Severity.WARNING,
    }
    assert severities("gzkfq-ip-2025") == {
        "质量指标": Severity.WARNING,
        "时效指标": Severity.WARNING,
        "成本指标": Severity.WARNING,
        "生态效益指标": Severity.INFO,
        "可持续影响指标": Severity.INFO,
    }


def test_binhai_cost_findings(seed_findings: dict[str, list[Finding]]) -> None:
    costs = {f.project_id: f for f in of(seed_findings["binhai-ip-2025"], "COST_BUDGET_MISMATCH")}
    assert {p: (f.reported, f.recomputed) for p, f in costs.items()} == {
        "p2": ("310000", "640000"),
        "p8": ("148000", "148500"),
    }
    assert "280000元×1" in costs["p2"].message and "9500元×12" in costs["p2"].message
    assert "20500元×12" in costs["p2"].message
    assert "5000元×6" in costs["p8"].message and "12500元×1" in costs["p8"].message
    assert "21200元×5" in costs["p8"].message


def test_binhai_deadlines_point_at_the_target_cells(seed_findings: dict[str, list[Finding]]) -> None:
    found = of(seed_findings["binhai-ip-2025"], "DEADLINE_OUTSIDE_YEAR")
    assert [(f.cell.file, f.cell.column) if f.cell else None for f in found] == [
        ("binhai-ip-2025/indicators.csv", "target"),
    ] * 2
    assert all("2015年12月前" in f.message for f in found)


def test_nantong_conflicts_name_both_values(seed_findings: dict[str, list[Finding]]) -> None:
    found = {f.subject: (f.reported, f.recomputed) for f in of(seed_findings["nantong-ipc-2025"], "TARGET_CONFLICT")}
    assert found == {"专利预审案件": ("不少于2500件", "≥3500件"), "疑难案件预审评估": ("不少于250件", "≥350件")}


def _set_budgets(path: Path, amount: str) -> None:
    """Set every top-level 来源 row of a funds.csv to ``amount``."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0]
    for record in records[1:]:
        if record[header.index("side")] == "来源" and not record[header.index("parent")]:
            record[header.index("budget")] = amount
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)


def test_binhai_implied_cost_totals(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    """With every budget set to 1 元, each project reports its implied cost total."""
    folder = copy_seed("binhai-ip-2025")
    _set_budgets(folder / "funds.csv", "1")
    found = {f.project_id: f for f in of(check_targets(load("binhai-ip-2025", data_dir)), "COST_BUDGET_MISMATCH")}
    assert {p: f.recomputed for p, f in found.items()} == {
        "p1": "1986900",  # = budget 1986900
        "p2": "640000",
        "p3": "250000",  # one ≤25万元 lump; ≤40% cannot be summed
        "p4": "1562486.4",  # ≤ budget 1562500
        "p5": "430600",  # = budget
        "p6": "50000",  # = budget
        "p7": "1283000",  # 25.66万元/年/人 × 5人 = budget
        "p8": "148500",
    }
    assert "承担单笔融资业务本金损失部分（≤40%）" in found["p3"].message
    assert "3632.16" in found["p4"].message and "130000" in found["p4"].message
