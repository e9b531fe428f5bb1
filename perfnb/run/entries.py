"""A department's line on the index (:class:`Entry`), its record ``run.json``, and the fingerprint that
tells whether an earlier run's report still holds (so that an unchanged department is not run again)."""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from perfnb.base.errors import PerfnbError, PerfnbWarning, printable
from perfnb.base.files import atomic_write
from perfnb.base.version import __version__
from perfnb.engine.findings import FindingCode
from perfnb.format.paths import check_dept_id, is_dept_id
from perfnb.run.settings import RunSettings

__all__ = [
    FindingCode.NOTHING_CHECKED,
    "RUN_FILE",
    "RUN_OUTPUTS",
    "Entry",
    "fingerprint",
    "read_entry",
    "reusable",
    "write_entry",
]

NOTHING_CHECKED = "（没有一个原文数字能复核）"  # said on every line, page and index row of such a department
RUN_FILE = "run.json"
#: What a successful run leaves in ``<processed>/<dept>/`` besides the executed notebook and run.json.
RUN_OUTPUTS = ("figures.csv", "findings.csv", "summary.json", "indicators.csv", "report.json")


@dataclass(frozen=True)
class Entry:
    """One department's line on the index: what was run and how it ended (plain, picklable data)."""

    dept_id: str
    ok: bool
    reason: str = ""
    name: str = ""
    fiscal_year: int | None = None
    kind_label: str = ""
    score: str | None = None
    score_reported: str | None = None
    grade: str | None = None
    grade_reported: str | None = None
    findings: dict[str, int] = field(default_factory=dict)
    nothing_checked: bool = False  # scored, but no printed figure could be reconciled
    report: str | None = None
    xlsx: str | None = None
    fingerprint: str = ""
    skipped: bool = False

    def line(self) -> str:
        """The one-line result printed at the end of a run."""
        if not self.ok:
            return f"{printable(self.dept_id, 80)}  失败：{printable(self.reason, 300)}"
        f = self.findings
        score = ""
        if self.score:
            score = f"总分 {self.score}（原文 {self.score_reported or '未印'}），等级 {self.grade or '—'}；"
        again = "（未变，沿用上次结果）" if self.skipped else ""
        none = NOTHING_CHECKED if self.nothing_checked else ""
        return (
            f"{self.dept_id}  完成{again}{none}：{score}发现 错误 {f.get('error', 0)}、警告 {f.get('warning', 0)}、"
            f"提示 {f.get('info', 0)}；报告 {self.report}"
        )


def reusable(dept_id: str, s: RunSettings) -> Entry | None:
    """The earlier entry of a department whose inputs are unchanged and whose report exists."""
    try:
        check_dept_id(dept_id)
    except PerfnbError:
        return None
    earlier = read_entry(s.processed_dir / dept_id)
    if earlier is None or not earlier.ok or not (s.data_dir / dept_id).is_dir():
        return None
    if not all((s.reports_dir / f).is_file() for f in (earlier.report, earlier.xlsx) if f):
        return None
    if not all((s.processed_dir / dept_id / f).is_file() for f in (*RUN_OUTPUTS, s.notebook.name)):
        return None  # a result file removed (or a `perfnb check` since, which drops the report's data)
    if earlier.fingerprint != fingerprint(dept_id, s):
        return None
    return replace(earlier, skipped=True)


# ---- run.json -----------------------------------------------------------------------------------


def write_entry(folder: Path, entry: Entry) -> None:
    """Record ``entry`` in ``folder/run.json``."""
    data = {k: v for k, v in asdict(entry).items() if k != "skipped"}
    atomic_write(folder / RUN_FILE, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def read_entry(folder: Path) -> Entry | None:
    """The entry ``folder/run.json`` records, validated: None (with a warning) when it is not one perfnb wrote
    for the department of that folder — a tampered file never puts a link or a path of its own anywhere."""
    path = folder / RUN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        _warn(path, f"无法读取（{type(exc).__name__}）")
        return None
    problem = _entry_problem(data, folder.name)
    if problem:
        _warn(path, problem)
        return None
    return Entry(**data)


_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "dept_id": (str,),
    "ok": (bool,),
    "reason": (str,),
    "name": (str,),
    "fiscal_year": (int, type(None)),
    "kind_label": (str,),
    "score": (str, type(None)),
    "score_reported": (str, type(None)),
    "grade": (str, type(None)),
    "grade_reported": (str, type(None)),
    "findings": (dict,),
    "nothing_checked": (bool,),
    "report": (str, type(None)),
    "xlsx": (str, type(None)),
    "fingerprint": (str,),
}
_FINGERPRINT = re.compile(r"(?:[0-9a-f]{64})?")


def _entry_problem(data: Any, dept_id: str) -> str:
    """What makes ``data`` no entry of ``dept_id`` as perfnb writes it ("" when it is one)."""
    if not isinstance(data, dict):
        return "内容不是一个对象"
    names = {f.name for f in fields(Entry)} - {"skipped"}
    if not set(data) <= names or not {"dept_id", "ok"} <= set(data):
        return "字段不对"
    for key, value in data.items():
        kinds = _FIELD_TYPES[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            return f"字段 {key} 的类型不对"
    if data["dept_id"] != dept_id or not is_dept_id(dept_id):
        return "部门编号与文件夹名不符"
    if data.get("report") not in (None, f"{dept_id}.html"):
        return f"报告文件名应为 {dept_id}.html"
    if data.get("xlsx") not in (None, f"{dept_id}.findings.xlsx"):
        return f"Excel 文件名应为 {dept_id}.findings.xlsx"
    findings = data.get("findings", {})
    severities = {"error", "warning", "info"}
    if not (set(findings) == severities if data["ok"] else set(findings) <= severities) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in findings.values()
    ):
        return "发现数不对"
    if not _FINGERPRINT.fullmatch(data.get("fingerprint", "")):
        return "指纹不对"
    return ""


def _warn(path: Path, problem: str) -> None:
    warnings.warn(PerfnbWarning(f"忽略 {path}：{problem}（不是 perfnb 写的运行记录，已跳过）"), stacklevel=3)


# ---- the fingerprint ----------------------------------------------------------------------------


def fingerprint(dept_id: str, s: RunSettings) -> str:
    """A content hash of everything a report depends on: the department's files, the notebook,
    perfnb's code, templates and schemes, and its version (not modification times)."""
    digest = hashlib.sha256(_code_digest().encode())
    folder = s.data_dir / dept_id
    files = [(f"raw/{p.relative_to(s.data_dir).as_posix()}", p) for p in sorted(folder.rglob("*")) if p.is_file()]
    files.append(("notebook", s.notebook))
    for name, path in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """perfnb's version, code, templates and schemes (the whole ``perfnb`` package), hashed once per process."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parents[1]  # perfnb/run/entries.py → perfnb/
    for path in sorted(package.rglob("*")):
        if _is_source(path):  # names with "/" on every system: the same code hashes the same on Windows
            digest.update(
                path.relative_to(package).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest()
            )
    return digest.hexdigest()


def _is_source(path: Path) -> bool:
    suffixes = {".py", ".j2", ".css", ".yaml", ".json"}
    return path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts
