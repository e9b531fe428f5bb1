"""The checks of a form's weights (分值): each printed weight against the scheme's or the form's own rows, and
the rows' weights rolled up against the scheme (national table rules 1, 12 and 13)."""

from __future__ import annotations

from decimal import Decimal

from perfnb.base.numbers import round_half_up
from perfnb.engine.figures import Input, plain
from perfnb.engine.findings import FindingCode, finding
from perfnb.engine.recorder import NumberCheck
from perfnb.engine.scorecard.printed import Printed, label
from perfnb.engine.scorecard.totals import EXECUTION_SECTIONS
from perfnb.format.kinds import SECTION_WORDS
from perfnb.format.location import Cell
from perfnb.format.schema import Indicator, ReportedFigure
from perfnb.format.schemes import Section, short

__all__ = ["WeightChecks"]

_TOTAL_SECTIONS = SECTION_WORDS["total"]
_INDICATOR_SECTIONS = SECTION_WORDS["indicators"]


class WeightChecks(Printed):
    """Checks printed weights and the rows' weights of one department."""

    def weight(self, fig: ReportedFigure) -> None:
        """A printed 分值: against the form's own rows (national table), else the scheme's points."""
        if self.scheme.mode == "national_project" and self._form_weight(fig):
            return
        section = self.scheme.section(fig.section or "")
        if short(fig.section or "") in EXECUTION_SECTIONS and self.scheme.execution_weight is not None:
            section = Section(name=fig.section or "", weight=self.scheme.execution_weight)
        if short(fig.section or "") in _TOTAL_SECTIONS:
            section = Section(name=fig.section or "", weight=self.scheme.total)
        if section is None or section.weight is None:
            return self.cannot(fig, f"评分方案 {self.scheme.name} 未规定“{fig.section or fig.subject}”的分值")
        self.reconcile(
            fig,
            "weight",
            f"评分方案 {self.scheme.name}：{fig.section}",
            [Input(f"方案分值 {fig.section}", section.weight, "分")],
            section.weight,
            code=FindingCode.WEIGHT_MISMATCH,
        )

    def _form_weight(self, fig: ReportedFigure) -> bool:
        """A category's or the whole table's printed 分值 against the form's own weights (national table):
        Σ the rows' 分值 of the category, or Σ every row's 分值 + the execution 分值 for the total. False
        when a row of the category prints no 分值 (the scheme's weight is then the reference)."""
        path = fig.section or ""
        owner, found = self.tally.owner(fig.project_id)
        if not found or short(path) in EXECUTION_SECTIONS:
            return False
        total, whole = short(path) in _TOTAL_SECTIONS, short(path) in {short(w) for w in _INDICATOR_SECTIONS}
        rows = self.facts.section_indicators("" if total or whole else path, owner)
        complete = bool(rows) and all(i.weight is not None for i in rows)
        if whole and not complete and self.scheme.total:
            self.reconcile(fig, "weight", f"评分方案 {self.scheme.name}：总分 − 预算执行分值",
                           [Input("方案总分", self.scheme.total, "分"),
                            Input("方案预算执行分值", self.scheme.execution_weight or Decimal(0), "分")],
                           self.scheme.indicator_weight, code=FindingCode.WEIGHT_MISMATCH)  # fmt: skip
            return True
        scheme_section = self.scheme.section(path)
        fixed = scheme_section is not None and scheme_section.weight is not None  # checked against the scheme
        if rows and not total and not whole and not fixed and all(i.weight is None for i in rows):
            return self._category_scores(fig, rows)
        if not complete:
            return False
        inputs = [Input(f"{i.level3}分值", i.weight, "分", self.facts.dept.cell("indicators", i.id, "weight"))
                  for i in rows if i.weight is not None]  # fmt: skip
        value = sum((i.weight for i in rows if i.weight is not None), Decimal(0))
        formula = f"Σ {path} 各三级指标分值"
        if total:
            execution = self.tally.printed_execution("weight", fig.project_id, owner)
            w = execution.number if execution is not None else self.scheme.execution_weight
            if w is None:
                return False
            cell = self.facts.reported_cell(execution) if execution is not None else None
            inputs.insert(0, Input("预算执行分值" + ("" if execution else "（评分方案）"), w, "分", cell))
            value += w
            formula = "预算执行分值 + Σ 各三级指标分值"
        self.reconcile(fig, "weight", formula, inputs, value, code=FindingCode.WEIGHT_MISMATCH)
        return True

    def _category_scores(self, fig: ReportedFigure, rows: list[Indicator]) -> bool:
        """A category's printed 分值 whose rows print none (湖北: 产出指标（40分）): not checkable, but its rows'
        printed scores must not add up to more (SCORE_OVER_WEIGHT)."""
        scores = [i.score for i in rows if i.score is not None]
        added = sum(scores, Decimal(0))
        why = "该类别各行未印分值，分值无法核对"
        if scores:
            over = fig.number is not None and added > fig.number
            why += f"；原文各行得分合计 {plain(added)} 分，" + ("超过该分值" if over else "不超过该分值")
        inputs = [Input(f"{i.level3}得分（原文）", i.score, "分", self.facts.dept.cell("indicators", i.id, "score"))
                  for i in rows if i.score is not None]  # fmt: skip
        self.cannot(fig, why, inputs)
        if fig.number is not None and added > fig.number:
            message = f"{label(fig)}：{why}（{plain(fig.number)} 分）"
            self.rec.add(finding(FindingCode.SCORE_OVER_WEIGHT, label(fig), message,
                                 cell=self.facts.reported_cell(fig), reported=fig.value, recomputed=plain(added),
                                 project_id=fig.project_id))  # fmt: skip
        return True

    def national(self, project_id: str | None) -> None:
        """Rules 1, 12 and 13 of the national table: weights roll up, default weights, money vs targets."""
        rows = [i for i in self.facts.dept.indicators_of(project_id) if i.level3]
        name = self.tally.name(project_id)
        weights = [i.weight for i in rows if i.weight is not None]
        if not rows or len(weights) != len(rows):
            return
        expected = self.scheme.indicator_weight
        cell = self.facts.dept.cell("indicators", rows[0].id, "weight")
        if sum(weights, Decimal(0)) != expected:
            self.rec.add(
                finding(
                    FindingCode.WEIGHT_MISMATCH,
                    name,
                    f"{name} 各三级指标分值合计 {plain(sum(weights, Decimal(0)))} 分，应为 {plain(expected)} 分",
                    cell=cell,
                    project_id=project_id,
                )
            )
        if self.scheme.default_weights or self.scheme.fixed_weights:
            self._section_weights(rows, name, cell, project_id)
        self._score_vs_execution(rows, name, cell, project_id)

    def _score_vs_execution(self, rows: list[Indicator], name: str, cell: Cell, project_id: str | None) -> None:
        """Rule 13: the rows' score rate well above the execution score rate (much achieved, little spent)."""
        limit, execution = self.scheme.score_vs_execution, self.tally.execution_value(project_id)
        score = sum((self.tally.best.get(i.id) or Decimal(0) for i in rows), Decimal(0))
        w, expected = self.scheme.execution_weight, self.scheme.indicator_weight
        if limit is not None and execution is not None and w and score > 0:
            rate, spent = score / expected * 100, execution / w * 100
            gap = (rate - spent) / rate * 100
            if gap > limit:
                self.rec.add(
                    finding(
                        FindingCode.SCORE_VS_EXECUTION,
                        name,
                        f"{name} 指标得分率 {plain(round_half_up(rate, 2))}% 比预算执行得分率 "
                        f"{plain(round_half_up(spent, 2))}% 高出 {plain(round_half_up(rate - spent, 2))} 个百分点，"
                        f"占指标得分率的 {plain(round_half_up(gap, 2))}%（超过 {plain(limit)}%）："
                        "完成的指标多而花的钱少，需核实",
                        cell=cell,
                        project_id=project_id,
                    )
                )

    def categories(self, owner: str | None) -> None:
        """The first-level 分值 the form prints in its category labels (产出指标(60分) …), added up, against the
        points the scheme leaves the indicators (Hubei: 60 + 40 = 100 where 80 is theirs); recorded when every
        category of the rows prints one and the rows print no 分值 of their own (else their roll-up says it), under
        a scheme that fixes no category's points (else each is checked against it)."""
        rows = [i for i in self.facts.dept.indicators_of(owner) if i.level3]
        if self.scheme.fixed_weights or all(i.weight is not None for i in rows):
            return
        names = {short(i.level1) for i in rows}
        printed = {short(f.section): f for f in self.facts.reported("weight")
                   if f.section and "/" not in f.section and self.tally.owner(f.project_id)[0] == owner
                   and short(f.section) in names and f.number is not None}  # fmt: skip
        if not rows or set(printed) != names or len(printed) < 2:
            return
        inputs = [
            Input(f"{f.section}分值（原文）", f.number or Decimal(0), "分", self.facts.reported_cell(f))
            for f in printed.values()
        ]
        added = sum((f.number for f in printed.values() if f.number is not None), Decimal(0))
        name = self.tally.name(owner)
        self.rec.number(NumberCheck(id=f"categories:{owner or 'whole'}", label=f"{name} 一级指标分值（原文各类别相加）",
                                    measure="weight", formula=f"评分方案 {self.scheme.name}：总分 − 预算执行分值",
                                    inputs=inputs, value=self.scheme.indicator_weight, reported=plain(added),
                                    cell=inputs[0].cell, code=FindingCode.WEIGHT_MISMATCH, subject=name, unit="分",
                                    project_id=owner))  # fmt: skip

    def _section_weights(self, rows: list[Indicator], name: str, cell: Cell | None, project_id: str | None) -> None:
        """Each section's (and weighted part's) rows against the scheme's points: a note where the scheme's are
        defaults a unit may change (national 50/30/10), an error where the scheme fixes them (Yinchuan)."""
        fixed = self.scheme.fixed_weights
        for section in self.scheme.sections:
            levels: list[tuple[tuple[str, ...], Decimal | None]] = [((section.name,), section.weight)]
            levels += [((section.name, part.name), part.weight) for part in section.parts if fixed]
            for path, weight in levels:
                mine = [i for i in rows if tuple(short(n) for n in (i.level1, i.level2 or "")[: len(path)])
                        == tuple(short(n) for n in path)]  # fmt: skip
                got = sum((i.weight or Decimal(0) for i in mine), Decimal(0))
                if weight is None or got == weight or (len(path) > 1 and not mine):
                    continue
                what = "/".join(path)
                rule = f"评分方案“{self.scheme.title}”规定为 {plain(weight)} 分"
                if not fixed:
                    rule = f"默认为 {plain(weight)} 分（单位可以另定，仅作提示）"
                self.rec.add(
                    finding(
                        FindingCode.WEIGHT_MISMATCH if fixed else FindingCode.WEIGHT_DEPARTURE,
                        what,
                        f"{name} 的{what}指标分值合计 {plain(got)} 分，{rule}",
                        cell=cell,
                        project_id=project_id,
                    )
                )
