"""Planted mistakes: each changes a consistent department so that perfnb must raise one finding code."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from perfnb.engine.findings import FindingCode
from perfnb.synth.generate import _ACHIEVED
from perfnb.synth.model import _cents, _Department, _money, _points, _Rng, _Row, _tenths, _wan
from perfnb.synth.vocabulary import _DEVIATIONS, _VAGUE_WORDS, _Item


def _pick(rng: _Rng, rows: Sequence[_Row]) -> _Row | None:
    return rng.pick(rows) if rows else None


def _all_rows(dept: _Department) -> list[_Row]:
    return [r for p in dept.projects for r in p.rows]


def _plant_sum(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    i = rng.below(len(project.parts))
    pid, line, source, initial, amount, executed = project.parts[i]
    extra = max(1, amount * rng.between(2, 15) // 100)
    project.parts[i] = (pid, line, source, initial, amount + extra, executed)
    return f"{pid}（{line}）全年预算数多录 {_money(extra, dept.unit)}{dept.unit}，与合计行不符"


def _plant_rate(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    project.printed_rate = project.rate - rng.between(100, 900)  # the rate is at least 82 %
    return f"{project.pid} 预算执行率印为 {_cents(project.printed_rate)}%，应为 {_cents(project.rate)}%"


def _plant_execution_score(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    project.printed_execution = project.execution - rng.between(30, 150)  # the score is at least 8.20
    return f"{project.pid} 预算执行得分印为 {_cents(project.printed_execution)}，应为 {_cents(project.execution)}"


def _plant_score(rng: _Rng, dept: _Department) -> str | None:
    recomputed = ("count", "pct", "money", "lower", "cost")
    row = _pick(rng, [r for r in _all_rows(dept) if r.w >= 200 and r.item.kind in recomputed])
    if row is None:
        return None
    right = row.score
    row.score = max(0, row.score - rng.between(50, row.w // 2))
    row.deviation = row.deviation or rng.pick(_DEVIATIONS)
    return f"{row.id}（{row.name}）得分印为 {_cents(row.score)}，按规则应为 {_cents(right)}"


def _plant_over_weight(rng: _Rng, dept: _Department) -> str | None:
    row = rng.pick(_all_rows(dept))
    row.score = row.w + rng.pick((50, 100, 200))
    return f"{row.id}（{row.name}）得分 {_points(row.score)} 超过分值 {_points(row.w)}"


def _plant_total(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    delta = rng.between(50, 300)
    project.printed_total = project.total + delta if project.total + delta <= 10000 else project.total - delta
    return f"{project.pid} 总分印为 {_cents(project.printed_total)}，应为 {_cents(project.total)}"


def _plant_grade(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    project.printed_grade = "良" if project.grade == "优" else "优"
    return f"{project.pid} 评价等级印为“{project.printed_grade}”，总分 {_cents(project.total)} 应为“{project.grade}”"


def _plant_duplicate(rng: _Rng, dept: _Department) -> str | None:
    groups: list[list[_Row]] = []  # rows of one project, category and kind of value: a name fits either
    for project in dept.projects:
        by_kind: dict[tuple[str, str, str], list[_Row]] = {}
        for row in project.rows:
            by_kind.setdefault((row.category.key, row.item.kind, row.item.unit), []).append(row)
        groups.extend(rows for rows in by_kind.values() if len(rows) >= 2)
    if not groups:
        return None
    first, second = rng.draw(rng.pick(groups), 2)
    second.name = first.name
    return f"{second.id} 的三级指标名称与 {first.id} 重复（“{first.name}”）"


def _plant_vague(rng: _Rng, dept: _Department) -> str | None:
    row = _pick(rng, [r for r in _all_rows(dept) if r.category.level1 == "效益指标" and r.full and not r.narrated])
    if row is None:
        return None
    row.item = _Item("qual", row.item.name, "", (), ())
    row.target = rng.pick(_VAGUE_WORDS)
    row.actual = _ACHIEVED if dept.scored else ""
    return f"{row.id}（{row.name}）的效益目标写成“{row.target}”，没有可衡量的数值"


def _plant_deadline(rng: _Rng, dept: _Department) -> str | None:
    row = _pick(rng, [r for r in _all_rows(dept) if r.item.kind == "date"])
    if row is None:
        return None
    wrong = dept.year + 1 if rng.random() < 0.5 else dept.year - 10
    row.target = f"{wrong}年12月底前" if wrong > dept.year else f"{wrong}年12月前"
    return f"{row.id}（{row.name}）的时效目标写成“{row.target}”，不在 {dept.year} 年内"


def _plant_conflict(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    rows = {r.id: r for r in project.rows}
    if not project.narratives:
        row = _pick(rng, [r for r in project.rows if r.item.kind == "count" and r.t > 0])
        if row is None:
            return None
        project.narratives.append((f"n{project.index}-1", f"全年{row.name}{row.t}{row.item.unit}", "", row.id))
    i = rng.below(len(project.narratives))
    nid, _, _, ind = project.narratives[i]
    row = rows[ind]
    wrong = f"{row.t + rng.between(1, max(2, row.t // 2))}{row.item.unit}"
    project.narratives[i] = (nid, f"全年{row.name}{wrong}", wrong, ind)
    return f"{nid} 目标文字中的“{wrong}”与指标 {ind} 的年度指标值“{row.target}”不一致"


def _plant_cost(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    row = _pick(rng, [r for r in project.rows if r.item.kind == "cost"])
    if row is None:
        return None
    row.t = project.budget + max(100, project.budget * rng.between(10, 50) // 100)
    shown = f"{_wan(row.t)}万元" if row.money_unit == "万元" else f"{row.t * 100}元"
    row.target = f"≤{shown}"
    return f"{row.id}（{row.name}）成本上限 {shown} 超过项目预算"


def _plant_half(rng: _Rng, dept: _Department) -> str | None:
    row = _pick(rng, [r for r in _all_rows(dept) if r.item.kind == "count" and r.t >= 1])
    if row is None:
        return None
    row.target_half = f"≥{row.t * 2}{row.item.unit}"
    return f"{row.id}（{row.name}）半年指标值“{row.target_half}”高于全年“{row.target}”"


def _plant_unit(rng: _Rng, dept: _Department) -> str | None:
    row = _pick(rng, [r for r in _all_rows(dept) if r.category.key == "服务对象满意度"])
    if row is None:
        return None
    row.target = f"≥{row.t // 10}分"
    if dept.scored:
        row.actual = f"{_tenths(row.a)}分"
    return f"{row.id}（{row.name}）满意度目标以“分”计量（“{row.target}”）"


_Plant = Callable[[_Rng, _Department], str | None]

#: Planted mistakes: (finding code, who can have it, how). "all", or "scored" for self-evaluations only.
_PLANTS: Final[tuple[tuple[str, str, _Plant], ...]] = (
    (FindingCode.SUM_MISMATCH, "all", _plant_sum),
    (FindingCode.RATE_MISMATCH, "scored", _plant_rate),
    (FindingCode.SCORE_MISMATCH, "scored", _plant_execution_score),
    (FindingCode.SCORE_MISMATCH, "scored", _plant_score),
    (FindingCode.SCORE_OVER_WEIGHT, "scored", _plant_over_weight),
    (FindingCode.SCORE_MISMATCH, "scored", _plant_total),
    (FindingCode.GRADE_MISMATCH, "scored", _plant_grade),
    (FindingCode.DUPLICATE_INDICATOR, "all", _plant_duplicate),
    (FindingCode.VAGUE_TARGET, "all", _plant_vague),
    (FindingCode.DEADLINE_OUTSIDE_YEAR, "all", _plant_deadline),
    (FindingCode.TARGET_CONFLICT, "all", _plant_conflict),
    (FindingCode.COST_BUDGET_MISMATCH, "all", _plant_cost),
    (FindingCode.TARGET_ORDER, "targets", _plant_half),
    (FindingCode.UNIT_MISMATCH, "all", _plant_unit),
)


def _plant(dept: _Department) -> None:
    """Plant one to three mistakes, each recorded with the finding code it must raise."""
    rng = _Rng(f"perfnb-synth:{dept.seed}:{dept.index}:anomalies")
    who = "scored" if dept.scored else "targets"
    plants = [p for p in _PLANTS if p[1] in ("all", who)]
    wanted = 1 + (rng.random() < 0.4) + (rng.random() < 0.15)
    for code, _, plant in rng.draw(plants, len(plants)):
        if len(dept.planted) == wanted:
            break
        description = plant(rng, dept)
        if description is not None:
            dept.planted.append((code, description))
