"""perfnb's exceptions: one root, situation-named subclasses, structured fields.

``str(error)`` is the message for a human (Chinese where it speaks about the user's data);
the fields (department, file, row, column, value, expected) stay available for tables.
Every error pickles, so it can cross a process pool.
"""

from __future__ import annotations

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
]


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
    where = format_location(department, file, row, column)
    text = f"{where}：{message}" if where else message
    if value is not None and f"“{value}”" not in message:
        text += f"（值：“{value if len(value) <= 60 else value[:57] + '…'}”）"
    if expected:
        text += f"；应为：{expected}"
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
