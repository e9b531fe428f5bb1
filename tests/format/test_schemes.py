"""Scoring schemes as data: the shipped ones load and add up; bad or unknown ones are clear errors."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from perfnb.format.bands import GradeBand
from perfnb.format.load import load_department
from perfnb.format.schemes import (
    SchemeError,
    available,
    grade_words,
    known_grades,
    load_scheme,
    national_grades,
    short,
)

D = Decimal


def test_shipped_schemes() -> None:
    assert available() == [
        "anhui-project",
        "chongqing-department",
        "fujian-department",
        "guizhou-department",
        "hubei-guangshui-project",
        "hubei-project",
        "hunan-department",
        "mof-2020-department",
        "mof-2020-project",
        "nanchang-special-fund-2020",
        "targets-only",
        "yinchuan-project",
        "yunnan-project",
    ]
    national = load_scheme("mof-2020-project")
    assert national.execution_weight == 10 and national.execution_cap and national.execution_basis == "budget"
    assert [(s.name, s.weight) for s in national.sections] == [("产出", 50), ("效益", 30), ("满意度", 10)]
    assert [(g.grade, g.minimum) for g in national.grades] == [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
    special = load_scheme("nanchang-special-fund-2020")
    assert sum((s.weight or D(0) for s in special.sections), D(0)) == 100
    assert special.share_basis == "exact" and special.totals == "sum_of_rounded"
    cost = special.rule_for("成本指标", "实际支出与计划安排费用的变动程度")
    assert cost.method == "bands" and [(b.limit, b.fraction) for b in cost.bands] == [(10, 1), (D(50), D("0.4")),
                                                                                       (None, 0)]  # fmt: skip
    assert special.rule_for("资金管理", "资金到位率").rate == "arrival_rate"
    assert special.rule_for("数量", "任何指标").method == "by_operator"
    assert load_scheme("targets-only").mode == "targets_only"


def test_national_grades_are_the_national_scheme_file_s() -> None:
    """The grade bands are written once, in the scheme files: the national ones are mof-2020-project.yaml's."""
    assert national_grades() is load_scheme("mof-2020-project").grades
    assert [(g.grade, g.minimum, g.inclusive) for g in national_grades()] == [
        ("优", 90, True), ("良", 80, True), ("中", 60, True), ("差", 0, True)
    ]  # fmt: skip


def test_grade_words_add_a_scheme_s_own_words() -> None:
    scheme = load_scheme("mof-2020-project").model_copy(update={"grades": (GradeBand("甲", D(90), aliases=("甲等",)),)})
    assert grade_words() == known_grades()
    assert "优秀" in known_grades() and "甲" not in known_grades()
    assert grade_words(scheme) == (*known_grades(), "甲", "甲等")


def test_section_lookup_normalises_names() -> None:
    scheme = load_scheme("nanchang-special-fund-2020")
    section = scheme.section("产出指标/数量指标")
    assert section is not None and section.weight == 10
    assert scheme.section("产出/没有") is None
    assert short("服务对象满意度指标") == "服务对象满意度" and short("指标") == "指标"


def test_unknown_scheme_is_a_clear_error() -> None:
    with pytest.raises(SchemeError, match="评分方案“nope”不存在") as info:
        load_scheme("nope")
    assert info.value.expected and "mof-2020-project" in info.value.expected


def own(folder: Path, text: str) -> None:
    (folder / "scheme.yaml").write_text(text, encoding="utf-8")


def test_a_department_may_bring_its_own_scheme(copy_seed: Callable[[str], Path]) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    own(folder, "name: targets-only\ntitle: 本地\nsource: 本地办法\nmode: targets_only\n")
    assert load_scheme("targets-only", folder).title == "本地"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: other\ntitle: t\nsource: s\nmode: targets_only\n", "与 department.yaml 的 scheme 不同"),
        ("name: [\n", "不是有效的 YAML"),
        (
            "name: targets-only\ntitle: t\nsource: s\nmode: national_project\nsections:\n"
            "  - {name: 产出, weight: 50}\n",
            "各部分分值（含预算执行）之和为 50，不等于总分 100",
        ),
        (
            "name: targets-only\ntitle: t\nsource: s\nmode: special_fund\nsections:\n  - name: 产出\n    weight: 40\n"
            "    parts: [{name: 数量, weight: 10}, {name: 质量, weight: 10}]\n",
            "“产出”各部分分值之和为 20",
        ),
        ("name: targets-only\ntitle: t\nsource: s\nmode: magic\n", "mode"),
    ],
)
def test_bad_own_scheme_is_a_validation_problem(copy_seed: Callable[[str], Path], text: str, message: str) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    own(folder, text)
    with pytest.raises(SchemeError, match=message):
        load_scheme("targets-only", folder)
    result = load_department("gzkfq-ip-2025", folder.parent)
    assert not result.ok
    assert [(p.file, p.column, p.code) for p in result.errors] == [("scheme.yaml", None, "scheme")]
