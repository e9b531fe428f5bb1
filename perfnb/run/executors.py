"""How departments are dispatched: one after another in this process, in a pool of worker processes, or on a
Dask cluster. Each runs the same work function per department (``perfnb.run.runner.run_department``), so the
results, failures and index are the same whichever runs; each process keeps one warm notebook kernel."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from perfnb.base.errors import PerfnbError
from perfnb.run.entries import Entry
from perfnb.run.settings import RunSettings

__all__ = ["EXECUTORS", "KERNEL_WARMUP", "Executor", "Work", "die_with_parent", "stop"]

#: One department, end to end, in whichever process runs it (a module-level function: it is pickled by name).
Work = Callable[[str, RunSettings], Entry]
Executor = Callable[[Work, Sequence[str], RunSettings, int], Generator[Entry, None, None]]

#: Sent to a worker's kernel as soon as it starts, not waited for: it imports what the notebook renders with
#: while the worker checks its first department.
KERNEL_WARMUP = "import perfnb.report.notebook"


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


def stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now (an error, Ctrl-C): its workers are ended, queued work is dropped. Waits for them."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _prestart_kernel(cwd: Path) -> None:
    """Start this process's notebook kernel now, importing the report's modules in the background, and
    meanwhile get the HTML exporter ready here: both are paid once per process, before the first department."""
    from perfnb.report import render

    render.prestart(cwd, KERNEL_WARMUP)
    render.prepare_export()


def _run_worker_init(cwd: Path) -> None:
    die_with_parent()
    _prestart_kernel(cwd)


def _in_process(work: Work, dept_ids: Sequence[str], settings: RunSettings, jobs: int) -> Generator[Entry, None, None]:
    """One department after another in this process (one warm kernel)."""
    if dept_ids:
        _prestart_kernel(Path.cwd())
    for dept_id in dept_ids:
        yield work(dept_id, settings)


def _process_pool(
    work: Work, dept_ids: Sequence[str], settings: RunSettings, jobs: int
) -> Generator[Entry, None, None]:
    """``jobs`` worker processes on this machine, each with its own warm kernel."""
    if jobs <= 1 or len(dept_ids) <= 1:
        yield from _in_process(work, dept_ids, settings, jobs)
        return
    workers = min(jobs, len(dept_ids))
    spawn = multiprocessing.get_context("spawn")  # the one start method every system has (no fork on Windows)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=spawn, initializer=_run_worker_init, initargs=(Path.cwd(),)
    )
    try:
        futures = [pool.submit(work, d, settings) for d in dept_ids]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:  # an error, Ctrl-C, or the run stopped reading: no worker goes on writing
        stop(pool)
        raise
    pool.shutdown(wait=True)


def _dask(work: Work, dept_ids: Sequence[str], settings: RunSettings, jobs: int) -> Generator[Entry, None, None]:
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
        futures = client.map(work, list(dept_ids), settings=settings, pure=False)
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


#: How departments are dispatched; results, failures and the index are the same whichever runs.
EXECUTORS: dict[str, Executor] = {
    "local": _process_pool,
    "dask": _dask,
}
