"""Read a form file (.xlsx workbook, .docx document, text-layer .pdf) into plain text grids, one per table.

The lowest layer of ``perfnb import``: no header matching here, only faithful text at faithful positions.
A merged cell's text is copied into every position it covers and the copies are listed in ``Grid.merged``.
Nothing in a file is ever executed (no macros, no links followed); there is no network access.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfnb.base.errors import PerfnbError
from perfnb.base.limits import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_SHEET_CELLS, MAX_TABLE_COLUMNS, check_office_file
from perfnb.format.tables import shown_text

__all__ = ["Form", "FormFileError", "Grid", "read_form"]

_KINDS = ("xlsx", "docx", "pdf")
_LISTED = 10  # cell names listed in one note before “等”
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls/.doc files, and of password-protected Office files
_EDGE_TOLERANCE = 1.0  # points: PDF cell edges closer than this are the same grid line
_MAX_CID_SHARE = 0.2  # a text layer with more (cid:N) codes than this is unreadable, whatever else it holds
_FEW_CIDS = 5  # a symbol or two without a Unicode map (□) is no reason to refuse a PDF
_FORM_WORDS = ("绩效", "指标", "项目", "资金", "预算", "得分", "目标")  # a readable form holds some of these


class FormFileError(PerfnbError):
    """Raised when a form file cannot be read at all (missing, unsupported type, corrupt, scanned PDF)."""


@dataclass(frozen=True)
class Grid:
    """One table of a form as text: a worksheet, a Word table or a PDF table."""

    file: str  # the file's name (Path.name), for messages
    label: str  # e.g. "工作表“项目1”", "表格 2", "第 1 页表格 1"
    cells: tuple[tuple[str, ...], ...]  # rectangular; cells[r][c] is the real row r, column c (0-based)
    merged: frozenset[tuple[int, int]]  # (row, col) holding a copy of a merged range's text (not its first cell)
    before: tuple[str, ...] = ()  # non-empty text lines just before the table
    notes: tuple[str, ...] = ()  # reader remarks for the import report
    style: str = field(default="xlsx", repr=False)  # the file kind, for `where`: "xlsx" names cells A1-style

    def __post_init__(self) -> None:
        if self.style not in _KINDS:
            raise ValueError(f"unknown grid style {self.style!r}")
        widths = {len(row) for row in self.cells}
        if len(widths) > 1:
            raise ValueError(f"{self.label}: rows of different lengths {sorted(widths)}")
        width = widths.pop() if widths else 0
        outside = [(r, c) for r, c in self.merged if not (0 <= r < len(self.cells) and 0 <= c < width)]
        if outside:
            raise ValueError(f"{self.label}: merged positions outside the grid {sorted(outside)}")

    def where(self, row: int, col: int) -> str:
        """Where a 0-based cell is, as a person finds it: “工作表“项目1” C7” or “表格 2 第 3 行第 2 列”."""
        if self.style == "xlsx":
            return f"{self.label} {_column_letter(col + 1)}{row + 1}"
        return f"{self.label} 第 {row + 1} 行第 {col + 1} 列"


@dataclass(frozen=True)
class Form:
    """A form file as read."""

    file: str  # Path.name
    sha256: str  # of the file bytes
    kind: str  # "xlsx" | "docx" | "pdf"
    grids: tuple[Grid, ...]  # in document order


_OLD_FORMATS = {
    ".xls": "不支持旧版 .xls 工作簿；请在 Excel 中另存为 .xlsx",
    ".doc": "不支持旧版 .doc 文档；请另存为 .docx",
}
_SUPPORTED = "可导入 .xlsx、.docx 和带文字层的 .pdf"


def read_form(path: Path) -> Form:
    """Read a form file into its grids, dispatching on the suffix (case-insensitive): .xlsx, .docx, .pdf."""
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise FormFileError(_OLD_FORMATS[suffix], file=name)
    readers: dict[str, Callable[[bytes, str], list[Grid]]] = {
        ".xlsx": _read_xlsx,
        ".docx": _read_docx,
        ".pdf": _read_pdf,
    }
    if suffix not in readers:
        kind = f"文件类型 {suffix}" if suffix else "文件（文件名没有扩展名）"
        raise FormFileError(f"不支持的{kind}；{_SUPPORTED}", file=name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FormFileError(f"文件过大（{size // (1024 * 1024)} MB），不像是一张表单", file=name,
                                expected=f"不超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的文件")  # fmt: skip
        data = path.read_bytes()
    except FileNotFoundError:
        raise FormFileError(f"找不到文件：{path}", file=name) from None
    except IsADirectoryError:
        raise FormFileError(f"这是一个文件夹，不是文件：{path}", file=name) from None
    except OSError as exc:
        raise FormFileError(f"无法读取文件（{exc.strerror or type(exc).__name__}）", file=name) from None
    if not data:
        raise FormFileError("文件是空的（0 字节）", file=name, expected=_SUPPORTED.removeprefix("可导入 "))
    grids = readers[suffix](data, name)
    for grid in grids:
        _check_cell_lengths(grid)
    return Form(name, hashlib.sha256(data).hexdigest(), suffix[1:], tuple(grids))


def _check_cell_lengths(grid: Grid) -> None:
    """A cell longer than ``MAX_CELL_CHARS`` is refused (it would be copied into the data and the report)."""
    for r, row in enumerate(grid.cells):
        for c, text in enumerate(row):
            if len(text) > MAX_CELL_CHARS:
                raise FormFileError(f"{grid.where(r, c)} 的文字有 {len(text)} 个字符，不像是表单的一格，拒绝导入",
                                    file=grid.file, expected=f"每格不超过 {MAX_CELL_CHARS} 个字符")  # fmt: skip


# --------------------------------------------------------------------------------------------- xlsx


def _refuse_ole2(data: bytes, name: str, suffix: str) -> None:
    """An old binary Office file (or a password-protected one) renamed to .xlsx/.docx is refused clearly."""
    if data.startswith(_OLE2):
        book, app = ("工作簿", "Excel") if suffix == "xlsx" else ("文档", "Word")
        raise FormFileError(
            f"文件实际上是旧版 .{suffix[:3]} {book}或设置了打开密码的{book}，只是扩展名为 .{suffix}",
            file=name,
            expected=f"请在 {app} 中去除打开密码并另存为 .{suffix}",
        )


def _read_xlsx(data: bytes, name: str) -> list[Grid]:
    """Every worksheet, visible or hidden, in workbook order."""
    import openpyxl  # deferred: only importers pay for the import

    _refuse_ole2(data, name, "xlsx")
    check_office_file(data, name, FormFileError, "xlsx")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (data validation …)
            shown = openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # formulas as their cached values
            formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)  # to tell formulas from blanks
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise FormFileError(
            f"无法作为 Excel 工作簿读取（{type(exc).__name__}）", file=name, expected=".xlsx 工作簿"
        ) from None
    try:
        return [_sheet_grid(sheet, formulas[sheet.title], name) for sheet in shown.worksheets]
    finally:
        shown.close()
        formulas.close()


def _sheet_grid(sheet: Any, formula_sheet: Any, name: str) -> Grid:
    """A worksheet as a grid from A1 to its last non-blank row and column."""
    label = f"工作表“{sheet.title}”"
    notes: list[str] = []
    if sheet.sheet_state != "visible":
        notes.append("工作表是隐藏的（已照常读取）")
    # openpyxl's cell store holds only the cells the file has; walking it (rather than iter_rows over the
    # used range) keeps a sheet with one formatted cell at XFD1048576 from creating 17 billion cells
    texts: dict[tuple[int, int], str] = {}
    uncached: list[tuple[int, int]] = []
    for (r, c), cell in sheet._cells.items():
        if cell.value is None:
            if getattr(formula_sheet._cells.get((r, c)), "data_type", None) == "f":
                uncached.append((r, c))
            continue
        text = shown_text(cell.value, getattr(cell, "number_format", "General") or "General")
        if text:
            texts[(r, c)] = text
    formula_notes: list[str] = []
    uncached = _evaluate_uncached(sheet, formula_sheet, uncached, texts, formula_notes)
    copies: dict[tuple[int, int], str] = {}
    for span in sheet.merged_cells.ranges:
        anchor = texts.get((span.min_row, span.min_col), "")
        for r in range(span.min_row, span.max_row + 1):
            for c in range(span.min_col, span.max_col + 1):
                if (r, c) != (span.min_row, span.min_col):
                    copies[(r, c)] = anchor
    filled = [*texts, *uncached, *(key for key, text in copies.items() if text)]
    rows = max((r for r, _ in filled), default=0)
    cols = max((c for _, c in filled), default=0)
    if rows * cols > MAX_SHEET_CELLS:
        raise FormFileError(f"{label}太大（{rows} 行 × {cols} 列），不像是一张表单", file=name)
    if not rows:
        notes.append("工作表是空的")
    cells = tuple(
        tuple(copies.get((r, c)) or texts.get((r, c), "") for c in range(1, cols + 1)) for r in range(1, rows + 1)
    )
    merged = frozenset((r - 1, c - 1) for r, c in copies if r <= rows and c <= cols)
    hidden_rows = sorted(r for r, dim in sheet.row_dimensions.items() if dim.hidden and 1 <= r <= rows)
    for first, last in _runs(hidden_rows):
        which = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
        notes.append(f"{which}在 Excel 中是隐藏的（已照常读取）")
    hidden_cols = sorted(
        {c for dim in sheet.column_dimensions.values() if dim.hidden for c in _dimension_columns(dim, cols)}
    )
    for first, last in _runs(hidden_cols):
        which = _column_letter(first) if first == last else f"{_column_letter(first)}–{_column_letter(last)}"
        notes.append(f"{which} 列在 Excel 中是隐藏的（已照常读取）")
    return Grid(name, label, cells, merged, (), (*notes, *formula_notes), "xlsx")


def _evaluate_uncached(sheet: Any, formula_sheet: Any, uncached: list[tuple[int, int]],
                       texts: dict[tuple[int, int], str], notes: list[str]) -> list[tuple[int, int]]:  # fmt: skip
    """Formula cells the file holds no value for (a budget system's export never opened in Excel): each plain
    arithmetic one on the sheet's cells is evaluated and shown with its number format; the rest stay blank.
    The notes say which were computed and which not (the import prints them). Returns the cells left blank."""
    from perfnb.forms.xlformula import Unsupported, evaluate_cell_formula, number_of

    def lookup(row: int, col: int) -> Decimal | str | None:
        cell = sheet._cells.get((row, col))
        if cell is None or cell.value is None:
            own = formula_sheet._cells.get((row, col))
            return str(own.value) if getattr(own, "data_type", None) == "f" else None
        return number_of(cell.value)

    blank: list[tuple[int, int]] = []
    computed: list[str] = []
    for r, c in sorted(uncached):
        formula = str(formula_sheet._cells[(r, c)].value)
        place = f"{_column_letter(c)}{r}"
        try:
            value = evaluate_cell_formula(formula, lookup)
        except Unsupported as exc:
            notes.append(f"{place} 是公式（{formula[:60]}）且文件中没有计算结果，{exc.args[0]}，读作空白："
                         "请在 Excel 中打开并保存后再导入，或核对原表")  # fmt: skip
            blank.append((r, c))
            continue
        texts[(r, c)] = shown_text(value, getattr(sheet._cells.get((r, c)), "number_format", "General") or "General")
        computed.append(f"{place}（{formula[:40]}）= {texts[(r, c)]}")
    if computed:
        listed = "；".join(computed[:_LISTED]) + (f" 等 {len(computed)} 个" if len(computed) > _LISTED else "")
        notes.append(f"公式单元格在文件中没有计算结果，已按表中数字算出：{listed}")
    return blank


def _dimension_columns(dim: Any, limit: int) -> range:
    """The 1-based columns a column dimension covers, up to ``limit``."""
    from openpyxl.utils import column_index_from_string

    first = dim.min or column_index_from_string(dim.index)
    last = dim.max or first
    return range(first, min(last, limit) + 1)


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted integers as (first, last) runs of consecutive values."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _column_letter(index: int) -> str:
    """Excel's name of a 1-based column: 1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --------------------------------------------------------------------------------------------- docx


def _read_docx(data: bytes, name: str) -> list[Grid]:
    """Every top-level table in body order, with the paragraphs between it and the previous table."""
    import docx  # deferred: only importers pay for the import
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _refuse_ole2(data, name, "docx")
    check_office_file(data, name, FormFileError, "docx")
    try:
        document = docx.Document(io.BytesIO(data))
        grids: list[Grid] = []
        before: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                if text := block.text.strip():
                    before.append(text)
            elif isinstance(block, Table):
                grids.append(_docx_grid(block, name, f"表格 {len(grids) + 1}", tuple(before)))
                before = []
    except FormFileError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types for a broken file
        raise FormFileError(
            f"无法作为 Word 文档读取（{type(exc).__name__}）", file=name, expected=".docx 文档"
        ) from None
    return grids


def _docx_grid(table: Any, name: str, label: str, before: tuple[str, ...]) -> Grid:
    """A Word table on its layout grid: each position holds the ``w:tc`` covering it (spans and vMerge)."""
    from docx.table import _Cell

    owners: list[list[Any]] = []  # the w:tc element covering each grid position, None where a row has none
    rows = table._tbl.tr_lst
    for r, tr in enumerate(rows):
        spans = [max(1, tc.grid_span) for tc in tr.tc_lst]
        if tr.grid_before + sum(spans) > MAX_TABLE_COLUMNS:  # checked before a list of that length is made
            span = tr.grid_before + sum(spans)
            raise FormFileError(f"{label}第 {r + 1} 行跨 {span} 列（w:gridSpan/w:gridBefore），不像是一张表单",
                                file=name, expected=f"每行不超过 {MAX_TABLE_COLUMNS} 列")  # fmt: skip
        row: list[Any] = [None] * tr.grid_before
        for tc, span in zip(tr.tc_lst, spans, strict=True):
            col = len(row)
            above = owners[-1][col] if owners and col < len(owners[-1]) else None
            owner = above if tc.vMerge == "continue" and above is not None else tc
            row.extend([owner] * span)
        owners.append(row)
    width = max([len(table._tbl.tblGrid.gridCol_lst), *(len(row) for row in owners)])
    if width * len(owners) > MAX_SHEET_CELLS:
        raise FormFileError(f"{label}太大（{len(owners)} 行 × {width} 列），不像是一张表单", file=name)
    seen: dict[Any, str] = {}  # w:tc → its text, from its first position in row-major order
    merged: set[tuple[int, int]] = set()
    notes: list[str] = []
    cells: list[tuple[str, ...]] = []
    for r, row in enumerate(owners):
        texts: list[str] = []
        for c in range(width):
            tc = row[c] if c < len(row) else None
            if tc is None:
                texts.append("")
            elif tc in seen:
                texts.append(seen[tc])
                merged.add((r, c))
            else:
                cell = _Cell(tc, table)
                seen[tc] = "\n".join(paragraph.text for paragraph in cell.paragraphs)
                texts.append(seen[tc])
                if tc.tbl_lst:
                    notes.append(f"第 {r + 1} 行第 {c + 1} 列的单元格里有嵌套表格（未读取）")
        cells.append(tuple(texts))
    return Grid(name, label, tuple(cells), frozenset(merged), before, tuple(notes), "docx")


# ---------------------------------------------------------------------------------------------- pdf


def _read_pdf(data: bytes, name: str) -> list[Grid]:
    """The tables pdfplumber finds from ruling lines, page by page, top to bottom."""
    import pdfplumber  # deferred: only importers pay for the import

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise _pdf_error(exc, name) from None
    try:
        with pdf:
            grids: list[Grid] = []
            if not pdf.pages:
                raise FormFileError("PDF 中没有页面", file=name, expected="带文字层的 PDF")
            chars: list[str] = []
            for number, page in enumerate(pdf.pages, 1):
                page = page.dedupe_chars()  # text drawn twice (fake bold) would read doubled
                if page.chars:
                    chars += [char["text"] for char in page.chars]
                    grids.extend(_page_grids(page, number, name))
            _refuse_unmapped(chars, name)
            if not chars:
                raise FormFileError(
                    "PDF 没有文字层（可能是扫描件），无法读取其中的表格；请先用 OCR 软件生成带文字层的 PDF，或手工录入",
                    file=name,
                )
    except FormFileError:
        raise
    except Exception as exc:  # pdfminer raises many types for a broken file
        raise _pdf_error(exc, name) from None
    return grids


def _refuse_unmapped(chars: list[str], name: str) -> None:
    """A text layer whose fonts have no Unicode map reads as (cid:N) codes or as wrong characters: refused as
    exactly that, with what to do, rather than as "no form found"."""
    if not chars:
        return
    cids = sum(1 for char in chars if char.startswith("(cid:"))
    text = "".join(chars)
    words = any(word in text for word in _FORM_WORDS)
    if cids / len(chars) > _MAX_CID_SHARE or (cids and not words) or (cids >= _FEW_CIDS and cids / len(chars) > 0.01):
        raise FormFileError(
            f"PDF 的文字层无法读取：字体没有 Unicode 映射，{cids} 个字读出来是 (cid:N) 代码或乱码",
            file=name,
            expected="用原始的 Excel 或 Word 文件导入；只有 PDF 时，先用 OCR 软件重新识别文字，或手工录入",
        )


def _pdf_error(exc: BaseException, name: str) -> FormFileError:
    """The error for a PDF that cannot be opened: encrypted, or not a PDF."""
    chain: list[BaseException] = []  # the error, its causes and the errors it wraps (pdfplumber wraps pdfminer's)
    pending: list[BaseException] = [exc]
    while pending and len(chain) < 20:
        error = pending.pop()
        if error not in chain:
            chain.append(error)
            pending.extend(e for e in (error.__cause__, error.__context__, *error.args) if isinstance(e, BaseException))
    if any("Password" in type(e).__name__ or "Encryption" in type(e).__name__ for e in chain):
        return FormFileError("PDF 已加密（设置了打开密码），无法读取", file=name, expected="去除密码后的 PDF")
    return FormFileError(f"无法作为 PDF 读取（{type(chain[-1]).__name__}）", file=name, expected="带文字层的 PDF")


def _page_grids(page: Any, number: int, name: str) -> list[Grid]:
    """The tables of one page, top to bottom, each with the text lines between it and the one above."""
    from pdfplumber.utils.text import extract_text

    tables = sorted(page.find_tables(), key=lambda table: (table.bbox[1], table.bbox[0]))
    boxes = [table.bbox for table in tables]
    chars = page.chars
    grids: list[Grid] = []
    upper = float(page.bbox[1])
    for index, table in enumerate(tables, 1):
        top, bottom = table.bbox[1], table.bbox[3]
        above = [
            char for char in chars if upper <= _middle(char)[1] < top and not any(_inside(char, box) for box in boxes)
        ]
        lines = (line.strip() for line in extract_text(above).splitlines())
        label = f"第 {number} 页表格 {index}"
        grids.append(_pdf_grid(table, chars, name, label, tuple(line for line in lines if line)))
        upper = max(upper, bottom)
    return grids


def _pdf_grid(table: Any, chars: list[dict[str, Any]], name: str, label: str, before: tuple[str, ...]) -> Grid:
    """A PDF table on the grid of all its cells' edges; a cell box covering several positions is a merge."""
    from pdfplumber.utils.text import extract_text

    boxes: list[tuple[float, float, float, float]] = sorted(table.cells, key=lambda box: (box[1], box[0]))
    ys = _edges(coordinate for box in boxes for coordinate in (box[1], box[3]))
    xs = _edges(coordinate for box in boxes for coordinate in (box[0], box[2]))
    grid: list[list[str | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    merged: set[tuple[int, int]] = set()
    inside = [char for char in chars if _inside(char, table.bbox)]
    for box in boxes:
        text = extract_text([char for char in inside if _inside(char, box)], x_tolerance=3, y_tolerance=3)
        rows = range(_nearest(ys, box[1]), _nearest(ys, box[3]))
        cols = range(_nearest(xs, box[0]), _nearest(xs, box[2]))
        for r in rows:
            for c in cols:
                if grid[r][c] is None:  # cells never overlap; keep the first if a broken file makes them
                    grid[r][c] = text
                    if (r, c) != (rows[0], cols[0]):
                        merged.add((r, c))
    cells = tuple(tuple(text or "" for text in row) for row in grid)
    return Grid(name, label, cells, frozenset(merged), before, (), "pdf")


def _edges(values: Iterable[float]) -> list[float]:
    """Distinct coordinates, those within ``_EDGE_TOLERANCE`` of the previous one taken as the same line."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > _EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _nearest(edges: list[float], value: float) -> int:
    """The index of the edge closest to ``value``."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _middle(char: dict[str, Any]) -> tuple[float, float]:
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def _inside(char: dict[str, Any], box: Sequence[float]) -> bool:
    """Whether a character's middle lies in ``box`` (pdfplumber's own rule for a cell's text)."""
    x, y = _middle(char)
    return bool(box[0] <= x < box[2] and box[1] <= y < box[3])
