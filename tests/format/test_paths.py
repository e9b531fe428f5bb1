"""Department ids are validated before any path is built; folders stay inside the data dir."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from perfnb.base.errors import DepartmentIdError, DepartmentNotFoundError
from perfnb.format.paths import RESERVED_IDS, check_dept_id, department_dir, discover

VALID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@given(st.from_regex(VALID, fullmatch=True))
def test_every_well_formed_id_is_accepted(dept_id: str) -> None:
    assume(dept_id not in RESERVED_IDS)  # index, con, nul …: refused (tests/run/test_faults_run.py)
    assert check_dept_id(dept_id) == dept_id


@given(st.text(max_size=80))
def test_anything_else_is_rejected(text: str) -> None:
    if VALID.fullmatch(text) and text not in RESERVED_IDS:
        assert check_dept_id(text) == text
    else:
        with pytest.raises(DepartmentIdError, match="部门编号无效"):
            check_dept_id(text)


@pytest.mark.parametrize("bad", ["../x", "/etc", "a/b", "A", "-a", "a" * 65, "a.b", "a\x00", "", "中文"])
def test_bad_ids(bad: str) -> None:
    with pytest.raises(DepartmentIdError):
        check_dept_id(bad)


def test_symlink_out_of_the_data_dir_is_refused(tmp_path: Path) -> None:
    data, outside = tmp_path / "raw", tmp_path / "outside"
    data.mkdir()
    outside.mkdir()
    os.symlink(outside, data / "sneaky")
    with pytest.raises(DepartmentIdError, match="数据目录之外"):
        department_dir(data, "sneaky")
    with pytest.raises(DepartmentNotFoundError):
        department_dir(data, "absent")


def test_discover_sorts_and_separates_bad_names(tmp_path: Path) -> None:
    for name in ("b-dept", "a-dept", "Bad Name", ".hidden", "_scratch"):
        (tmp_path / name).mkdir()
    (tmp_path / "README.md").write_text("x")
    assert discover(tmp_path) == (["a-dept", "b-dept"], ["Bad Name"])
