"""Each shipped scoring scheme on a real published form (issue 15 §11), and how ``perfnb import`` proposes one.

The forms are the rebuilt real forms of ``tests/forms/wild`` (each module names where it was published). Each
golden test imports the form as a user would, lets the import propose the scheme (or sets the one a user of
that province would name), checks it, and asserts the figures that scheme decides.
"""

from __future__ import annotations

import importlib
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from perfnb import load
from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.figures import Figure, Verdict
from perfnb.format.problems import Severity
from perfnb.format.schemes import available, load_scheme
from perfnb.forms.importer import import_forms
from perfnb.forms.proposal import propose_scheme
from tests.forms.wild import WildForm

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO


def golden(tmp_path: Path, form_id: str, scheme: str | None = None) -> tuple[CheckResult, str]:
    """Import the wild form ``form_id`` (its scheme as proposed, or ``scheme``), check it; return the result
    and the import report's scheme line."""
    form: WildForm = importlib.import_module(f"tests.forms.wild.{form_id.lower()}").FORM
    result = import_forms([form.write(tmp_path)], "d", tmp_path / "raw")
    said = next(line.note for line in result.imported.report if line.note.startswith("评分方案"))
    if scheme is not None:
        path = result.folder / "department.yaml"
        header = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump({**header, "scheme": scheme}, allow_unicode=True), encoding="utf-8")
    return check_department(load("d", tmp_path / "raw")), said


def fig(result: CheckResult, fid: str) -> Figure:
    (found,) = [f for f in result.figures if f.id == fid]
    return found


def errors(result: CheckResult) -> Counter[tuple[str, str]]:
    return Counter((f.code, f.subject) for f in result.findings if f.severity is E)


def test_every_shipped_scheme_has_a_golden_form_here() -> None:
    tested = {
        "mof-2020-project", "mof-2020-department", "anhui-project", "yunnan-project", "yinchuan-project",
        "hubei-project", "hubei-guangshui-project", "chongqing-department", "guizhou-department",
        "hunan-department", "fujian-department", "nanchang-special-fund-2020", "targets-only",
    }  # fmt: skip
    assert set(available()) == tested


@pytest.mark.parametrize("name", available())
def test_every_scheme_names_its_source_and_what_it_assumes(name: str) -> None:
    scheme = load_scheme(name)
    assert "http" in scheme.source or name in ("nanchang-special-fund-2020", "targets-only")
    assert scheme.total == 100 and scheme.indicator_weight + (scheme.execution_weight or 0) == 100


# --- the national project table ---------------------------------------------------------------------


def test_national_project_r12_langfang(tmp_path: Path) -> None:
    """河北 廊坊: 37.24 / 43.2 = 86.20 % → 8.62, printed 9 (the form prints whole points); no 总分 printed:
    the total is recomputed only (仅复算), 8.62 + 88.62 = 97.24, 优."""
    result, said = golden(tmp_path, "R12")
    assert "mof-2020-project" in said and "预算执行分值 10 分与之相符" in said and "各指标分值合计 90 分" in said
    assert fig(result, "r-p1-3").reported == "9"
    total = fig(result, "total:p1")
    assert (total.verdict, total.recomputed_text) == (Verdict.DERIVED, "97.24")
    assert (result.total, result.grade) == (Decimal("97.24"), "优")


# --- Anhui, Yunnan (the national split, their own sources) -----------------------------------------------


def test_anhui_r36_guichi_a_total_row_printed_0(tmp_path: Path) -> None:
    """池州 贵池: proposed for its place; the 年度资金总额 row prints 0 / 0 / 0 beside 本年财政拨款 90 / 89.974:
    the rate and the execution score are recomputed on the parts (100 %, 10), printed 0 → differ."""
    result, said = golden(tmp_path, "R36")
    assert "anhui-project" in said and "写有“池州”" in said
    rate, score = fig(result, "r-p1-1"), fig(result, "r-p1-3")
    assert (rate.reported, rate.recomputed, rate.verdict, rate.basis) == (
        "0",
        Decimal(100),
        Verdict.DIFFERS,
        "各部分之和",
    )
    assert (score.reported, score.verdict, score.basis) == ("0", Verdict.DIFFERS, "各部分之和")
    assert not [f for f in result.findings if f.code == "EXECUTION_OVER_BUDGET"]


def test_yunnan_r42_linxiang_truncated_execution_score(tmp_path: Path) -> None:
    """临沧 临翔: 31.69 / 32.4 = 97.81 %, printed 97.80 % and score 9 for 9.78: both only by truncation."""
    result, said = golden(tmp_path, "R42")
    assert "yunnan-project" in said and "临沧" in said
    for fid in ("r-p1-1", "r-p1-3"):
        assert (fig(result, fid).verdict, fig(result, fid).basis) == (Verdict.DIFFERS, "截断")
    assert fig(result, "r-p1-3").recomputed is not None
    assert Decimal("9.78") == fig(result, "r-p1-3").recomputed.quantize(Decimal("0.01"))  # type: ignore[union-attr]


# --- Yinchuan: 决策 10 / 管理 25 / 产出 30 / 效益 35 -----------------------------------------------------


def test_yinchuan_r11_sections_of_the_city_scheme(tmp_path: Path) -> None:
    """银川: proposed from its first-level names; the printed 10 / 25 / 35 agree with the scheme (the national
    one had no such sections); execution has no points of its own."""
    result, said = golden(tmp_path, "R11")
    assert "yinchuan-project" in said and "一级指标" in said
    by_label = {f.label: f for f in result.figures}
    for label in ("p1 项目决策分值", "p1 项目管理分值", "p1 项目效益分值"):
        assert by_label[label].verdict is Verdict.AGREES, label
    assert load_scheme("yinchuan-project").execution_weight is None


# --- Hubei: 预算执行 20 + 年度绩效目标 80 ----------------------------------------------------------------


def test_hubei_r21_tonghcheng_20_plus_80(tmp_path: Path) -> None:
    """通城 塘湖镇: 预算执行 20 and 得分 20 agree (the national scheme said 10); the printed 100 is its own
    addition 20 + 80; the rows print no 分值, so the total itself cannot be rescored."""
    result, said = golden(tmp_path, "R21")
    assert "hubei-project" in said and "预算执行分值 20 分与之相符" in said
    assert fig(result, "r-2").verdict is Verdict.AGREES  # 预算执行率分值 20
    assert fig(result, "r-3").verdict is Verdict.AGREES  # 得分 20
    assert fig(result, "addup:r-4").verdict is Verdict.AGREES
    assert fig(result, "r-4").verdict is Verdict.CANNOT_CHECK and "未印分值" in fig(result, "r-4").note
    assert not errors(result)


def test_hubei_r13_indicators_claim_100_of_80_points(tmp_path: Path) -> None:
    """The Hubei template with 产出(60分) + 效益(40分): 100 points where the scheme leaves the indicators 80, and
    the printed 100 is not 20 + the printed row scores (120)."""
    result, said = golden(tmp_path, "R13")
    assert "hubei-project" in said
    categories = [f for f in result.figures if f.id.startswith("categories:")]
    assert [(c.reported, c.recomputed, c.verdict) for c in categories] == [("100", Decimal(80), Verdict.DIFFERS)]
    assert fig(result, "addup:r-p1-7").recomputed == Decimal(120)
    found = Counter(f.code for f in result.findings if f.severity is E)
    assert found == Counter({"WEIGHT_MISMATCH": 1, "SUM_MISMATCH": 1})


def test_hubei_guangshui_r44_decision_2_management_13(tmp_path: Path) -> None:
    result, said = golden(tmp_path, "R44")
    assert "hubei-guangshui-project" in said
    by_label = {f.label: f for f in result.figures}
    assert by_label["p1 项目决策分值"].verdict is Verdict.AGREES
    assert by_label["p1 项目管理分值"].verdict is Verdict.AGREES
    assert fig(result, "r-p1-2").verdict is Verdict.AGREES  # 执行率 309 / 309, not scored


# --- Chongqing: 执行率 × 10 + Σ 指标权重 × 得分系数 --------------------------------------------------------


def test_chongqing_r53_coefficients_and_a_printed_rate(tmp_path: Path) -> None:
    """科学城融媒体中心: 76 % printed with the amounts blank → 7.6 from the printed rate; every row's 得分 =
    权重 × 得分系数 agrees; 政府采购执行率 rated 100 % for 72.74 % of its target → a warning; 19 rows carry
    70 of the 90 points (the copy is cut), so the total cannot be checked."""
    result, said = golden(tmp_path, "R53")
    assert "chongqing-department" in said and "得分系数" in said
    execution = fig(result, "r-3")
    assert (execution.recomputed_text, execution.verdict) == ("7.6", Verdict.AGREES)
    rows = [f for f in result.figures if f.id.startswith("score:")]
    assert len(rows) == 19 and all(f.verdict is Verdict.AGREES for f in rows)
    claims = [f for f in result.findings if f.code == "COEFFICIENT_ABOVE_RESULT"]
    assert [(c.subject, c.severity) for c in claims] == [("政府采购执行率", W)]
    assert "按完成比例应得 1.45 分" in claims[0].message
    assert fig(result, "r-4").verdict is Verdict.CANNOT_CHECK


# --- Guizhou: each funds row 执行率 × 分值, on 年初预算数 -----------------------------------------------------


def test_guizhou_w06_suiyang_each_funds_row_scored(tmp_path: Path) -> None:
    """绥阳 太白镇: 年度资金总额 1268.72 / 1172.55 = 108.20 % → 10 (capped); 项目支出 188.81 % → 10; 基本支出
    914.97 / 985.19 = 92.87 % → 9.29, printed 10 — an error by the form's own printed rule."""
    result, _ = golden(tmp_path, "W06", scheme="guizhou-department")
    assert fig(result, "r-2").verdict is Verdict.AGREES
    basic = fig(result, "r-4")
    assert (basic.reported, basic.verdict) == ("10", Verdict.DIFFERS)
    assert basic.recomputed is not None and round(basic.recomputed, 2) == Decimal("9.29")
    assert "年初预算数" in basic.formula
    assert fig(result, "r-6").verdict is Verdict.AGREES
    assert errors(result) == Counter({("SCORE_MISMATCH", "预算执行 基本支出得分"): 1})


# --- Hunan: the national department layout, the rate on 全年预算数 ------------------------------------------


def test_hunan_w07_guantang_rate_on_the_full_year_budget(tmp_path: Path) -> None:
    result, _ = golden(tmp_path, "W07", scheme="hunan-department")
    rate = fig(result, "r-1")
    assert (rate.recomputed, rate.verdict) == (Decimal(100), Verdict.AGREES)  # 2030.12 / 2030.12, not / 861.10
    assert fig(result, "r-3").verdict is Verdict.AGREES


# --- Fujian: execution has no points, the indicators carry 100 --------------------------------------------


def test_fujian_r20_ningde_no_execution_points(tmp_path: Path) -> None:
    """宁德 地震局: proposed for its place; the funds block prints rates but no 分值 / 得分: no execution score is
    expected and the printed rates agree."""
    result, said = golden(tmp_path, "R20")
    assert "fujian-department" in said and "宁德" in said
    rates = [f for f in result.figures if f.measure.startswith("execution_rate") and f.reported not in (None, "0")]
    assert rates and all(f.verdict is Verdict.AGREES for f in rates)
    assert not [f for f in result.findings if f.code == "WEIGHT_MISMATCH"]
    assert load_scheme("fujian-department").indicator_weight == 100


# --- the proposal, from minimal evidence ------------------------------------------------------------------


def rows(*, execution: str | None = None, indicators: str | None = None, level1: tuple[str, ...] = ("产出指标",),
         weights: tuple[str, ...] = (), coefficient: str = "") -> dict[str, list[dict[str, str]]]:  # fmt: skip
    figures = []
    if execution is not None:
        figures.append({"measure": "weight", "section": "预算执行", "value": execution})
    if indicators is not None:
        figures.append({"measure": "weight", "section": "绩效指标", "value": indicators})
    inds = [{"level1": name, "level3": f"指标{k}", "weight": weights[k] if k < len(weights) else "",
             "coefficient": coefficient} for k, name in enumerate(level1)]  # fmt: skip
    return {"reported_figures": figures, "indicators": inds}


@pytest.mark.parametrize(
    ("kind", "evidence", "texts", "expected"),
    [
        ("project_self_evaluation", rows(execution="10"), [], "mof-2020-project"),
        ("project_self_evaluation", rows(execution="10"), ["安徽省某县"], "anhui-project"),
        ("project_self_evaluation", rows(execution="20", indicators="80"), [], "hubei-project"),
        ("department_self_evaluation", rows(execution="20"), [], "hubei-project"),
        ("department_self_evaluation", rows(), ["福建省宁德市某局"], "fujian-department"),
        ("department_self_evaluation", rows(execution="10", coefficient="100%"), [], "chongqing-department"),
        ("department_self_evaluation", rows(execution="10"), [], "mof-2020-department"),
        (
            "project_self_evaluation",
            rows(level1=("项目决策", "项目管理", "项目产出", "项目效益")),
            [],
            "yinchuan-project",
        ),
        ("project_self_evaluation", rows(level1=("项目决策", "项目管理", "项目绩效")), [], "hubei-guangshui-project"),
        ("target_table", rows(execution="20"), [], "targets-only"),
    ],
)
def test_the_scheme_whose_points_fit_is_proposed(
    kind: str, evidence: dict[str, list[dict[str, str]]], texts: list[str], expected: str
) -> None:
    assert propose_scheme(kind, evidence, texts).scheme == expected


def test_a_scheme_that_contradicts_a_printed_weight_is_never_proposed() -> None:
    """湖北 named, but 预算执行 10 printed: the Hubei 20 + 80 scheme does not fit; the national one does."""
    proposal = propose_scheme("project_self_evaluation", rows(execution="10"), ["湖北省某市"])
    assert proposal.scheme == "mof-2020-project"
    assert "预算执行分值 10 分与之相符" in proposal.reason


def test_no_fitting_scheme_keeps_the_default_and_says_so() -> None:
    proposal = propose_scheme("project_self_evaluation", rows(execution="15"), [])
    assert proposal.scheme == "mof-2020-project"
    assert "与任何已知方案都不完全相符" in proposal.reason


def test_the_scheme_format_guide_names_every_field() -> None:
    """docs/schemes.md is for the people who write a scheme: every field of the model is in its table, and its
    example loads."""
    from perfnb.format.schemes import Scheme, _parse

    guide = (Path(__file__).parents[2] / "docs" / "schemes.md").read_text(encoding="utf-8")
    for field in Scheme.model_fields:
        assert f"| `{field}` |" in guide, field
    example = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    scheme = _parse(example, "docs/schemes.md")
    assert (scheme.execution_weight, scheme.indicator_weight, scheme.fixed_weights) == (20, 80, True)


def test_national_department_w07_when_the_form_names_no_province_it_knows(tmp_path: Path) -> None:
    """衡山县贯塘乡 names no city a scheme lists: the national whole-department scheme, whose 10 points fit."""
    result, said = golden(tmp_path, "W07")
    assert "mof-2020-department" in said and "预算执行分值 10 分与之相符" in said
    assert fig(result, "r-1").verdict is Verdict.AGREES and fig(result, "r-3").verdict is Verdict.AGREES


HUBEI = """
单位名称 | 某镇人民政府 | < | < | < | < | < | < | < | <
预算执行情况（万元）\\n（20分） | 预算数（A） | < | 执行数（B） | < | 执行率（B/A） | < | 得分\\n（20分*执行率） | < | <
部门整体支出总额 | 100 | < | 100 | < | 100% | < | 20 | < | <
年度目标1：（80分） | 改善环境 | < | < | < | < | < | < | < | <
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | < | 年初目标值（A） | < | 实际完成值（B） | < | 得分
^ | 产出指标（40分） | 数量指标 | 办结案件 | < | 168起 | < | 168起 | < | {a}
^ | ^ | 数量指标 | 拆除违建 | < | 32座 | < | 32座 | < | {b}
^ | 效益指标（30分） | 社会效益指标 | 改善人居环境 | < | 有效改善 | < | 有效改善 | < | 30
^ | 满意度指标（10分） | 群众满意度指标 | 群众满意度 | < | ≧90% | < | 95% | < | 10
总分 | < | < | < | < | < | < | < | < | {total}
评价等级 | 优秀 | < | < | < | < | < | < | < | <
"""


def hubei_form(tmp_path: Path, a: str, b: str, total: str) -> CheckResult:
    from tests.forms.sheet import Sheet, write_xlsx

    sheet = Sheet("自评表", HUBEI.format(a=a, b=b, total=total), before=("单位名称：某镇政府　填报日期：2021.5.18",))
    import_forms([write_xlsx(tmp_path / "hubei.xlsx", [sheet])], "d", tmp_path / "raw", year=2020)
    return check_department(load("d", tmp_path / "raw"))


def test_hubei_grade_on_the_printed_total_when_rows_print_no_points(tmp_path: Path) -> None:
    """The rows print no 分值: the total cannot be rescored, so 优秀 is checked against the printed 100 (its own
    addition 20 + 80 agrees) and says so; 产出指标（40分） cannot be checked, its rows' 40 do not exceed it."""
    result = hubei_form(tmp_path, "20", "20", "100")
    assert result.department.header.scheme == "hubei-project"
    (grade,) = [f for f in result.figures if f.measure == "grade"]
    assert (grade.recomputed, grade.verdict) == ("优", Verdict.AGREES)
    assert "按原文总分定等级" in grade.inputs[0].name
    (output,) = [f for f in result.figures if f.label.endswith("产出指标分值")]
    assert output.verdict is Verdict.CANNOT_CHECK and "各行未印分值" in output.note and "不超过" in output.note
    assert not [f for f in result.findings if f.severity is E]


def test_hubei_rows_scoring_above_their_category(tmp_path: Path) -> None:
    result = hubei_form(tmp_path, "25", "20", "105")
    codes = Counter(f.code for f in result.findings if f.severity is E)
    assert codes["SCORE_OVER_WEIGHT"] == 1  # 25 + 20 = 45 under 产出指标（40分）
    assert codes["TOTAL_OVER_MAXIMUM"] == 1
