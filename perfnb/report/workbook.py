"""An Excel workbook of a department's findings and reconciliation, for auditors who work in Excel.

Two sheets with Chinese titles and headers: ``发现`` (one row per finding) and ``复核表``
(one row per recomputed figure, the columns of ``figures.csv``). Figures are numbers: a value,
difference or printed number that is a plain number (``2.57``, ``-0.06``, ``1,097.01``, ``-20%``)
is stored as a number whose number format shows the decimals it was printed with (``0.00``,
``#,##0.00``, ``0.0%``), so Excel sums and sorts it; anything else (a grade, ``≥95%``, a
formula-like text) is text. Row numbers are integers. Long text (messages, formulas, inputs) wraps
in columns of a readable width; every cell below the header is aligned to the top; the header is
bold, frozen and filtered.

The workbook is written by XlsxWriter, each cell with an explicit type (``write_string``,
``write_number``, ``write_blank``: XlsxWriter never guesses a type from text), built in memory
and then written atomically (a temporary file in the same folder, then a rename). It is
deterministic: the document's creation date is fixed, and XlsxWriter stamps every zip entry with
the same fixed date (1980-01-01), so two writes of the same result are byte-identical.

Text cells go through :func:`perfnb.base.cells.neutralise`, the one formula-injection rule of every
CSV and workbook perfnb writes; numbers are numbers and are never quoted. Control characters a
workbook cannot hold (all below U+0020 but tab, line feed and carriage return) are dropped.
XlsxWriter cuts text at 32 767 characters, the most a cell holds (counted as Excel counts them: a
character beyond the Basic Multilingual Plane counts two), and stores a carriage return and the
noncharacters U+FFFE and U+FFFF escaped as Excel does (``_x000D_``), which Excel reads back as the
character and openpyxl leaves as it is; text UTF-8 cannot encode (a lone surrogate) is refused.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from perfnb.base.cells import PLAIN_NUMBER, neutralise
from perfnb.base.files import atomic_write
from perfnb.engine.check import CheckResult
from perfnb.engine.findings import Finding
from perfnb.report.results import FIGURE_COLUMNS, figure_row

__all__ = [
    "FIGURE_HEADERS",
    "FINDING_HEADERS",
    "NUMBER_HEADERS",
    "WRAP_HEADERS",
    "neutralise",
    "number_cell",
    "write_findings_xlsx",
]

#: Column headers of the ``发现`` sheet, in order.
FINDING_HEADERS: Final = (
    "严重程度",
    "代码",
    "问题",
    "对象",
    "项目",
    "文件",
    "行",
    "列",
    "原表位置",
    "原文数值",
    "复算数值",
    "关联数字",
    "说明",
)
#: Chinese header of each column of :data:`perfnb.report.results.FIGURE_COLUMNS` (the ``复核表`` sheet).
FIGURE_HEADERS: Final = {
    "id": "编号",
    "project_id": "项目",
    "label": "名称",
    "measure": "类别",
    "formula": "公式",
    "inputs": "输入",
    "recomputed": "复算值",
    "recomputed_at_precision": "复算值（按原文精度）",
    "reported": "原文数值",
    "unit": "单位",
    "precision": "小数位",
    "difference": "差额",
    "verdict": "结论代码",
    "verdict_label": "结论",
    "basis": "依据",
    "note": "说明",
    "file": "文件",
    "row": "行",
    "column": "列",
    "ref": "原表位置",
}
FINDINGS_SHEET: Final = "发现"
FIGURES_SHEET: Final = "复核表"

_FIXED_TIME: Final = datetime(2000, 1, 1)  # the document's creation date (XlsxWriter would take the clock's)
_MAX_WIDTH: Final = 60
_MIN_WIDTH: Final = 6
_WRAP_WIDTH: Final = 50  # a column of long text (messages, formulas, inputs) is this wide and wraps
#: Pixels per character of a column width: a width of ``n`` (padding included, as the file stores it) is
#: ``7 n`` pixels in Excel's default font (Calibri 11, whose digits are 7 pixels wide).
_PIXELS_PER_CHARACTER: Final = 7
#: Columns holding figures: a plain number there is stored as a number.
NUMBER_HEADERS: Final = frozenset({"原文数值", "复算数值", "复算值", "复算值（按原文精度）", "差额", "小数位", "行"})
#: Columns of long text, wrapped.
WRAP_HEADERS: Final = frozenset({"问题", "对象", "说明", "名称", "公式", "输入", "依据", "原表位置", "文件"})
#: Control characters a workbook cannot hold, dropped from text: all below U+0020 but tab, line feed and
#: carriage return (the characters of openpyxl's ``ILLEGAL_CHARACTERS_RE``).
_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: XlsxWriter builds the archive in memory and never turns text into a number, a formula or a link.
_OPTIONS: Final = {
    "in_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}

Value = str | int | None
#: How one cell is written: the sheet's method (``write_number``, ``write_string`` or ``write_blank``),
#: what it is given, and the cell's format.
_Cell = tuple[Callable[..., object], float | str | None, Format]


def write_findings_xlsx(result: CheckResult, path: Path) -> Path:
    """Write the findings and the reconciliation of one department to an .xlsx workbook.

    Parameters
    ----------
    result
        The engine's result for one department.
    path
        The workbook to write; its folder is created if missing.

    Returns
    -------
    Path
        ``path``. Two writes of the same result give byte-identical files; a failed write
        leaves neither a partial workbook nor a temporary file.

    Raises
    ------
    OutputWriteError
        When ``path`` cannot be written (see :func:`perfnb.report.results.atomic_write`).
    ValueError
        When a text holds a character UTF-8 cannot encode (a lone surrogate); nothing is written.
    """
    archive = io.BytesIO()
    book = xlsxwriter.Workbook(archive, dict(_OPTIONS))
    book.set_properties({"created": _FIXED_TIME})
    formats = _Formats(book)
    for title, headers, rows in _tables(result):
        _sheet(book.add_worksheet(title), formats, headers, rows)
    _close(book)
    atomic_write(path, archive.getvalue())
    return path


def _tables(result: CheckResult) -> list[tuple[str, Sequence[str], list[list[Value]]]]:
    """Each sheet's title, headers and rows of values."""
    findings = [_finding_values(f) for f in result.findings]
    figures = [figure_row(fig) for fig in result.figures]
    rows: list[list[Value]] = [[int(r[c]) if c == "row" and r[c] else r[c] for c in FIGURE_COLUMNS] for r in figures]
    return [
        (FINDINGS_SHEET, FINDING_HEADERS, findings),
        (FIGURES_SHEET, tuple(FIGURE_HEADERS[c] for c in FIGURE_COLUMNS), rows),
    ]


def _finding_values(f: Finding) -> list[Value]:
    """One finding in the column order of :data:`FINDING_HEADERS`."""
    cell = f.cell
    return [
        f.severity.label,
        f.code,
        f.title,
        f.subject,
        f.project_id,
        cell.file if cell else None,
        cell.row if cell else None,
        cell.column if cell else None,
        cell.ref if cell else None,
        f.reported,
        f.recomputed,
        f.figure_id,
        f.message,
    ]


def _sheet(sheet: Worksheet, formats: _Formats, headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> None:
    """Fill a sheet: bold header row, frozen below it, with an auto-filter and fitted column widths;
    figures as numbers, long text wrapped, every other cell aligned to the top."""
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in headers]
    for c, (header, values) in enumerate(zip(headers, columns, strict=True)):
        sheet.write_string(0, c, _text(header), formats.bold)
        wrapped = header in WRAP_HEADERS
        cells = _Cells(sheet, formats, number=header in NUMBER_HEADERS, wrap=wrapped)
        for r, value in enumerate(values, 1):
            write, content, cell_format = cells[value]
            write(r, c, content, cell_format)
        width = _column_width(header, cells, _WRAP_WIDTH if wrapped else _MAX_WIDTH)  # cells: the distinct values
        sheet.set_column_pixels(c, c, width * _PIXELS_PER_CHARACTER)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(headers) - 1)


class _Formats(dict[tuple[bool, str | None], Format]):
    """The workbook's cell formats, each added once: :attr:`bold` for the header; for other cells, by
    whether they wrap and by their number format (None: General), aligned to the top."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        super().__init__()
        self._book = book
        self.bold: Final = book.add_format({"bold": True})

    def __missing__(self, key: tuple[bool, str | None]) -> Format:
        wrap, number_format = key
        spec: dict[str, Any] = {"valign": "top", "text_wrap": wrap}
        if number_format is not None:
            spec["num_format"] = number_format
        found = self[key] = self._book.add_format(spec)
        return found


class _Cells(dict[Value, _Cell]):
    """How each value of one column is written, worked out once a distinct value (the keys are the
    column's distinct values): an int as a number; in a figures column (``number``) a plain number as a
    number formatted with its printed decimals (one too large for a float, which Excel cannot hold
    either, stays text as printed); other text as text (neutralised, never a formula); nothing, or
    text that is nothing once cleaned, as a blank cell."""

    def __init__(self, sheet: Worksheet, formats: _Formats, *, number: bool, wrap: bool) -> None:
        super().__init__()
        self._sheet = sheet
        self._formats = formats
        self._number = number
        self._wrap = wrap

    def __missing__(self, value: Value) -> _Cell:
        found = self[value] = self._cell(value)
        return found

    def _cell(self, value: Value) -> _Cell:
        sheet, plain = self._sheet, self._formats[self._wrap, None]
        if isinstance(value, int):
            return sheet.write_number, value, plain
        if not value:
            return sheet.write_blank, None, plain
        parsed = number_cell(value) if self._number else None
        if parsed is not None and math.isfinite(number := float(parsed[0])):  # 16 significant digits are written
            return sheet.write_number, number, self._formats[self._wrap, parsed[1]]
        text = _text(value)
        return (sheet.write_string, text, plain) if text else (sheet.write_blank, None, plain)


def _text(value: str) -> str:
    """A text cell's content: control characters a workbook cannot hold dropped, neutralised against
    formula injection (XlsxWriter cuts it at the most characters a cell holds)."""
    return neutralise(_CONTROL.sub("", value))


def _close(book: xlsxwriter.Workbook) -> None:
    """Assemble ``book``'s archive (in memory).

    XlsxWriter reports an :class:`OSError` met while writing the archive as its own
    ``FileCreateError``, meant for a file it could not create; there is no file here, so the error
    is raised as the OSError it is."""
    try:
        book.close()
    except FileCreateError as exc:
        if isinstance(exc.__context__, OSError):
            raise exc.__context__ from None
        raise


def number_cell(text: str) -> tuple[Decimal, str] | None:
    """A plain number's exact value and the Excel number format that prints it as it was printed,
    or None when ``text`` is not a plain number.

    ``2.50`` → (2.50, ``0.00``); ``1,097.01`` → (1097.01, ``#,##0.00``); ``-20%`` → (−0.2, ``0%``);
    ``10`` → (10, ``0``). The value is a :class:`~decimal.Decimal`, written with 16 significant
    digits (what Excel keeps), never a float's binary expansion."""
    match = PLAIN_NUMBER.fullmatch(text)
    if match is None:
        return None
    integer, decimals, percent = match.groups()
    value = Decimal(text.replace(",", "").removesuffix("%"))
    fmt = ("#,##0" if "," in integer else "0") + ("." + "0" * len(decimals) if decimals else "")
    if percent:
        return value / 100, fmt + "%"
    return value, fmt


def _column_width(header: str, values: Iterable[Value], limit: int) -> int:
    """The width of a column: its widest value (or header) plus 2, at least :data:`_MIN_WIDTH`, at most ``limit``.

    Values are measured until one reaches ``limit``, and one that cannot be wider than the widest yet is not."""
    widest = _width(header)
    for value in values:
        if widest + 2 >= limit:
            break
        if value is not None and 2 * len(text := str(value)) > widest:
            widest = max(widest, _width(text))
    return min(max(widest + 2, _MIN_WIDTH), limit)


def _width(value: Value) -> int:
    """Display width of a value's longest line: wide (CJK) characters count two."""
    if value is None:
        return 0
    text = str(value)
    if text.isascii():
        return max(map(len, text.splitlines()), default=0)
    extra: Callable[[str], int] = _WIDE.__getitem__
    return max((len(line) + sum(map(extra, line)) for line in text.splitlines()), default=0)


class _WideCharacters(dict[str, int]):
    """1 for a wide (CJK) character, which takes two columns, else 0; looked up once a character."""

    def __missing__(self, ch: str) -> int:
        wide = self[ch] = int(unicodedata.east_asian_width(ch) in ("W", "F"))
        return wide


_WIDE: Final = _WideCharacters()
