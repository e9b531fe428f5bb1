"""The checks of a form's printed section scores, weighted scores, execution scores, totals and grades against
the recomputed ones (:class:`~perfnb.engine.scorecard.totals.Tally`), and the totals of forms that print none."""

from __future__ import annotations

from decimal import Decimal

from perfnb.engine.figures import Figure, Input, Verdict, compare, plain
from perfnb.engine.findings import FindingCode, finding
from perfnb.engine.rates import RATES
from perfnb.engine.recorder import Alternative, NumberCheck
from perfnb.engine.scorecard.printed import Printed
from perfnb.engine.scorecard.printed import label as _label
from perfnb.engine.scorecard.totals import EXECUTION_SECTIONS
from perfnb.engine.scoring import names_grade
from perfnb.format.problems import Severity
from perfnb.format.schema import ReportedFigure
from perfnb.format.schemes import short

__all__ = ["ScoreChecks"]


class ScoreChecks(Printed):
    """Checks printed scores, totals and grades of one department; records recomputed totals in the tally."""

    # --- sections and weighted sub-projects ----------------------------------------------------------

    def section(self, fig: ReportedFigure) -> None:
        """A printed section score (or subtotal of rows): Σ its rows' best scores, or its execution score."""
        path = fig.section or ""
        if fig.indicator_ids:
            value, inputs = self.tally.rows_value(fig.indicator_ids)
            names = [getattr(self.facts.indicators.get(i), "level3", None) or i for i in fig.indicator_ids]
            formula = "Σ " + "、".join(names) + " 得分"
            alternatives: list[Alternative] = []
        elif short(path.split("/")[0]) in EXECUTION_SECTIONS:
            return self._execution_score(fig)
        else:
            value, inputs, formula = self.tally.section_value(path, fig.project_id)
            alternatives = self._aggregate_alternatives(path) if fig.project_id is None else []
        if value is None:
            return self.cannot(fig, f"资料中没有“{path}”下的得分")
        self.reconcile(fig, "score", formula, inputs, value, alternatives=alternatives)

    def _aggregate_alternatives(self, path: str) -> list[Alternative]:
        """Other ways a document aggregates sub-project section scores (printed shares; round at the end)."""
        projects = [p for p in self.facts.projects_with_funds() if self.facts.section_indicators(path, p)]
        if not projects:
            return []
        printed, exact = Decimal(0), Decimal(0)
        for p in projects:
            base, _, _ = self.tally.section_value(path, p)
            share, _ = self.facts.share(p)
            pshare, _ = self.facts.printed_share(p)
            if base is None or share is None:
                return []
            exact += base * share
            printed += self.scheme.round_score(base * (pshare if pshare is not None else share))
        return [
            Alternative("按印出的（已四舍五入的）子项目权重计算", printed, Severity.INFO),
            Alternative("不逐项取整、合计后再四舍五入", exact, Severity.INFO),
        ]

    def weighted(self, fig: ReportedFigure) -> None:
        """A printed weighted score: round(the sub-project's section score × its budget share)."""
        if fig.project_id is None:
            return self.cannot(fig, "加权得分未指明子项目")
        path = fig.section or ""
        value, inputs = self.tally.weighted(path, fig.project_id, fig.indicator_ids)
        if value is None:
            return self.cannot(fig, "缺少该子项目的得分或预算占比", inputs)
        alternatives = []
        pshare, _ = self.facts.printed_share(fig.project_id)
        if pshare is not None:
            alt, _ = self.tally.weighted(path, fig.project_id, fig.indicator_ids, share=pshare)
            if alt is not None:
                alternatives.append(
                    Alternative(f"按印出的权重 {plain((pshare * 100).normalize())}% 计算", alt, Severity.INFO)
                )
        formula = f"round({path} 得分 × 预算占比, {self.scheme.places})"
        self.reconcile(fig, "weighted_score", formula, inputs, value, alternatives=alternatives)

    def _execution_score(self, fig: ReportedFigure) -> None:
        row = self.facts.funds.get(fig.funds_id) if fig.funds_id else self.facts.total_row(fig.project_id)
        printed_w = self._printed_weight(fig)
        w = printed_w if printed_w is not None else self.scheme.execution_weight
        if w is None or row is None:
            return self.cannot(fig, "评分方案没有预算执行分值，或找不到对应的资金行")
        value, inputs, why, code = self.tally.execution_of(row, w)
        if value is None:
            return self.cannot(fig, why, inputs)
        label = RATES[code].label
        formula = f"min({plain(w)}, {label} × {plain(w)})" if self.scheme.execution_cap else f"{label} × {plain(w)}"
        if printed_w is not None and printed_w != self.scheme.execution_weight:
            formula += "（分值为本行印出的分值）"
        self.reconcile(fig, "score", formula, inputs, value)

    def _printed_weight(self, fig: ReportedFigure) -> Decimal | None:
        """The 分值 printed for the same funds row as a printed execution score (基本支出 10 分 …), if any."""
        if not fig.funds_id:
            return None
        for other in self.facts.reported("weight"):
            if other.funds_id == fig.funds_id and other.project_id == fig.project_id:
                return other.number
        return None

    # --- totals --------------------------------------------------------------------------------------

    def total(self, fig: ReportedFigure) -> None:
        """A printed total: national (execution + Σ rows), a sub-project's, or Σ sub-project totals × shares."""
        if self.scheme.mode == "national_project":
            return self._national_total(fig)
        subs = {r.project_id: r for r in self.facts.reported("total_score") if r.project_id}
        if fig.project_id is not None:
            return self._sub_total(fig)
        projects = self.facts.projects_with_funds()
        if not projects or any(p not in subs for p in projects):
            return self.cannot(fig, "缺少子项目得分，无法按预算占比合成")
        value, inputs = Decimal(0), []
        for p in projects:
            share, _ = self.facts.share(p)
            number = subs[p].number
            if share is None or number is None:
                return self.cannot(fig, f"缺少子项目 {p} 的预算占比")
            value += number * share
            inputs.append(Input(f"{self.tally.name(p)} 子项目得分", number, "分", self.facts.reported_cell(subs[p])))
            inputs.append(Input(f"{self.tally.name(p)} 预算占比", share * 100, "%"))
        self.tally.totals[None] = self.scheme.round_score(value)
        self.reconcile(fig, "total_score", "Σ 子项目得分 × 子项目预算 / 总预算", inputs, value, total=True)

    def over_maximum(self, fig: ReportedFigure) -> None:
        """A printed total above the scheme's full marks is an error, whatever grade it was given."""
        if fig.number is not None and fig.number > self.scheme.total:
            self.rec.add(
                finding(
                    FindingCode.TOTAL_OVER_MAXIMUM,
                    _label(fig),
                    f"{_label(fig)}：原文 {fig.value} 分，超过评分方案“{self.scheme.title}”的满分 "
                    f"{plain(self.scheme.total)} 分",
                    cell=self.facts.reported_cell(fig),
                    reported=fig.value,
                    project_id=fig.project_id,
                    figure_id=fig.id,
                )
            )

    def _sub_total(self, fig: ReportedFigure) -> None:
        """A sub-project total whose parts are only partly printed: check the unprinted rest is possible."""
        assert fig.project_id is not None
        printed, inputs, missing = Decimal(0), [], Decimal(0)
        for top in self.scheme.sections:
            split = top.parts and all(part.weight is not None for part in top.parts)
            for part in top.parts if split else (top,):
                path = f"{top.name}/{part.name}" if split else top.name
                value, _, _ = self.tally.section_value(path, fig.project_id)
                if value is None:
                    missing += part.weight or Decimal(0)
                else:
                    printed += value
                    inputs.append(Input(f"{path} 得分", value, "分"))
        number = fig.number
        assert number is not None
        rest = number - printed
        ok = Decimal(0) <= rest <= missing
        why = (
            f"原文未印该子项目其余部分的得分（满分 {plain(missing)} 分）；"
            f"已印部分合计 {plain(printed.normalize())} 分，"
            f"其余部分应得 {plain(rest)} 分，" + ("在可能范围内" if ok else "超出可能范围")
        )
        self.cannot(fig, why, inputs)
        if not ok:
            self.rec.add(
                finding(
                    FindingCode.SCORE_MISMATCH,
                    _label(fig),
                    f"{_label(fig)}：{why}",
                    cell=self.facts.reported_cell(fig),
                    reported=fig.value,
                    project_id=fig.project_id,
                )
            )

    def _national_total(self, fig: ReportedFigure) -> None:
        p, found = self.tally.owner(fig.project_id)
        if not found:
            return self.cannot(fig, "总分应按单个项目计算")
        computed = self.tally.national_total(p)
        if computed.value is None:
            self.cannot(fig, computed.why, computed.inputs)
            return self._printed_addition(None, fig, p, computed.execution)
        self.tally.totals[p] = computed.value
        checked = self.reconcile(fig, "total_score", computed.formula, computed.inputs, computed.value, total=True)
        self._printed_addition(checked, fig, p, computed.execution)

    def unprinted_totals(self) -> None:
        """The total of each scored owner whose form prints none (a truncated copy, a form without 总分 row):
        recomputed only (仅复算), so the summary still has a score and a grade."""
        if self.scheme.mode != "national_project":
            return
        printed = {self.tally.owner(f.project_id)[0] for f in self.facts.reported("total_score")}
        for owner in self.tally.owners():
            if owner in printed:
                continue
            computed = self.tally.national_total(owner)
            if computed.value is not None:
                self.tally.totals[owner] = computed.value
                label = f"{self.tally.name(owner)} 总分"
                self.rec.derived(f"total:{owner or 'whole'}", label, "total_score", computed.formula, computed.inputs,
                                 computed.value, unit="分", places=self.scheme.places, note="原文未印总分",
                                 project_id=owner)  # fmt: skip

    def _printed_addition(
        self, checked: Figure | None, fig: ReportedFigure, owner: str | None, execution: Decimal | None
    ) -> None:
        """The form's own addition: its printed total against its printed execution score (the recomputed one when
        it prints none) plus its printed indicator scores. Recorded whenever every indicator score is printed; a
        finding only when neither the total's (``checked``) nor the rows' findings state the slip (the printed
        total, the printed sum and the recomputed total all differ)."""
        indicators = [i for i in self.facts.dept.indicators_of(owner) if i.level3]
        if fig.number is None or not indicators or any(i.score is None for i in indicators):
            return
        points = [i.weight for i in indicators]
        short_rows = None not in points and sum(p or 0 for p in points) < self.scheme.indicator_weight
        printed = self.tally.printed_execution("score", fig.project_id, owner)
        inputs, formula = [], "Σ 原文指标得分"
        if printed is not None and printed.number is not None:
            base, formula = printed.number, "预算执行得分 + Σ 原文指标得分"
            inputs.append(Input("预算执行得分（原文）", base, "分", self.facts.reported_cell(printed)))
        elif self.scheme.execution_weight:
            if execution is None:
                return
            base, formula = execution, "预算执行得分 + Σ 原文指标得分"
            inputs.append(Input("预算执行得分（复算，原文未印）", base, "分"))
        else:
            base = Decimal(0)  # the scheme gives execution no points of its own
        scores = [i.score or Decimal(0) for i in indicators]
        inputs += [Input(f"{i.level3}得分（原文）", s, "分", self.facts.dept.cell("indicators", i.id, "score"))
                   for i, s in zip(indicators, scores, strict=True)]  # fmt: skip
        value = base + sum(scores, Decimal(0))
        recomputed = self.tally.totals.get(owner)
        slip = not ((checked is not None and checked.verdict is Verdict.AGREES) or _agrees(fig.number, value)
                    or (recomputed is not None and _agrees(value, recomputed)) or short_rows)  # fmt: skip
        # rows left out (a truncated copy; WEIGHT_MISMATCH says so): the shown scores need not add up to the total
        self.rec.number(NumberCheck(id=f"addup:{fig.id}", label=f"{_label(fig)}（原文各项得分相加）",
                                    measure="score", formula=formula, inputs=inputs, value=value,  # not a second total
                                    reported=fig.value,
                                    cell=self.facts.reported_cell(fig), code=FindingCode.SUM_MISMATCH,
                            subject=_label(fig),
                                    unit="分", project_id=fig.project_id, total=True, quiet=not slip))  # fmt: skip

    # --- the grade -----------------------------------------------------------------------------------

    def _printed_total(self, project_id: str | None) -> ReportedFigure | None:
        """The printed total a grade row refers to: its project's, else the document's own or only one."""
        printed = list(self.facts.reported("total_score"))
        same = [f for f in printed if f.project_id == project_id]
        return same[0] if same else (printed[0] if project_id is None and len(printed) == 1 else None)

    def grade(self, fig: ReportedFigure) -> None:
        """A printed grade against the grade of the recomputed total (of the printed one when none can be)."""
        cell = self.facts.reported_cell(fig)
        if not self.scheme.grades:
            return self.cannot(fig, f"评分方案 {self.scheme.name} 没有等级档次")
        total, inputs = self.tally.total_of(fig.project_id), []
        if total is None:  # the total cannot be recomputed (rows print no 分值): grade the printed one, and say so
            printed = self._printed_total(fig.project_id)
            if printed is None or printed.number is None:
                return self.cannot(fig, "总分无法复算，原文也没有印总分")
            total = printed.number
            cell_total = self.facts.reported_cell(printed)
            inputs.append(Input("总分（原文；无法复算，按原文总分定等级）", total, "分", cell_total))
        else:
            inputs.append(Input("总分（复算）", self.scheme.round_score(total), "分"))
        grade = self.tally.grade_for(total)
        assert grade is not None
        bands = "；".join(f"{b.grade} {'≥' if b.inclusive else '>'} {plain(b.minimum)}" for b in self.scheme.grades)
        same = names_grade(fig.value, grade, self.scheme.grades)
        verdict = Verdict.AGREES if same else Verdict.DIFFERS
        self.rec.figures.append(
            Figure(
                fig.id,
                _label(fig),
                "grade",
                f"等级档次：{bands}",
                tuple(inputs),
                grade,
                fig.value,
                verdict,
                project_id=fig.project_id,
                cell=cell,
            )
        )
        if not same:
            self.rec.add(
                finding(
                    FindingCode.GRADE_MISMATCH,
                    _label(fig),
                    f"总分 {plain(self.scheme.round_score(total))} 对应等级“{grade}”，原文为“{fig.value}”",
                    cell=cell,
                    reported=fig.value,
                    recomputed=grade,
                    project_id=fig.project_id,
                    figure_id=fig.id,
                )
            )


def _agrees(printed: Decimal, value: Decimal) -> bool:
    """Whether ``value`` rounds to ``printed`` at its printed precision."""
    return compare(printed, value).verdict is Verdict.AGREES
