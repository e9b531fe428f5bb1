"""The synthetic department being built, its seeded generator and its numbers as printed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Final, TypeVar

from perfnb.base.errors import PerfnbError
from perfnb.synth.vocabulary import _GRADE_FLOORS, _Category, _Item

#: Every synthetic department id starts with this prefix (``synth-00001``).
ID_PREFIX: Final = "synth-"

MIN_PROJECTS, MAX_PROJECTS = 5, 40
MIN_INDICATORS, MAX_INDICATORS = 10, 60
#: A project's budget in hundreds of 元: 5万元 … 5000万元.
MIN_BUDGET, MAX_BUDGET = 500, 500_000

_T = TypeVar("_T")


class SynthError(PerfnbError):
    """Raised when ``synthesize`` is asked for something it will not do (e.g. write into a foreign folder)."""


def dept_id(index: int) -> str:
    """The id of the ``index``-th synthetic department (1-based): ``synth-00001``."""
    return f"{ID_PREFIX}{index:05d}"


# --------------------------------------------------------------------------- numbers as printed


def _half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half-up to an integer (both positive)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _money(hundreds: int, unit: str) -> str:
    """An amount in hundreds of 元 as printed in ``unit`` with two decimals (元 or 万元)."""
    if unit == "元":
        return f"{hundreds * 100}.00"
    return f"{hundreds // 100}.{hundreds % 100:02d}"


def _wan(hundreds: int) -> str:
    """An amount in hundreds of 元 as 万元 without trailing zeros (``60.5``, ``12``)."""
    whole, cents = divmod(hundreds, 100)
    if not cents:
        return str(whole)
    return f"{whole}.{cents:02d}".rstrip("0")


def _cents(value: int) -> str:
    """Hundredths as a number with two decimals (``933`` → ``9.33``)."""
    return f"{value // 100}.{value % 100:02d}"


@cache
def _points(value: int) -> str:
    """Hundredths of a point as the shortest decimal (``1000`` → ``10``, ``250`` → ``2.5``)."""
    if value % 100 == 0:
        return str(value // 100)
    if value % 10 == 0:
        return f"{value // 100}.{value % 100 // 10}"
    return _cents(value)


def _tenths(value: int) -> str:
    """Tenths as a number (``955`` → ``95.5``, ``950`` → ``95``)."""
    return str(value // 10) if value % 10 == 0 else f"{value // 10}.{value % 10}"


def _grade(total: int) -> str:
    """The national grade of a total in hundredths of a point."""
    return next(grade for grade, floor in _GRADE_FLOORS if total >= floor)


# --------------------------------------------------------------------------- the model being built


class _Row:
    """One indicator row, with the numbers behind its texts (for scoring and anomalies).

    The defaults live on the class, so creating one of millions of rows sets only what differs.
    """

    target: str = ""
    target_half: str = ""
    actual: str = ""
    deviation: str = ""
    money_unit: str = "万元"
    t: int = 0  # target: a count, tenths of a percent or hundreds of 元
    a: int = 0  # actual, same scale
    a0: int = 0  # the full-marks actual as drawn
    w: int = 0  # weight in hundredths of a point (0: not scored)
    score: int = 0  # printed score in hundredths of a point
    narrated: bool = False

    def __init__(self, row_id: str, category: _Category, item: _Item) -> None:
        self.id, self.category, self.item, self.name = row_id, category, item, item.name

    @property
    def full(self) -> bool:
        """True when the row has full marks."""
        return self.score == self.w


@dataclass
class _Project:
    """One project: its funds, indicators and printed figures."""

    index: int
    name: str
    unit_name: str
    content: str
    budget: int  # hundreds of 元
    parts: list[tuple[str, str, str, int, int, int]] = field(default_factory=list)  # id, line, source, b0, b, e
    rows: list[_Row] = field(default_factory=list)
    narratives: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, text, quantity, indicator
    goal: str = ""
    executed: int = 0
    rate: int = 0  # printed execution rate, hundredths of a percent
    execution: int = 0  # execution score, hundredths of a point
    total: int = 0
    grade: str = ""
    printed_rate: int = 0
    printed_execution: int = 0
    printed_total: int = 0
    printed_grade: str = ""

    @property
    def pid(self) -> str:
        """The project's id (``p3``)."""
        return f"p{self.index}"

    @property
    def indicator_score(self) -> int:
        """Σ printed indicator scores, hundredths of a point."""
        return sum(r.score for r in self.rows)


@dataclass
class _Department:
    """A department being generated."""

    id: str
    index: int
    seed: int
    year: int
    scored: bool
    unit: str
    name: str
    region: str
    sections: bool
    half_targets: bool
    projects: list[_Project] = field(default_factory=list)
    planted: list[tuple[str, str]] = field(default_factory=list)  # (code, description)


# --------------------------------------------------------------------------- the seeded generator


class _Rng(random.Random):
    """``random.Random`` with quick draws built on :meth:`random.Random.random` alone.

    ``pick``, ``between`` and ``below`` cost one call to ``random()`` each (``choice`` and
    ``randint`` cost several), which matters for millions of indicator rows; the sequence is
    still fully determined by the seed.
    """

    def pick(self, seq: Sequence[_T]) -> _T:
        """One element of ``seq`` (not empty)."""
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``."""
        return low + int(self.random() * (high - low + 1))

    def below(self, n: int) -> int:
        """An integer in ``[0, n)``."""
        return int(self.random() * n)

    def draw(self, seq: Sequence[_T], k: int) -> list[_T]:
        """``k`` distinct elements of ``seq`` in random order (a partial Fisher–Yates shuffle)."""
        pool = list(seq)
        n, random_ = len(pool), self.random
        for i in range(k):
            j = i + int(random_() * (n - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]
