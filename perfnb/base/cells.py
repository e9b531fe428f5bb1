"""The one rule that keeps a spreadsheet from running a cell perfnb writes: used by every CSV and workbook.

A spreadsheet reads a cell that starts with ``= + - @`` (or a tab or a carriage return, which some
strip first) as a formula: ``=HYPERLINK(…)`` becomes a link, ``=cmd|' /C calc'!A0`` a DDE call. The
text perfnb writes comes partly from the forms it reads, so every cell is one of two things:

* **a number** — a plain signed decimal as perfnb prints it (``-2.53``, ``+5``, ``1,097.01``,
  ``-20%``): it cannot be a formula and is left as it is (a workbook stores it as a number, a CSV
  prints it as such);
* **text** — everything else: when it starts with one of those characters it gets a leading ``'``,
  which spreadsheets show as text and never evaluate.

:func:`neutralise` applies the rule to one cell; ``figures.csv``, ``findings.csv``
(:mod:`perfnb.report.results`) and ``import_report.csv`` (:mod:`perfnb.forms.department`) call it through
:func:`csv_cell`, the findings workbook (:mod:`perfnb.report.workbook`) directly, and nothing else decides.
A CSV cell also has its carriage returns made line feeds: Python's CSV writer quotes a field holding
``\n`` but not one holding a lone ``\r``, which a spreadsheet takes for the end of the row — the text
after it would start a new cell, unguarded.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["FORMULA_START", "PLAIN_NUMBER", "csv_cell", "is_plain_number", "neutralise"]

#: What makes a spreadsheet read a cell as a formula.
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
_FIRST: Final = frozenset("".join(FORMULA_START))
#: A number as perfnb prints one: optional sign, digits (thousands may be separated by commas),
#: optional decimals, optional percent sign. Groups: the integer digits, the decimals, the percent.
PLAIN_NUMBER: Final = re.compile(r"[+-]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%)?")


def is_plain_number(text: str) -> bool:
    """Whether ``text`` is a number as perfnb prints one (see :data:`PLAIN_NUMBER`), not text."""
    return PLAIN_NUMBER.fullmatch(text) is not None


def neutralise(text: str) -> str:
    """Guard a text cell against formula injection.

    Parameters
    ----------
    text
        The cell's text.

    Returns
    -------
    str
        ``text`` prefixed with ``'`` when it starts with ``= + - @``, a tab or a carriage
        return (a spreadsheet may read it as a formula); otherwise ``text`` unchanged. A plain
        signed number such as ``-2.53`` or ``+5%`` is a number, not text, and is left as it is:
        it cannot be a formula, and a quote would spoil the figure.
    """
    if text[:1] in _FIRST and not is_plain_number(text):
        return "'" + text
    return text


def csv_cell(text: str) -> str:
    """A text cell for a CSV file: :func:`neutralise`, then every line break a line feed (``\r\n`` and a
    lone ``\r`` too), so the CSV writer quotes the field and no text after a break starts a cell of its own."""
    guarded = neutralise(text)
    return guarded.replace("\r\n", "\n").replace("\r", "\n") if "\r" in guarded else guarded
