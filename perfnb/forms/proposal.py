"""Which scoring scheme an imported form follows: the shipped scheme whose points fit what the form prints.

The evidence is what the import wrote: the 分值 printed for the execution row and for the indicators, the
rows' own 分值 and their first-level names, a 得分系数 column, and the place names in the form. A scheme that
contradicts a printed figure is out; among the rest, the one with the most specific evidence wins (its own
first-level sections, its 得分系数, its place), the national scheme of the document's kind when nothing else
speaks. The reason is said in the import report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from perfnb.base.numbers import NumberFormatError, parse_decimal
from perfnb.engine.figures import plain
from perfnb.format.kinds import DEFAULT_SCHEMES, SECTION_WORDS
from perfnb.format.schemes import Scheme, available, load_scheme, short

__all__ = ["Proposal", "propose_scheme"]

_EXECUTION = SECTION_WORDS["execution"]
_INDICATORS = SECTION_WORDS["indicators"]


@dataclass(frozen=True)
class Proposal:
    """The scheme proposed for a form and why (Chinese, for the import report)."""

    scheme: str
    reason: str


@dataclass(frozen=True)
class _Evidence:
    execution_weight: Decimal | None  # printed 分值 of the execution row
    execution_scored: bool  # an execution 得分 is printed
    indicator_weight: Decimal | None  # printed 分值 of all indicators
    rows_weight: Decimal | None  # Σ the rows' 分值 when every row prints one (a truncated copy prints fewer)
    level1: frozenset[str]  # first-level names of the rows (short)
    coefficient: bool  # rows print a 得分系数
    text: str  # place names, titles, names: where a scheme's region may be named


def propose_scheme(kind: str, rows: Mapping[str, Sequence[Mapping[str, str]]], texts: Sequence[str]) -> Proposal:
    """The scheme for an imported ``kind`` of document from its written ``rows`` (table → row dicts) and the
    ``texts`` that may name its place (region, department name, title, file names)."""
    default = DEFAULT_SCHEMES[kind]
    if kind not in ("project_self_evaluation", "department_self_evaluation"):
        return Proposal(default, "")
    seen = _evidence(rows, texts)
    scored: list[tuple[int, str, list[str]]] = []
    for name in available():
        scheme = load_scheme(name)
        if scheme.mode != "national_project" or (scheme.kinds and kind not in scheme.kinds):
            continue
        fit = _fit(scheme, seen)
        if fit is not None:
            strength, reasons = fit
            scored.append((strength + (1 if name == default else 0), name, reasons))
    if not scored:
        return Proposal(default, f"评分方案：表中印的分值与任何已知方案都不完全相符，按默认的 {default} 复核，请核对")
    strength, name, reasons = max(scored, key=lambda s: (s[0], s[1] == default, s[1]))
    scheme = load_scheme(name)
    why = "；".join(reasons) if reasons else "表中没有与之相抵的分值"
    return Proposal(name, f"评分方案：按“{scheme.title}”（{name}）复核——{why}；如不对，请改 department.yaml 的 scheme")


def _evidence(rows: Mapping[str, Sequence[Mapping[str, str]]], texts: Sequence[str]) -> _Evidence:
    execution_weight = indicator_weight = None
    execution_scored = False
    for fig in rows.get("reported_figures", ()):
        section = short((fig.get("section") or "").split("/")[0])
        if fig.get("measure") == "weight" and section in _EXECUTION and execution_weight is None:
            execution_weight = _number(fig.get("value"))
        elif fig.get("measure") == "weight" and short(fig.get("section")) in {short(w) for w in _INDICATORS}:
            indicator_weight = _number(fig.get("value"))
        elif fig.get("measure") == "score" and section in _EXECUTION:
            execution_scored = True
    indicators = [r for r in rows.get("indicators", ()) if r.get("level3")]
    weights = [_number(r.get("weight")) for r in indicators]
    rows_weight = sum((w for w in weights if w is not None), Decimal(0)) if weights and None not in weights else None
    return _Evidence(
        execution_weight,
        execution_scored,
        indicator_weight,
        rows_weight,
        frozenset(short(r.get("level1")) for r in indicators),
        any(r.get("coefficient") for r in indicators),
        " ".join(texts),
    )


def _fit(scheme: Scheme, seen: _Evidence) -> tuple[int, list[str]] | None:
    """How well ``scheme`` fits (None: a printed figure contradicts it) and the reasons it does."""
    strength, reasons = 0, []
    w = scheme.execution_weight or Decimal(0)
    if seen.execution_weight is not None:
        if seen.execution_weight != w:
            return None
        strength += 1
        reasons.append(f"表中预算执行分值 {plain(seen.execution_weight)} 分与之相符")
    elif seen.execution_scored and not w:
        return None  # the form scores execution, the scheme gives it no points
    if seen.indicator_weight is not None:
        if seen.indicator_weight != scheme.indicator_weight:
            return None
        strength += 1
        reasons.append(f"表中指标分值 {plain(seen.indicator_weight)} 分与之相符")
    elif seen.rows_weight == scheme.indicator_weight:
        strength += 1
        reasons.append(f"各指标分值合计 {plain(seen.rows_weight)} 分与之相符")
    sections = {short(s.name) for s in scheme.sections}
    if scheme.fixed_weights:
        if len(seen.level1 & sections) * 2 < max(1, len(seen.level1)):  # most rows under its sections (OCR slips)
            return None
        strength += 3 if seen.level1 <= sections else 2
        reasons.append("一级指标 " + "、".join(s.name for s in scheme.sections) + " 与之相符")
    if any(rule.method == "coefficient" for rule in scheme.rules):
        if not seen.coefficient:
            return None
        strength += 3
        reasons.append("表中有“得分系数”一栏")
    place = next((r for r in scheme.region if r in seen.text), None)
    if place:
        strength += 2
        reasons.append(f"表中（或 --region）写有“{place}”")
    elif scheme.region:
        strength -= 1  # a province's scheme for a form that does not name the province: only when nothing else fits
        reasons.append(f"表中没有写“{scheme.region[0]}”等该方案的地区，按分值判断")
    return strength, reasons


def _number(text: str | None) -> Decimal | None:
    """A number as the import wrote it, or None (blank or no number)."""
    try:
        return parse_decimal(text) if text else None
    except NumberFormatError:
        return None
