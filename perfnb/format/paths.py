"""Department ids and their folders: validated before any path is built."""

from __future__ import annotations

import os
from pathlib import Path

from perfnb.base.errors import DepartmentIdError, DepartmentNotFoundError, OutputDirError
from perfnb.format.columns import DEPT_ID_PATTERN

__all__ = [
    "DEFAULT_DATA_DIR",
    "RESERVED_IDS",
    "check_dept_id",
    "check_output_dirs",
    "department_dir",
    "discover",
    "is_dept_id",
]

DEFAULT_DATA_DIR = Path("data/raw")
_EXPECTED_ID = "小写英文字母、数字和 -，以字母或数字开头，最长 64 个字符（如 nantong-ipc-2025）"

#: Well-formed ids that cannot name a department: ``index`` (its report would be ``reports/index.html``,
#: the index itself) and the device names Windows reserves in every folder (``con``, ``nul``, ``com1`` …).
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)


def check_dept_id(dept_id: str) -> str:
    """Return ``dept_id`` if it is ``[a-z0-9][a-z0-9-]{0,63}`` and not reserved; else raise DepartmentIdError."""
    if not isinstance(dept_id, str) or not DEPT_ID_PATTERN.fullmatch(dept_id):
        raise DepartmentIdError("部门编号无效", value=str(dept_id), expected=_EXPECTED_ID)
    if dept_id in RESERVED_IDS:
        why = "reports/index.html 是索引页" if dept_id == "index" else "Windows 保留的设备名，不能作文件名"
        raise DepartmentIdError(
            f"部门编号无效：“{dept_id}”是保留名称（{why}）", value=dept_id, expected=f"换一个编号，如 {dept_id}-2025"
        )
    return dept_id


def is_dept_id(name: str) -> bool:
    """True when ``name`` passes :func:`check_dept_id`."""
    return bool(DEPT_ID_PATTERN.fullmatch(name)) and name not in RESERVED_IDS


def _real(path: Path) -> Path:
    """``path`` made absolute with links resolved, compared case-insensitively where the system does (Windows)."""
    return Path(os.path.normcase(path.resolve()))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_dirs(data_dir: Path, processed_dir: Path | None = None, reports_dir: Path | None = None) -> None:
    """Refuse output folders that would write into the data folder, before anything is written.

    ``processed_dir`` may not be the data folder or lie inside it (``<processed>/<dept>/`` would be a
    department's own folder), ``reports_dir`` neither; nor may the data folder be ``<processed>/<id>``,
    one department's results folder.
    """
    data = _real(data_dir)
    for option, folder in (("--processed-dir", processed_dir), ("--reports-dir", reports_dir)):
        if folder is None:
            continue
        out = _real(folder)
        if _within(out, data):
            where = "就是" if out == data else "位于"
            raise OutputDirError(
                f"输出目录 {option} {folder} {where}数据目录 {data_dir}"
                f"{'' if out == data else '之内'}：结果会写进原始数据，拒绝运行",
                expected="数据目录之外的文件夹（如 data/processed、reports）",
            )
        if option == "--processed-dir" and data.parent == out and is_dept_id(data.name):
            raise OutputDirError(
                f"数据目录 {data_dir} 是输出目录 {option} {folder} 下的部门文件夹名：结果会写进原始数据，拒绝运行",
                expected="数据目录之外的文件夹（如 data/processed、reports）",
            )


def department_dir(data_dir: Path, dept_id: str) -> Path:
    """The folder of ``dept_id`` under ``data_dir``; it must exist and stay inside ``data_dir``."""
    check_dept_id(dept_id)
    root = data_dir.resolve()
    folder = data_dir / dept_id
    if not folder.is_dir():
        raise DepartmentNotFoundError(
            f"找不到部门文件夹 {folder}", department=dept_id, expected=f"{data_dir} 下与部门编号同名的文件夹"
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
        (valid if is_dept_id(entry.name) else invalid).append(entry.name)
    return valid, invalid
