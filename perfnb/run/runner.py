"""Running departments: load → validate → recompute → reconcile → write, then notebook → HTML → index.

One broken department never stops the others: its load problems or its error are kept in
its :class:`Outcome`, and the rest go on. An error perfnb did not foresee (a bug) leaves its full
traceback in ``<processed>/<dept>/error.log``; the printed line and the pages stay one short line.

The parts: :mod:`perfnb.run.settings` (where a run reads and writes), :mod:`perfnb.run.entries` (a department's
index line, its ``run.json`` and fingerprint), :mod:`perfnb.run.index` (publishing the index and the pages),
:mod:`perfnb.run.executors` (in process, process pool or Dask), :mod:`perfnb.run.lock` (one run per folder).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from perfnb.base.errors import OutputWriteError, PerfnbError, printable
from perfnb.base.files import atomic_write, cannot_write
from perfnb.base.version import __version__
from perfnb.engine.check import CheckResult, check_department
from perfnb.format.kinds import DOC_KINDS
from perfnb.format.load import LoadResult, invalid_folder, load_department, validate
from perfnb.format.paths import DEFAULT_DATA_DIR, check_dept_id, check_output_dirs, discover, is_dept_id
from perfnb.format.problems import Problem
from perfnb.report.results import write_results
from perfnb.run.batchgc import batch_gc, tune_gc
from perfnb.run.entries import NOTHING_CHECKED, Entry, fingerprint, reusable
from perfnb.run.executors import EXECUTORS, die_with_parent, stop
from perfnb.run.index import Index, earlier_entries, remove_departed, staged
from perfnb.run.lock import output_lock
from perfnb.run.settings import DEFAULT_PROCESSED_DIR, RunSettings

if TYPE_CHECKING:
    from perfnb.report.render import NotebookError

# The notebook stack (nbformat, nbconvert, papermill, openpyxl) is imported where a report is
# made, not on ``import perfnb``: the engine and the CLI's check/validate stay quick to start.

__all__ = [
    "ERROR_LOG",
    "Checked",
    "InternalError",
    "Outcome",
    "check",
    "check_all",
    "run",
    "run_department",
]

#: Where a department's unforeseen error (a bug in perfnb) is written in full, in ``<processed>/<dept>/``.
ERROR_LOG = "error.log"


class InternalError(PerfnbError):
    """A department stopped on an error perfnb did not foresee; its traceback is in its ``error.log``."""


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


# ---- perfnb check: validate, recompute, reconcile and write the results of each department -------------------

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
    spawn = multiprocessing.get_context("spawn")  # the one start method every system has (no fork on Windows)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=spawn, initializer=_check_worker_init)
    try:
        for checked in pool.map(_check_chunk, chunks, [data_dir] * len(chunks), [processed_dir] * len(chunks)):
            yield from checked
    except BaseException:
        stop(pool)
        raise
    pool.shutdown(wait=True)


def _check_worker_init() -> None:
    tune_gc()
    die_with_parent()


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
    """Check one loaded department and write its results (when it is valid). An unforeseen error fails this
    department only, its traceback in ``error.log`` (re-raised when nothing is written: no folder to log in)."""
    if processed_dir is not None and is_dept_id(loaded.dept_id):
        _clear_error_log(processed_dir / loaded.dept_id)
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
    except Exception as exc:  # a bug: one broken department never stops the others
        if processed_dir is None:
            raise
        message = _log_internal_error(exc, processed_dir / loaded.dept_id)
        return Outcome(loaded, error=InternalError(message, department=loaded.dept_id))
    return Outcome(loaded, result, folder=folder)


def _log_internal_error(exc: Exception, folder: Path) -> str:
    """Write ``exc``'s full traceback to ``folder/error.log`` (atomically); return the short message naming it."""
    trace = "".join(traceback.format_exception(exc))
    atomic_write(folder / ERROR_LOG, f"perfnb {__version__}：部门 {folder.name} 出错（内部错误）\n\n{trace}")
    what = printable(str(exc), 200)
    return f"内部错误：{type(exc).__name__}: {what}（完整的出错经过见处理结果目录中的 {folder.name}/{ERROR_LOG}）"


def _clear_error_log(folder: Path) -> None:
    """Remove the ``error.log`` of an earlier run: it does not hold for this one."""
    try:
        (folder / ERROR_LOG).unlink(missing_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from None


# ---- perfnb run: check + notebook + HTML report per department, then the index ----------------


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
        remove_departed(set(dept_ids), settings)
    entries = [Entry(name, False, _id_problem(name)) for name in invalid]
    todo: list[str] = []
    for dept_id in dept_ids:  # unchanged departments are reused here, before any worker starts
        if dept_id in absent:
            continue
        reused = None if settings.force else reusable(dept_id, settings)
        if reused is None:
            todo.append(dept_id)
        else:
            entries.append(reused)
    for entry in entries:
        if on_done:
            on_done(entry)
    done = list(entries)
    index = Index(settings, earlier_entries(settings, set()))
    index.publish(entries)  # the index at once: departments gone from the data folder are gone from it
    pending: list[Entry] = []
    with contextlib.closing(EXECUTORS[settings.executor](run_department, todo, settings, jobs)) as results:
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


# ---- one department, end to end (in a worker) -----------------------------------------------------------------


def run_department(dept_id: str, settings: RunSettings) -> Entry:
    """Run one department end to end (in a worker); a failure becomes a failed entry and page.

    Its pages are written beside their place in ``reports_dir`` (staged); :func:`publish_department`,
    called by the run once the index lists the department, puts them in place and records the entry.
    An unforeseen error's traceback goes to ``<processed>/<dept>/error.log``, the entry says so in one line.
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
        entry = Entry(dept_id, False, _log_internal_error(exc, settings.processed_dir / dept_id))
        return _fail(entry, settings)


def _run_department(dept_id: str, s: RunSettings) -> Entry:
    from perfnb.report.data import ReportData
    from perfnb.report.render import NotebookError, execute_warm, notebook_html, notebook_text
    from perfnb.report.results import write_report_data
    from perfnb.report.workbook import write_findings_xlsx

    digest = fingerprint(dept_id, s)
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
        fingerprint=digest,
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
    atomic_write(staged(s, f"{dept_id}.html"), html)
    write_findings_xlsx(result, staged(s, f"{dept_id}.findings.xlsx"))
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
    atomic_write(staged(s, f"{entry.dept_id}.html"), html)
    return entry
