"""The bands a scoring scheme declares: a banded score's bands and the grade bands (domain-rules §1 rule 11,
§3), read from the scheme files by :mod:`perfnb.format.schemes` and applied by :mod:`perfnb.engine.scoring`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["GRADE_SYNONYMS", "Band", "GradeBand", "exact_number"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def exact_number(name: str, value: Decimal | int) -> Decimal:
    """``value`` as a finite Decimal; ``TypeError`` for floats and other types, ``ValueError`` for NaN/∞."""
    if type(value) is Decimal:  # the usual case, already exact
        number = value
    elif isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal (or int), not {type(value).__name__}")
    else:
        number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{name} must be a finite number, got {number}")
    return number


@dataclass(frozen=True)
class Band:
    """One band of a banded score: ``|value|`` within ``limit`` earns ``fraction`` of the points.

    Parameters
    ----------
    limit
        Upper limit of ``|value|`` in the value's own units (10 for ±10 %); ``None`` = no limit.
    fraction
        Share of the points in ``[0, 1]`` (``Decimal("0.4")`` for 4 of 10).
    inclusive
        ``|value| ≤ limit`` when true, ``|value| < limit`` when false.
    """

    limit: Decimal | None
    fraction: Decimal
    inclusive: bool = True

    def __post_init__(self) -> None:
        if self.limit is not None:
            limit = exact_number("band limit", self.limit)
            if limit < 0:
                raise ValueError(f"band limit must not be negative, got {limit}")
            object.__setattr__(self, "limit", limit)
        fraction = exact_number("band fraction", self.fraction)
        if not _ZERO <= fraction <= _ONE:
            raise ValueError(f"band fraction must lie in [0, 1], got {fraction}")
        object.__setattr__(self, "fraction", fraction)

    def holds(self, value: Decimal) -> bool:
        """True when ``|value|`` does not exceed this band's limit."""
        if self.limit is None:
            return True
        size = abs(value)
        return size <= self.limit if self.inclusive else size < self.limit


@dataclass(frozen=True)
class GradeBand:
    """A grade and the minimum total it needs (``≥ minimum`` when ``inclusive``, else ``> minimum``)."""

    grade: str
    minimum: Decimal
    inclusive: bool = True
    aliases: tuple[str, ...] = ()  # the scheme's own words for this grade (优秀 for 优 …)

    def __post_init__(self) -> None:
        object.__setattr__(self, "minimum", exact_number("grade minimum", self.minimum))

    def admits(self, score: Decimal) -> bool:
        """True when ``score`` meets this band's minimum."""
        return score >= self.minimum if self.inclusive else score > self.minimum

    @property
    def names(self) -> tuple[str, ...]:
        """Every word that names this grade: the grade, the scheme's aliases and the common synonyms."""
        return (self.grade, *self.aliases, *GRADE_SYNONYMS.get(self.grade, ()))


#: The words documents print for the national grades (优秀 for 优, 合格 for 中 …); one place for them.
GRADE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "优": ("优秀",),
    "良": ("良好",),
    "中": ("中等", "合格", "一般"),
    "差": ("较差", "不合格"),
}
