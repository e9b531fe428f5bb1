"""Validation problems: gathered, never raised one by one, then reported as a table."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from perfnb.base.errors import PerfnbError, describe

__all__ = ["Problem", "ProblemCode", "Severity", "problem_from_error"]


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


class ProblemCode(StrEnum):
    """Why a department's data is refused or doubted (:attr:`Problem.code`): every code, once."""

    # folders and files
    FOLDER = "folder"
    DEPT_ID = "dept_id"
    SYMLINK = "symlink"
    MISSING_FILE = "missing_file"
    FILE = "file"
    ENCODING = "encoding"
    YAML = "yaml"
    TWO_FORMS = "two_forms"
    FORMULA = "formula"
    HIDDEN_ROW = "hidden_row"
    EXTRA_CELLS = "extra_cells"
    # the header and its scheme
    SCHEME = "scheme"
    SCHEME_KIND = "scheme_kind"
    DEPT_ID_MISMATCH = "dept_id_mismatch"
    # columns
    DUPLICATE_COLUMN = "duplicate_column"
    UNKNOWN_COLUMN = "unknown_column"
    BLANK_COLUMN = "blank_column"
    MISSING_COLUMN = "missing_column"
    # rows and references across tables
    DUPLICATE_ID = "duplicate_id"
    REFERENCE = "reference"
    DATE_ORDER = "date_order"
    REQUIRED = "required"
    GRADE = "grade"
    SECTION = "section"
    NOT_QUANTITY = "not_quantity"
    NUMBER = "number"
    VALUE_UNPARSED = "value_unparsed"
    VALUE_DOUBTFUL = "value_doubtful"
    # a cell the schema refuses (raised by perfnb.format.columns and schema)
    CONTROL = "control"
    DATE = "date"
    DATE_RANGE = "date_range"
    ID_FORMAT = "id_format"
    INVISIBLE = "invisible"
    MAGNITUDE = "magnitude"
    NEGATIVE = "negative"
    NOT_TEXT = "not_text"
    CHOICE = "choice"
    SCHEME_NAME = "scheme_name"
    TOO_LONG = "too_long"
    # pydantic's own error types that perfnb words in Chinese (perfnb.format.columns._MESSAGES)
    DECIMAL_PARSING = "decimal_parsing"
    DECIMAL_TYPE = "decimal_type"
    BOOL_PARSING = "bool_parsing"
    BOOL_TYPE = "bool_type"
    VALUE_ERROR = "value_error"
    MISSING = "missing"
    EXTRA_FORBIDDEN = "extra_forbidden"
    INT_PARSING = "int_parsing"
    INT_TYPE = "int_type"
    INT_FROM_FLOAT = "int_from_float"
    GREATER_THAN_EQUAL = "greater_than_equal"
    LESS_THAN_EQUAL = "less_than_equal"
    LITERAL_ERROR = "literal_error"
    MODEL_TYPE = "model_type"
    MODEL_ATTRIBUTES_TYPE = "model_attributes_type"
    DICT_TYPE = "dict_type"
    STRING_TYPE = "string_type"
    TUPLE_TYPE = "tuple_type"
    LIST_TYPE = "list_type"
    # any other pydantic error type (pydantic's own message is shown)
    INVALID = "invalid"

    @classmethod
    def of_pydantic(cls, error_type: str) -> ProblemCode:
        """The code of a cell pydantic refused, from its error type (:attr:`INVALID` for one perfnb does not word)."""
        try:
            return cls(error_type)
        except ValueError:
            return cls.INVALID


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
    code: ProblemCode
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


def problem_from_error(error: PerfnbError, code: ProblemCode) -> Problem:
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
