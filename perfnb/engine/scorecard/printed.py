"""What the checks of a form's printed weights, scores, totals and grades share: the recorder, the tally of
recomputed scores, and the two ways a printed figure is recorded (reconciled, or not checkable and why)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from perfnb.engine.facts import Facts
from perfnb.engine.figures import Figure, Input
from perfnb.engine.findings import FindingCode
from perfnb.engine.recorder import Alternative, Recorder
from perfnb.engine.scorecard.totals import Tally
from perfnb.format.schema import ReportedFigure

__all__ = ["Printed", "label"]


class Printed:
    """Records printed figures of one department against the recomputed values of ``tally``."""

    def __init__(self, facts: Facts, rec: Recorder, tally: Tally) -> None:
        self.facts, self.rec, self.tally = facts, rec, tally
        self.scheme = tally.scheme

    def reconcile(
        self,
        fig: ReportedFigure,
        measure: str,
        formula: str,
        inputs: Sequence[Input],
        value: Decimal,
        *,
        code: FindingCode = FindingCode.SCORE_MISMATCH,
        alternatives: Sequence[Alternative] = (),
        total: bool = False,
    ) -> Figure:
        """Reconcile a printed weight or score under its readable label and its cell (a total: the grade its
        printed value would get is compared too)."""
        changes = self._changes_grade if total and measure == "total_score" else None
        return self.rec.reported(fig, label(fig), measure, formula, inputs, value, code=code,
                          cell=self.facts.reported_cell(fig), alternatives=alternatives, total=total,
                          changes_grade=changes)  # fmt: skip

    def _changes_grade(self, printed: Decimal, recomputed: Decimal) -> bool:
        """Whether a printed total would get another grade than the recomputed one."""
        return self.tally.grade_for(printed) != self.tally.grade_for(recomputed)

    def cannot(self, fig: ReportedFigure, why: str, inputs: Sequence[Input] = ()) -> None:
        """Record a printed figure that cannot be checked, and why."""
        self.rec.unchecked(fig, label(fig), fig.measure, why, cell=self.facts.reported_cell(fig), inputs=inputs)


def label(fig: ReportedFigure) -> str:
    """A readable label: section and subject (the subject alone is often just 共得)."""
    project = f"{fig.project_id} " if fig.project_id else ""
    section = f"{fig.section} " if fig.section and fig.section not in fig.subject else ""
    return f"{project}{section}{fig.subject}".strip()
