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
    "PerfnbError",
    "ScaffoldError",
    "describe",
    "format_location",
    "printable",
]

_QUOTED = re.compile(r"“([^”]*)”")
_SHOWN = 58  # characters of a value shown in a message (57 and “…”)


def printable(text: str, limit: int | None = None) -> str:
    """``text`` safe for a terminal line: control characters (newlines, ANSI escapes …) shown as
    ``\\n``, ``\\x1b`` …, and cut to ``limit`` characters with “…” when longer."""
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
