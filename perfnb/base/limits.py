"""Size limits on what perfnb reads, in one place, and the checks that apply them before anything is expanded.

A real form is a page or two (a few hundred cells, a workbook of some 10–100 KB); a department's data a few
thousand rows. Every limit here is far above that, and far below what would exhaust memory or time: a file
past one is refused at once with a message, before openpyxl, python-docx or Decimal arithmetic expand it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from typing import Final

from perfnb.base.errors import PerfnbError

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_DECIMALS",
    "MAX_FILE_BYTES",
    "MAX_INTEGER_DIGITS",
    "MAX_MERGED_CELLS",
    "MAX_SHEET_CELLS",
    "MAX_TABLE_COLUMNS",
    "MAX_ZIP_MEMBERS",
    "MAX_ZIP_MEMBER_BYTES",
    "MAX_ZIP_TOTAL_BYTES",
    "check_office_file",
    "merged_area",
]

#: Bytes of one input file (a form, a CSV, department.xlsx, YAML) as stored on disk.
MAX_FILE_BYTES: Final = 64 * 1024 * 1024
#: Members of an .xlsx/.docx (a zip archive); a real one has a few dozen.
MAX_ZIP_MEMBERS: Final = 10_000
#: Uncompressed bytes of one member of an .xlsx/.docx (a sheet's XML, the shared strings, an image).
MAX_ZIP_MEMBER_BYTES: Final = 64 * 1024 * 1024
#: Uncompressed bytes of all members of an .xlsx/.docx together.
MAX_ZIP_TOTAL_BYTES: Final = 256 * 1024 * 1024
#: Cells covered by the merged ranges of one workbook, together (openpyxl makes an object for each).
MAX_MERGED_CELLS: Final = 200_000
#: Cells of one sheet or table from its first to its last used row and column.
MAX_SHEET_CELLS: Final = 2_000_000
#: Grid columns of one Word table row (w:gridBefore and w:gridSpan summed); Word itself allows 63.
MAX_TABLE_COLUMNS: Final = 1_000
#: Characters of one cell of a form (a long narrative paragraph is a few thousand).
MAX_CELL_CHARS: Final = 100_000
#: Decimals of a number as written (an Excel float shows 17 significant digits at most).
MAX_DECIMALS: Final = 20
#: Digits before the decimal point of a number as written.
MAX_INTEGER_DIGITS: Final = 18

_MIB = 1024 * 1024
_MERGE_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def _mib(size: int) -> str:
    return f"{size / _MIB:.0f} MB" if size >= _MIB else f"{size} 字节"


def check_office_file(data: bytes, file: str, error: Callable[..., PerfnbError], kind: str) -> None:
    """Refuse an .xlsx/.docx whose archive or merged ranges would expand past the limits.

    Reads only the zip directory and (for a workbook) the ``mergeCell`` elements of each sheet's XML, each
    member at most ``MAX_ZIP_MEMBER_BYTES`` long; a file that is not a zip archive is left to the reader.
    ``error`` builds the exception to raise (``DataFileError`` or ``FormFileError``)."""
    import io

    if len(data) > MAX_FILE_BYTES:
        raise error(f"文件过大（{_mib(len(data))}），不像是一张表单", file=file,
                    expected=f"不超过 {_mib(MAX_FILE_BYTES)} 的文件")  # fmt: skip
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip archive: the reader says so in its own words
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise error(f"文件内部有 {len(members)} 个部件，不像是一张表单", file=file,
                        expected=f"不超过 {MAX_ZIP_MEMBERS} 个部件的 .{kind} 文件")  # fmt: skip
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > MAX_ZIP_MEMBER_BYTES:
                size = _mib(member.file_size)
                raise error(f"文件内部的 {member.filename} 解压后有 {size}（压缩炸弹或异常文件），拒绝读取", file=file,
                            expected=f"每个部件解压后不超过 {_mib(MAX_ZIP_MEMBER_BYTES)}")  # fmt: skip
        if total > MAX_ZIP_TOTAL_BYTES:
            raise error(f"文件解压后共 {_mib(total)}（压缩炸弹或异常文件），拒绝读取", file=file,
                        expected=f"解压后不超过 {_mib(MAX_ZIP_TOTAL_BYTES)}")  # fmt: skip
        if kind != "xlsx":
            return
        area = 0
        for member in members:
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            try:
                xml = archive.read(member)
            except Exception:  # a broken member: the reader reports the broken file
                return
            for match in _MERGE_REF.finditer(xml):
                ref = match.group(1).decode("ascii", "replace")
                cells = merged_area(ref)
                area += cells
                if cells > MAX_MERGED_CELLS or area > MAX_MERGED_CELLS:
                    sheet = member.filename.rsplit("/", 1)[-1]
                    raise error(f"工作表 {sheet} 的合并单元格 {ref[:40]} 共覆盖 {area} 个单元格，不像是一张表单",
                                file=file, value=ref[:40],
                                expected=f"合并单元格合计不超过 {MAX_MERGED_CELLS} 个单元格")  # fmt: skip


def merged_area(ref: str) -> int:
    """Cells covered by a range reference such as ``A30:CV100000`` (1 for one cell; 0 when unreadable)."""
    corners = ref.strip().split(":")
    if not 1 <= len(corners) <= 2:
        return 0
    points = []
    for corner in corners:
        match = _CELL_REF.match(corner)
        if not match:
            return 0
        letters, row = match.groups()
        column = 0
        for letter in letters.upper():
            column = column * 26 + ord(letter) - ord("A") + 1
        points.append((int(row), column))
    (r1, c1), (r2, c2) = points[0], points[-1]
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
