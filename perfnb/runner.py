"""Running departments: load → validate → recompute → reconcile → write, then notebook → HTML → index.

One broken department never stops the others: its load problems or its error are kept in
its :class:`Outcome`, and the rest go on.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from perfnb import __version__
from perfnb.batchgc import batch_gc, tune_gc
from perfnb.engine import CheckResult, check_department
from perfnb.errors import PerfnbError, printable
from perfnb.load import LoadResult, invalid_folder, load_department, validate
from perfnb.outputs import atomic_write, output_lock, write_results
from perfnb.paths import DEFAULT_DATA_DIR, check_dept_id, discover
from perfnb.problems import Problem
from perfnb.schema import DOC_KINDS

if TYPE_CHECKING:
    from perfnb.render import NotebookError

# The notebook stack (nbformat, nbconvert, papermill, openpyxl) is imported where a report is
# made, not on ``import perfnb``: the engine and the CLI's check/validate stay quick to start.

__all__ = [
    "DEFAULT_NOTEBOOK",
    "DEFAULT_PROCESSED_DIR",
    "DEFAULT_REPORTS_DIR",
    "EXECUTORS",
    "Checked",
    "Entry",
    "Outcome",
    "RunSettings",
    "check",
    "check_all",
    "run",
    "run_department",
    "write_index",
]

DEFAULT_PROCESSED_DIR = Path("data/processed")
NOTHING_CHECKED = "（没有一个原文数字能复核）"  # said on every line, page and index row of such a department


@dataclass(frozen=True)
class Outcome:
    """One department's run: its load result, and its check result or the error that stopped it."""

    load: LoadResult
    result: CheckResult | None = None
    error: PerfnbError | None = None
    folder: Path | None = None

    @property
    def dept_id(self) -> str:
        """The department id."""
        return self.load.dept_id

    @property
    def ok(self) -> bool:
        """True when the department loaded and was checked."""
        return self.result is not None

    def line(self) -> str:
        """The one-line result printed by ``perfnb check``."""
        result = self.result
        if result is None:
            why = "数据无效" if self.error is None else "核对出错"
            return f"{printable(self.dept_id, 80)}  失败（{why}）"
        s = result.summary()
        v, f = s["verdicts"], s["findings"]
        score = ""
        if result.total is not None:
            score = f"总分 {s['score']['recomputed']}（原文 {s['score']['reported']}），等级 {result.grade}；"
        return (
            f"{self.dept_id}  {score}数字 {len(result.figures)} 个：相符 {v['agrees']}、不符 {v['differs']}、"
            f"无法复核 {v['cannot_check']}、仅复算 {v['derived']}{NOTHING_CHECKED if s['nothing_checked'] else ''}；"
            f"发现：错误 {f['error']}、警告 {f['warning']}、提示 {f['info']}"
        )

    def checked(self) -> Checked:
        """What the command line prints of this outcome (small: it crosses process pools)."""
        messages = [str(p) for p in self.load.errors]
        if self.error is not None:
            messages.append(f"[错误] {self.error}")
        return Checked(self.dept_id, self.ok, tuple(messages), self.line())


@dataclass(frozen=True)
class Checked:
    """One department's ``perfnb check`` result as printed: its problems and its line."""

    dept_id: str
    ok: bool
    messages: tuple[str, ...]
    line: str


CHUNK = 32  # departments per task when checking in worker processes


def check_all(
    dept_ids: Sequence[str] | None, data_dir: Path, processed_dir: Path, *, jobs: int = 1
) -> Iterator[Checked]:
    """Check departments one chunk at a time (in ``jobs`` processes), keeping only what is printed:
    memory stays flat however many departments there are. Results come in input order."""
    if dept_ids is None:
        dept_ids, invalid = discover(data_dir)
        for name in invalid:
            yield Outcome(invalid_folder(name)).checked()
    chunks = [list(dept_ids[i : i + CHUNK]) for i in range(0, len(dept_ids), CHUNK)]
    if jobs <= 1 or len(chunks) <= 1:
        with batch_gc():
            for chunk in chunks:
                yield from _check_chunk(chunk, data_dir, processed_dir)
        return
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=spawn, initializer=tune_gc) as pool:
        for checked in pool.map(_check_chunk, chunks, [data_dir] * len(chunks), [processed_dir] * len(chunks)):
            yield from checked


def _check_chunk(dept_ids: list[str], data_dir: Path, processed_dir: Path) -> list[Checked]:
    """Check a chunk one department at a time, keeping only what is printed (only one department's
    rows and figures are alive at once: less memory and fewer cache misses than loading all first)."""
    return [_check_loaded(load_department(d, data_dir), data_dir, processed_dir).checked() for d in sorted(dept_ids)]


def check(
    dept_ids: Sequence[str] | None = None,
    data_dir: Path = DEFAULT_DATA_DIR,
    processed_dir: Path | None = DEFAULT_PROCESSED_DIR,
) -> list[Outcome]:
    """Validate and check departments (all under ``data_dir`` when none are named).

    Writes ``figures.csv``, ``findings.csv`` and ``summary.json`` per department under
    ``processed_dir`` (nothing is written when it is None).
    """
    return [_check_loaded(loaded, data_dir, processed_dir) for loaded in validate(dept_ids, data_dir)]


def _check_loaded(loaded: LoadResult, data_dir: Path, processed_dir: Path | None) -> Outcome:
    """Check one loaded department and write its results (when it is valid)."""
    if loaded.department is None or not loaded.ok:
        return Outcome(loaded)
    try:
        result = check_department(loaded.department, department_dir=data_dir / loaded.dept_id)  # checked by load
        folder = write_results(result, processed_dir) if processed_dir is not None else None
    except PerfnbError as exc:
        exc.department = exc.department or loaded.dept_id
        return Outcome(loaded, error=exc)
    return Outcome(loaded, result, folder=folder)


# ---- perfnb run: check + notebook + HTML report per department, then the index ----------------

DEFAULT_REPORTS_DIR = Path("reports")
DEFAULT_NOTEBOOK = Path("notebooks/department_audit.ipynb")
RUN_FILE = "run.json"


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


@dataclass(frozen=True)
class RunSettings:
    """Where a run reads and writes, and which notebook it executes."""

    data_dir: Path = DEFAULT_DATA_DIR
    processed_dir: Path = DEFAULT_PROCESSED_DIR
    reports_dir: Path = DEFAULT_REPORTS_DIR
    notebook: Path = DEFAULT_NOTEBOOK
    force: bool = False
    executor: str = "local"  # a key of EXECUTORS
    scheduler: str | None = None  # Dask scheduler address (a LocalCluster when None)


def run(
    dept_ids: Sequence[str] | None = None,
    settings: RunSettings | None = None,
    *,
    jobs: int = 1,
    on_done: Callable[[Entry], None] | None = None,
) -> list[Entry]:
    """Check, execute the audit notebook and render the HTML report of each department, then the index.

    All departments under ``data_dir`` when ``dept_ids`` is None. A failing department gets a
    failure page and a failed line on the index; the others go on. ``on_done`` is called as
    each department finishes (for progress display).
    """
    from perfnb.render import NotebookError

    settings = settings or RunSettings()
    if not settings.notebook.is_file():
        raise NotebookError(
            f"找不到审计笔记本 {settings.notebook}（应为 notebooks/department_audit.ipynb 或 --notebook 指定的文件）"
        )
    with output_lock(settings.processed_dir, settings.reports_dir):
        return _run(dept_ids, settings, jobs, on_done)


def _run(
    dept_ids: Sequence[str] | None, settings: RunSettings, jobs: int, on_done: Callable[[Entry], None] | None
) -> list[Entry]:
    invalid: list[str] = []
    if dept_ids is None:
        dept_ids, invalid = discover(settings.data_dir)
    dept_ids = list(dict.fromkeys(dept_ids))  # a department named twice runs once
    entries = [Entry(name, False, "文件夹名不是有效的部门编号（小写字母、数字和 -）") for name in invalid]
    todo: list[str] = []
    for dept_id in dept_ids:  # unchanged departments are reused here, before any worker starts
        reused = None if settings.force else _reusable(dept_id, settings)
        if reused is None:
            todo.append(dept_id)
        else:
            entries.append(reused)
    for entry in entries:
        if on_done:
            on_done(entry)
    done = list(entries)
    for entry in EXECUTORS[settings.executor](todo, settings, jobs):
        done.append(entry)
        if on_done:
            on_done(entry)
    order = {d: i for i, d in enumerate([*invalid, *dept_ids])}
    done.sort(key=lambda e: order[e.dept_id])
    write_index(done + _earlier_entries(settings, {e.dept_id for e in done}), settings.reports_dir)
    return done


def _in_process(dept_ids: Sequence[str], settings: RunSettings, jobs: int) -> Iterator[Entry]:
    """One department after another in this process (one warm kernel)."""
    for dept_id in dept_ids:
        yield run_department(dept_id, settings)


def _process_pool(dept_ids: Sequence[str], settings: RunSettings, jobs: int) -> Iterator[Entry]:
    """``jobs`` worker processes on this machine, each with its own warm kernel."""
    if jobs <= 1 or len(dept_ids) <= 1:
        yield from _in_process(dept_ids, settings, jobs)
        return
    workers = min(jobs, len(dept_ids))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(run_department, d, settings) for d in dept_ids]
        for future in as_completed(futures):
            yield future.result()


def _dask(dept_ids: Sequence[str], settings: RunSettings, jobs: int) -> Iterator[Entry]:
    """Dask distributed: the scheduler at ``settings.scheduler``, or a local cluster of ``jobs`` workers.

    Workers must see the same data, notebook and output folders (a shared file system) and
    have perfnb installed; each worker process keeps its own warm kernel.
    """
    if not dept_ids:
        return
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise PerfnbError("未安装 Dask：pip install 'perfnb[dask]'（或 make reports 的环境）") from None
    cluster = None
    if settings.scheduler:
        client = Client(settings.scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(run_department, list(dept_ids), settings=settings, pure=False)
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


#: How departments are dispatched; results, failures and the index are the same whichever runs.
EXECUTORS: dict[str, Callable[[Sequence[str], RunSettings, int], Iterator[Entry]]] = {
    "local": _process_pool,
    "dask": _dask,
}


def _reusable(dept_id: str, s: RunSettings) -> Entry | None:
    """The earlier entry of a department whose inputs are unchanged and whose report exists."""
    try:
        check_dept_id(dept_id)
    except PerfnbError:
        return None
    earlier = _read_entry(s.processed_dir / dept_id)
    if earlier is None or not earlier.ok or not (s.data_dir / dept_id).is_dir():
        return None
    if not all((s.reports_dir / f).is_file() for f in (earlier.report, earlier.xlsx) if f):
        return None
    if earlier.fingerprint != _fingerprint(dept_id, s):
        return None
    return replace(earlier, skipped=True)


def run_department(dept_id: str, settings: RunSettings) -> Entry:
    """Run one department end to end; never raises (a failure becomes a failed entry and page)."""
    try:
        check_dept_id(dept_id)
    except PerfnbError as exc:
        return Entry(str(dept_id), False, exc.message)
    try:
        return _run_department(dept_id, settings)
    except Exception as exc:  # one broken department never stops the others
        entry = Entry(dept_id, False, f"内部错误：{type(exc).__name__}: {exc}")
        return _fail(entry, settings)


def _run_department(dept_id: str, s: RunSettings) -> Entry:
    import nbformat

    from perfnb.excel import write_findings_xlsx
    from perfnb.render import NotebookError, execute_warm, notebook_html

    fingerprint = _fingerprint(dept_id, s)
    outcome = check([dept_id], s.data_dir, s.processed_dir)[0]
    if not outcome.ok or outcome.result is None:
        return _fail(_failed_entry(outcome), s, problems=outcome.load.problems)
    result = outcome.result
    summary = result.summary()
    h = result.department.header
    entry = Entry(
        dept_id,
        True,
        name=h.name,
        fiscal_year=h.fiscal_year,
        kind_label=DOC_KINDS[h.kind],
        score=summary["score"]["recomputed"],
        score_reported=summary["score"]["reported"],
        grade=summary["score"]["grade_recomputed"],
        grade_reported=summary["score"]["grade_reported"],
        findings=dict(summary["findings"]),
        nothing_checked=summary["nothing_checked"],
        report=f"{dept_id}.html",
        xlsx=f"{dept_id}.findings.xlsx",
        fingerprint=fingerprint,
    )
    parameters = {
        "dept_id": dept_id,
        "data_dir": str(s.data_dir),
        "processed_dir": str(s.processed_dir),
        "notebook": str(s.notebook),
    }
    executed = s.processed_dir / dept_id / s.notebook.name
    try:
        nb = execute_warm(s.notebook, parameters, cwd=Path.cwd())
    except NotebookError as exc:
        if exc.notebook is not None:
            atomic_write(executed, nbformat.writes(exc.notebook))
        failed = replace(entry, ok=False, reason=str(exc), xlsx=None, fingerprint="")
        return _fail(failed, s, cell=exc, notebook=executed)
    atomic_write(executed, nbformat.writes(nb))
    html = notebook_html(nb, title=h.report_title, notebook_name=s.notebook.name)
    atomic_write(s.reports_dir / f"{dept_id}.html", html)
    write_findings_xlsx(result, s.reports_dir / f"{dept_id}.findings.xlsx")
    _write_entry(s.processed_dir / dept_id, entry)
    return entry


def _failed_entry(outcome: Outcome) -> Entry:
    dept = outcome.load.department
    if outcome.error is not None:
        reason = f"核对出错：{outcome.error}"
    else:
        first = outcome.load.errors[0] if outcome.load.errors else None
        where = f"{first.file} " if first and first.file else ""
        reason = f"数据有 {len(outcome.load.errors)} 处错误" + (f"，第一处：{where}{first.message}" if first else "")
    header = dept.header if dept else None
    return Entry(
        outcome.dept_id,
        False,
        reason,
        name=header.name if header else "",
        fiscal_year=header.fiscal_year if header else None,
        kind_label=DOC_KINDS[header.kind] if header else "",
    )


def _fail(
    entry: Entry,
    s: RunSettings,
    *,
    problems: Sequence[Problem] = (),
    cell: NotebookError | None = None,
    notebook: Path | None = None,
) -> Entry:
    """Write the failure page (and the entry) of a department whose id is valid."""
    from perfnb.render import page

    entry = replace(entry, ok=False, report=f"{entry.dept_id}.html", xlsx=None)
    rows = [{**p.as_row(), "severity_label": p.severity.label} for p in problems]
    cell_info = None
    if cell is not None:
        cell_info = {"number": cell.exec_count, "ename": cell.ename, "evalue": cell.evalue, "source": cell.source}
    html = page("failure.html.j2", entry=entry, problems=rows, cell=cell_info, notebook=str(notebook or ""))
    atomic_write(s.reports_dir / f"{entry.dept_id}.html", html)
    (s.reports_dir / f"{entry.dept_id}.findings.xlsx").unlink(missing_ok=True)
    _write_entry(s.processed_dir / entry.dept_id, entry)
    return entry


def write_index(entries: Sequence[Entry], reports_dir: Path) -> Path:
    """Write ``reports/index.html``: every department, its score, findings, status and report link."""
    from perfnb.render import page

    path = reports_dir / "index.html"
    atomic_write(path, page("index.html.j2", entries=sorted(entries, key=lambda e: e.dept_id)))
    return path


def _earlier_entries(s: RunSettings, seen: set[str]) -> list[Entry]:
    """Entries of departments still under ``data_dir`` that an earlier run reported (partial runs)."""
    try:
        valid, _ = discover(s.data_dir)
    except PerfnbError:
        return []
    found = (_read_entry(s.processed_dir / d) for d in valid if d not in seen)
    return [e for e in found if e is not None]


def _write_entry(folder: Path, entry: Entry) -> None:
    data = {k: v for k, v in asdict(entry).items() if k != "skipped"}
    atomic_write(folder / RUN_FILE, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _read_entry(folder: Path) -> Entry | None:
    try:
        data = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
        return Entry(**data)
    except (OSError, ValueError, TypeError):
        return None


def _fingerprint(dept_id: str, s: RunSettings) -> str:
    """A content hash of everything a report depends on: the department's files, the notebook,
    perfnb's code, templates and schemes, and its version (not modification times)."""
    digest = hashlib.sha256(_code_digest().encode())
    files = [(f"raw/{p.relative_to(s.data_dir)}", p) for p in sorted((s.data_dir / dept_id).rglob("*")) if p.is_file()]
    files.append(("notebook", s.notebook))
    for name, path in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """perfnb's version, code, templates and schemes, hashed once per process."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if _is_source(path):
            digest.update(f"{path.relative_to(package)}".encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _is_source(path: Path) -> bool:
    suffixes = {".py", ".j2", ".css", ".yaml", ".json"}
    return path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts
