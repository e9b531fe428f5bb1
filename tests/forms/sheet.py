"""A compact text notation for a form's sheet, and writers that print it as .xlsx, .docx or .pdf.

Real forms are rebuilt for the tests in this notation (``tests/forms/wild/``), so a reader sees the
form's layout in the source and a builder prints it the same way every time.

Notation (one line per sheet row; blank lines are empty rows; leading and trailing blank lines of the
block are dropped):

- cells are separated by ``|``; spaces around a cell are trimmed (write ``\\s`` for a space kept at an end);
- ``<`` is a position covered by the cell to its left (a horizontal merge), ``^`` one covered by the
  cell above (a vertical merge); the inside of a block merge is ``^`` too;
- ``\\n`` is a line break inside a cell, ``\\|`` a literal bar; ``\\<`` and ``\\^`` a literal ``<`` / ``^``;
- ``#`` before a cell stores it as a number (``#387664.62``, ``#100%`` → 1 with format ``0%``), with a
  number format that prints it as written;
- ``==`` before a cell stores an Excel formula with no cached value (``==SUM(C6:C8)``), as forms exported
  by a budget system and never opened in Excel are; a cell starting with a single ``=`` is text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from tests.forms import build

__all__ = ["Sheet", "parse", "write_docx", "write_pdf", "write_xlsx"]

_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?(%?)$")
_ESCAPES = {"\\n": "\n", "\\|": "|", "\\<": "<", "\\^": "^", "\\s": " "}
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Sheet:
    """One sheet (or Word/PDF table) of a form: its name, its rows in the notation, and the text lines
    printed above the table in .docx/.pdf (the first rows of ``rows`` in .xlsx are usually the title)."""

    name: str
    rows: str
    before: tuple[str, ...] = ()
    hidden: bool = False
    widths: tuple[float, ...] = field(default=())  # column widths in Excel units (default 14 each)


@dataclass(frozen=True)
class Cell:
    """An anchored cell of a parsed sheet."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    numeric: bool = False
    formula: bool = False


def _split(line: str) -> list[str]:
    cells, current, i = [], "", 0
    while i < len(line):
        pair = line[i : i + 2]
        if pair in _ESCAPES:
            current += "\x00" + pair  # kept escaped until the cell is trimmed and classified
            i += 2
            continue
        if line[i] == "|":
            cells.append(current)
            current = ""
        else:
            current += line[i]
        i += 1
    cells.append(current)
    return cells


def _unescape(text: str) -> str:
    for code, char in _ESCAPES.items():
        text = text.replace("\x00" + code, char)
    return text


def parse(rows: str) -> tuple[int, int, dict[tuple[int, int], Cell]]:
    """(number of rows, number of columns, anchored cells by 0-based position) of a sheet's notation."""
    lines = rows.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    raw = [[cell.strip() for cell in _split(line)] if line.strip() else [] for line in lines]
    width = max((len(row) for row in raw), default=0)
    grid = [row + [""] * (width - len(row)) for row in raw]
    cells: dict[tuple[int, int], Cell] = {}
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text in ("<", "^"):
                if (r, c) not in covered:
                    raise ValueError(f"row {r + 1} column {c + 1}: {text!r} covers no cell")
                continue
            colspan = 1
            while c + colspan < width and grid[r][c + colspan] == "<":
                colspan += 1
            rowspan = 1
            while r + rowspan < len(grid) and grid[r + rowspan][c] == "^":
                rowspan += 1
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    if (rr, cc) != (r, c):
                        if grid[rr][cc] not in ("<", "^"):
                            raise ValueError(f"row {rr + 1} column {cc + 1}: {grid[rr][cc]!r} inside the merge at "
                                             f"row {r + 1} column {c + 1}; write < or ^ there")  # fmt: skip
                        covered.add((rr, cc))
            numeric, formula = text.startswith("#"), text.startswith("==")
            text = text[1:] if numeric or formula else text
            cells[(r, c)] = Cell(_unescape(text), rowspan, colspan, numeric, formula)
    return len(grid), width, cells


def _number(text: str) -> tuple[int | float, str]:
    match = _NUMBER.match(text)
    if not match:
        raise ValueError(f"#{text}: not a number")
    decimals = len(match.group(1) or "")
    pattern = "0." + "0" * decimals if decimals else "0"
    if match.group(2):
        return float(Decimal(text[:-1]) / 100), pattern + "%"
    return (float(Decimal(text)), pattern) if decimals else (int(text), "General")


def write_xlsx(path: Path | str, sheets: Sequence[Sheet]) -> Path:
    """Write the sheets as one workbook (merged ranges, thin borders, wrapped text), reproducibly."""
    book = openpyxl.Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    for spec in sheets:
        sheet = book.create_sheet(spec.name)
        if spec.hidden:
            sheet.sheet_state = "hidden"
        _, n_cols, cells = parse(spec.rows)
        for c in range(n_cols):
            width = spec.widths[c] if c < len(spec.widths) else 14
            sheet.column_dimensions[get_column_letter(c + 1)].width = width
        for (r, c), cell in sorted(cells.items()):
            target = sheet.cell(r + 1, c + 1)
            if cell.formula:
                target.value = "=" + cell.text.removeprefix("=")
            elif cell.numeric:
                target.value, target.number_format = _number(cell.text)
            elif cell.text:
                target.value = cell.text
                target.data_type = "s"  # text, even when it starts with "=" (=100百分比 as printed)
                target.number_format = "@"
            target.alignment = Alignment(vertical="center", wrap_text=True)
            target.border = _BORDER
        for (r, c), cell in cells.items():
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(start_row=r + 1, start_column=c + 1,
                                  end_row=r + cell.rowspan, end_column=c + cell.colspan)  # fmt: skip
    book.properties.creator = "perfnb tests"
    book.properties.created = book.properties.modified = build.FIXED_DATE
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()  # save_workbook() would stamp the current time
    build._normalize_zip(path)
    return path


def _grids(sheets: Sequence[Sheet]) -> tuple[list[build.Grid], list[float]]:
    grids, widest = [], 0
    for spec in sheets:
        n_rows, n_cols, cells = parse(spec.rows)
        grid = build.Grid(n_cols, title_rows=len(spec.before))
        for i, line in enumerate(spec.before):
            grid.roles.append("title")
            grid.cells[(i, 0)] = build.GridCell(line, "title")
        offset = len(spec.before)
        grid.roles.extend(["table"] * n_rows)
        for (r, c), cell in cells.items():
            kind = "long" if len(cell.text) > 20 else "text"
            grid.cells[(r + offset, c)] = build.GridCell(cell.text, kind, cell.rowspan, cell.colspan)
        grids.append(grid)
        widest = max(widest, n_cols)
    return grids, [277 / widest] * widest


def write_docx(path: Path | str, sheets: Sequence[Sheet]) -> Path:
    """Write the sheets as one Word document: per sheet its ``before`` lines, then its table."""
    grids, widths = _grids(sheets)
    for grid in grids:
        grid.n_cols = len(widths)
    return build._save_document(Path(path), grids, widths)


def write_pdf(path: Path | str, sheets: Sequence[Sheet]) -> Path:
    """Write the sheets as a text-layer PDF, one page per sheet."""
    grids, widths = _grids(sheets)
    for grid in grids:
        grid.n_cols = len(widths)
    return build._save_pdf(Path(path), grids, widths)
