"""Read a department's table files (UTF-8/GB18030 CSV, or one .xlsx) into rows of text.

Everything is text here; typing and validation happen in ``load`` with the schema models.
Row numbers are as a spreadsheet shows them: the first line of the file is row 1.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfnb.base.errors import DataFileError
from perfnb.base.limits import MAX_SHEET_CELLS, check_office_file
from perfnb.base.numbers import round_half_up

__all__ = ["BadCell", "RawTable", "SourceFile", "read_csv", "read_text", "read_xlsx", "shown_text"]


@dataclass(frozen=True)
class SourceFile:
    """An input file as read: path relative to the data directory, hash and encoding."""

    path: str
    sha256: str
    size: int
    encoding: str


@dataclass(frozen=True)
class RawTable:
    """A table as text: header names, and (row number, {column: cell}) per non-blank row."""

    file: str
    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, dict[str, str]], ...]
    extra_cells: tuple[int, ...] = field(default=())  # rows with more cells than columns
    warnings: tuple[str, ...] = field(default=())
    bad_cells: tuple[BadCell, ...] = field(default=())  # cells that are not values (formulas, merged)
    hidden_rows: tuple[int, ...] = field(default=())  # workbook rows hidden in Excel (read all the same)


@dataclass(frozen=True)
class BadCell:
    """A workbook cell that cannot be read as a value, e.g. a formula."""

    row: int
    column: str
    value: str
    message: str
    expected: str


def read_text(path: Path, display: str, data: bytes | None = None) -> tuple[str, SourceFile, tuple[str, ...]]:
    """Decode a text file: UTF-8 (BOM allowed), else GB18030 with a warning; reject the rest.
    ``data`` is the file's content when the caller has read it already (``path`` is then not opened)."""
    data = path.read_bytes() if data is None else data
    warnings: tuple[str, ...] = ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFileError("文件是 UTF-16 编码", file=display, expected="UTF-8 编码（Excel：另存为“CSV UTF-8”）")
    if b"\x00" in data:
        raise DataFileError("文件含有二进制内容（NUL 字节），不是文本表格", file=display, expected="UTF-8 文本")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise DataFileError(
                f"文件编码无法识别（第 {exc.start} 字节起既不是 UTF-8 也不是 GB18030/GBK）",
                file=display,
                expected="UTF-8 编码的文本",
            ) from None
        warnings = ("文件是 GB18030/GBK 编码，已按 GB18030 读取；建议另存为 UTF-8",)
    control = CONTROL_CHARS.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        message = f"文件第 {line} 行含有控制字符 {control.group()!r}，不像是文本表格"
        raise DataFileError(message, file=display, row=line, expected="UTF-8 文本")
    source = SourceFile(display, hashlib.sha256(data).hexdigest(), len(data), encoding)
    return text, source, warnings


#: Control characters never found in a transcribed text (tab, line feed and carriage return are allowed).
CONTROL_CHARS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_csv(path: Path, display: str, data: bytes | None = None) -> tuple[RawTable, SourceFile]:
    """Read a CSV table; leading rows whose first cell starts with ``#`` are comments."""
    text, source, warnings = read_text(path, display, data)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise DataFileError(f"CSV 格式错误：{exc}", file=display, expected="逗号分隔的表格") from None
    return _table(display, records, warnings), source


def read_xlsx(
    path: Path, display: str, sheets: Sequence[str], data: bytes | None = None
) -> tuple[dict[str, RawTable | DataFileError], SourceFile]:
    """Read the named sheets of a workbook; a missing or unreadable sheet maps to its error. A workbook whose
    archive or merged ranges are past ``perfnb.base.limits`` is refused before it is loaded."""
    import openpyxl  # deferred: only workbook users pay for the import

    data = path.read_bytes() if data is None else data
    check_office_file(data, display, DataFileError, "xlsx")
    source = SourceFile(display, hashlib.sha256(data).hexdigest(), len(data), "xlsx")
    try:
        # not read-only: merged cells and hidden rows are only visible in a fully loaded sheet
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise DataFileError(
            f"无法作为 Excel 工作簿读取（{type(exc).__name__}）", file=display, expected=".xlsx 工作簿"
        ) from None
    out: dict[str, RawTable | DataFileError] = {}
    try:
        for name in sheets:
            where = f"{display}[{name}]"
            if name not in book.sheetnames:
                out[name] = DataFileError(
                    f"工作簿缺少工作表 {name}", file=display, expected="工作表：" + "、".join(sheets)
                )
                continue
            sheet = book[name]
            if sheet.max_row * sheet.max_column > MAX_SHEET_CELLS:  # one cell at XFD1048576 would make 17e9
                out[name] = DataFileError(
                    f"工作表 {name} 太大（{sheet.max_row} 行 × {sheet.max_column} 列），不像是部门数据表",
                    file=display,
                    expected=f"行数 × 列数不超过 {MAX_SHEET_CELLS}（删除表格之外的空白行列和格式）",
                )
                continue
            formulas: list[tuple[int, int, str]] = []
            records = [
                [_cell_text(cell, formulas, r, c) for c, cell in enumerate(row)]
                for r, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), 1)
            ]
            try:
                table = _table(where, records, ())
            except DataFileError as exc:  # an empty sheet: report it, read the others
                out[name] = exc
                continue
            header = table.header
            bad = tuple(
                BadCell(r, _column_name(header, c), text, "单元格是公式，不是数值",
                        "数值或文字（Excel：复制后“选择性粘贴—数值”）")
                for r, c, text in formulas
            ) + tuple(
                BadCell(m.min_row, _column_name(header, m.min_col - 1), m.coord,
                        f"合并单元格 {m.coord}：只有第一格有值，其余各行会被读成空白", "取消合并，在每一行填入值")
                for m in sorted(sheet.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col))
            )  # fmt: skip
            hidden = tuple(r for r, dim in sorted(sheet.row_dimensions.items()) if dim.hidden)
            out[name] = replace(table, bad_cells=bad, hidden_rows=hidden)
    finally:
        book.close()
    return out, source


def _column_name(header: tuple[str, ...], index: int) -> str:
    """The header name of column ``index`` (0-based), or its number past the header."""
    return header[index] if index < len(header) else str(index + 1)


def _cell_text(cell: Any, formulas: list[tuple[int, int, str]], row: int, column: int) -> str:
    """A cell as text; formulas are noted in ``formulas`` and read as blank."""
    value = cell.value
    if value is None:
        return ""
    if getattr(cell, "data_type", None) == "f":
        formulas.append((row, column, str(value)))
        return ""
    return shown_text(value, getattr(cell, "number_format", "General") or "General")


def shown_text(value: Any, number_format: str = "General") -> str:
    """A workbook value as Excel shows it with ``number_format``: ``0.992`` as ``0.0%`` is “99.2%”,
    ``3`` as ``0.00`` is “3.00”, a bool 是/否, a date ISO; None is “”."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime | date):
        return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, int | float | Decimal):  # a whole float comes back from the file as int
        number_format = number_format or "General"
        decimals = _format_decimals(number_format)
        exact = value if isinstance(value, Decimal) else Decimal(repr(value))
        if "%" in number_format:  # read as Excel shows it: 0.992 formatted 0.0% is "99.2%"
            return f"{round_half_up(exact * 100, decimals or 0)}%"
        if decimals is None and isinstance(value, Decimal):  # a computed value: General shows 10 decimals at most
            long = isinstance(exact.as_tuple().exponent, int) and int(exact.as_tuple().exponent) < -10
            return format(round_half_up(exact, 10).normalize() if long else exact, "f")
        return f"{round_half_up(exact, decimals)}" if decimals is not None else format(exact.normalize(), "f")
    return str(value)


def _format_decimals(number_format: str) -> int | None:
    """Decimals shown by an Excel number format like ``0.00`` or ``#,##0.0``; None for General."""
    m = re.search(r"0\.(0+)", number_format or "")
    return len(m.group(1)) if m else None


def _table(display: str, records: list[list[str]], warnings: tuple[str, ...]) -> RawTable:
    """Rows of text keyed by the header: the first filled row not starting with ``#`` (rows above it are
    comments); blank rows are skipped, row numbers kept."""
    start = next(
        (i for i, cells in enumerate(records) if "".join(cells).strip() and not cells[0].lstrip().startswith("#")),
        None,
    )
    if start is None:
        raise DataFileError("文件是空的：没有列名行", file=display, expected="第一行（# 注释行之后）为列名")
    row_no = start + 1
    header = tuple(c.strip().lstrip("\ufeff") for c in records[start])
    rows: list[tuple[int, dict[str, str]]] = []
    extra: list[int] = []
    width = len(header)
    for n, cells in enumerate(records[row_no:], row_no + 1):
        if not "".join(cells).strip():
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        elif len(cells) > width and "".join(cells[width:]).strip():
            extra.append(n)
        rows.append((n, dict(zip(header, cells, strict=False))))  # cells past the header: noted above
    return RawTable(display, header, row_no, tuple(rows), tuple(extra), warnings)
