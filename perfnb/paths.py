"""Department ids and their folders: validated before any path is built."""

from __future__ import annotations

from pathlib import Path

from perfnb.errors import DepartmentIdError, DepartmentNotFoundError
from perfnb.schema import DEPT_ID_PATTERN

__all__ = ["DEFAULT_DATA_DIR", "check_dept_id", "department_dir", "discover"]

DEFAULT_DATA_DIR = Path("data/raw")
_EXPECTED_ID = "小写英文字母、数字和 -，以字母或数字开头，最长 64 个字符（如 nantong-ipc-2025）"


def check_dept_id(dept_id: str) -> str:
    """Return ``dept_id`` if it is ``[a-z0-9][a-z0-9-]{0,63}``; else raise DepartmentIdError."""
    if not isinstance(dept_id, str) or not DEPT_ID_PATTERN.fullmatch(dept_id):
        raise DepartmentIdError("部门编号无效", value=str(dept_id), expected=_EXPECTED_ID)
    return dept_id


def department_dir(data_dir: Path, dept_id: str) -> Path:
    """The folder of ``dept_id`` under ``data_dir``; it must exist and stay inside ``data_dir``."""
    check_dept_id(dept_id)
    root = data_dir.resolve()
    folder = data_dir / dept_id
    if not folder.is_dir():
        raise DepartmentNotFoundError(
            f"找不到部门文件夹 {folder}", department=dept_id, expected="data/raw 下与部门编号同名的文件夹"
        )
    if folder.resolve().parent != root:
        raise DepartmentIdError(
            "部门文件夹是指向数据目录之外的链接，拒绝读取", department=dept_id, value=str(folder.resolve())
        )
    return folder


def discover(data_dir: Path) -> tuple[list[str], list[str]]:
    """Folders under ``data_dir``: (valid department ids, names that are not valid ids), sorted.

    Hidden folders (``.x``) and folders starting with ``_`` are ignored.
    """
    if not data_dir.is_dir():
        raise DepartmentNotFoundError(f"数据目录 {data_dir} 不存在", expected="包含各部门文件夹的目录")
    valid: list[str] = []
    invalid: list[str] = []
    for entry in sorted(data_dir.iterdir(), key=lambda p: p.name):
        if not entry.is_dir() or entry.name.startswith((".", "_")):
            continue
        (valid if DEPT_ID_PATTERN.fullmatch(entry.name) else invalid).append(entry.name)
    return valid, invalid
