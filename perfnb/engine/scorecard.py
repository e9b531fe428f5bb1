"""Scores: each indicator row by its scheme rule, then sections, weighted sub-project scores,
totals and the grade, each reconciled against what the document printed.

An indicator's *best* score is the recomputed one (rounded to the scheme's places) where the
rule can recompute it, else the score as printed; sections add best scores, so a wrong row
shows in its section, and a row that cannot be checked is carried as printed (and says so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from perfnb.base.numbers import NumberFormatError, normalize_text, parse_decimal, round_half_up
from perfnb.engine.facts import Facts
from perfnb.engine.figures import Figure, Input, Verdict, compare, plain
from perfnb.engine.findings import finding
from perfnb.engine.rates import RATES
from perfnb.engine.reconcile import execution_code, rate_of
from perfnb.engine.recorder import Alternative, Recorder
from perfnb.engine.scoring import (
    grade_of,
    names_grade,
    over_achieved,
    qualitative_tier,
    score_band,
    score_equal,
    score_higher,
    score_lower,
    score_proportional,
    tier_contains,
    tier_range,
)
from perfnb.format.location import Cell
from perfnb.format.problems import Severity
from perfnb.format.schema import SECTION_WORDS, FundLine, Indicator, ReportedFigure
from perfnb.format.schemes import Rule, Scheme, Section, short
from perfnb.format.targets import Op, ParsedValue, comparable, date_met, in_target_unit, parse_value

__all__ = ["Scorecard"]

_EXECUTION_SECTIONS = SECTION_WORDS["execution"]
_Pair = tuple[Decimal | None, Decimal | None]  # a row's actual and target as comparable numbers (targets.comparable)
_TOTAL_SECTIONS = SECTION_WORDS["total"]
_INDICATOR_SECTIONS = SECTION_WORDS["indicators"]


class _Total(NamedTuple):
    """A recomputed national total: value (None when it cannot be), inputs, formula, the execution score in it."""

    value: Decimal | None
    inputs: list[Input]
    formula: str
    execution: Decimal
    why: str = ""


class Scorecard:
    """Scores one department under one scheme, writing figures and findings to ``rec``."""

    def __init__(self, facts: Facts, rec: Recorder, scheme: Scheme) -> None:
        self.facts, self.rec, self.scheme = facts, rec, scheme
        self.places = scheme.places
        self.best: dict[str, Decimal | None] = {}
        self.basis_of: dict[str, str] = {}
        self.totals: dict[str | None, Decimal] = {}  # recomputed totals: per project, None for the whole
        self.notes: dict[str, str] = {}  # per indicator row: what was assumed to score it
        for ind in facts.dept.indicators:
            rule = scheme.rule_for(ind.level2, ind.level3)
            if rule.method == "rate" and rule.rate:
                self.basis_of[ind.id] = rule.rate

    @property
    def scored(self) -> bool:
        """False for targets-only schemes (no actual values, no scores)."""
        return self.scheme.mode != "targets_only"

    def round(self, value: Decimal) -> Decimal:
        """Round a score half-up to the scheme's places."""
        return round_half_up(value, self.places)

    # --- indicator rows -------------------------------------------------------------------

    def score_indicators(self) -> None:
        """Recompute every indicator row's score (where the rule can) and raise row findings."""
        year = self.facts.dept.header.fiscal_year
        for ind in self.facts.dept.indicators:
            if not ind.level3:
                continue
            target, actual = parse_value(ind.target, year=year), parse_value(ind.actual, year=year)
            read = in_target_unit(target, actual, year)
            if read is not None and comparable(target, read)[0] is not None:  # ≥50个 → 50: read as 50个, and say so
                self.notes[ind.id] = f"实际完成值“{ind.actual}”未写单位，按年度指标值的单位读作“{read.raw}”"
                actual = read
            pair = comparable(target, actual)  # (actual, target) as numbers in one unit, when they compare
            self._over_achievement(ind, target, pair)
            if not self.scored:
                continue
            self.best[ind.id] = ind.score
            if ind.score is None and ind.weight is None and ind.actual is None:
                continue
            self._score_row(ind, target, actual, pair)

    def _over_achievement(self, ind: Indicator, target: ParsedValue | None, pair: _Pair) -> None:
        ratio = self.scheme.over_achievement
        a, t = pair
        at_least = _at_least(target, bare=True)
        if ratio is None or a is None or t is None or not at_least or t <= 0:
            return
        if over_achieved(a, t, ratio):
            self.rec.add(
                finding(
                    "TARGET_TOO_LOW",
                    ind.level3 or "",
                    f"{ind.level3}：目标 {ind.target}，实际 {ind.actual}，"
                    f"为目标的 {plain(round_half_up(a / t * 100, 2))}%"
                    f"（≥ {plain(ratio * 100)}%），目标可能定得偏低",
                    cell=self.facts.dept.cell("indicators", ind.id, "target"),
                    project_id=ind.project_id,
                )
            )

    def _score_row(self, ind: Indicator, target: ParsedValue | None, actual: ParsedValue | None, pair: _Pair) -> None:
        rule = self.scheme.rule_for(ind.level2, ind.level3)
        cell = self.facts.dept.cell("indicators", ind.id, "score")
        fid, label, w = f"score:{ind.id}", f"{ind.level3}得分", ind.weight
        reported = plain(ind.score) if ind.score is not None else None
        if ind.score is not None and w is not None and ind.score > w:
            self.rec.add(
                finding(
                    "SCORE_OVER_WEIGHT",
                    ind.level3 or "",
                    f"{ind.level3}：得分 {reported} 超过分值 {plain(w)}",
                    cell=cell,
                    reported=reported,
                    project_id=ind.project_id,
                )
            )
        if w is None:
            why = "原文未印本项分值，无法按规则复算" if ind.score is not None else "原文未印本项分值和得分"
            self.rec.cannot(
                fid, label, "score", why, reported=reported, cell=cell, unit="分", project_id=ind.project_id
            )
            self._missing(ind, cell)
            return
        value, formula, inputs, why = self._rule_value(ind, rule, w, target, actual, pair)
        if value is None:
            if why.startswith("tier:"):
                self._tier(ind, w, why.removeprefix("tier:"), cell)
                return self._deviation(ind, w)
            self.rec.cannot(
                fid,
                label,
                "score",
                why,
                reported=reported,
                cell=cell,
                formula=formula,
                inputs=inputs,
                unit="分",
                project_id=ind.project_id,
            )
            self._missing(ind, cell)
            self._deviation(ind, w)
            return
        rounded = self.round(value)
        self.best[ind.id] = rounded
        if reported is None:
            self.rec.derived(
                fid,
                label,
                "score",
                formula,
                inputs,
                value,
                unit="分",
                places=self.places,
                note="原文未印本项得分",
                project_id=ind.project_id,
            )
            self._missing(ind, cell)
            return
        self.rec.number(
            fid,
            label,
            "score",
            formula,
            inputs,
            value,
            reported,
            cell=cell,
            code="SCORE_MISMATCH",
            subject=ind.level3 or "",
            unit="分",
            note="；".join(n for n in (rule.note, self.notes.get(ind.id, "")) if n),
            project_id=ind.project_id,
        )
        self._deviation(ind, w)
        if rule.method == "coefficient":
            self._coefficient_claim(ind, target, pair)

    def _coefficient_claim(self, ind: Indicator, target: ParsedValue | None, pair: _Pair) -> None:
        """A self-rated 得分系数 above what the row achieved (actual / target of an at-least row): a warning."""
        a, t = pair
        coefficient = _coefficient(ind.coefficient)
        known = next((r for r in RATES.values() if r.label in (ind.level3 or "")), None)  # 政府采购执行率 …
        at_least = _at_least(target, bare=known is not None and known.better == "higher")
        if coefficient is None or a is None or t is None or not at_least or t <= 0:
            return
        achieved = min(Decimal(1), max(Decimal(0), a / t))
        if coefficient > achieved + Decimal("0.005"):
            self.rec.add(
                finding(
                    "COEFFICIENT_ABOVE_RESULT",
                    ind.level3 or "",
                    f"{ind.level3}：得分系数 {ind.coefficient} 高于完成比例 {plain(round_half_up(achieved * 100, 2))}%"
                    f"（实际 {ind.actual} / 目标 {ind.target}）：按完成比例应得 "
                    f"{plain(self.round((ind.weight or Decimal(0)) * achieved))} 分",
                    cell=self.facts.dept.cell("indicators", ind.id, "coefficient"),
                    reported=ind.coefficient,
                    project_id=ind.project_id,
                )
            )

    def _rule_value(
        self,
        ind: Indicator,
        rule: Rule,
        w: Decimal,
        target: ParsedValue | None,
        actual: ParsedValue | None,
        pair: _Pair,
    ) -> tuple[Decimal | None, str, list[Input], str]:
        """(score, formula, inputs, why-not) for one row under its rule."""
        w_input = Input("分值", w, "分", self.facts.dept.cell("indicators", ind.id, "weight"))
        coefficient = _coefficient(ind.coefficient) if rule.method == "coefficient" else None
        if coefficient is not None:  # 重庆: 指标得分 = 指标权重 × 得分系数 (a row without one: scored by operator)
            c_input = Input(
                "得分系数", ind.coefficient or "", None, self.facts.dept.cell("indicators", ind.id, "coefficient")
            )
            return min(w, w * coefficient), "指标权重 × 得分系数", [w_input, c_input], ""
        if rule.method in ("rate", "bands"):
            row = self.facts.funds.get(ind.funds_ids[0]) if ind.funds_ids else self.facts.total_row(ind.project_id)
            code = rule.rate or "execution_rate"
            if row is None:
                return None, "", [w_input], "本项未关联资金行（funds_ids），也找不到项目的资金合计行，无法计算比率"
            rate, inputs = rate_of(self.facts, code, row)
            if rate is None:
                return None, "", [w_input, *inputs], "资金行缺少计算比率所需的数"
            name = RATES[code].label
            inputs = [w_input, *inputs]
            if rule.method == "rate":
                return score_proportional(w, rate / 100), f"分值 × {name}（封顶）", inputs, ""
            bands = "；".join(
                f"≤{plain(b.limit)}% 得 {plain(b.fraction * 100)}%"
                if b.limit is not None
                else f"其余得 {plain(b.fraction * 100)}%"
                for b in rule.bands
            )
            return score_band(w, rate, rule.bands), f"分值 × 档次（|{name}| {bands}）", inputs, ""
        a, t = pair
        inputs = [w_input]
        if target is not None and actual is not None:
            inputs += [
                Input("年度指标值", target.raw, None, self.facts.dept.cell("indicators", ind.id, "target")),
                Input("实际完成值", actual.raw, None, self.facts.dept.cell("indicators", ind.id, "actual")),
            ]
        if a is not None and t is not None and target is not None:
            if target.op in (Op.GE, Op.GT):
                return score_higher(w, a, t), "正向指标：实际 ≥ 目标得满分，否则 分值 × 实际/目标", inputs, ""
            if target.op in (Op.LE, Op.LT):
                return score_lower(w, a, t), "反向指标：实际 ≤ 目标得满分，2 倍目标以上 0 分，其间线性", inputs, ""
            if target.op is Op.EQ:
                return score_equal(w, a, t), "等于型指标：按比例记分", inputs, ""
        met = None if target is None or actual is None else date_met(target, actual)
        if met:
            return w, "时效指标：在期限内完成得满分", inputs, ""
        if met is False:
            return None, "", inputs, "时效指标逾期或未按要求完成，扣分由评价人判断"
        if target is not None and actual is not None and _same_words(target.raw, actual.raw):
            return w, "实际完成值与年度指标值相同：达成，得满分", inputs, ""
        if actual is not None and qualitative_tier(actual.raw) is not None:
            return None, "", inputs, f"tier:{actual.raw}"
        if target is None or actual is None:
            return None, "", inputs, "原文未印年度指标值或实际完成值（只有得分），得分由评价人判断"
        return None, "", inputs, "定性或无法比较的指标值（实际完成值未用三档表述），得分由评价人判断"

    def _tier(self, ind: Indicator, w: Decimal, actual: str, cell: Cell) -> None:
        tier = qualitative_tier(actual)
        assert tier is not None
        low, high = tier_range(w, tier)
        fid, reported = f"score:{ind.id}", plain(ind.score) if ind.score is not None else None
        note = f"定性指标“{tier.name}”档：{plain(low)}–{plain(high)} 分"
        if ind.score is None:
            self.rec.cannot(fid, f"{ind.level3}得分", "score", note, cell=cell, unit="分", project_id=ind.project_id)
            self._missing(ind, cell)
            return
        inside = tier_contains(w, ind.score, tier)
        self.rec.cannot(
            fid,
            f"{ind.level3}得分",
            "score",
            note + ("，得分在档内" if inside else "，得分不在档内"),
            reported=reported,
            cell=cell,
            unit="分",
            project_id=ind.project_id,
        )
        if not inside:
            self.rec.add(
                finding(
                    "QUALITATIVE_TIER",
                    ind.level3 or "",
                    f"{ind.level3}：{note}，原文得分 {reported}",
                    cell=cell,
                    reported=reported,
                    project_id=ind.project_id,
                )
            )

    def _missing(self, ind: Indicator, cell: Cell) -> None:
        if ind.score is None:
            self.rec.add(
                finding(
                    "SCORE_MISSING",
                    ind.level3 or "",
                    f"{ind.level3}：原文有完成情况但未印得分",
                    cell=cell,
                    project_id=ind.project_id,
                )
            )

    def _deviation(self, ind: Indicator, w: Decimal) -> None:
        if self.scheme.require_deviation and ind.score is not None and ind.score < w and not ind.deviation:
            self.rec.add(
                finding(
                    "DEVIATION_MISSING",
                    ind.level3 or "",
                    f"{ind.level3}：得分 {plain(ind.score)} 低于分值 {plain(w)}，未填偏差原因分析及改进措施",
                    cell=self.facts.dept.cell("indicators", ind.id, "deviation"),
                    project_id=ind.project_id,
                )
            )

    # --- sections, weights, totals ------------------------------------------------------------

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
            inputs.append(Input(f"{self._name(p)} {path} 加权得分（复算）", weighted, "分"))
        if not projects:
            return None, [], ""
        return total, inputs, f"Σ 各子项目 round({path} 得分 × 预算占比, {self.places})"

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
        return self.round(base * share), inputs

    def check_reported(self) -> None:
        """Reconcile every printed weight, score, weighted score, total and grade."""
        for fig in self.facts.dept.reported_figures:
            if fig.measure == "weight":
                self._weight(fig)
            elif fig.measure == "score":
                self._section(fig)
            elif fig.measure == "weighted_score":
                self._weighted(fig)
            elif fig.measure == "total_score":
                self._total(fig)
                self._over_maximum(fig)
        for fig in self.facts.reported("grade"):
            self._grade(fig)
        if self.scheme.mode == "national_project":
            owners: list[str | None] = [project.id for project in self.facts.dept.projects]
            if self.facts.dept.indicators_of(None):
                owners.insert(0, None)
            for owner in owners:
                self._national_weights(owner)
                self._category_weights(owner)

    def _name(self, project_id: str | None) -> str:
        """A project's name for a message (the department's for None)."""
        if project_id is None:
            return self.facts.dept.header.name
        return next((p.name for p in self.facts.dept.projects if p.id == project_id), project_id)

    def _national_weights(self, project_id: str | None) -> None:
        """Rules 1, 12 and 13 of the national table: weights roll up, default weights, money vs targets."""
        rows = [i for i in self.facts.dept.indicators_of(project_id) if i.level3]
        name = self._name(project_id)
        weights = [i.weight for i in rows if i.weight is not None]
        if not rows or len(weights) != len(rows):
            return
        expected = self.scheme.indicator_weight
        cell = self.facts.dept.cell("indicators", rows[0].id, "weight")
        if sum(weights, Decimal(0)) != expected:
            self.rec.add(
                finding(
                    "WEIGHT_MISMATCH",
                    name,
                    f"{name} 各三级指标分值合计 {plain(sum(weights, Decimal(0)))} 分，应为 {plain(expected)} 分",
                    cell=cell,
                    project_id=project_id,
                )
            )
        if self.scheme.default_weights or self.scheme.fixed_weights:
            self._section_weights(rows, name, cell, project_id)
        limit, execution = self.scheme.score_vs_execution, self.execution_value(project_id)
        score = sum((self.best.get(i.id) or Decimal(0) for i in rows), Decimal(0))
        w = self.scheme.execution_weight
        if limit is not None and execution is not None and w and score > 0:
            rate, spent = score / expected * 100, execution / w * 100
            gap = (rate - spent) / rate * 100
            if gap > limit:
                self.rec.add(
                    finding(
                        "SCORE_VS_EXECUTION",
                        name,
                        f"{name} 指标得分率 {plain(round_half_up(rate, 2))}% 比预算执行得分率 "
                        f"{plain(round_half_up(spent, 2))}% 高出 {plain(round_half_up(rate - spent, 2))} 个百分点，"
                        f"占指标得分率的 {plain(round_half_up(gap, 2))}%（超过 {plain(limit)}%）："
                        "完成的指标多而花的钱少，需核实",
                        cell=cell,
                        project_id=project_id,
                    )
                )

    def _category_weights(self, owner: str | None) -> None:
        """The first-level 分值 the form prints in its category labels (产出指标(60分) …), added up, against the
        points the scheme leaves the indicators (Hubei: 60 + 40 = 100 where 80 is theirs); recorded when every
        category of the rows prints one and the rows print no 分值 of their own (else their roll-up says it), under
        a scheme that fixes no category's points (else each is checked against it)."""
        rows = [i for i in self.facts.dept.indicators_of(owner) if i.level3]
        if self.scheme.fixed_weights or all(i.weight is not None for i in rows):
            return
        names = {short(i.level1) for i in rows}
        printed = {short(f.section): f for f in self.facts.reported("weight")
                   if f.section and "/" not in f.section and self._owner(f.project_id)[0] == owner
                   and short(f.section) in names and f.number is not None}  # fmt: skip
        if not rows or set(printed) != names or len(printed) < 2:
            return
        inputs = [
            Input(f"{f.section}分值（原文）", f.number or Decimal(0), "分", self.facts.reported_cell(f))
            for f in printed.values()
        ]
        added = sum((f.number for f in printed.values() if f.number is not None), Decimal(0))
        name = self._name(owner)
        self.rec.number(f"categories:{owner or 'whole'}", f"{name} 一级指标分值（原文各类别相加）", "weight",
                        f"评分方案 {self.scheme.name}：总分 − 预算执行分值", inputs, self.scheme.indicator_weight,
                        plain(added), cell=inputs[0].cell, code="WEIGHT_MISMATCH", subject=name, unit="分",
                        project_id=owner)  # fmt: skip

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
                        "WEIGHT_MISMATCH" if fixed else "WEIGHT_DEPARTURE",
                        what,
                        f"{name} 的{what}指标分值合计 {plain(got)} 分，{rule}",
                        cell=cell,
                        project_id=project_id,
                    )
                )

    def _reconcile(
        self,
        fig: ReportedFigure,
        measure: str,
        formula: str,
        inputs: Sequence[Input],
        value: Decimal,
        *,
        code: str = "SCORE_MISMATCH",
        alternatives: Sequence[Alternative] = (),
        total: bool = False,
    ) -> Figure:
        """Reconcile a printed weight or score under its readable label and its cell (a total: the grade its
        printed value would get is compared too)."""
        changes = self._changes_grade if total and measure == "total_score" else None
        return self.rec.reported(fig, _label(fig), measure, formula, inputs, value, code=code,
                          cell=self.facts.reported_cell(fig), alternatives=alternatives, total=total,
                          changes_grade=changes)  # fmt: skip

    def _changes_grade(self, printed: Decimal, recomputed: Decimal) -> bool:
        """Whether a printed total would get another grade than the recomputed one."""
        return self.grade_for(printed) != self.grade_for(recomputed)

    def _cannot(self, fig: ReportedFigure, why: str, inputs: Sequence[Input] = ()) -> None:
        self.rec.unchecked(
            fig,
            _label(fig),
            fig.measure,
            why,
            cell=self.facts.reported_cell(fig),
            inputs=inputs,
        )

    def _weight(self, fig: ReportedFigure) -> None:
        if self.scheme.mode == "national_project" and self._form_weight(fig):
            return
        section = self.scheme.section(fig.section or "")
        if short(fig.section or "") in _EXECUTION_SECTIONS and self.scheme.execution_weight is not None:
            section = Section(name=fig.section or "", weight=self.scheme.execution_weight)
        if short(fig.section or "") in _TOTAL_SECTIONS:
            section = Section(name=fig.section or "", weight=self.scheme.total)
        if section is None or section.weight is None:
            return self._cannot(fig, f"评分方案 {self.scheme.name} 未规定“{fig.section or fig.subject}”的分值")
        self._reconcile(
            fig,
            "weight",
            f"评分方案 {self.scheme.name}：{fig.section}",
            [Input(f"方案分值 {fig.section}", section.weight, "分")],
            section.weight,
            code="WEIGHT_MISMATCH",
        )

    def _form_weight(self, fig: ReportedFigure) -> bool:
        """A category's or the whole table's printed 分值 against the form's own weights (national table):
        Σ the rows' 分值 of the category, or Σ every row's 分值 + the execution 分值 for the total. False
        when a row of the category prints no 分值 (the scheme's weight is then the reference)."""
        path = fig.section or ""
        owner, found = self._owner(fig.project_id)
        if not found or short(path) in _EXECUTION_SECTIONS:
            return False
        total, whole = short(path) in _TOTAL_SECTIONS, short(path) in {short(w) for w in _INDICATOR_SECTIONS}
        rows = self.facts.section_indicators("" if total or whole else path, owner)
        complete = bool(rows) and all(i.weight is not None for i in rows)
        if whole and not complete and self.scheme.total:
            self._reconcile(fig, "weight", f"评分方案 {self.scheme.name}：总分 − 预算执行分值",
                            [Input("方案总分", self.scheme.total, "分"),
                             Input("方案预算执行分值", self.scheme.execution_weight or Decimal(0), "分")],
                            self.scheme.indicator_weight, code="WEIGHT_MISMATCH")  # fmt: skip
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
            execution = self._printed_execution("weight", fig.project_id, owner)
            w = execution.number if execution is not None else self.scheme.execution_weight
            if w is None:
                return False
            cell = self.facts.reported_cell(execution) if execution is not None else None
            inputs.insert(0, Input("预算执行分值" + ("" if execution else "（评分方案）"), w, "分", cell))
            value += w
            formula = "预算执行分值 + Σ 各三级指标分值"
        self._reconcile(fig, "weight", formula, inputs, value, code="WEIGHT_MISMATCH")
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
        self._cannot(fig, why, inputs)
        if fig.number is not None and added > fig.number:
            self.rec.add(finding("SCORE_OVER_WEIGHT", _label(fig), f"{_label(fig)}：{why}（{plain(fig.number)} 分）",
                                 cell=self.facts.reported_cell(fig), reported=fig.value, recomputed=plain(added),
                                 project_id=fig.project_id))  # fmt: skip
        return True

    def _section(self, fig: ReportedFigure) -> None:
        path = fig.section or ""
        if fig.indicator_ids:
            value, inputs = self.rows_value(fig.indicator_ids)
            names = [getattr(self.facts.indicators.get(i), "level3", None) or i for i in fig.indicator_ids]
            formula = "Σ " + "、".join(names) + " 得分"
            alternatives: list[Alternative] = []
        elif short(path.split("/")[0]) in _EXECUTION_SECTIONS:
            return self._execution_score(fig)
        else:
            value, inputs, formula = self.section_value(path, fig.project_id)
            alternatives = self._aggregate_alternatives(path) if fig.project_id is None else []
        if value is None:
            return self._cannot(fig, f"资料中没有“{path}”下的得分")
        self._reconcile(
            fig,
            "score",
            formula,
            inputs,
            value,
            alternatives=alternatives,
        )

    def _aggregate_alternatives(self, path: str) -> list[Alternative]:
        """Other ways a document aggregates sub-project section scores (printed shares; round at the end)."""
        projects = [p for p in self.facts.projects_with_funds() if self.facts.section_indicators(path, p)]
        if not projects:
            return []
        printed, exact = Decimal(0), Decimal(0)
        for p in projects:
            base, _, _ = self.section_value(path, p)
            share, _ = self.facts.share(p)
            pshare, _ = self.facts.printed_share(p)
            if base is None or share is None:
                return []
            exact += base * share
            printed += self.round(base * (pshare if pshare is not None else share))
        return [
            Alternative("按印出的（已四舍五入的）子项目权重计算", printed, Severity.INFO),
            Alternative("不逐项取整、合计后再四舍五入", exact, Severity.INFO),
        ]

    def _weighted(self, fig: ReportedFigure) -> None:
        if fig.project_id is None:
            return self._cannot(fig, "加权得分未指明子项目")
        path = fig.section or ""
        value, inputs = self.weighted(path, fig.project_id, fig.indicator_ids)
        if value is None:
            return self._cannot(fig, "缺少该子项目的得分或预算占比", inputs)
        alternatives = []
        pshare, _ = self.facts.printed_share(fig.project_id)
        if pshare is not None:
            alt, _ = self.weighted(path, fig.project_id, fig.indicator_ids, share=pshare)
            if alt is not None:
                alternatives.append(
                    Alternative(f"按印出的权重 {plain((pshare * 100).normalize())}% 计算", alt, Severity.INFO)
                )
        self._reconcile(
            fig,
            "weighted_score",
            f"round({path} 得分 × 预算占比, {self.places})",
            inputs,
            value,
            alternatives=alternatives,
        )

    def _execution_of(self, row: FundLine, w: Decimal) -> tuple[Decimal | None, list[Input], str, str]:
        """The execution score of one funds row with ``w`` points, unrounded: (score, inputs, why not, rate code)."""
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
            return None, inputs, why, code
        return score_proportional(w, rate / 100, cap=self.scheme.execution_cap), inputs, "", code

    def _printed_rate(self, row: FundLine) -> ReportedFigure | None:
        """The execution rate the form prints for a funds row (its own, or its project's when it is the total)."""
        total = row is self.facts.total_row(row.project_id)
        return next((f for f in self.facts.reported("execution_rate") if f.funds_id == row.id
                     or (total and not f.funds_id and f.project_id == row.project_id)), None)  # fmt: skip

    def _execution_score(self, fig: ReportedFigure) -> None:
        row = self.facts.funds.get(fig.funds_id) if fig.funds_id else self.facts.total_row(fig.project_id)
        printed_w = self._printed_weight(fig)
        w = printed_w if printed_w is not None else self.scheme.execution_weight
        if w is None or row is None:
            return self._cannot(fig, "评分方案没有预算执行分值，或找不到对应的资金行")
        value, inputs, why, code = self._execution_of(row, w)
        if value is None:
            return self._cannot(fig, why, inputs)
        label = RATES[code].label
        formula = f"min({plain(w)}, {label} × {plain(w)})" if self.scheme.execution_cap else f"{label} × {plain(w)}"
        if printed_w is not None and printed_w != self.scheme.execution_weight:
            formula += "（分值为本行印出的分值）"
        self._reconcile(fig, "score", formula, inputs, value)

    def _printed_weight(self, fig: ReportedFigure) -> Decimal | None:
        """The 分值 printed for the same funds row as a printed execution score (基本支出 10 分 …), if any."""
        if not fig.funds_id:
            return None
        for other in self.facts.reported("weight"):
            if other.funds_id == fig.funds_id and other.project_id == fig.project_id:
                return other.number
        return None

    def execution_value(self, project_id: str | None) -> Decimal | None:
        """The recomputed execution score of a project (national scheme), rounded."""
        w, row = self.scheme.execution_weight, self.facts.total_row(project_id)
        value = None if w is None or row is None else self._execution_of(row, w)[0]
        return None if value is None else self.round(value)

    def _total(self, fig: ReportedFigure) -> None:
        if self.scheme.mode == "national_project":
            return self._national_total(fig)
        subs = {r.project_id: r for r in self.facts.reported("total_score") if r.project_id}
        if fig.project_id is not None:
            return self._sub_total(fig)
        projects = self.facts.projects_with_funds()
        if not projects or any(p not in subs for p in projects):
            return self._cannot(fig, "缺少子项目得分，无法按预算占比合成")
        value, inputs = Decimal(0), []
        for p in projects:
            share, _ = self.facts.share(p)
            number = subs[p].number
            if share is None or number is None:
                return self._cannot(fig, f"缺少子项目 {p} 的预算占比")
            value += number * share
            inputs.append(Input(f"{self._name(p)} 子项目得分", number, "分", self.facts.reported_cell(subs[p])))
            inputs.append(Input(f"{self._name(p)} 预算占比", share * 100, "%"))
        self.totals[None] = self.round(value)
        self._reconcile(
            fig,
            "total_score",
            "Σ 子项目得分 × 子项目预算 / 总预算",
            inputs,
            value,
            total=True,
        )

    def _over_maximum(self, fig: ReportedFigure) -> None:
        """A printed total above the scheme's full marks is an error, whatever grade it was given."""
        if fig.number is not None and fig.number > self.scheme.total:
            self.rec.add(
                finding(
                    "TOTAL_OVER_MAXIMUM",
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
                value, _, _ = self.section_value(path, fig.project_id)
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
        self._cannot(fig, why, inputs)
        if not ok:
            self.rec.add(
                finding(
                    "SCORE_MISMATCH",
                    _label(fig),
                    f"{_label(fig)}：{why}",
                    cell=self.facts.reported_cell(fig),
                    reported=fig.value,
                    project_id=fig.project_id,
                )
            )

    def _owner(self, project_id: str | None) -> tuple[str | None, bool]:
        """Whose total a figure without a project is: the department's own (a whole-department form with its
        own funds or indicators), else the only project's; (owner, found)."""
        if project_id is not None:
            return project_id, True
        if self.facts.dept.indicators_of(None) or self.facts.total_row(None) is not None:
            return None, True
        projects = [p.id for p in self.facts.dept.projects]
        return (projects[0], True) if len(projects) == 1 else (None, False)

    def _national_total(self, fig: ReportedFigure) -> None:
        p, found = self._owner(fig.project_id)
        if not found:
            return self._cannot(fig, "总分应按单个项目计算")
        computed = self.national_total(p)
        if computed.value is None:
            self._cannot(fig, computed.why, computed.inputs)
            return self._printed_addition(None, fig, p, computed.execution)
        checked = self._reconcile(fig, "total_score", computed.formula, computed.inputs, computed.value, total=True)
        self._printed_addition(checked, fig, p, computed.execution)

    def national_total(self, owner: str | None) -> _Total:
        """A project's (or the whole department's) recomputed total: its execution score (none when the scheme
        gives execution no points of its own) + Σ its indicator scores; recorded in ``totals``."""
        scored = bool(self.scheme.execution_weight)
        execution = self.execution_value(owner) if scored else Decimal(0)
        rows = [i for i in self.facts.dept.indicators_of(owner) if i.level3]
        value, inputs = self.rows_value([i.id for i in rows])
        if execution is None or value is None:
            return _Total(None, inputs, "", Decimal(0), "缺少预算执行得分或指标得分")
        missing = self._missing_points(rows)
        if missing:
            return _Total(None, inputs, "", execution, missing)
        if scored:
            inputs = [Input("预算执行得分（复算）", execution, "分"), *inputs]
        self.totals[owner] = execution + value
        formula = "预算执行得分 + Σ 指标得分" if scored else "Σ 指标得分（评分方案不给预算执行单独计分）"
        return _Total(self.totals[owner], inputs, formula, execution)

    def _missing_points(self, rows: Sequence[Indicator]) -> str:
        """Why the rows cannot make a total: some print no 分值 (their scores cannot be recomputed), or their
        分值 add up to less than the scheme's indicator points (a truncated copy, rows left out); "" when they can."""
        if any(i.weight is None for i in rows):
            return "部分指标未印分值，指标得分无法按规则复算，总分只能看原文各项得分相加"
        points = sum((i.weight or Decimal(0) for i in rows), Decimal(0))
        if points < self.scheme.indicator_weight:
            return (f"指标分值合计 {plain(points)} 分，少于评分方案的 {plain(self.scheme.indicator_weight)} 分："
                    "表中缺少部分指标（如原件截断），总分无法复核")  # fmt: skip
        return ""

    def unprinted_totals(self) -> None:
        """The total of each scored owner whose form prints none (a truncated copy, a form without 总分 row):
        recomputed only (仅复算), so the summary still has a score and a grade."""
        if self.scheme.mode != "national_project":
            return
        printed = {self._owner(f.project_id)[0] for f in self.facts.reported("total_score")}
        owners: list[str | None] = [p.id for p in self.facts.dept.projects]
        if self.facts.dept.indicators_of(None):
            owners.insert(0, None)
        for owner in owners:
            if owner in printed:
                continue
            computed = self.national_total(owner)
            if computed.value is not None:
                label = f"{self._name(owner)} 总分"
                self.rec.derived(f"total:{owner or 'whole'}", label, "total_score", computed.formula, computed.inputs,
                                 computed.value, unit="分", places=self.places, note="原文未印总分",
                                 project_id=owner)  # fmt: skip

    def _printed_execution(self, measure: str, project_id: str | None, owner: str | None) -> ReportedFigure | None:
        """The printed execution 分值 or 得分 (``measure``) of a project's total funds row, if the form prints one."""
        total = self.facts.total_row(owner)
        return next((f for f in self.facts.reported(measure) if f.project_id == project_id and f.number is not None
                     and short((f.section or "").split("/")[0]) in _EXECUTION_SECTIONS
                     and (not f.funds_id or self.facts.funds.get(f.funds_id) is total)), None)  # fmt: skip

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
        printed = self._printed_execution("score", fig.project_id, owner)
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
        recomputed = self.totals.get(owner)
        slip = not ((checked is not None and checked.verdict is Verdict.AGREES) or _agrees(fig.number, value)
                    or (recomputed is not None and _agrees(value, recomputed)) or short_rows)  # fmt: skip
        # rows left out (a truncated copy; WEIGHT_MISMATCH says so): the shown scores need not add up to the total
        self.rec.number(f"addup:{fig.id}", f"{_label(fig)}（原文各项得分相加）", "score",  # not a second total
                        formula, inputs, value, fig.value,
                        cell=self.facts.reported_cell(fig), code="SUM_MISMATCH", subject=_label(fig), unit="分",
                        total=True, project_id=fig.project_id, quiet=not slip)  # fmt: skip

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
        """The grade of a recomputed total (rounded first), when there are grade bands."""
        if not self.scheme.grades or total is None:
            return None
        return grade_of(self.round(total), self.scheme.grades)

    @property
    def grade(self) -> str | None:
        """The grade of the document's recomputed total."""
        return self.grade_for(self.total)

    def _printed_total(self, project_id: str | None) -> ReportedFigure | None:
        """The printed total a grade row refers to: its project's, else the document's own or only one."""
        printed = list(self.facts.reported("total_score"))
        same = [f for f in printed if f.project_id == project_id]
        return same[0] if same else (printed[0] if project_id is None and len(printed) == 1 else None)

    def _grade(self, fig: ReportedFigure) -> None:
        cell = self.facts.reported_cell(fig)
        if not self.scheme.grades:
            return self._cannot(fig, f"评分方案 {self.scheme.name} 没有等级档次")
        total, inputs = self.total_of(fig.project_id), []
        if total is None:  # the total cannot be recomputed (rows print no 分值): grade the printed one, and say so
            printed = self._printed_total(fig.project_id)
            if printed is None or printed.number is None:
                return self._cannot(fig, "总分无法复算，原文也没有印总分")
            total = printed.number
            cell_total = self.facts.reported_cell(printed)
            inputs.append(Input("总分（原文；无法复算，按原文总分定等级）", total, "分", cell_total))
        else:
            inputs.append(Input("总分（复算）", self.round(total), "分"))
        grade = self.grade_for(total)
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
                    "GRADE_MISMATCH",
                    _label(fig),
                    f"总分 {plain(self.round(total))} 对应等级“{grade}”，原文为“{fig.value}”",
                    cell=cell,
                    reported=fig.value,
                    recomputed=grade,
                    project_id=fig.project_id,
                    figure_id=fig.id,
                )
            )


def _at_least(target: ParsedValue | None, *, bare: bool) -> bool:
    """Whether a target asks for at least its number: ≥ or >, or (when ``bare``) a number with no operator."""
    if target is None:
        return False
    return target.op in (Op.GE, Op.GT) or (bare and target.op is Op.EQ and target.op_implicit)


def _coefficient(text: str | None) -> Decimal | None:
    """A printed 得分系数 as a fraction: 100% or 100 → 1, 0.8 → 0.8; None when it is no number."""
    if not text:
        return None
    flat = normalize_text(text).strip().removesuffix("%").removesuffix("％").strip()
    try:
        number = parse_decimal(flat)
    except NumberFormatError:
        return None
    return number if number <= 1 and not text.strip().endswith(("%", "％")) else number / 100


def _same_words(target: str, actual: str) -> bool:
    """Whether an actual value repeats its target word for word (合格 → 合格, 市级保护单位 → 市级保护单位)."""
    flat = [re.sub(r"\s+", "", normalize_text(t)) for t in (target, actual)]
    return bool(flat[0]) and flat[0] == flat[1]


def _agrees(printed: Decimal, value: Decimal) -> bool:
    """Whether ``value`` rounds to ``printed`` at its printed precision."""
    return compare(printed, value).verdict is Verdict.AGREES


def _label(fig: ReportedFigure) -> str:
    """A readable label: section and subject (the subject alone is often just 共得)."""
    project = f"{fig.project_id} " if fig.project_id else ""
    section = f"{fig.section} " if fig.section and fig.section not in fig.subject else ""
    return f"{project}{section}{fig.subject}".strip()
