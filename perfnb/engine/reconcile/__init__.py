"""Reconciling funds tables and printed figures with their recomputation.

Each check reads a department through :class:`~perfnb.engine.facts.Facts`, recomputes, and writes figures and
findings to a :class:`~perfnb.engine.recorder.Recorder` (scores are in ``scorecard``):

- ``funds``: sums of parts, income against expenditure, the half-year plan, key tasks' share, execution above
  budget or far below it, budget adjustments;
- ``horizons``: a project's year against its whole period (target tables);
- ``rowrates``: the rates of one funds row, from the operands each :class:`~perfnb.engine.rates.Rate` names;
- ``printedrates``: every printed rate, and which basis it used;
- ``amounts``: printed balances, shares, amounts and counts.
"""

from __future__ import annotations

from perfnb.engine.reconcile.funds import check_funds
from perfnb.engine.reconcile.printedrates import check_reported_rates
from perfnb.engine.reconcile.rowrates import execution_code, rate_of

__all__ = ["check_funds", "check_reported_rates", "execution_code", "rate_of"]
