"""Pure scoring rules for self-evaluation rows (domain-rules §1–§3), on exact decimals.

Every function takes and returns :class:`decimal.Decimal` (``int`` is accepted and converted;
``float`` is refused) and returns the *unrounded* score: the caller rounds half-up to the
document's decimals (domain-rules §5). Divisions run in a private 50-digit context, so the
caller's decimal context never changes a score. A score is never below 0 nor above the
row's points ``w``.

Notation: ``w`` = points (分值, the weight), ``a`` = actual (实际完成值), ``t`` = target (指标值).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from itertools import pairwise

from perfnb.base.numbers import STRICT_CONTEXT, normalize_text
from perfnb.format.bands import Band, GradeBand, exact_number

__all__ = [
    "QUALITATIVE_TIERS",
    "Tier",
    "grade_of",
    "names_grade",
    "over_achieved",
    "qualitative_tier",
    "score_band",
    "score_equal",
    "score_higher",
    "score_lower",
    "score_proportional",
    "tier_contains",
    "tier_range",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _weight(w: Decimal | int) -> Decimal:
    """The points of a row: finite and not negative."""
    weight = exact_number("weight", w)
    if weight < 0:
        raise ValueError(f"weight must not be negative, got {weight}")
    return weight


def _clamp(w: Decimal, score: Decimal) -> Decimal:
    """``score`` limited to ``[0, w]``."""
    return min(w, max(_ZERO, score))


# --------------------------------------------------------------------------- quantitative rows


def score_higher(w: Decimal, a: Decimal, t: Decimal) -> Decimal:
    """Higher-is-better (≥ / >) row score: full marks at target, else proportional (domain-rules §1 rule 5).

    Parameters
    ----------
    w, a, t
        Points, actual value, target value.

    Returns
    -------
    Decimal
        ``w`` when ``a ≥ t``; otherwise ``w × max(a, 0) / t``. For ``t ≤ 0`` (no ratio is
        meaningful) ``w`` when ``a ≥ t``, else 0. Always within ``[0, w]``; unrounded.
    """
    w, a, t = _weight(w), exact_number("actual", a), exact_number("target", t)
    if a >= t:
        return w
    if t <= 0:
        return _ZERO
    with localcontext(STRICT_CONTEXT):
        return _clamp(w, w * max(a, _ZERO) / t)


def score_lower(w: Decimal, a: Decimal, t: Decimal) -> Decimal:
    """Lower-is-better (≤ / <, 反向) row score, linear from ``w`` at ``t`` to 0 at ``2t`` (domain-rules §1 rule 6).

    Parameters
    ----------
    w, a, t
        Points, actual value, target value.

    Returns
    -------
    Decimal
        ``w`` when ``a ≤ t``; 0 when ``a ≥ 2t``; otherwise ``w × (1 − (a − t)/t)``. With
        ``t = 0``: ``w`` when ``a ≤ 0``, else 0. A negative target (not covered by the rule) is
        scored the same way: ``w`` when ``a ≤ t``, else 0. Always within ``[0, w]``; unrounded.
    """
    w, a, t = _weight(w), exact_number("actual", a), exact_number("target", t)
    if a <= t:
        return w
    if t <= 0 or a >= 2 * t:
        return _ZERO
    with localcontext(STRICT_CONTEXT):
        # w × (1 − (a − t)/t) = w × (2t − a)/t: one division, one rounding.
        return _clamp(w, w * (2 * t - a) / t)


def score_equal(w: Decimal, a: Decimal, t: Decimal) -> Decimal:
    """Equal (=) row score: ``t = 0`` as lower-is-better, ``t > 0`` as higher-is-better (domain-rules §1 rule 7).

    Parameters
    ----------
    w, a, t
        Points, actual value, target value.

    Returns
    -------
    Decimal
        :func:`score_lower` for ``t = 0``, :func:`score_higher` for ``t > 0``. A negative target
        (not covered by the rule) gets ``w`` only when ``a = t`` exactly, else 0.
    """
    w, a, t = _weight(w), exact_number("actual", a), exact_number("target", t)
    if t == 0:
        return score_lower(w, a, t)
    if t > 0:
        return score_higher(w, a, t)
    return w if a == t else _ZERO


def score_proportional(w: Decimal, ratio: Decimal, *, cap: bool = True) -> Decimal:
    """Proportional score ``w × ratio`` (domain-rules §1 rule 2 execution score; §2 completion measures; §3).

    Parameters
    ----------
    w
        Points (10 for the execution score).
    ratio
        The rate as a fraction (``Decimal("0.8582")`` for 85.82 %), e.g. E/B, 到位率, 执行率.
    cap
        Limit the score to ``w`` (rule 2's ``min(10, E/B × 10)``; some systems do not cap).

    Returns
    -------
    Decimal
        ``w × ratio``, at least 0 and, when ``cap``, at most ``w``; unrounded.
    """
    w, ratio = _weight(w), exact_number("ratio", ratio)
    with localcontext(STRICT_CONTEXT):
        score = max(_ZERO, w * ratio)
    return min(w, score) if cap else score


# --------------------------------------------------------------------------- bands (cost variance)


def score_band(w: Decimal, value: Decimal, bands: Sequence[Band]) -> Decimal:
    """Banded score by ``|value|``, e.g. cost variance "±10%以内满分" (domain-rules §3; §2 control measures).

    Parameters
    ----------
    w
        Points.
    value
        The measured deviation (sign ignored), in the units of the band limits.
    bands
        Checked in order; the first band whose limit ``|value|`` does not exceed decides, e.g.
        ``[Band(Decimal(10), Decimal(1)), Band(Decimal(50), Decimal("0.4")), Band(None, Decimal(0))]``.

    Returns
    -------
    Decimal
        ``w × fraction`` of the first band that holds; 0 when no band holds.

    Raises
    ------
    ValueError
        Negative weight or no bands.
    """
    w, value = _weight(w), exact_number("value", value)
    if not bands:
        raise ValueError("score_band needs at least one band")
    for band in bands:
        if band.holds(value):
            with localcontext(STRICT_CONTEXT):
                return _clamp(w, w * band.fraction)
    return _ZERO


# --------------------------------------------------------------------------- qualitative rows


@dataclass(frozen=True)
class Tier:
    """A qualitative tier: wording that places a row's score in ``[low·w, high·w]`` (or ``high·w)``).

    Parameters
    ----------
    name
        Short name (达成 / 部分达成 / 未达成).
    words
        Wordings that identify the tier inside an achieved-value text (substring match).
    low, high
        Bounds as fractions of the points; ``low`` is always inclusive.
    high_inclusive
        Whether ``high·w`` itself belongs to the tier.
    """

    name: str
    words: tuple[str, ...]
    low: Decimal
    high: Decimal
    high_inclusive: bool

    def __post_init__(self) -> None:
        if not self.words or not all(isinstance(word, str) and word.strip() for word in self.words):
            raise ValueError(f"tier {self.name!r} needs at least one non-blank word")
        low, high = exact_number("tier low", self.low), exact_number("tier high", self.high)
        if not _ZERO <= low <= high <= _ONE:
            raise ValueError(f"tier {self.name!r} needs 0 ≤ low ≤ high ≤ 1, got [{low}, {high}]")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)


#: The three tiers of domain-rules §1 rule 8, best first.
QUALITATIVE_TIERS: tuple[Tier, ...] = (
    Tier("达成", ("达成年度指标", "达成"), Decimal("0.8"), Decimal(1), True),
    Tier("部分达成", ("部分达成年度指标并具有一定效果", "部分达成"), Decimal("0.6"), Decimal("0.8"), False),
    Tier(
        "未达成",
        ("未达成年度指标且效果较差", "未达成", "未能达成", "没有达成", "没达成"),
        Decimal(0),
        Decimal("0.6"),
        False,
    ),
)


def _specificity(word: str, tier: Tier, tiers: Sequence[Tier]) -> tuple[int, int]:
    """How many other tiers' words ``word`` contains (``未达成`` ⊃ ``达成``), then its length."""
    contained = sum(1 for other in tiers if other is not tier for other_word in other.words if other_word in word)
    return contained, len(word)


def qualitative_tier(text: str, tiers: Sequence[Tier] = QUALITATIVE_TIERS) -> Tier | None:
    """The tier named by an achieved-value wording such as "部分达成年度指标并具有一定效果" (domain-rules §1 rule 8).

    Parameters
    ----------
    text
        The 实际完成值 text (full-width forms and spaces are normalised away).
    tiers
        Candidate tiers. Words that contain another tier's word (``未达成``, ``部分达成`` both
        contain ``达成``) are tried first, longest first, so "未达成年度指标" is 未达成, not 达成.

    Returns
    -------
    Tier or None
        The matching tier, or ``None`` for free wording ("效果明显"), which the caller maps
        with a warning.

    Raises
    ------
    ValueError
        No tiers.
    """
    if not tiers:
        raise ValueError("qualitative_tier needs at least one tier")
    compact = "".join(normalize_text(text).split())
    candidates = sorted(
        ((word, tier) for tier in tiers for word in tier.words),
        key=lambda pair: _specificity(pair[0], pair[1], tiers),
        reverse=True,
    )
    for word, tier in candidates:
        if "".join(normalize_text(word).split()) in compact:
            return tier
    return None


def tier_range(w: Decimal, tier: Tier) -> tuple[Decimal, Decimal]:
    """The score bounds ``(low·w, high·w)`` of a qualitative tier (domain-rules §1 rule 8).

    Whether the upper bound is included is ``tier.high_inclusive``; the lower one always is.
    """
    w = _weight(w)
    with localcontext(STRICT_CONTEXT):
        return w * tier.low, w * tier.high


def tier_contains(w: Decimal, score: Decimal, tier: Tier) -> bool:
    """Whether a reported ``score`` lies inside ``tier`` for a row of ``w`` points (domain-rules §1 rule 8)."""
    low, high = tier_range(w, tier)
    score = exact_number("score", score)
    return low <= score and (score <= high if tier.high_inclusive else score < high)


# --------------------------------------------------------------------------- grades and findings


def names_grade(printed: str, grade: str, bands: Sequence[GradeBand]) -> bool:
    """Whether the printed word ``printed`` names ``grade`` under ``bands`` (优秀 names 优)."""
    word = "".join(printed.split())
    band = next((b for b in bands if b.grade == grade), None)
    return word == grade or (band is not None and word in band.names)


def grade_of(score: Decimal, bands: Sequence[GradeBand]) -> str:
    """The grade of a total score (domain-rules §1 rule 11); the caller rounds the total to 2 decimals first.

    Parameters
    ----------
    score
        The total, already rounded as the scheme says (under the national bands 89.995 is 良, 90.00 优).
    bands
        The scheme's grade bands (``Scheme.grades``, read from its file: the only place they are written),
        ordered from best (highest minimum) to worst.

    Returns
    -------
    str
        The grade of the first band whose minimum the score meets.

    Raises
    ------
    ValueError
        No bands, bands not ordered from best, or a score below every band (negative total).
    """
    score = exact_number("score", score)
    if not bands:
        raise ValueError("grade_of needs at least one grade band")
    for better, worse in pairwise(bands):
        if worse.minimum > better.minimum:
            raise ValueError(f"grade bands must be ordered from best: {better.grade} before {worse.grade}")
    for band in bands:
        if band.admits(score):
            return band.grade
    raise ValueError(f"score {score} is below every grade band (lowest: {bands[-1].grade} from {bands[-1].minimum})")


def over_achieved(a: Decimal, t: Decimal, ratio: Decimal = Decimal("1.3")) -> bool:
    """Whether ``a ≥ ratio × t`` on a ≥ target with ``t > 0`` — target set too low? (domain-rules §1 rule 9).

    A finding, not a deduction. Always ``False`` when ``t ≤ 0`` (no ratio is meaningful).
    """
    a, t, ratio = exact_number("actual", a), exact_number("target", t), exact_number("ratio", ratio)
    if t <= 0:
        return False
    with localcontext(STRICT_CONTEXT):
        return a >= ratio * t
