"""The scorecard of one department: its rows scored, then its printed weights, scores, totals and grades
checked (the parts: see :mod:`perfnb.engine.scorecard`).

An indicator's *best* score is the recomputed one (rounded to the scheme's places) where the
rule can recompute it, else the score as printed; sections add best scores, so a wrong row
shows in its section, and a row that cannot be checked is carried as printed (and says so).
"""

from __future__ import annotations

from decimal import Decimal

from perfnb.engine.facts import Facts
from perfnb.engine.recorder import Recorder
from perfnb.engine.scorecard.reported import ScoreChecks
from perfnb.engine.scorecard.rowcheck import RowChecks
from perfnb.engine.scorecard.totals import Tally
from perfnb.engine.scorecard.weights import WeightChecks
from perfnb.format.schemes import Scheme

__all__ = ["Scorecard"]


class Scorecard:
    """Scores one department under one scheme, writing figures and findings to ``rec``: call
    :meth:`score_indicators`, then :meth:`check_reported` and :meth:`unprinted_totals`; then read
    :attr:`total` and :attr:`grade`."""

    def __init__(self, facts: Facts, rec: Recorder, scheme: Scheme) -> None:
        self.facts, self.rec, self.scheme = facts, rec, scheme
        self.tally = Tally(facts, scheme, {})  # replaced by the rows' best scores in score_indicators
        self.basis_of: dict[str, str] = {}  # per indicator row scored on a rate: the rate's code
        for ind in facts.dept.indicators:
            rule = scheme.rule_for(ind.level2, ind.level3)
            if rule.method == "rate" and rule.rate:
                self.basis_of[ind.id] = rule.rate

    @property
    def scored(self) -> bool:
        """False for targets-only schemes (no actual values, no scores)."""
        return self.scheme.mode != "targets_only"

    def score_indicators(self) -> None:
        """Recompute every indicator row's score (where the rule can) and raise row findings."""
        best = RowChecks(self.facts, self.rec, self.scheme).score_all()
        self.tally = Tally(self.facts, self.scheme, best)

    def check_reported(self) -> None:
        """Reconcile every printed weight, score, weighted score, total and grade."""
        weights = WeightChecks(self.facts, self.rec, self.tally)
        scores = ScoreChecks(self.facts, self.rec, self.tally)
        for fig in self.facts.dept.reported_figures:
            if fig.measure == "weight":
                weights.weight(fig)
            elif fig.measure == "score":
                scores.section(fig)
            elif fig.measure == "weighted_score":
                scores.weighted(fig)
            elif fig.measure == "total_score":
                scores.total(fig)
                scores.over_maximum(fig)
        for fig in self.facts.reported("grade"):
            scores.grade(fig)
        if self.scheme.mode == "national_project":
            for owner in self.tally.owners():
                weights.national(owner)
                weights.categories(owner)

    def unprinted_totals(self) -> None:
        """Recompute (仅复算) the total of each scored owner whose form prints none."""
        ScoreChecks(self.facts, self.rec, self.tally).unprinted_totals()

    @property
    def total(self) -> Decimal | None:
        """The document's recomputed total: the whole's, or the only project's (None for several)."""
        return self.tally.total

    @property
    def grade(self) -> str | None:
        """The grade of the document's recomputed total."""
        return self.tally.grade
