"""Exceptions and problems: human messages, structured fields, and they pickle."""

from __future__ import annotations

import pickle

import pytest

from perfnb.base.errors import (
    DataFileError,
    DepartmentIdError,
    DepartmentNotFoundError,
    InvalidDepartmentError,
    PerfnbError,
    ScaffoldError,
)
from perfnb.format.problems import Problem, Severity


@pytest.mark.parametrize("cls", [PerfnbError, DepartmentIdError, DepartmentNotFoundError, DataFileError, ScaffoldError])
def test_errors_pickle_with_their_fields(cls: type[PerfnbError]) -> None:
    error = cls("金额不是数字", department="d-1", file="funds.csv", row=3, column="budget", value="x", expected="数字")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls and copy.fields() == error.fields() and str(copy) == str(error)
    assert str(error) == "d-1/funds.csv 第 3 行 列 budget：金额不是数字（值：“x”）；应为：数字"


def test_invalid_department_error_pickles_its_problems() -> None:
    problem = Problem("d-1", "funds.csv", 3, "budget", "x", "number", "不是数字")
    error = InvalidDepartmentError("部门数据有 1 处错误", department="d-1", problems=(problem,))
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, InvalidDepartmentError) and copy.problems == (problem,)
    assert str(copy) == "d-1：部门数据有 1 处错误"


def test_problem_text_and_row() -> None:
    problem = Problem("d", "a.csv", 2, "c", "v" * 100, "code", "错", "对", Severity.WARNING)
    assert str(problem) == f"[警告] d/a.csv 第 2 行 列 c：错（值：“{'v' * 57}…”）；应为：对"
    assert problem.as_row()["severity"] == "warning"
