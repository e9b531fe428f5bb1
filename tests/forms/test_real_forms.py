"""The seven real forms of ``shared/forms/real`` (rebuilt in ``tests/forms/wild/w*.py``): imported as a user would
and checked, their printed figures get the verdicts their ``W<NN>.md`` gives.

A truncated figure is never "agrees" (domain-rules §5). Verdicts that depend on a province's own scheme
(the next issue) are named where they are left out.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.figures import Figure
from perfnb.forms.importer import ImportResult, import_forms
from tests.forms.wild import w01, w03, w04, w06, w07, w10, w11


def run(tmp_path: Path, module: object) -> tuple[ImportResult, CheckResult]:
    form = module.FORM  # type: ignore[attr-defined]
    result = import_forms([form.write(tmp_path)], form.id.lower(), tmp_path / "raw")
    assert result.loaded.ok, [str(p) for p in result.loaded.problems]
    assert result.loaded.department is not None
    return result, check_department(result.loaded.department, department_dir=result.folder)


def verdicts(checked: CheckResult) -> dict[str, tuple[str, str | None, str]]:
    """label → (verdict, printed, recomputed at two decimals)."""
    return {f.label: (f.verdict.value, f.reported, _two(f)) for f in checked.figures}


def _two(fig: Figure) -> str:
    return "" if not isinstance(fig.recomputed, Decimal) else f"{fig.recomputed.quantize(Decimal('0.01'))}"


def codes(checked: CheckResult) -> list[tuple[str, str]]:
    return sorted((f.code, f.severity.value) for f in checked.findings)


def test_w01_yunnan_split_targets(tmp_path: Path) -> None:
    _, checked = run(tmp_path, w01)
    got = verdicts(checked)
    assert got["预算执行率"] == ("agrees", "100", "100.00")
    assert got["p1 预算执行率得分"] == ("agrees", "10", "10.00")
    assert got["p1 总分值"] == ("agrees", "100", "100.00")  # Σ 分值 = 10 + 9 × 10
    assert got["资金到位及时率得分"] == ("differs", "7", "10.00")  # target met, 3 points deducted
    assert got["减轻贫困学生家庭经济负担得分"] == ("agrees", "10", "10.00")  # 有效 → 有效: met
    assert got["p1 总分"] == ("differs", "96", "99.80")  # 10 + 10 × 7 + 9.8 + 10
    assert got["p1 总分（原文各项得分相加）"] == ("agrees", "96", "96.00")  # the form's own arithmetic holds: 10 + 86
    assert got["p1 评价等级"][:2] == ("agrees", "优")
    agree = [k for k, v in got.items() if k.endswith("得分") and v[0] == "agrees" and "预算" not in k]
    assert len(agree) == 7  # the other seven indicators
    assert got["政策知晓率得分"] == ("differs", "9", "9.80")  # ═100% with 98%: 9.8, printed 9 (truncation)
    (policy,) = [f for f in checked.figures if f.label == "政策知晓率得分"]
    assert policy.basis == "截断"
    assert ("DEVIATION_MISSING", "warning") in codes(checked)
    assert [f for f in checked.findings if f.code == "SCORE_MISMATCH" and "资金到位及时率" in f.message]


def test_w03_hubei_two_projects_and_110_points(tmp_path: Path) -> None:
    result, checked = run(tmp_path, w03)
    assert result.projects == 2
    got = verdicts(checked)
    rates = [v for k, v in got.items() if k == "预算执行率"]
    assert rates == [("agrees", "100", "100.00")]  # both projects' rates are checked (labels repeat)
    assert sum(1 for f in checked.figures if f.label == "预算执行率" and f.verdict.value == "agrees") == 2
    assert got["演出设备成本件/件得分"] == ("differs", "18", "20.00")
    assert got["p1 总分值"] == ("differs", "100", "110.00")  # the form's own weights add to 110
    assert got["p1 总分"][:2] == ("differs", "98")
    # 98 is the indicator scores alone: with the execution score (not printed, recomputed 10) they make 108
    assert got["p1 总分（原文各项得分相加）"] == ("differs", "98", "108.00")
    assert ("SUM_MISMATCH", "error") in {(f.code, f.severity.value) for f in checked.findings}
    mismatch = [f.message for f in checked.findings if f.code == "WEIGHT_MISMATCH"]
    assert "演出设备更新专项经费 各三级指标分值合计 100 分，应为 90 分" in mismatch


def test_w04_the_national_template(tmp_path: Path) -> None:
    _, checked = run(tmp_path, w04)
    got = verdicts(checked)
    assert got["预算执行率"] == ("agrees", "100", "100.00")
    assert got["p1 预算执行率得分"] == ("agrees", "10", "10.00")
    assert got["禁毒舞台剧宣传的场次得分"] == ("agrees", "12", "12.00")
    assert got["毛发检查试剂数量得分"] == ("agrees", "12", "12.00")
    assert [f.code for f in checked.findings if f.code == "TARGET_TOO_LOW"] == ["TARGET_TOO_LOW"]
    assert checked.total is None  # the copy stops before the total


def test_w06_guizhou_expense_rows_scored_each(tmp_path: Path) -> None:
    result, checked = run(tmp_path, w06)
    assert any("推定为 2021 年度" in line.note for line in result.imported.report)
    got = verdicts(checked)
    assert got["年度资金总额年初预算数（按支出性质分）"] == ("agrees", "1172.55", "1172.55")
    assert got["年度资金总额执行数（按支出性质分）"] == ("agrees", "1268.72", "1268.72")
    assert got["预算执行率得分"] == ("agrees", "10", "10.00")
    assert got["预算执行 基本支出得分"] == ("differs", "10", "9.29")  # the form's own rule: 92.87% × 10
    assert got["预算执行 项目支出得分"] == ("agrees", "10", "10.00")  # 188.81%, capped
    assert ("EXECUTION_OVER_BUDGET", "warning") in codes(checked)  # 1268.72 against 1172.55


def test_w07_hunan_label_value_cells(tmp_path: Path) -> None:
    result, checked = run(tmp_path, w07)
    assert any("附件一" in line.where and "整张表未导入" in line.note for line in result.imported.report)
    got = verdicts(checked)
    assert got["预算执行率"] == ("agrees", "100", "100.00")
    assert got["预算执行率得分"] == ("agrees", "10", "10.00")
    by_income = got["按收入性质分全年预算数（按收入性质分）"]
    assert by_income == ("agrees", "2030.12", "2030.12")  # 1325.68 + 118.82 + 585.62
    assert got["按支出性质分执行数（按支出性质分）"] == ("agrees", "1925.67", "1925.67")  # 900.47 + 1025.20
    assert got["年度资金总额执行数（按支出性质分）"] == ("differs", "2030.12", "1925.67")  # 104.45 short


def test_w10_shanxi_target_table(tmp_path: Path) -> None:
    result, checked = run(tmp_path, w10)
    got = verdicts(checked)
    assert got["实施期资金总额全年预算数（实施期资金来源）"] == ("agrees", "1000000", "1000000.00")
    assert checked.scheme.name == "targets-only"
    assert ("UNMEASURABLE_TARGET", "warning") in codes(checked)  # 按期完工
    assert not [p for p in result.loaded.problems if "万条" in p.message]  # ≥3万条 is 30000 条


def test_w11_gansu_two_sheets_two_projects(tmp_path: Path) -> None:
    result, checked = run(tmp_path, w11)
    assert result.projects == 2
    sums = [f for f in checked.figures if f.label == "项目总投资全年预算数（实施期资金来源）"]
    assert [(f.reported, f.verdict.value) for f in sums] == [("20", "agrees"), ("174.78", "differs")]  # p2 is cut off
    assert [(p.message) for p in result.loaded.problems if "二100百分比" in p.message]  # flagged, not read as 100 %


@pytest.mark.parametrize("module", [w01, w03, w04, w06, w07, w10, w11], ids=lambda m: m.FORM.id)
def test_every_printed_number_is_imported_or_listed(tmp_path: Path, module: object) -> None:
    result, _ = run(tmp_path, module)
    imported = result.imported
    assert imported.numbers_imported + imported.numbers_ignored > 0
    unexplained = [line for line in imported.report if "不属于任何已导入的栏目" in line.note]
    assert unexplained == []
