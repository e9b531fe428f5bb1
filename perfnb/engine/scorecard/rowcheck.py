"""Each indicator row's score, recomputed (:mod:`perfnb.engine.scorecard.rowscore`) and reconciled with the printed one,
and the row's own findings (over weight, missing, qualitative tier, deviation, coefficient, a low target).

A row's *best* score is the recomputed one (rounded to the scheme's places) where the rule can recompute it,
else the score as printed; sections add best scores (:mod:`perfnb.engine.scorecard.totals`)."""

from __future__ import annotations

from decimal import Decimal

from perfnb.base.numbers import round_half_up
from perfnb.engine.facts import Facts
from perfnb.engine.figures import plain
from perfnb.engine.findings import FindingCode, finding
from perfnb.engine.rates import RATES
from perfnb.engine.recorder import NumberCheck, Recorder
from perfnb.engine.scorecard.rowscore import RowReading, RowScore, at_least, coefficient_of, read_row, score_row
from perfnb.engine.scoring import over_achieved, tier_contains
from perfnb.format.location import Cell
from perfnb.format.schema import Indicator
from perfnb.format.schemes import Scheme

__all__ = ["RowChecks"]


class RowChecks:
    """Scores every indicator row of a department under a scheme, writing figures and findings to ``rec``."""

    def __init__(self, facts: Facts, rec: Recorder, scheme: Scheme) -> None:
        self.facts, self.rec, self.scheme = facts, rec, scheme
        self.best: dict[str, Decimal | None] = {}  # per indicator row: recomputed (rounded), else printed score
        self.notes: dict[str, str] = {}  # per indicator row: what was assumed to score it

    def score_all(self) -> dict[str, Decimal | None]:
        """Recompute every indicator row's score (where the rule can), raise row findings; the best scores."""
        year = self.facts.dept.header.fiscal_year
        for ind in self.facts.dept.indicators:
            if not ind.level3:
                continue
            reading = read_row(ind, year)
            if reading.note:
                self.notes[ind.id] = reading.note
            self._over_achievement(ind, reading)
            if self.scheme.mode == "targets_only":
                continue
            self.best[ind.id] = ind.score
            if ind.score is None and ind.weight is None and ind.actual is None:
                continue
            self._score_row(ind, reading)
        return self.best

    def _over_achievement(self, ind: Indicator, reading: RowReading) -> None:
        ratio = self.scheme.over_achievement
        a, t = reading.pair
        if ratio is None or a is None or t is None or not at_least(reading.target, bare=True) or t <= 0:
            return
        if over_achieved(a, t, ratio):
            self.rec.add(
                finding(
                    FindingCode.TARGET_TOO_LOW,
                    ind.level3 or "",
                    f"{ind.level3}：目标 {ind.target}，实际 {ind.actual}，"
                    f"为目标的 {plain(round_half_up(a / t * 100, 2))}%"
                    f"（≥ {plain(ratio * 100)}%），目标可能定得偏低",
                    cell=self.facts.dept.cell("indicators", ind.id, "target"),
                    project_id=ind.project_id,
                )
            )

    def _score_row(self, ind: Indicator, reading: RowReading) -> None:
        rule = self.scheme.rule_for(ind.level2, ind.level3)
        cell = self.facts.dept.cell("indicators", ind.id, "score")
        reported, w = plain(ind.score) if ind.score is not None else None, ind.weight
        if ind.score is not None and w is not None and ind.score > w:
            self.rec.add(
                finding(
                    FindingCode.SCORE_OVER_WEIGHT,
                    ind.level3 or "",
                    f"{ind.level3}：得分 {reported} 超过分值 {plain(w)}",
                    cell=cell,
                    reported=reported,
                    project_id=ind.project_id,
                )
            )
        if w is None:
            why = "原文未印本项分值，无法按规则复算" if ind.score is not None else "原文未印本项分值和得分"
            self.rec.cannot(f"score:{ind.id}", f"{ind.level3}得分", "score", why, reported=reported, cell=cell,
                            unit="分", project_id=ind.project_id)  # fmt: skip
            self._missing(ind, cell)
            return
        score = score_row(self.facts, rule, ind, w, reading)
        if score.tier is not None:
            self._tier(ind, score, cell)
        elif score.value is None:
            self.rec.cannot(
                f"score:{ind.id}",
                f"{ind.level3}得分",
                "score",
                score.why,
                reported=reported,
                cell=cell,
                formula=score.formula,
                inputs=score.inputs,
                unit="分",
                project_id=ind.project_id,
            )
            self._missing(ind, cell)
        else:
            self._recomputed(ind, score, cell)
            if reported is None:
                return
        self._deviation(ind, w)
        if score.value is not None and rule.method == "coefficient":
            self._coefficient_claim(ind, reading)

    def _recomputed(self, ind: Indicator, score: RowScore, cell: Cell) -> None:
        """Record a recomputed row score: against the printed one, or alone when the form prints none."""
        assert score.value is not None
        rule, formula, inputs, value = score.rule, score.formula, score.inputs, score.value
        fid, label = f"score:{ind.id}", f"{ind.level3}得分"
        reported = plain(ind.score) if ind.score is not None else None
        self.best[ind.id] = self.scheme.round_score(value)
        if reported is None:
            self.rec.derived(fid, label, "score", formula, inputs, value, unit="分", places=self.scheme.places,
                             note="原文未印本项得分", project_id=ind.project_id)  # fmt: skip
            self._missing(ind, cell)
            return
        self.rec.number(
            NumberCheck(
                id=fid,
                label=label,
                measure="score",
                formula=formula,
                inputs=inputs,
                value=value,
                reported=reported,
                cell=cell,
                code=FindingCode.SCORE_MISMATCH,
                subject=ind.level3 or "",
                unit="分",
                project_id=ind.project_id,
                note="；".join(n for n in (rule.note, self.notes.get(ind.id, "")) if n),
            )
        )

    def _coefficient_claim(self, ind: Indicator, reading: RowReading) -> None:
        """A self-rated 得分系数 above what the row achieved (actual / target of an at-least row): a warning."""
        a, t = reading.pair
        coefficient = coefficient_of(ind.coefficient)
        known = next((r for r in RATES.values() if r.label in (ind.level3 or "")), None)  # 政府采购执行率 …
        higher = at_least(reading.target, bare=known is not None and known.better == "higher")
        if coefficient is None or a is None or t is None or not higher or t <= 0:
            return
        achieved = min(Decimal(1), max(Decimal(0), a / t))
        if coefficient > achieved + Decimal("0.005"):
            self.rec.add(
                finding(
                    FindingCode.COEFFICIENT_ABOVE_RESULT,
                    ind.level3 or "",
                    f"{ind.level3}：得分系数 {ind.coefficient} 高于完成比例 {plain(round_half_up(achieved * 100, 2))}%"
                    f"（实际 {ind.actual} / 目标 {ind.target}）：按完成比例应得 "
                    f"{plain(self.scheme.round_score((ind.weight or Decimal(0)) * achieved))} 分",
                    cell=self.facts.dept.cell("indicators", ind.id, "coefficient"),
                    reported=ind.coefficient,
                    project_id=ind.project_id,
                )
            )

    def _tier(self, ind: Indicator, score: RowScore, cell: Cell) -> None:
        """A qualitative row: the printed score against the range of the tier its actual value names."""
        assert score.tier is not None and score.tier_range is not None
        low, high = score.tier_range
        fid, reported = f"score:{ind.id}", plain(ind.score) if ind.score is not None else None
        note = f"定性指标“{score.tier.name}”档：{plain(low)}–{plain(high)} 分"
        if ind.score is None:
            self.rec.cannot(fid, f"{ind.level3}得分", "score", note, cell=cell, unit="分", project_id=ind.project_id)
            self._missing(ind, cell)
            return
        inside = tier_contains(score.weight, ind.score, score.tier)
        self.rec.cannot(fid, f"{ind.level3}得分", "score", note + ("，得分在档内" if inside else "，得分不在档内"),
                        reported=reported, cell=cell, unit="分", project_id=ind.project_id)  # fmt: skip
        if not inside:
            self.rec.add(
                finding(
                    FindingCode.QUALITATIVE_TIER,
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
                    FindingCode.SCORE_MISSING,
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
                    FindingCode.DEVIATION_MISSING,
                    ind.level3 or "",
                    f"{ind.level3}：得分 {plain(ind.score)} 低于分值 {plain(w)}，未填偏差原因分析及改进措施",
                    cell=self.facts.dept.cell("indicators", ind.id, "deviation"),
                    project_id=ind.project_id,
                )
            )
