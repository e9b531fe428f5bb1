"""Printed balances, shares, amounts and counts: each against the funds cell, the printed formula or the list it
repeats."""

from __future__ import annotations

from decimal import Decimal

from perfnb.base.numbers import round_half_up
from perfnb.base.units import MONEY_UNITS
from perfnb.engine.facts import MONEY_COLUMNS, Facts
from perfnb.engine.figures import Input, Verdict, compare, plain
from perfnb.engine.findings import FindingCode
from perfnb.engine.formula import FormulaError, evaluate
from perfnb.engine.rates import RATES
from perfnb.engine.reconcile.rowrates import row_for
from perfnb.engine.recorder import Recorder
from perfnb.format.schema import ReportedFigure
from perfnb.format.schemes import Scheme

__all__ = ["check_amount", "check_balance", "check_count", "check_share"]


def check_balance(facts: Facts, rec: Recorder, fig: ReportedFigure) -> None:
    """A printed balance (结余): 全年预算数 − 执行数 of its funds row."""
    row = row_for(facts, fig)
    cell = facts.reported_cell(fig)
    unit = fig.unit if fig.unit in MONEY_UNITS else facts.unit
    if row is None or row.budget is None or row.executed is None:
        rec.unchecked(
            fig,
            fig.subject,
            "balance",
            "缺少预算数或执行数",
            cell=cell,
        )
        return
    budget, executed = facts.money(row, "budget", unit), facts.money(row, "executed", unit)
    assert budget is not None and executed is not None
    rec.reported(
        fig,
        fig.subject,
        "balance",
        "全年预算数 − 执行数",
        [facts.money_input(row, "budget", unit), facts.money_input(row, "executed", unit)],
        budget - executed,
        cell=cell,
        code=FindingCode.AMOUNT_MISMATCH,
        unit=unit,
    )


def check_share(facts: Facts, rec: Recorder, fig: ReportedFigure) -> None:
    """A sub-project's printed share of the total budget."""
    cell = facts.reported_cell(fig)
    share, inputs = facts.share(fig.project_id) if fig.project_id else (None, ())
    if share is None:
        rec.unchecked(
            fig,
            fig.subject,
            "share",
            "找不到子项目预算或总预算",
            cell=cell,
        )
        return
    rate = RATES["budget_share"]
    rec.reported(
        fig,
        fig.subject,
        "share",
        rate.formula,
        inputs,
        share * 100,
        cell=cell,
        code=FindingCode.RATE_MISMATCH,
    )


def check_amount(facts: Facts, rec: Recorder, fig: ReportedFigure) -> None:
    """An amount: its printed formula when there is one, else the funds cell it repeats."""
    cell = facts.reported_cell(fig)
    printed = fig.number
    assert printed is not None
    if fig.formula:
        try:
            result = evaluate(fig.formula)
        except FormulaError as exc:
            rec.unchecked(
                fig,
                fig.subject,
                "amount",
                f"原文公式无法计算：{exc}",
                cell=cell,
            )
            return
        rec.reported(
            fig,
            fig.subject,
            "amount",
            fig.formula,
            [],
            result.value,
            cell=cell,
            code=FindingCode.AMOUNT_MISMATCH,
        )
        return
    unit = fig.unit if fig.unit in MONEY_UNITS else facts.unit
    matches = []
    for row in facts.dept.funds:
        if row.project_id != fig.project_id:
            continue
        for column in MONEY_COLUMNS:
            value = facts.money(row, column, unit)
            if value is not None and round_half_up(value, 6) == value and _same_at(printed, value):
                matches.append((row, column, value))
    if len(matches) == 1:
        row, column, value = matches[0]
        rec.reported(
            fig,
            fig.subject,
            "amount",
            f"与资金表 {row.id} 的{MONEY_COLUMNS[column]}相同",
            [facts.money_input(row, column, unit)],
            value,
            cell=cell,
            code=FindingCode.AMOUNT_MISMATCH,
            unit=unit,
            note=f"资金表印作 {plain(value)}，此处印 {fig.value}",
        )
        return
    why = "资金表中没有与之对应的数" if not matches else "资金表中有多个数与之相同，无法确定对应哪一个"
    rec.cannot(
        fig.id, fig.subject, "amount", why, reported=fig.value, cell=cell, unit=fig.unit, project_id=fig.project_id
    )


def _same_at(printed: Decimal, value: Decimal) -> bool:
    return compare(printed, value).verdict is Verdict.AGREES


def check_count(facts: Facts, rec: Recorder, fig: ReportedFigure, scheme: Scheme) -> None:
    """A count: the number of sub-projects, or of first-level sections, when the subject says which."""
    cell = facts.reported_cell(fig)
    candidates: list[tuple[str, Decimal, list[Input]]] = []
    if any(word in fig.subject for word in ("项目", "类别")) and facts.dept.projects:
        inputs = [Input(p.name, p.id, None, facts.dept.cell("projects", p.id, "id")) for p in facts.dept.projects]
        candidates.append(("projects.csv 中的项目数", Decimal(len(facts.dept.projects)), inputs))
    if "指标" in fig.subject and scheme.sections:
        inputs = [Input(s.name, s.weight or Decimal(0), "分") for s in scheme.sections]
        candidates.append((f"评分方案 {scheme.name} 的一级指标数", Decimal(len(scheme.sections)), inputs))
    if not candidates:
        rec.unchecked(
            fig,
            fig.subject,
            "count",
            "文中计数，资料中没有对应的明细",
            cell=cell,
        )
        return
    label, value, inputs = candidates[-1] if "指标" in fig.subject else candidates[0]
    rec.reported(
        fig,
        fig.subject,
        "count",
        label,
        inputs,
        value,
        cell=cell,
        code=FindingCode.AMOUNT_MISMATCH,
    )
