"""Aggregation of row scores: sections (Σ a section's 一级/二级 rows), weighted sub-project sections, execution
scores, a project's total and the grade. Nothing is recorded here; the checks of printed figures
(:mod:`perfnb.engine.scorecard.reported`, :mod:`perfnb.engine.scorecard.weights`) record what it computes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from perfnb.engine.facts import Facts
from perfnb.engine.figures import Input, plain
from perfnb.engine.reconcile import execution_code, rate_of
from perfnb.engine.scoring import grade_of, score_proportional
from perfnb.format.kinds import SECTION_WORDS
from perfnb.format.schema import FundLine, Indicator, ReportedFigure
from perfnb.format.schemes import Scheme, short

__all__ = ["EXECUTION_SECTIONS", "Execution", "Tally", "Total"]

EXECUTION_SECTIONS = SECTION_WORDS["execution"]


class Total(NamedTuple):
    """A recomputed national total: value (None when it cannot be), inputs, formula, the execution score in it."""

    value: Decimal | None
    inputs: list[Input]
    formula: str
    execution: Decimal
    why: str = ""


class Execution(NamedTuple):
    """The execution score of one funds row, unrounded (None with ``why``), its inputs and its rate's code."""

    value: Decimal | None
    inputs: list[Input]
    why: str
    code: str


class Tally:
    """Adds up a department's best row scores (``best``: per indicator row, see :mod:`perfnb.engine.scorecard.rowcheck`)
    under a scheme. ``totals`` holds the totals recomputed so far (per project, None for the whole), as the
    checks of the printed totals record them."""

    def __init__(self, facts: Facts, scheme: Scheme, best: Mapping[str, Decimal | None]) -> None:
        self.facts, self.scheme, self.best = facts, scheme, best
        self.totals: dict[str | None, Decimal] = {}

    # --- who -----------------------------------------------------------------------------------------

    def name(self, project_id: str | None) -> str:
        """A project's name for a message (the department's for None)."""
        if project_id is None:
            return self.facts.dept.header.name
        return next((p.name for p in self.facts.dept.projects if p.id == project_id), project_id)

    def owner(self, project_id: str | None) -> tuple[str | None, bool]:
        """Whose total a figure without a project is: the department's own (a whole-department form with its
        own funds or indicators), else the only project's; (owner, found)."""
        if project_id is not None:
            return project_id, True
        if self.facts.dept.indicators_of(None) or self.facts.total_row(None) is not None:
            return None, True
        projects = [p.id for p in self.facts.dept.projects]
        return (projects[0], True) if len(projects) == 1 else (None, False)

    def owners(self) -> list[str | None]:
        """Every scored owner: the department's own rows (when it has any), then each project."""
        owners: list[str | None] = [project.id for project in self.facts.dept.projects]
        if self.facts.dept.indicators_of(None):
            owners.insert(0, None)
        return owners

    # --- sections ------------------------------------------------------------------------------------

    def rows_value(self, ids: Sequence[str]) -> tuple[Decimal | None, list[Input]]:
        """Σ best scores of the given indicator rows (None when none has a score)."""
        inputs, values = [], []
        for i in ids:
            ind = self.facts.indicators.get(i)
            value = self.best.get(i)
            if ind is None or value is None:
                continue
            recomputed = ind.score is None or value != ind.score
            name = f"{ind.level3}得分" + ("（复算）" if recomputed else "")
            inputs.append(Input(name, value, "分", self.facts.dept.cell("indicators", i, "score")))
            values.append(value)
        return (sum(values, Decimal(0)) if values else None), inputs

    def section_value(self, path: str, project_id: str | None) -> tuple[Decimal | None, list[Input], str]:
        """A section's score for a project (Σ rows) or for the whole (its rows, or Σ weighted sub-projects)."""
        rows = self.facts.section_indicators(path, project_id)
        if rows:
            value, inputs = self.rows_value([r.id for r in rows])
            return value, inputs, f"Σ {path} 各项得分"
        if project_id is not None:
            return None, [], ""
        total, inputs = Decimal(0), []
        projects = [p for p in self.facts.projects_with_funds() if self.facts.section_indicators(path, p)]
        for p in projects:
            weighted, _ = self.weighted(path, p)
            if weighted is None:
                return None, [], ""
            total += weighted
            inputs.append(Input(f"{self.name(p)} {path} 加权得分（复算）", weighted, "分"))
        if not projects:
            return None, [], ""
        return total, inputs, f"Σ 各子项目 round({path} 得分 × 预算占比, {self.scheme.places})"

    def weighted(
        self, path: str, project_id: str, ids: Sequence[str] = (), share: Decimal | None = None
    ) -> tuple[Decimal | None, list[Input]]:
        """round(sub-project section score × budget share); the exact share unless ``share`` is given."""
        base, inputs = self.rows_value(ids) if ids else self.section_value(path, project_id)[:2]
        if share is None:
            share, share_inputs = self.facts.share(project_id)
            inputs = [*inputs, *share_inputs]
        if base is None or share is None:
            return None, inputs
        return self.scheme.round_score(base * share), inputs

    # --- execution -----------------------------------------------------------------------------------

    def execution_of(self, row: FundLine, w: Decimal) -> Execution:
        """The execution score of one funds row with ``w`` points, unrounded."""
        code = execution_code(row, self.scheme.execution_rate)
        rate, inputs = rate_of(self.facts, code, row)
        inputs = [Input("分值", w, "分"), *inputs]
        blank = rate is None and any(i.value == "（空）" for i in inputs)
        printed = self._printed_rate(row) if blank else None
        if printed is not None and printed.number is not None:  # amounts left blank, the rate printed (重庆)
            rate = printed.number
            inputs = [
                inputs[0],
                Input("执行率（原文；资金数未印，按原文执行率计分）", rate, "%", self.facts.reported_cell(printed)),
            ]
        if rate is None:
            why = "资金行缺少预算数或执行数，执行率无法计算" if blank else "预算数为 0：执行率不适用"
            return Execution(None, inputs, why, code)
        return Execution(score_proportional(w, rate / 100, cap=self.scheme.execution_cap), inputs, "", code)

    def _printed_rate(self, row: FundLine) -> ReportedFigure | None:
        """The execution rate the form prints for a funds row (its own, or its project's when it is the total)."""
        total = row is self.facts.total_row(row.project_id)
        return next((f for f in self.facts.reported("execution_rate") if f.funds_id == row.id
                     or (total and not f.funds_id and f.project_id == row.project_id)), None)  # fmt: skip

    def execution_value(self, project_id: str | None) -> Decimal | None:
        """The recomputed execution score of a project (national scheme), rounded."""
        w, row = self.scheme.execution_weight, self.facts.total_row(project_id)
        value = None if w is None or row is None else self.execution_of(row, w).value
        return None if value is None else self.scheme.round_score(value)

    def printed_execution(self, measure: str, project_id: str | None, owner: str | None) -> ReportedFigure | None:
        """The printed execution 分值 or 得分 (``measure``) of a project's total funds row, if the form prints one."""
        total = self.facts.total_row(owner)
        return next((f for f in self.facts.reported(measure) if f.project_id == project_id and f.number is not None
                     and short((f.section or "").split("/")[0]) in EXECUTION_SECTIONS
                     and (not f.funds_id or self.facts.funds.get(f.funds_id) is total)), None)  # fmt: skip

    # --- totals and the grade ------------------------------------------------------------------------

    def national_total(self, owner: str | None) -> Total:
        """A project's (or the whole department's) recomputed total: its execution score (none when the scheme
        gives execution no points of its own) + Σ its indicator scores."""
        scored = bool(self.scheme.execution_weight)
        execution = self.execution_value(owner) if scored else Decimal(0)
        rows = [i for i in self.facts.dept.indicators_of(owner) if i.level3]
        value, inputs = self.rows_value([i.id for i in rows])
        if execution is None or value is None:
            return Total(None, inputs, "", Decimal(0), "缺少预算执行得分或指标得分")
        missing = self.missing_points(rows)
        if missing:
            return Total(None, inputs, "", execution, missing)
        if scored:
            inputs = [Input("预算执行得分（复算）", execution, "分"), *inputs]
        formula = "预算执行得分 + Σ 指标得分" if scored else "Σ 指标得分（评分方案不给预算执行单独计分）"
        return Total(execution + value, inputs, formula, execution)

    def missing_points(self, rows: Sequence[Indicator]) -> str:
        """Why the rows cannot make a total: some print no 分值 (their scores cannot be recomputed), or their
        分值 add up to less than the scheme's indicator points (a truncated copy, rows left out); "" when they can."""
        if any(i.weight is None for i in rows):
            return "部分指标未印分值，指标得分无法按规则复算，总分只能看原文各项得分相加"
        points = sum((i.weight or Decimal(0) for i in rows), Decimal(0))
        if points < self.scheme.indicator_weight:
            return (f"指标分值合计 {plain(points)} 分，少于评分方案的 {plain(self.scheme.indicator_weight)} 分："
                    "表中缺少部分指标（如原件截断），总分无法复核")  # fmt: skip
        return ""

    @property
    def total(self) -> Decimal | None:
        """The document's recomputed total: the whole's, or the only project's (None for several)."""
        if None in self.totals:
            return self.totals[None]
        return next(iter(self.totals.values())) if len(self.totals) == 1 else None

    def total_of(self, project_id: str | None) -> Decimal | None:
        """The recomputed total a grade row refers to: its project's, else the document's."""
        return self.totals.get(project_id) if project_id is not None else self.total

    def grade_for(self, total: Decimal | None) -> str | None:
        """The grade of a total (rounded to the scheme's places first), when the scheme has grade bands."""
        if not self.scheme.grades or total is None:
            return None
        return grade_of(self.scheme.round_score(total), self.scheme.grades)

    @property
    def grade(self) -> str | None:
        """The grade of the document's recomputed total."""
        return self.grade_for(self.total)
