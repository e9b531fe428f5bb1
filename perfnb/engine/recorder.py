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
from perfnb.engine.figures import PARTS_BASIS, Comparison, Figure, Input, Verdict, compare, plain
from perfnb.engine.findings import Finding, FindingCode, finding
from perfnb.format.location import Cell
from perfnb.format.problems import Severity
from perfnb.format.schema import ReportedFigure

__all__ = ["Alternative", "NumberCheck", "Recorder"]

ROW_TOLERANCE = Decimal("0.01")
TOTAL_TOLERANCE = Decimal("0.1")
TRUNCATION = "截断"  # the basis named when only truncation reproduces a printed figure


@dataclass(frozen=True)
class Alternative:
    """Another basis the document may have used: what it is, its value, and how bad using it is."""

    label: str
    value: Decimal
    severity: Severity = Severity.WARNING


@dataclass(frozen=True, kw_only=True)
class NumberCheck:
    """A printed number to reconcile: the figure it is recorded as and the finding it raises when it differs.

    ``value`` is the recomputation of ``reported`` (the printed text); ``code`` and ``subject`` name the finding.
    ``alternatives`` are other bases the document may have used, ``total`` widens the tolerance to a total's,
    ``changes_grade(printed, recomputed)`` tells (for a total) whether the difference changes the grade, and
    ``quiet`` records no finding (another finding already states the difference)."""

    id: str
    label: str
    measure: str
    formula: str
    inputs: Sequence[Input]
    value: Decimal
    reported: str
    cell: Cell | None
    code: FindingCode
    subject: str
    unit: str | None = None
    project_id: str | None = None
    note: str = ""
    alternatives: Sequence[Alternative] = ()
    total: bool = False
    changes_grade: Callable[[Decimal, Decimal], bool] | None = None
    quiet: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", tuple(self.inputs))
        object.__setattr__(self, "alternatives", tuple(self.alternatives))


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

    def number(self, check: NumberCheck) -> Figure:
        """Compare a printed number with its recomputation; record the figure and any finding (none when
        ``check.quiet``)."""
        printed = parse_decimal(check.reported)
        cmp = compare(printed, check.value)
        basis, notes, severity = _judge(check, printed, cmp)
        fig = Figure(
            check.id,
            check.label,
            check.measure,
            check.formula,
            tuple(check.inputs),
            check.value,
            check.reported,
            cmp.verdict,
            unit=check.unit,
            precision=cmp.places,
            difference=cmp.difference,
            note="；".join(notes),
            basis=basis,
            project_id=check.project_id,
            cell=check.cell,
        )
        self.figures.append(fig)
        if severity is not None and not check.quiet:
            self.add(_finding(check, cmp, fig.note, severity))
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
        code: FindingCode,
        cell: Cell | None,
        unit: str | None = None,
        alternatives: Sequence[Alternative] = (),
        total: bool = False,
        note: str = "",
        changes_grade: Callable[[Decimal, Decimal], bool] | None = None,
    ) -> Figure:
        """:meth:`number` for a row of ``reported_figures`` (its id, printed value, unit and project)."""
        return self.number(
            NumberCheck(
                id=fig.id,
                label=label,
                measure=measure,
                formula=formula,
                inputs=inputs,
                value=value,
                reported=fig.value,
                cell=cell,
                code=code,
                subject=label,
                unit=unit or fig.unit,
                project_id=fig.project_id,
                note=note,
                alternatives=alternatives,
                total=total,
                changes_grade=changes_grade,
            )
        )

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


def _judge(check: NumberCheck, printed: Decimal, cmp: Comparison) -> tuple[str, list[str], Severity | None]:
    """The basis, the notes and the severity of a compared number (None: it agrees), by the policy above."""
    places = cmp.places
    basis, notes = "", [check.note] if check.note else []
    severity: Severity | None = None
    tolerance = TOTAL_TOLERANCE if check.total else ROW_TOLERANCE
    if any(PARTS_BASIS in i.name for i in check.inputs):  # the total row printed 0: recomputed on its parts
        basis = "各部分之和"
        notes.append("资金合计行印为 0 或未印，按其各部分之和复算")
    if cmp.truncated:
        basis = TRUNCATION
        notes.append(f"原文按截断取 {places} 位小数（四舍五入应为 {plain(cmp.rounded)}）")
        severity = Severity.INFO if abs(cmp.difference) <= tolerance else Severity.WARNING
        if check.changes_grade is not None and check.changes_grade(printed, check.value):
            severity = Severity.ERROR
            notes.append("截断改变了等级")
    elif cmp.verdict is Verdict.DIFFERS:
        alt = next((a for a in check.alternatives if compare(printed, a.value).verdict is Verdict.AGREES), None)
        if alt is not None:
            basis = alt.label
            notes.append(f"与{alt.label}的结果（{plain(round_half_up(alt.value, places))}）相符")
            severity = alt.severity
        else:
            severity = Severity.INFO if abs(cmp.difference) <= tolerance else Severity.ERROR
    return basis, notes, severity


def _finding(check: NumberCheck, cmp: Comparison, note: str, severity: Severity) -> Finding:
    """The finding of a number that differs: printed, recomputed (at the printed decimals when they differ), gap."""
    value, places, unit = check.value, cmp.places, check.unit
    rec = plain(round_half_up(value, max(places, 2)))
    if unit in MONEY_UNITS and value == round_half_up(value, 6):  # amounts as given: 132.912, not 132.91
        rec = plain(value.normalize()) if value != value.to_integral() else plain(value.quantize(Decimal(1)))
    u = unit or ""
    msg = f"{check.label}：原文 {check.reported}{u}，复算 {rec}{u}（{check.formula}）"
    if cmp.rounded != Decimal(rec) and not cmp.truncated:  # 9.78 shown, 10 compared: say so
        msg += f"，按原文的 {places} 位小数四舍五入为 {plain(cmp.rounded)}{u}"
    msg += f"，相差 {plain(cmp.difference)}{u}"
    if note:
        msg += f"；{note}"
    return finding(check.code, check.subject, msg, severity=severity, cell=check.cell, reported=check.reported,
                   recomputed=rec, project_id=check.project_id, figure_id=check.id)  # fmt: skip
