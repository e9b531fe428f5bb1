"""Publishing: ``reports/index.html``, each department's staged pages put in place with its ``run.json``, and the
pages of departments no longer in the data folder removed."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from perfnb.base.errors import PerfnbError
from perfnb.base.files import atomic_write, cannot_write
from perfnb.format.paths import discover, is_dept_id
from perfnb.run.entries import RUN_FILE, Entry, read_entry, write_entry
from perfnb.run.settings import RunSettings

__all__ = ["Index", "earlier_entries", "publish_department", "remove_departed", "staged", "write_index"]


class Index:
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
        """Whether enough time has passed since the last rewrite to write the index again."""
        return time.monotonic() - self.last >= 10 * self.cost

    def publish(self, entries: Sequence[Entry]) -> None:
        """Write the index with ``entries``, then put their pages in place."""
        started = time.monotonic()
        self.entries.update((e.dept_id, e) for e in entries)
        write_index(list(self.entries.values()), self.settings.reports_dir)
        for entry in entries:
            publish_department(entry, self.settings)
        self.last = time.monotonic()
        self.cost = self.last - started


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


def staged(s: RunSettings, name: str) -> Path:
    """Where a worker writes a page before the run puts it in place (a stale one is removed like any
    temporary when the next run takes the lock)."""
    return s.reports_dir / f".{name}.staged.tmp"


def publish_department(entry: Entry, s: RunSettings) -> None:
    """Put the pages :func:`perfnb.run.runner.run_department` staged in place, drop a workbook the entry no longer
    has, and record the entry in ``<processed>/<dept>/run.json``. Nothing for a reused entry or an invalid id."""
    if entry.skipped or not is_dept_id(entry.dept_id):
        return
    try:
        for name in (entry.report, entry.xlsx):
            page = staged(s, name) if name else None
            if name and page is not None and page.exists():
                os.replace(page, s.reports_dir / name)
        if entry.xlsx is None:  # a failure: the workbook of an earlier run no longer holds
            (s.reports_dir / f"{entry.dept_id}.findings.xlsx").unlink(missing_ok=True)
    except OSError as exc:
        raise cannot_write(s.reports_dir, exc) from None
    write_entry(s.processed_dir / entry.dept_id, entry)


def earlier_entries(s: RunSettings, seen: set[str]) -> list[Entry]:
    """Entries of departments still under ``data_dir`` that an earlier run reported (partial runs)."""
    try:
        valid, _ = discover(s.data_dir)
    except PerfnbError:
        return []
    found = (read_entry(s.processed_dir / d) for d in valid if d not in seen)
    return [e for e in found if e is not None]


def remove_departed(present: set[str], s: RunSettings) -> None:
    """Remove the pages of departments no longer under ``data_dir`` — only the files their ``run.json``
    records (validated), then that record; nothing else in ``reports_dir`` or ``processed_dir`` is touched."""
    if not s.processed_dir.is_dir():
        return
    for folder in sorted(s.processed_dir.iterdir()):
        if folder.name in present or not is_dept_id(folder.name) or not (folder / RUN_FILE).is_file():
            continue
        entry = read_entry(folder)
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
