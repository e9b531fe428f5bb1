"""An Excel workbook of a department's findings and reconciliation, for auditors who work in Excel.

Two sheets with Chinese titles and headers: ``发现`` (one row per finding) and ``复核表``
(one row per recomputed figure, the columns of ``figures.csv``). Figures are numbers: a value,
difference or printed number that is a plain number (``2.57``, ``-0.06``, ``1,097.01``, ``-20%``)
is stored as a number — written from its exact decimal text — whose number format shows the
decimals it was printed with (``0.00``, ``#,##0.00``, ``0.0%``), so Excel sums and sorts it;
anything else (a grade, ``≥95%``, a formula-like text) is text. Row numbers are integers. Long
text (messages, formulas, inputs) wraps in columns of a readable width.

The file is written atomically (a temporary file in the same folder, then a rename) and
deterministically: openpyxl stamps the clock into ``docProps/core.xml`` and into every zip
entry when it saves, so the saved archive is rewritten with fixed timestamps.

Text cells go through :func:`perfnb.cells.neutralise`, the one formula-injection rule of every
CSV and workbook perfnb writes; numbers are numbers and are never quoted.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from perfnb.cells import PLAIN_NUMBER, neutralise
from perfnb.engine import CheckResult
from perfnb.findings import Finding
from perfnb.outputs import FIGURE_COLUMNS, atomic_write, figure_row

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
#: Chinese header of each column of :data:`perfnb.outputs.FIGURE_COLUMNS` (the ``复核表`` sheet).
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

_FIXED_TIME: Final = datetime(2000, 1, 1)
_ZIP_TIME: Final = (2000, 1, 1, 0, 0, 0)
_MAX_WIDTH: Final = 60
_MIN_WIDTH: Final = 6
_WRAP_WIDTH: Final = 50  # a column of long text (messages, formulas, inputs) is this wide and wraps
#: Columns holding figures: a plain number there is stored as a number.
NUMBER_HEADERS: Final = frozenset({"原文数值", "复算数值", "复算值", "复算值（按原文精度）", "差额", "小数位", "行"})
#: Columns of long text, wrapped.
WRAP_HEADERS: Final = frozenset({"问题", "对象", "说明", "名称", "公式", "输入", "依据", "原表位置", "文件"})
_TOP: Final = Alignment(vertical="top")
_WRAP: Final = Alignment(vertical="top", wrap_text=True)

Value = str | int | None


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
    """
    book = Workbook()
    book.remove(book.active)
    _sheet(book, FINDINGS_SHEET, FINDING_HEADERS, [_finding_values(f) for f in result.findings])
    figures = [figure_row(fig) for fig in result.figures]
    rows = [[int(r[c]) if c == "row" and r[c] else r[c] for c in FIGURE_COLUMNS] for r in figures]
    _sheet(book, FIGURES_SHEET, tuple(FIGURE_HEADERS[c] for c in FIGURE_COLUMNS), rows)

    atomic_write(path, _deterministic_bytes(book))
    return path


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


def _sheet(book: Any, title: str, headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> None:
    """Add a sheet: bold header row, frozen below it, with an auto-filter and fitted column widths;
    figures as numbers, long text wrapped."""
    sheet = book.create_sheet(title)
    bold = Font(bold=True)
    widths = [_width(h) for h in headers]
    numeric = [h in NUMBER_HEADERS for h in headers]
    wrapped = [h in WRAP_HEADERS for h in headers]
    for c, header in enumerate(headers, 1):
        _put(sheet, 1, c, header).font = bold
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            cell = _put(sheet, r, c, value, number=numeric[c - 1])
            cell.alignment = _WRAP if wrapped[c - 1] else _TOP
            widths[c - 1] = max(widths[c - 1], _width(value))
    for c, width in enumerate(widths, 1):
        limit = _WRAP_WIDTH if wrapped[c - 1] else _MAX_WIDTH
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, _MIN_WIDTH), limit)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"


def _put(sheet: Any, row: int, column: int, value: Value, *, number: bool = False) -> Any:
    """Write one cell: an int as a number; in a figures column (``number``) a plain number as a number
    formatted with its printed decimals; other text as text (neutralised, never a formula); empty as blank."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, int):
        cell.value = value
    elif value:
        parsed = number_cell(value) if number else None
        if parsed is not None:
            cell.value, cell.number_format = parsed
        else:
            cell.value = neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))  # control characters xlsx cannot hold
            cell.data_type = "s"
    return cell


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


def _width(value: Value) -> int:
    """Display width of a value's longest line: wide (CJK) characters count two."""
    if value is None:
        return 0
    lines = str(value).splitlines() or [""]
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)


def _deterministic_bytes(book: Any) -> bytes:
    """Save ``book`` and return the archive with fixed document and zip-entry timestamps.

    openpyxl's ``save_workbook`` always sets ``properties.modified`` to the current time, and
    :mod:`zipfile` stamps each entry with it; both are replaced here by a fixed time.
    """
    book.properties.created = _FIXED_TIME
    saved = io.BytesIO()
    book.save(saved)
    book.properties.modified = _FIXED_TIME
    core = tostring(book.properties.to_tree())
    out = io.BytesIO()
    with ZipFile(saved) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, core if info.filename == ARC_CORE else source.read(info))
    return out.getvalue()
