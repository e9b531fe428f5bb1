"""Validation problems: gathered, never raised one by one, then reported as a table."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from perfnb.base.errors import PerfnbError, describe

__all__ = ["Problem", "Severity", "problem_from_error"]


class Severity(StrEnum):
    """How bad a problem or finding is.

    In validation, errors make a department invalid and warnings do not. In findings, an
    error is a wrong figure, a warning something inconsistent or doubtful, info a note.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The Chinese label shown to auditors."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: the order findings are listed in."""
        return ("error", "warning", "info").index(self.value)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or file) of a department's data.

    ``code`` is a stable reason code (``type``, ``required``, ``unknown_column`` …);
    ``message`` says in Chinese what is wrong, ``expected`` what was expected.
    """

    department: str
    file: str | None
    row: int | None
    column: str | None
    value: str | None
    code: str
    message: str
    expected: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"[{self.severity.label}] " + describe(
            self.message, department=self.department, file=self.file, row=self.row, column=self.column,
            value=self.value, expected=self.expected,
        )  # fmt: skip

    def as_row(self) -> dict[str, Any]:
        """A plain dict, for tables and JSON."""
        row = asdict(self)
        row["severity"] = self.severity.value
        return row


def problem_from_error(error: PerfnbError, code: str) -> Problem:
    """Turn a fatal per-file error into a problem, so that gathering goes on."""
    return Problem(
        department=error.department or "",
        file=error.file,
        row=error.row,
        column=error.column,
        value=error.value,
        code=code,
        message=error.message,
        expected=error.expected,
    )
