"""Excel formulas that a workbook stores without a cached value, evaluated when they are plain arithmetic.

Budget systems export workbooks whose 执行率 and 得分 cells are formulas (``=E6/D6``, ``=SUM(C7:C9)``,
``=ROUND(E6/D6*10,2)``) that no spreadsheet program has calculated: the file holds no value for them.
Such a formula is evaluated here when it uses only numbers, cells of the same sheet, ``+ - * /``,
brackets, ``SUM`` of cells or ranges and an outermost ``ROUND(…, n)``; the arithmetic itself is
:func:`perfnb.engine.formula.evaluate` (nothing is ever handed to ``eval``). Anything else — another sheet, a
lookup, a condition, text — is not evaluated, and the caller says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Final

from openpyxl.utils import column_index_from_string

from perfnb.base.numbers import NumberFormatError, parse_decimal, round_half_up
from perfnb.engine.formula import FormulaError, evaluate

__all__ = ["Unsupported", "evaluate_cell_formula"]

_REF: Final = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})")
_RANGE: Final = re.compile(rf"{_REF.pattern}:{_REF.pattern}")
_SUM: Final = re.compile(r"SUM\(([^()]*)\)", re.IGNORECASE)
_ROUND: Final = re.compile(r"^ROUND\((.*),\s*(\d)\)$", re.IGNORECASE)
_ALLOWED: Final = re.compile(r"^[\d.+\-*/() ]*$")
_MAX_DEPTH: Final = 20  # formulas referring to formulas, at most this deep
_MAX_CELLS: Final = 10_000  # cells a SUM range may cover


class Unsupported(ValueError):
    """A formula that is not plain arithmetic on the sheet's cells; the message says why (Chinese)."""


Lookup = Callable[[int, int], "Decimal | str | None"]  # (row, col), 1-based → number, formula text or None


def evaluate_cell_formula(formula: str, lookup: Lookup, depth: int = 0) -> Decimal:
    """The value of ``formula`` (``=E6/D6``); ``lookup`` gives a cell's number, its own formula or None (blank).

    Raises :class:`Unsupported` for anything but plain arithmetic on the sheet's cells."""
    if depth > _MAX_DEPTH:
        raise Unsupported("公式层层引用过深")
    body = formula.strip().removeprefix("=").strip()
    rounding = _ROUND.match(body)
    if rounding:
        inner = evaluate_cell_formula(rounding.group(1), lookup, depth + 1)
        try:
            return round_half_up(inner, int(rounding.group(2)))
        except ArithmeticError:  # a value too large to hold its decimals
            raise Unsupported("数值过大，无法取整") from None
    if "!" in body:
        raise Unsupported("公式引用了别的工作表")
    functions = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", body.upper())) - {"SUM"}
    if functions:
        raise Unsupported(f"公式含函数 {'、'.join(sorted(functions))}，不是单纯的四则运算")

    def value(row: int, col: int) -> str:
        got = lookup(row, col)
        if isinstance(got, str):  # another formula without a value
            got = evaluate_cell_formula(got, lookup, depth + 1)
        return "0" if got is None else f"({got})"

    def total(match: re.Match[str]) -> str:
        parts = []
        for arg in match.group(1).split(","):
            arg = arg.strip()
            span = _RANGE.fullmatch(arg)
            if span:
                c1, c2 = column_index_from_string(span[1]), column_index_from_string(span[3])
                r1, r2 = int(span[2]), int(span[4])
                if (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1) > _MAX_CELLS:
                    raise Unsupported("SUM 的区域太大")
                parts += [value(r, c) for r in range(min(r1, r2), max(r1, r2) + 1)
                          for c in range(min(c1, c2), max(c1, c2) + 1)]  # fmt: skip
            elif _REF.fullmatch(arg):
                ref = _REF.fullmatch(arg)
                assert ref is not None
                parts.append(value(int(ref[2]), column_index_from_string(ref[1])))
            else:
                raise Unsupported(f"SUM 的参数“{arg}”不是单元格或区域")
        return "(" + ("+".join(parts) or "0") + ")"

    text = _SUM.sub(total, body.upper())
    text = _REF.sub(lambda m: value(int(m[2]), column_index_from_string(m[1])), text)
    if not _ALLOWED.match(text):
        raise Unsupported("公式不是单纯的四则运算（含函数、条件或文字）")
    try:
        return evaluate(text).value
    except FormulaError as exc:
        raise Unsupported(f"公式无法计算（{exc.message}）") from None


def number_of(value: object) -> Decimal | None:
    """A cell's cached value as a number for a formula (numbers, and text that is a number), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return parse_decimal(value)
        except NumberFormatError:
            raise Unsupported(f"公式引用的单元格是文字“{value[:20]}”") from None
    return None
