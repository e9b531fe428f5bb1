"""``perfnb new``: an empty department folder for an auditor to fill."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from perfnb.base.errors import ScaffoldError
from perfnb.format.kinds import DEFAULT_SCHEMES, DOC_KINDS
from perfnb.format.paths import check_dept_id
from perfnb.format.schema import TABLES, TableSpec

__all__ = ["new_department"]

_HEADER_TEMPLATE = """\
# 部门信息。填好后运行 perfnb validate {dept_id} 检查。格式说明：perfnb schema
schema_version: 1
id: {dept_id}            # 与文件夹同名
name: ""                 # 部门或单位名称（中文），如 南通市知识产权保护中心
region: ""               # 地区，如 江苏省南通市
fiscal_year:             # 预算年度，如 2025
kind: {kind}   # {kinds}
money_unit: 万元         # 文件的金额单位：元、万元 或 亿元
scheme: {scheme}     # 评分方案：targets-only（只有目标，不评分）、mof-2020-project、mof-2020-department 等
source:
  file: ""               # 来源文件名
  title: ""              # 文件标题
  section: ""            # 页码或章节
notes: ""                # 录入说明
reconstructions: []      # OCR 乱码处根据文件自身核对重建的数字，每项：where / printed / entered / evidence
"""


def _table_template(spec: TableSpec) -> str:
    out = io.StringIO()
    fields = spec.model.model_fields
    out.write(f"# {spec.title}表（{spec.file}）。本行和下一行是说明，可以删除；列名行不要改。\n")
    described = "；".join(f"{name}={f.title}{'（必填）' if f.is_required() else ''}" for name, f in fields.items())
    out.write(f"# {described}\n")
    csv.writer(out, lineterminator="\n").writerow(spec.columns)
    return out.getvalue()


def publish_department(data_dir: Path, dept_id: str, files: Mapping[str, str], *, replace: bool = False) -> Path:
    """Write ``files`` (name → UTF-8 text) as the folder ``data_dir/dept_id``, all at once: they are
    written into a temporary folder beside it, which is then renamed (a reader sees the whole
    department or none of it). An existing folder is replaced only when ``replace`` is set; the
    other departments are never touched."""
    check_dept_id(dept_id)
    target = data_dir / dept_id
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dept_id}.", suffix=".tmp", dir=data_dir))
    old: Path | None = None
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        os.chmod(staging, 0o755)  # mkdtemp's 0700 → a folder's usual mode; on Windows a no-op (no read-only flag)
        if replace and target.is_dir() and not target.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{dept_id}.", suffix=".old", dir=data_dir))
            target.rename(old / dept_id)
        staging.rename(target)  # atomic: the folder appears complete or not at all
    except BaseException:
        if old is not None and not target.exists():
            (old / dept_id).rename(target)  # put the previous folder back
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return target


def new_department(data_dir: Path, dept_id: str, kind: str = "target_table") -> Path:
    """Create ``data_dir/dept_id`` with a header template and empty tables; refuse to overwrite."""
    check_dept_id(dept_id)
    if kind not in DOC_KINDS:
        raise ScaffoldError("未知的文件类型", value=kind, expected="、".join(DOC_KINDS))
    target = data_dir / dept_id
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"部门文件夹已存在：{target}", department=dept_id, expected="一个新的部门编号")
    header = _HEADER_TEMPLATE.format(dept_id=dept_id, kind=kind, kinds=" / ".join(DOC_KINDS),
                                     scheme=DEFAULT_SCHEMES[kind])  # fmt: skip
    files = {"department.yaml": header} | {spec.file: _table_template(spec) for spec in TABLES}
    publish_department(data_dir, dept_id, files)
    return target
