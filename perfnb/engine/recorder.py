"""Gathering figures and findings: one place for the verdict and severity policy.

Policy (domain-rules §5): a reported number agrees when the recomputed value, rounded
half-up to the printed decimals, equals it. Truncation is never agreement: when only
truncation reproduces the printed value the verdict is "differs" with the basis 截断, a note
within 0.01 on a row (0.1 on a total), a warning above, an error when it changes the grade.
Any other difference is an error unless it is within 0.01 on a row (0.1 on a total), which
is a note; a difference that another plausible basis explains (another denominator, a
rounded intermediate) takes that basis's severity and names it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from perfnb.base.numbers import parse_decimal, round_half_up
from perfnb.base.units import MONEY_UNITS
from perfnb.engine.figures import PARTS_BASIS, Figure, Input, Verdict, compare, plain
from perfnb.engine.findings import Finding, finding
from perfnb.format.location import Cell
from perfnb.format.problems import Severity
from perfnb.format.schema import ReportedFigure

__all__ = ["Alternative", "Recorder"]

ROW_TOLERANCE = Decimal("0.01")
TOTAL_TOLERANCE = Decimal("0.1")
TRUNCATION = "截断"  # the basis named when only truncation reproduces a printed figure


@dataclass(frozen=True)
class Alternative:
    """Another basis the document may have used: what it is, its value, and how bad using it is."""

    label: str
    value: Decimal
    severity: Severity = Severity.WARNING


class Recorder:
    """Collects figures and findings for one department."""

    def __init__(self) -> None:
        self.figures: list[Figure] = []
        self.findings: list[Finding] = []

    def add(self, item: Finding) -> None:
        """Record a finding."""
        self.findings.append(item)

    def cannot(
        self,
        fid: str,
        label: str,
        measure: str,
        why: str,
        *,
        reported: str | None = None,
        cell: Cell | None = None,
        formula: str = "",
        inputs: Sequence[Input] = (),
        unit: str | None = None,
        project_id: str | None = None,
    ) -> Figure:
        """Record a figure that cannot be checked, with the reason."""
        fig = Figure(
            fid,
            label,
            measure,
            formula,
            tuple(inputs),
            None,
            reported,
            Verdict.CANNOT_CHECK,
            unit=unit,
            note=why,
            project_id=project_id,
            cell=cell,
        )
        self.figures.append(fig)
        return fig

    def derived(
        self,
        fid: str,
        label: str,
        measure: str,
        formula: str,
        inputs: Sequence[Input],
        value: Decimal | str,
        *,
        unit: str | None = None,
        places: int | None = 2,
        note: str = "",
        project_id: str | None = None,
    ) -> Figure:
        """Record a figure the document does not print (recomputed only)."""
        fig = Figure(
            fid,
            label,
            measure,
            formula,
            tuple(inputs),
            value,
            None,
            Verdict.DERIVED,
            unit=unit,
            precision=places,
            note=note,
            project_id=project_id,
        )
        self.figures.append(fig)
        return fig

    def number(
        self,
        fid: str,
        label: str,
        measure: str,
        formula: str,
        inputs: Sequence[Input],
        value: Decimal,
        reported: str,
        *,
        cell: Cell | None,
        code: str,
        subject: str,
        unit: str | None = None,
        alternatives: Sequence[Alternative] = (),
        total: bool = False,
        note: str = "",
        project_id: str | None = None,
        changes_grade: Callable[[Decimal, Decimal], bool] | None = None,
        quiet: bool = False,
    ) -> Figure:
        """Compare a printed number with its recomputation; record the figure and any finding (none when
        ``quiet``: another finding already states the difference).

        ``changes_grade(printed, recomputed)`` tells, for a total, whether the difference changes the grade."""
        printed = parse_decimal(reported)
        cmp = compare(printed, value)
        places = cmp.places
        basis, notes = "", [note] if note else []
        severity: Severity | None = None
        tolerance = TOTAL_TOLERANCE if total else ROW_TOLERANCE
        if any(PARTS_BASIS in i.name for i in inputs):  # the total row printed 0: recomputed on its parts
            basis = "各部分之和"
            notes.append("资金合计行印为 0 或未印，按其各部分之和复算")
        if cmp.truncated:
            basis = TRUNCATION
            notes.append(f"原文按截断取 {places} 位小数（四舍五入应为 {plain(cmp.rounded)}）")
            severity = Severity.INFO if abs(cmp.difference) <= tolerance else Severity.WARNING
            if changes_grade is not None and changes_grade(printed, value):
                severity = Severity.ERROR
                notes.append("截断改变了等级")
        elif cmp.verdict is Verdict.DIFFERS:
            alt = next((a for a in alternatives if compare(printed, a.value).verdict is Verdict.AGREES), None)
            if alt is not None:
                basis = alt.label
                notes.append(f"与{alt.label}的结果（{plain(round_half_up(alt.value, places))}）相符")
                severity = alt.severity
            else:
                severity = Severity.INFO if abs(cmp.difference) <= tolerance else Severity.ERROR
        fig = Figure(
            fid,
            label,
            measure,
            formula,
            tuple(inputs),
            value,
            reported,
            cmp.verdict,
            unit=unit,
            precision=places,
            difference=cmp.difference,
            note="；".join(notes),
            basis=basis,
            project_id=project_id,
            cell=cell,
        )
        self.figures.append(fig)
        if severity is not None and not quiet:
            rec = plain(round_half_up(value, max(places, 2)))
            if unit in MONEY_UNITS and value == round_half_up(value, 6):  # amounts as given: 132.912, not 132.91
                rec = plain(value.normalize()) if value != value.to_integral() else plain(value.quantize(Decimal(1)))
            u = unit or ""
            msg = f"{label}：原文 {reported}{u}，复算 {rec}{u}（{formula}）"
            if cmp.rounded != Decimal(rec) and not cmp.truncated:  # 9.78 shown, 10 compared: say so
                msg += f"，按原文的 {places} 位小数四舍五入为 {plain(cmp.rounded)}{u}"
            msg += f"，相差 {plain(cmp.difference)}{u}"
            if fig.note:
                msg += f"；{fig.note}"
            self.add(finding(code, subject, msg, severity=severity, cell=cell, reported=reported, recomputed=rec,
                             project_id=project_id, figure_id=fid))  # fmt: skip
        return fig

    def reported(
        self,
        fig: ReportedFigure,
        label: str,
        measure: str,
        formula: str,
        inputs: Sequence[Input],
        value: Decimal,
        *,
        code: str,
        cell: Cell | None,
        unit: str | None = None,
        alternatives: Sequence[Alternative] = (),
        total: bool = False,
        note: str = "",
        changes_grade: Callable[[Decimal, Decimal], bool] | None = None,
    ) -> Figure:
        """:meth:`number` for a row of ``reported_figures`` (its id, printed value, unit and project)."""
        return self.number(fig.id, label, measure, formula, inputs, value, fig.value, cell=cell, code=code,
                           subject=label, unit=unit or fig.unit, alternatives=alternatives, total=total, note=note,
                           project_id=fig.project_id, changes_grade=changes_grade)  # fmt: skip

    def unchecked(
        self,
        fig: ReportedFigure,
        label: str,
        measure: str,
        why: str,
        *,
        cell: Cell | None,
        inputs: Sequence[Input] = (),
        formula: str = "",
    ) -> Figure:
        """:meth:`cannot` for a row of ``reported_figures`` (its id, printed value, unit and project)."""
        return self.cannot(fig.id, label, measure, why, reported=fig.value, cell=cell, formula=formula, inputs=inputs,
                           unit=fig.unit, project_id=fig.project_id)  # fmt: skip
