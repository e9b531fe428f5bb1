"""Running departments: load → validate → recompute → reconcile → write, then notebook → HTML → index.

One broken department never stops the others: its load problems or its error are kept in
its :class:`Outcome`, and the rest go on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import multiprocessing.connection
import os
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfnb.base.errors import OutputWriteError, PerfnbError, PerfnbWarning, printable
from perfnb.base.files import atomic_write, cannot_write
from perfnb.base.version import __version__
from perfnb.engine.check import CheckResult, check_department
from perfnb.format.load import LoadResult, invalid_folder, load_department, validate
from perfnb.format.paths import DEFAULT_DATA_DIR, check_dept_id, check_output_dirs, discover, is_dept_id
from perfnb.format.problems import Problem
from perfnb.format.schema import DOC_KINDS
from perfnb.report.results import write_results
from perfnb.run.batchgc import batch_gc, tune_gc
from perfnb.run.lock import output_lock

if TYPE_CHECKING:
    from perfnb.report.render import NotebookError

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
    "publish_department",
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
    check_output_dirs(data_dir, processed_dir)
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
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=spawn, initializer=_check_worker_init)
    try:
        for checked in pool.map(_check_chunk, chunks, [data_dir] * len(chunks), [processed_dir] * len(chunks)):
            yield from checked
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _check_worker_init() -> None:
    tune_gc()
    die_with_parent()


def die_with_parent() -> None:
    """In a worker process: exit as soon as the process that started it is gone (killed, crashed), taking its
    notebook kernel along, so that nothing writes on after the run's lock is released. Portable: it waits on
    the parent's sentinel (a pipe on POSIX, a process handle on Windows), in a daemon thread."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="perfnb-parent-watch", daemon=True).start()


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    try:
        render = sys.modules.get("perfnb.report.render")
        if render is not None:
            render.kill_kernels()
    finally:
        os._exit(1)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now (an error, Ctrl-C): its workers are ended, queued work is dropped. Waits for them."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


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
    except OutputWriteError:
        raise  # the output folder, not the department: the run stops with this message
    except PerfnbError as exc:
        exc.department = exc.department or loaded.dept_id
        return Outcome(loaded, error=exc)
    return Outcome(loaded, result, folder=folder)


# ---- perfnb run: check + notebook + HTML report per department, then the index ----------------

DEFAULT_REPORTS_DIR = Path("reports")
#: The audit notebook shipped inside the package (``perfnb/notebooks``), so ``perfnb run`` works from any
#: folder and from an installed wheel. Its source is ``notebooks/department_audit.ipynb`` in the
#: repository (what ``make lab`` opens); a test keeps the two identical.
DEFAULT_NOTEBOOK = Path(str(resources.files("perfnb").joinpath("notebooks", "department_audit.ipynb")))
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

    All departments under ``data_dir`` when ``dept_ids`` is None; then the pages of departments no
    longer there (as their ``run.json`` records them) are removed. A failing department gets a
    failure page and a failed line on the index; the others go on. A named department that does not
    exist (a mistyped id) gets a failed entry and nothing else: no page, no folder. ``on_done`` is
    called as each department finishes (for progress display). The index is rewritten as
    departments finish, so that it always lists the reports there are.
    """
    from perfnb.report.render import NotebookError

    settings = settings or RunSettings()
    if not settings.notebook.is_file():
        raise NotebookError(f"找不到审计笔记本 {settings.notebook}（--notebook 指定的文件）")
    check_output_dirs(settings.data_dir, settings.processed_dir, settings.reports_dir)
    absent: dict[str, Entry] = {}
    if dept_ids is not None:
        dept_ids = list(dict.fromkeys(dept_ids))  # a department named twice runs once
        absent = {str(d): e for d in dept_ids if (e := _absent(d, settings)) is not None}
        if len(absent) == len(dept_ids):  # nothing to run: nothing written, not even a folder
            for entry in absent.values():
                if on_done:
                    on_done(entry)
            return list(absent.values())
    with output_lock(settings.processed_dir, settings.reports_dir):
        return _run(dept_ids, settings, jobs, on_done, absent)


def _absent(dept_id: str, s: RunSettings) -> Entry | None:
    """The failed entry of a named department that cannot be run at all (bad id, no folder); else None."""
    try:
        check_dept_id(dept_id)
    except PerfnbError as exc:
        return Entry(str(dept_id), False, str(exc))
    if not (s.data_dir / dept_id).is_dir():
        if not s.data_dir.is_dir():  # run from another folder: the id is not the problem
            why = f"数据目录 {s.data_dir} 不存在（当前文件夹是 {Path.cwd()}；用 --data-dir 指定）"
            return Entry(dept_id, False, why)
        return Entry(dept_id, False, f"找不到部门文件夹 {s.data_dir / dept_id}（部门编号写错了？）")
    return None


def _run(
    dept_ids: Sequence[str] | None,
    settings: RunSettings,
    jobs: int,
    on_done: Callable[[Entry], None] | None,
    absent: dict[str, Entry],
) -> list[Entry]:
    invalid: list[str] = []
    if dept_ids is None:
        dept_ids, invalid = discover(settings.data_dir)
        _remove_departed(set(dept_ids), settings)
    entries = [Entry(name, False, _id_problem(name)) for name in invalid]
    todo: list[str] = []
    for dept_id in dept_ids:  # unchanged departments are reused here, before any worker starts
        if dept_id in absent:
            continue
        reused = None if settings.force else _reusable(dept_id, settings)
        if reused is None:
            todo.append(dept_id)
        else:
            entries.append(reused)
    for entry in entries:
        if on_done:
            on_done(entry)
    done = list(entries)
    index = _Index(settings, _earlier_entries(settings, set()))
    index.publish(entries)  # the index at once: departments gone from the data folder are gone from it
    pending: list[Entry] = []
    with contextlib.closing(EXECUTORS[settings.executor](todo, settings, jobs)) as results:
        for entry in results:
            done.append(entry)
            pending.append(entry)
            if index.due():
                index.publish(pending)
                pending = []
            if on_done:
                on_done(entry)
    if pending:
        index.publish(pending)
    done += absent.values()
    order = {d: i for i, d in enumerate([*invalid, *dept_ids])}
    done.sort(key=lambda e: order[e.dept_id])
    return done


def _id_problem(name: str) -> str:
    """Why a folder name is not a department id."""
    try:
        check_dept_id(name)
    except PerfnbError as exc:
        return f"文件夹名不是有效的部门编号：{exc}"
    return ""


class _Index:
    """``reports/index.html``, rewritten (atomically) as departments finish: this run's entries over the
    earlier runs' ones. Each batch of finished departments is written to the index first and then their
    staged pages are put in place, so the index never misses a report there is (a run killed in between
    leaves at most a link to a page a re-run will write). The index is rewritten at most once per ten times
    what writing it costs, so a run of thousands of departments is not spent rendering it."""

    def __init__(self, s: RunSettings, earlier: Iterable[Entry]) -> None:
        self.settings = s
        self.entries = {e.dept_id: e for e in earlier}
        self.cost = 0.0
        self.last = 0.0

    def due(self) -> bool:
        return time.monotonic() - self.last >= 10 * self.cost

    def publish(self, entries: Sequence[Entry]) -> None:
        started = time.monotonic()
        self.entries.update((e.dept_id, e) for e in entries)
        write_index(list(self.entries.values()), self.settings.reports_dir)
        for entry in entries:
            publish_department(entry, self.settings)
        self.last = time.monotonic()
        self.cost = self.last - started


def _in_process(dept_ids: Sequence[str], settings: RunSettings, jobs: int) -> Generator[Entry, None, None]:
    """One department after another in this process (one warm kernel)."""
    if dept_ids:
        _prestart_kernel(Path.cwd())
    for dept_id in dept_ids:
        yield run_department(dept_id, settings)


#: Sent to a worker's kernel as soon as it starts, not waited for: it imports what the notebook renders with
#: while the worker checks its first department.
KERNEL_WARMUP = "import perfnb.report.notebook"


def _prestart_kernel(cwd: Path) -> None:
    """Start this process's notebook kernel now, importing the report's modules in the background, and
    meanwhile get the HTML exporter ready here: both are paid once per process, before the first department."""
    from perfnb.report import render

    render.prestart(cwd, KERNEL_WARMUP)
    render.prepare_export()


def _run_worker_init(cwd: Path) -> None:
    die_with_parent()
    _prestart_kernel(cwd)


def _process_pool(dept_ids: Sequence[str], settings: RunSettings, jobs: int) -> Generator[Entry, None, None]:
    """``jobs`` worker processes on this machine, each with its own warm kernel."""
    if jobs <= 1 or len(dept_ids) <= 1:
        yield from _in_process(dept_ids, settings, jobs)
        return
    workers = min(jobs, len(dept_ids))
    spawn = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=spawn, initializer=_run_worker_init, initargs=(Path.cwd(),)
    )
    try:
        futures = [pool.submit(run_department, d, settings) for d in dept_ids]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:  # an error, Ctrl-C, or the run stopped reading: no worker goes on writing
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _dask(dept_ids: Sequence[str], settings: RunSettings, jobs: int) -> Generator[Entry, None, None]:
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
EXECUTORS: dict[str, Callable[[Sequence[str], RunSettings, int], Generator[Entry, None, None]]] = {
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
    if not all((s.processed_dir / dept_id / f).is_file() for f in (*RUN_OUTPUTS, s.notebook.name)):
        return None  # a result file removed (or a `perfnb check` since, which drops the report's data)
    if earlier.fingerprint != _fingerprint(dept_id, s):
        return None
    return replace(earlier, skipped=True)


def run_department(dept_id: str, settings: RunSettings) -> Entry:
    """Run one department end to end (in a worker); a failure becomes a failed entry and page.

    Its pages are written beside their place in ``reports_dir`` (staged); :func:`publish_department`,
    called by the run once the index lists the department, puts them in place and records the entry.
    Raises only :class:`OutputWriteError` (an output folder cannot be written: the run stops)."""
    try:
        check_dept_id(dept_id)
    except PerfnbError as exc:
        return Entry(str(dept_id), False, str(exc))
    try:
        return _run_department(dept_id, settings)
    except OutputWriteError:
        raise
    except Exception as exc:  # one broken department never stops the others
        entry = Entry(dept_id, False, f"内部错误：{type(exc).__name__}: {exc}")
        return _fail(entry, settings)


def _run_department(dept_id: str, s: RunSettings) -> Entry:
    from perfnb.report.data import ReportData
    from perfnb.report.render import NotebookError, execute_warm, notebook_html, notebook_text
    from perfnb.report.results import write_report_data
    from perfnb.report.workbook import write_findings_xlsx

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
    handed_over = write_report_data(ReportData.of(result), s.processed_dir / dept_id)
    parameters = {
        "dept_id": dept_id,
        "data_dir": str(s.data_dir),
        "processed_dir": str(s.processed_dir),
        "notebook": str(s.notebook),
        "handed_over": str(handed_over),
    }
    executed = s.processed_dir / dept_id / s.notebook.name
    try:
        nb = execute_warm(s.notebook, parameters, cwd=Path.cwd())
    except NotebookError as exc:
        if exc.notebook is not None:
            atomic_write(executed, notebook_text(exc.notebook))
        failed = replace(entry, ok=False, reason=str(exc), xlsx=None, fingerprint="")
        return _fail(failed, s, cell=exc, notebook=executed)
    atomic_write(executed, notebook_text(nb))
    html = notebook_html(nb, title=h.report_title, notebook_name=s.notebook.name)
    atomic_write(_staged(s, f"{dept_id}.html"), html)
    write_findings_xlsx(result, _staged(s, f"{dept_id}.findings.xlsx"))
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
    from perfnb.report.render import page

    entry = replace(entry, ok=False, report=f"{entry.dept_id}.html", xlsx=None)
    rows = [{**p.as_row(), "severity_label": p.severity.label} for p in problems]
    cell_info = None
    if cell is not None:
        cell_info = {"number": cell.exec_count, "ename": cell.ename, "evalue": cell.evalue, "source": cell.source}
    html = page("failure.html.j2", entry=entry, problems=rows, cell=cell_info, notebook=str(notebook or ""))
    atomic_write(_staged(s, f"{entry.dept_id}.html"), html)
    return entry


def _staged(s: RunSettings, name: str) -> Path:
    """Where a worker writes a page before the run puts it in place (a stale one is removed like any
    temporary when the next run takes the lock)."""
    return s.reports_dir / f".{name}.staged.tmp"


def publish_department(entry: Entry, s: RunSettings) -> None:
    """Put the pages :func:`run_department` staged in place, drop a workbook the entry no longer has, and
    record the entry in ``<processed>/<dept>/run.json``. Nothing for a reused entry or an invalid id."""
    if entry.skipped or not is_dept_id(entry.dept_id):
        return
    try:
        for name in (entry.report, entry.xlsx):
            staged = _staged(s, name) if name else None
            if name and staged is not None and staged.exists():
                os.replace(staged, s.reports_dir / name)
        if entry.xlsx is None:  # a failure: the workbook of an earlier run no longer holds
            (s.reports_dir / f"{entry.dept_id}.findings.xlsx").unlink(missing_ok=True)
    except OSError as exc:
        raise cannot_write(s.reports_dir, exc) from None
    _write_entry(s.processed_dir / entry.dept_id, entry)


def write_index(entries: Sequence[Entry], reports_dir: Path) -> Path:
    """Write ``reports/index.html``: every department, its score, findings, status and report link.

    Links are only ever ``<dept>.html`` and ``<dept>.findings.xlsx`` of a valid id (anything else is left out)."""
    from perfnb.report.render import page

    path = reports_dir / "index.html"
    shown = [_safe_links(e) for e in sorted(entries, key=lambda e: e.dept_id)]
    atomic_write(path, page("index.html.j2", entries=shown))
    return path


def _safe_links(entry: Entry) -> Entry:
    valid = is_dept_id(entry.dept_id)
    report = entry.report if valid and entry.report == f"{entry.dept_id}.html" else None
    xlsx = entry.xlsx if valid and entry.xlsx == f"{entry.dept_id}.findings.xlsx" else None
    return entry if (report, xlsx) == (entry.report, entry.xlsx) else replace(entry, report=report, xlsx=xlsx)


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


def _remove_departed(present: set[str], s: RunSettings) -> None:
    """Remove the pages of departments no longer under ``data_dir`` — only the files their ``run.json``
    records (validated), then that record; nothing else in ``reports_dir`` or ``processed_dir`` is touched."""
    if not s.processed_dir.is_dir():
        return
    for folder in sorted(s.processed_dir.iterdir()):
        if folder.name in present or not is_dept_id(folder.name) or not (folder / RUN_FILE).is_file():
            continue
        entry = _read_entry(folder)
        if entry is None:
            continue
        try:
            for name in (entry.report, entry.xlsx):
                if name:
                    (s.reports_dir / name).unlink(missing_ok=True)
        except OSError as exc:
            raise cannot_write(s.reports_dir, exc) from None
        try:
            (folder / RUN_FILE).unlink(missing_ok=True)
        except OSError as exc:
            raise cannot_write(folder, exc) from None


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
    package = Path(__file__).parents[1]
    for path in sorted(package.rglob("*")):
        if _is_source(path):
            digest.update(f"{path.relative_to(package)}".encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _is_source(path: Path) -> bool:
    suffixes = {".py", ".j2", ".css", ".yaml", ".json"}
    return path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts
