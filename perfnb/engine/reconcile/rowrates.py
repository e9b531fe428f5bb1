"""The rates of one funds row, computed from the operands each :class:`~perfnb.engine.rates.Rate` names."""

from __future__ import annotations

from decimal import Decimal

from perfnb.engine.facts import Facts
from perfnb.engine.figures import Input
from perfnb.engine.rates import RATES
from perfnb.format.schema import FundLine, ReportedFigure

__all__ = ["execution_code", "rate_of", "row_for"]


def rate_of(facts: Facts, code: str, row: FundLine) -> tuple[Decimal | None, list[Input]]:
    """The rate ``code`` of one funds row (percent), with its inputs; None when not computable.

    A total printed 0 beside parts that carry money is read as the sum of its parts (:meth:`Facts.carried`)."""
    terms = RATES[code].funds
    if terms is None:
        raise KeyError(f"{code} is not a rate of a funds row")
    carried = {column: facts.carried(row, column) for column in terms.columns}
    values = {column: value for column, (value, _) in carried.items()}
    return terms.rate(values), [given for _, given in carried.values()]


def execution_code(row: FundLine, code: str) -> str:
    """The execution rate a funds row allows: ``code``, or on 年初预算数 when the row prints no 全年预算数."""
    if code == "execution_rate" and row.budget is None and row.budget_initial is not None:
        return "execution_rate_initial"
    return code


def row_for(facts: Facts, fig: ReportedFigure) -> FundLine | None:
    """The funds row a printed figure is about: its own, its indicator's, else its project's total row."""
    if fig.funds_id:
        return facts.funds.get(fig.funds_id)
    for ind_id in fig.indicator_ids:
        ind = facts.indicators.get(ind_id)
        if ind and ind.funds_ids:
            return facts.funds.get(ind.funds_ids[0])
    return facts.total_row(fig.project_id)
