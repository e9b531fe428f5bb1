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
    getcontext,
    localcontext,
)
from functools import lru_cache

from perfnb.base.limits import MAX_DECIMALS, MAX_INTEGER_DIGITS

__all__ = [
    "NO_VALUE_MARKS",
    "STRICT_CONTEXT",
    "NumberFormatError",
    "is_no_value",
    "lying_digits",
    "normalize_text",
    "parse_decimal",
    "precision_problem",
    "round_half_up",
    "thousands_text",
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


@lru_cache(maxsize=1 << 12)
def _lies(char: str) -> bool:
    """Whether ``char`` is a digit form other than 0-9 and ０-９ that reads as a digit: superscript and
    subscript digits (¹ ₂), circled and parenthesised numbers (① ⑴ ⒈), digits of other scripts (٣ ३),
    fractions (½). NFKC makes most of them plain digits (10¹ would read 101); ``\\d`` and ``int`` take the rest."""
    if "0" <= char <= "9" or "\uff10" <= char <= "\uff19":
        return False
    if unicodedata.decimal(char, None) is not None or unicodedata.digit(char, None) is not None:
        return True
    folded = unicodedata.normalize("NFKC", char)
    return folded != char and any("0" <= c <= "9" for c in folded) and not any(c.isalpha() for c in folded)


def lying_digits(text: str) -> str:
    """The characters of ``text`` that look like digits but are none of 0-9 and ０-９ (see ``_lies``), in
    order, without repeats; "" when there are none. A superscript right after a letter (m², km³) is a unit's
    power, not a digit, and a unit symbol such as ㎡ is no digit either."""
    if text.isascii():
        return ""
    found: list[str] = []
    for i, char in enumerate(text):
        if not char.isascii() and _lies(char) and char not in found:
            if unicodedata.category(char) == "No" and i and text[i - 1].isalpha() and text[i - 1].isascii():
                continue  # m², cm³: a unit's power
            found.append(char)
    return "".join(found)


def precision_problem(number: Decimal) -> str | None:
    """Why ``number`` as written is past the limits of ``perfnb.base.limits`` (too many decimals or integer digits),
    in Chinese; None when it is within them. Nothing real is written with more."""
    _, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int):
        return "不是有限的数"
    decimals = max(0, -exponent)
    if decimals > MAX_DECIMALS:
        return f"小数位数过多（{decimals} 位）；应为至多 {MAX_DECIMALS} 位小数"
    whole = len(digits) + exponent if digits != (0,) else 1
    if whole > MAX_INTEGER_DIGITS:
        return f"数额大得不合理（整数部分 {whole} 位）；应为至多 {MAX_INTEGER_DIGITS} 位整数"
    return None


def is_no_value(text: str | None) -> bool:
    """True for blank cells and the usual "no value" marks (—, /, -)."""
    return text is None or normalize_text(text) in NO_VALUE_MARKS


def parse_decimal(text: str) -> Decimal:
    """Parse ``text`` as an exact decimal.

    Accepts full-width digits and ``,`` thousands separators (``1,097.01``); rejects
    everything else (``1.234,5``, ``1e5``, ``NaN``, inner spaces, superscript or circled digits such as
    ``10¹`` or ``①``, digits of other scripts, more than ``MAX_DECIMALS`` decimals or ``MAX_INTEGER_DIGITS``
    integer digits) with a Chinese message. The exponent of the result keeps the decimals as written
    (``Decimal("2.50")``).
    """
    lies = lying_digits(text)
    if lies:
        raise NumberFormatError(f"“{text}”含有上标、圈码或其他非 0-9 的数字字符（{lies}），不能当作数字读取；"
                                "应为 0-9 写的十进制数，如 10 或 1,234.56")  # fmt: skip
    s = normalize_text(text)
    if not _NUMBER.match(s):
        if re.match(r"^[+-]?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+$", s):
            raise NumberFormatError(f"“{text}”像是欧式写法（小数点用逗号）；应写作 1234.5 或 1,234.5")
        raise NumberFormatError(f"“{text}”不是数字；应为十进制数，如 1234.56 或 1,234.56")
    number = Decimal(s.replace(",", ""))
    problem = precision_problem(number)
    if problem:
        raise NumberFormatError(f"“{text}”{problem}")
    return number


def round_half_up(number: Decimal, places: int) -> Decimal:
    """Round half away from zero to ``places`` decimals, the way documents print (2.915 → 2.92)."""
    return _quantize(number, places, ROUND_HALF_UP)


def thousands_text(value: Decimal | None) -> str:
    """A value as a chart labels it: half-up to 2 places, thousands separated (``—`` for None)."""
    if value is None:
        return "—"
    return f"{round_half_up(value, 2):,f}"


def truncate(number: Decimal, places: int) -> Decimal:
    """Cut to ``places`` decimals toward zero (some systems print 2.919 as 2.91)."""
    return _quantize(number, places, ROUND_DOWN)


def _quantize(number: Decimal, places: int, rounding: str) -> Decimal:
    """``number`` to ``places`` decimals, in a context with digits enough for the result (the current one
    may have too few: 12 integer digits to 20 decimals need 32, and ``quantize`` would raise)."""
    exponent = Decimal(1).scaleb(-places)
    if number.is_finite() and number:
        needed = number.adjusted() + places + 2
        if needed > getcontext().prec:
            with localcontext() as ctx:
                ctx.prec = needed
                return number.quantize(exponent, rounding=rounding)
    return number.quantize(exponent, rounding=rounding)
