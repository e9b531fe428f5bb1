"""perfnb's exceptions: one root, situation-named subclasses, structured fields.

``str(error)`` is the message for a human (Chinese where it speaks about the user's data);
the fields (department, file, row, column, value, expected) stay available for tables.
Every error pickles, so it can cross a process pool.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = [
    "DataFileError",
    "DepartmentIdError",
    "DepartmentNotFoundError",
    "InvalidDepartmentError",
    "OutputDirError",
    "OutputWriteError",
    "PerfnbError",
    "PerfnbWarning",
    "ScaffoldError",
    "describe",
    "format_location",
    "os_reason",
    "printable",
]

_QUOTED = re.compile(r"“([^”]*)”")
_SHOWN = 58  # characters of a value shown in a message (57 and “…”)

#: Characters no transcribed text holds and that change how text around them looks: C1 controls, the
#: bidirectional controls (U+202E turns the rest of a line around), the line and paragraph separators,
#: noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF …; not allowed in xlsx) and lone surrogates.
INVISIBLE_CHARS = re.compile(
    "[\x80-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def invisible_char(text: str) -> str | None:
    """The first character of ``INVISIBLE_CHARS`` in ``text``, described (``U+202E RIGHT-TO-LEFT OVERRIDE``)."""
    if text.isascii():
        return None
    match = INVISIBLE_CHARS.search(text)
    if match is None:
        return None
    char = match.group()
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}{' ' + name if name else ''}"


def reveal(text: str) -> str:
    """``text`` with each character of ``INVISIBLE_CHARS`` written as its code (``\\u202e``)."""
    if text.isascii() or not INVISIBLE_CHARS.search(text):
        return text
    return INVISIBLE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000
                               else f"\\U{ord(m.group()):08x}", text)  # fmt: skip


def printable(text: str, limit: int | None = None) -> str:
    """``text`` safe for a terminal line: control characters (newlines, ANSI escapes …) shown as
    ``\\n``, ``\\x1b`` …, bidirectional controls and noncharacters as ``\\u202e`` …, and cut to ``limit``
    characters with “…” when longer."""
    text = reveal(text)
    if any(unicodedata.category(c) == "Cc" for c in text):
        text = "".join(c.encode("unicode_escape").decode() if unicodedata.category(c) == "Cc" else c for c in text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def format_location(
    department: str | None = None,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
) -> str:
    """``dept/file 第 N 行 [column]`` with the parts that are known."""
    parts = []
    path = "/".join(p for p in (department, file) if p)
    if path:
        parts.append(path)
    if row is not None:
        parts.append(f"第 {row} 行")
    if column:
        parts.append(f"列 {column}")
    return " ".join(parts)


def describe(
    message: str,
    *,
    department: str | None = None,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    expected: str | None = None,
) -> str:
    """One line for a human: where, what is wrong, the value (unless already quoted), what was expected."""
    where = format_location(department, file, row, printable(column, _SHOWN) if column else None)
    quoted = value is not None and f"“{value}”" in message
    message = _QUOTED.sub(lambda m: f"“{printable(m.group(1), _SHOWN)}”", message)
    text = f"{where}：{printable(message)}" if where else printable(message)
    if value is not None and not quoted:
        text += f"（值：“{printable(value, _SHOWN)}”）"
    if expected:
        text += f"；应为：{printable(expected, 400)}"
    return text


class PerfnbError(Exception):
    """Root of every error perfnb raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        department: str | None = None,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.department = department
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.expected = expected

    def fields(self) -> dict[str, Any]:
        """The structured fields, for tables and pickling."""
        return {
            "department": self.department,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": self.expected,
        }

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self.fields()))

    def __str__(self) -> str:
        return describe(self.message, **self.fields())


def _rebuild(cls: type[PerfnbError], message: str, fields: dict[str, Any]) -> PerfnbError:
    return cls(message, **fields)


class DepartmentIdError(PerfnbError):
    """Raised when a department id is malformed or would lead outside the data directory."""


class DepartmentNotFoundError(PerfnbError):
    """Raised when no folder exists for a department id."""


class DataFileError(PerfnbError):
    """Raised when a data file cannot be read at all (missing, wrong encoding, not a table)."""


class InvalidDepartmentError(PerfnbError):
    """Raised by ``load`` when a department has validation errors; ``problems`` lists them."""

    def __init__(self, message: str, *, problems: tuple[Any, ...] = (), **fields: Any) -> None:
        super().__init__(message, **fields)
        self.problems = problems

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_invalid, (self.message, self.problems, self.fields()))


def _rebuild_invalid(message: str, problems: tuple[Any, ...], fields: dict[str, Any]) -> PerfnbError:
    return InvalidDepartmentError(message, problems=problems, **fields)


class ScaffoldError(PerfnbError):
    """Raised when ``perfnb new`` would overwrite an existing department folder."""


class OutputDirError(PerfnbError):
    """Raised when an output folder would write into the data folder (or the data folder into it)."""


class OutputWriteError(PerfnbError):
    """Raised when an output folder cannot be written (read-only, no permission, disk full …)."""


class PerfnbWarning(UserWarning):
    """Something perfnb ignored and went on without (e.g. a tampered ``run.json``); the CLI prints it."""


_OS_REASONS = {
    "ENOSPC": "磁盘已满",
    "EDQUOT": "超出磁盘配额",
    "EROFS": "文件系统是只读的",
    "EACCES": "没有写入权限",
    "EPERM": "没有写入权限",
    "ENOTDIR": "路径中有同名文件，不是文件夹",
    "EISDIR": "同名的文件夹已存在",
    "EEXIST": "同名的文件已存在",
    "ENAMETOOLONG": "路径太长",
    "EIO": "磁盘读写错误",
}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese when the reason is a common one."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    if isinstance(exc, PermissionError):  # Windows: a file held open by another program is refused this way too
        return "没有写入权限（或文件正被其他程序占用）"
    return printable(exc.strerror or str(exc), 200)
