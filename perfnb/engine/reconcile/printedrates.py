"""Printed rates (执行率, 到位率, 成本变动率, 预算调整率): each recomputed on its funds row and on the basis its
scheme rule uses, with the other bases it may have used; DENOMINATOR_INCONSISTENT when one document prints the
same rate on different bases. The other printed figures go to ``amounts``."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from perfnb.base.numbers import parse_decimal, round_half_up
from perfnb.engine.facts import MONEY_COLUMNS, Facts
from perfnb.engine.figures import Figure, Verdict, plain
from perfnb.engine.findings import FindingCode, finding
from perfnb.engine.formula import FormulaError, evaluate
from perfnb.engine.rates import RATES, Rate
from perfnb.engine.reconcile.amounts import check_amount, check_balance, check_count, check_share
from perfnb.engine.reconcile.rowrates import execution_code, rate_of, row_for
from perfnb.engine.recorder import Alternative, NumberCheck, Recorder
from perfnb.format.problems import Severity
from perfnb.format.schema import FundLine, ReportedFigure
from perfnb.format.schemes import Scheme

__all__ = ["check_reported_rates"]

_RATE_MEASURES = {"execution_rate", "arrival_rate", "cost_variance", "adjustment_rate"}


def check_reported_rates(facts: Facts, rec: Recorder, scheme: Scheme, basis_of: dict[str, str]) -> None:
    """Every printed rate, balance, share, amount, count and statistic (scores are in ``scorecard``).

    ``basis_of`` maps an indicator id to the rate code its scheme rule uses (e.g. i-g2 →
    execution_rate_received), so a rate printed for that indicator is recomputed on the same basis.
    """
    matched: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for fig in facts.dept.reported_figures:
        if fig.measure in _RATE_MEASURES:
            code: str = fig.measure
            if code == "execution_rate":  # the basis of the indicator's rule, else the scheme's
                code = next((basis_of[i] for i in fig.indicator_ids if i in basis_of), scheme.execution_rate)
            used = _rate(facts, rec, fig, code)
            if used:
                matched[fig.measure].append((fig.id, used))
        elif fig.measure == "balance":
            check_balance(facts, rec, fig)
        elif fig.measure == "share":
            check_share(facts, rec, fig)
        elif fig.measure == "amount":
            check_amount(facts, rec, fig)
        elif fig.measure == "count":
            check_count(facts, rec, fig, scheme)
        elif fig.measure == "statistic":
            why = "文中统计数，资料中没有可用来复算的原始数据"
            rec.unchecked(fig, fig.subject, fig.measure, why, cell=facts.reported_cell(fig))
    _denominators(facts, rec, matched)


def _rate(facts: Facts, rec: Recorder, fig: ReportedFigure, code: str) -> str:
    """Reconcile one printed rate; return the basis that matched ("" when none or ambiguous)."""
    row = row_for(facts, fig)
    cell = facts.reported_cell(fig)
    if row is not None:
        code = execution_code(row, code)
    rate = RATES[code]
    if row is None:
        why = "找不到对应的资金行（项目的合计行）"
        rec.unchecked(fig, fig.subject, code, why, cell=cell, formula=rate.formula)
        return ""
    value, inputs = rate_of(facts, code, row)
    if value is None:
        blank = any(i.value == "（空）" for i in inputs)
        why = "缺少输入数据（资金行的空格）" if blank else "分母为 0，比率不适用"
        rec.unchecked(fig, fig.subject, code, why, cell=cell, inputs=inputs, formula=rate.formula)
        return ""
    alternatives = _alternatives(facts, fig, row, rate)
    formula, unit, note = rate.formula, fig.unit, ""
    if _printed_as_fraction(fig.value, value):  # 执行率 0.958 for 95.86 %: compare as a fraction, and say so
        value, unit, formula = value / 100, None, rate.ratio + "（以小数表示）"
        alternatives = [Alternative(a.label, a.value / 100, a.severity) for a in alternatives]
        note = f"原文以小数印比率（{fig.value} 即 {plain((parse_decimal(fig.value) * 100).normalize())}%），按小数比较"
    result = rec.number(
        NumberCheck(
            id=fig.id,
            label=fig.subject,
            measure=code,
            formula=formula,
            inputs=inputs,
            value=value,
            reported=fig.value,
            cell=cell,
            code=FindingCode.RATE_MISMATCH,
            subject=fig.subject,
            unit=unit,
            project_id=fig.project_id,
            note=note,
            alternatives=alternatives,
        )
    )
    return _basis_used(result, code, value, alternatives)


def _alternatives(facts: Facts, fig: ReportedFigure, row: FundLine, rate: Rate) -> list[Alternative]:
    """The other bases a printed rate may have used: the rate's ``others`` on the same row, its printed formula."""
    alternatives = []
    for other in rate.others:
        alt, _ = rate_of(facts, other, row)
        if alt is not None:
            alternatives.append(Alternative(RATES[other].basis_label, alt))
    printed_formula = _formula_alternative(fig, row, facts)
    if printed_formula is not None:
        alternatives.append(printed_formula)
    return alternatives


def _basis_used(result: Figure, code: str, value: Decimal, alternatives: list[Alternative]) -> str:
    """The rate a reconciled printed rate used: another basis it matched, ``code`` when it agrees and no other
    basis gives the same printed value, else "" (none, or ambiguous)."""
    others = {RATES[c].basis_label: c for c in RATES[code].others}
    if result.basis:
        return others.get(result.basis, "")
    if result.verdict is Verdict.AGREES:
        same = [a for a in alternatives if a.label in others and round_half_up(a.value, 2) == round_half_up(value, 2)]
        return "" if same else code
    return ""


def _printed_as_fraction(printed: str, percent_value: Decimal) -> bool:
    """Whether a printed rate is a fraction (0.958) of a recomputed percentage (95.86): nearer × 100 than as is."""
    number = parse_decimal(printed)
    return 0 < number <= 2 and percent_value > 2 and abs(number * 100 - percent_value) < abs(number - percent_value)


def _formula_alternative(fig: ReportedFigure, row: FundLine, facts: Facts) -> Alternative | None:
    """The printed formula as a basis, naming any operand that is not in the funds row."""
    if not fig.formula:
        return None
    try:
        result = evaluate(fig.formula)
    except FormulaError:
        return None
    value = result.value if result.percent else result.value * 100
    known = {facts.money(row, c) for c in MONEY_COLUMNS} - {None}
    strangers = [plain(x) for x in result.operands if x not in known]
    if strangers:
        label = f"原文公式 {fig.formula}（其中 {'、'.join(strangers)} 不是该行的资金数）"
        return Alternative(label, value, Severity.ERROR)
    return Alternative(f"原文公式 {fig.formula}", value)


def _denominators(facts: Facts, rec: Recorder, matched: dict[str, list[tuple[str, str]]]) -> None:
    """DENOMINATOR_INCONSISTENT: the same kind of rate printed on different bases in one document."""
    for measure, pairs in matched.items():
        bases: dict[str, list[str]] = defaultdict(list)
        for fid, basis in pairs:
            bases[basis].append(fid)
        if len(bases) < 2:
            continue
        parts = []
        for basis, ids in sorted(bases.items()):
            subjects = "、".join(_describe(facts, i) for i in ids)
            parts.append(f"{RATES[basis].formula}：{subjects}")
        first = min(fid for fid, _ in pairs)
        rec.add(
            finding(
                FindingCode.DENOMINATOR_INCONSISTENT,
                RATES[measure].label,
                f"同一文件中的{RATES[measure].label}用了不同的口径——" + "；".join(parts),
                cell=facts.dept.cell("reported_figures", first, "value"),
            )
        )


def _describe(facts: Facts, fid: str) -> str:
    fig = next(f for f in facts.dept.reported_figures if f.id == fid)
    project = next((p.name for p in facts.dept.projects if p.id == fig.project_id), "整体")
    return f"{project} {fig.value}%（{fid}）"
