"""Decimal numbers as departments write them: exact, strict, never guessed."""

from __future__ import annotations

import re
import unicodedata
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from functools import lru_cache

__all__ = [
    "NO_VALUE_MARKS",
    "STRICT_CONTEXT",
    "NumberFormatError",
    "is_no_value",
    "normalize_text",
    "parse_decimal",
    "round_half_up",
    "truncate",
]

#: For scoring and formulas: 50 digits, half-even, trapping invalid operations, division by zero and
#: overflow. ``decimal.localcontext(STRICT_CONTEXT)`` works on a copy, so this one is never changed.
STRICT_CONTEXT = Context(prec=50, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])

#: Cell contents that mean "no value" in Chinese tables (besides blank).
NO_VALUE_MARKS = frozenset({"", "—", "——", "－", "-", "–", "/", "／", "\\"})

_NUMBER = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")


class NumberFormatError(ValueError):
    """Raised when a text is not a plain decimal number; the message is for auditors (Chinese)."""


@lru_cache(maxsize=1 << 16)  # pure, and called for the same texts again and again
def normalize_text(text: str) -> str:
    """NFKC-normalise (full-width digits and signs become ASCII; − becomes -) and strip space."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()


def is_no_value(text: str | None) -> bool:
    """True for blank cells and the usual "no value" marks (—, /, -)."""
    return text is None or normalize_text(text) in NO_VALUE_MARKS


def parse_decimal(text: str) -> Decimal:
    """Parse ``text`` as an exact decimal.

    Accepts full-width digits and ``,`` thousands separators (``1,097.01``); rejects
    everything else (``1.234,5``, ``1e5``, ``NaN``, inner spaces) with a Chinese message.
    The exponent of the result keeps the decimals as written (``Decimal("2.50")``).
    """
    s = normalize_text(text)
    if not _NUMBER.match(s):
        if re.match(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$", s):
            raise NumberFormatError(f"“{text}”像是欧式写法（小数点用逗号）；应写作 1234.5 或 1,234.5")
        raise NumberFormatError(f"“{text}”不是数字；应为十进制数，如 1234.56 或 1,234.56")
    return Decimal(s.replace(",", ""))


def round_half_up(number: Decimal, places: int) -> Decimal:
    """Round half away from zero to ``places`` decimals, the way documents print (2.915 → 2.92)."""
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def truncate(number: Decimal, places: int) -> Decimal:
    """Cut to ``places`` decimals toward zero (some systems print 2.919 as 2.91)."""
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
