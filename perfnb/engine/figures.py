"""Recomputed figures: what was computed, from which cells, and how it compares with the document.

A :class:`Figure` is the unit of explanation: its formula, its inputs (each traced to a
cell of ``data/raw``), the recomputed value, the value as the document printed it, the
difference at the printed precision, and a verdict with its reason.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from perfnb.base.numbers import round_half_up, truncate
from perfnb.format.columns import decimals_of
from perfnb.format.location import Cell

__all__ = ["PARTS_BASIS", "Cell", "Comparison", "Figure", "Input", "Verdict", "compare", "plain"]

#: How an input is named when a total row printed 0 (or nothing) and the sum of its parts is used instead.
PARTS_BASIS = "（合计行未印或印为 0，取各部分之和）"


class Verdict(StrEnum):
    """How a reported figure compares with its recomputation."""

    AGREES = "agrees"
    DIFFERS = "differs"
    CANNOT_CHECK = "cannot_check"
    DERIVED = "derived"  # recomputed only: the document prints no value to compare

    @property
    def label(self) -> str:
        """The Chinese label shown to auditors."""
        return {
            "agrees": "相符",
            "differs": "不符",
            "cannot_check": "无法复核",
            "derived": "仅复算（原文未印）",
        }[self.value]


class Input(NamedTuple):
    """One input of a recomputation: its Chinese name, value, unit and cell."""

    name: str
    value: Decimal | str
    unit: str | None = None
    cell: Cell | None = None

    def __str__(self) -> str:
        return self.text()

    def text(self, within: str = "") -> str:
        """``name=value unit（cell）``; the cell relative to folder ``within`` (see :meth:`Cell.text`)."""
        name, value, unit, cell = self
        if type(value) is Decimal:
            value = plain(value)
        if cell is None:
            return f"{name}={value}{unit or ''}"
        return f"{name}={value}{unit or ''}（{cell.text(within)}）"


class Comparison(NamedTuple):
    """A reported number against a recomputed one, at the reported precision (``places`` decimals)."""

    verdict: Verdict
    rounded: Decimal
    difference: Decimal
    truncated: bool = False
    places: int = 0


_ZERO = Decimal(0)


def plain(number: Decimal) -> str:
    """A Decimal as plain text, never in exponent form (``2.566E+5`` → ``256600``)."""
    text = format(number, "f")
    return "0" if text in ("-0", "0E-0") else text


def compare(reported: Decimal, recomputed: Decimal) -> Comparison:
    """Compare at the reported precision: agree when the recomputed value, rounded half-up
    to the decimals the document printed, equals the printed value.

    Truncation is never agreement (domain-rules §5): when only truncation reproduces the printed
    value the verdict is "differs" with ``truncated`` set, so the caller names truncation as the
    basis. ``difference`` is reported − recomputed (rounded).
    """
    places = decimals_of(reported)
    rounded = round_half_up(recomputed, places)
    if rounded == reported:
        return Comparison(Verdict.AGREES, rounded, _ZERO, False, places)
    return Comparison(Verdict.DIFFERS, rounded, reported - rounded, truncate(recomputed, places) == reported, places)


class Figure(NamedTuple):
    """One recomputed figure and its verdict.

    ``id`` is stable across runs (a reported-figure id such as ``r030``, or a derived key such
    as ``sum:f-total:按来源:budget``). ``cell`` is where the reported value sits in
    ``data/raw``; ``note`` gives the reason for "cannot check", the basis that matched, or
    what the reader should know.
    """

    id: str
    label: str
    measure: str
    formula: str
    inputs: tuple[Input, ...]
    recomputed: Decimal | str | None
    reported: str | None
    verdict: Verdict
    unit: str | None = None
    precision: int | None = None
    difference: Decimal | None = None
    note: str = ""
    basis: str = ""
    project_id: str | None = None
    cell: Cell | None = None

    @property
    def recomputed_text(self) -> str:
        """The recomputed value as text: at the printed precision when there is one, else in full."""
        value = self.recomputed
        if isinstance(value, Decimal):
            return plain(round_half_up(value, self.precision) if self.precision is not None else value)
        return value or ""
