"""Writing a department's results to ``data/processed/<dept>/``: figures.csv, findings.csv, summary.json, and
in a run what the report shows (report.json, indicators.csv).

Files are written atomically (a temporary file in the same folder, then a rename) and
deterministically: stable row order, no clock, ``\\n`` line ends, UTF-8 with a BOM for the
CSV files (so that Excel opens the Chinese text correctly). Every text cell goes through
:func:`perfnb.cells.neutralise`, the one formula-injection rule of every CSV and workbook perfnb writes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Final

from perfnb.cells import csv_cell, neutralise
from perfnb.engine import CheckResult
from perfnb.errors import OutputWriteError, PerfnbError, os_reason
from perfnb.figures import Figure, plain
from perfnb.numbers import round_half_up
from perfnb.reportdata import INDICATOR_COLUMNS, REPORT_FILE, ReportData, indicator_csv_rows

__all__ = [
    "FIGURE_COLUMNS",
    "FINDING_COLUMNS",
    "LOCK_FILE",
    "OutputsBusyError",
    "atomic_write",
    "cannot_write",
    "figure_row",
    "neutralise",
    "output_lock",
    "publish",
    "write_report_data",
    "write_results",
]

FIGURE_COLUMNS = (
    "id",
    "project_id",
    "label",
    "measure",
    "formula",
    "inputs",
    "recomputed",
    "recomputed_at_precision",
    "reported",
    "unit",
    "precision",
    "difference",
    "verdict",
    "verdict_label",
    "basis",
    "note",
    "file",
    "row",
    "column",
    "ref",
)
FINDING_COLUMNS = (
    "code",
    "severity",
    "severity_label",
    "title",
    "subject",
    "project_id",
    "file",
    "row",
    "column",
    "ref",
    "reported",
    "recomputed",
    "figure_id",
    "message",
)


#: A recomputed value with this many significant digits or more was cut by a context's precision
#: (a quotient: rates divide at 40 digits, scoring at 50, the engine at 60); shorter ones are exact.
QUOTIENT_DIGITS: Final = 40
INDICATORS_FILE: Final = "indicators.csv"


def atomic_write(path: Path, data: str | bytes, *, bom: bool = False) -> None:
    """Write text (UTF-8, a BOM if asked) or bytes to ``path`` through a temporary file in the same
    folder and a rename: readers never see a half-written file, and a failure leaves no temporary.

    Raises :class:`OutputWriteError` naming the folder and why (read-only, no permission, disk full …)
    when it cannot be written; the file already at ``path``, if any, is left as it was."""
    payload = data if isinstance(data, bytes) else data.encode("utf-8-sig" if bom else "utf-8")
    try:
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except FileNotFoundError:  # the folder is new
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                _write(path, handle, payload)
            publish(Path(tmp), path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise cannot_write(path.parent, exc) from None


def _write(path: Path, handle: IO[bytes], payload: bytes) -> None:
    """Write and flush ``payload`` meant for ``path`` (one place, so that a test can make the disk full)."""
    del path  # what a test's replacement looks at
    handle.write(payload)
    handle.flush()


def cannot_write(folder: Path, exc: OSError) -> OutputWriteError:
    """The error saying which output folder could not be written and why."""
    return OutputWriteError(
        f"无法写入输出目录 {folder}：{os_reason(exc)}",
        expected="可写、有剩余空间的文件夹（或用 --processed-dir / --reports-dir 换一个）",
    )


def publish(tmp: Path, path: Path) -> None:
    """Give a finished temporary file the usual permissions (mkstemp makes it 0600) and rename it."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


class OutputsBusyError(PerfnbError):
    """Raised when another perfnb run is writing to the same output folders."""


LOCK_FILE = ".perfnb.lock"


@contextmanager
def output_lock(*folders: Path) -> Iterator[None]:
    """Hold an exclusive lock on each output folder for the duration of a run; refuse (never wait)
    when another run holds one. Stale temporary files of a killed run are removed once locked.

    The lock file (``.perfnb.lock``) is removed when the lock is released, however the run ends
    (normally, with an error, on Ctrl-C); only a killed process leaves it, and it is harmless then
    (the lock dies with the process that held it)."""
    with ExitStack() as stack:
        for folder in dict.fromkeys(f.resolve() for f in folders):  # one lock per folder, even if named twice
            try:
                folder.mkdir(parents=True, exist_ok=True)
                handle = _acquire(folder / LOCK_FILE)
            except OSError as exc:
                raise cannot_write(folder, exc) from None
            if handle is None:
                raise OutputsBusyError(
                    f"另一个 perfnb 运行正在写入 {folder}：请等它结束后再运行（两个运行不能同时写同一个输出目录）"
                )
            stack.callback(_release, folder / LOCK_FILE, handle)
            _remove_stale_temporaries(folder)
        yield


def _acquire(path: Path) -> IO[bytes] | None:
    """The open, locked lock file at ``path``; None when another process holds it.

    A run releasing its lock removes the file; a run that opened it just before then holds a lock
    on a file no longer there, so the lock is only taken when ``path`` is still the file locked."""
    for _ in range(100):
        handle = path.open("a+b")
        if not _try_lock(handle):
            handle.close()
            return None
        try:
            same = os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return handle
        handle.close()  # removed (and perhaps re-created) by the run that held it: try again
    raise OSError(f"cannot lock {path}")


def _release(path: Path, handle: IO[bytes]) -> None:
    """Remove the lock file, then let the lock go (on Windows an open file cannot be removed: close first)."""
    if sys.platform == "win32":
        handle.close()
        with contextlib.suppress(OSError):  # another run has opened it meanwhile: it is its lock now
            path.unlink()
        return
    with contextlib.suppress(OSError):
        path.unlink()
    handle.close()


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files (``.<name>.<random>.tmp``) left by a run that was killed mid-write."""
    for tmp in [*folder.glob(".*.tmp"), *folder.glob("*/.*.tmp")]:
        tmp.unlink(missing_ok=True)


def figure_row(fig: Figure) -> dict[str, str]:
    """One figure as a flat row of text, by column name."""
    return dict(zip(FIGURE_COLUMNS, figure_cells(fig), strict=True))


def figure_cells(fig: Figure) -> list[str]:
    """One figure as text, in the order of :data:`FIGURE_COLUMNS`."""
    cell = fig.cell
    return [
        fig.id,
        fig.project_id or "",
        fig.label,
        fig.measure,
        fig.formula,
        "；".join([i.text() for i in fig.inputs]),
        _full(fig.recomputed),
        fig.recomputed_text,
        fig.reported or "",
        fig.unit or "",
        "" if fig.precision is None else str(fig.precision),
        "" if fig.difference is None else plain(fig.difference),
        fig.verdict.value,
        fig.verdict.label,
        fig.basis,
        fig.note,
        cell.file if cell else "",
        "" if cell is None or cell.row is None else str(cell.row),
        (cell.column or "") if cell else "",
        (cell.ref or "") if cell else "",
    ]


def _full(value: Decimal | str | None) -> str:
    """The recomputed value in full: exact (a sum keeps every digit), except a value the engine's
    precision cut (a quotient with endless digits), which is shown to 10 decimals."""
    if isinstance(value, Decimal):
        _, digits, exponent = value.as_tuple()
        if len(digits) >= QUOTIENT_DIGITS and isinstance(exponent, int) and exponent < -10:
            value = round_half_up(value, 10).normalize()
        return plain(value)
    return value or ""


#: figures.csv columns that never hold text from the inputs (ids, codes, numbers the engine wrote):
#: no spreadsheet can read them as a formula, so they are not neutralised.
_SAFE_FIGURE_COLUMNS: Final = frozenset({"id", "measure", "precision", "difference", "verdict", "verdict_label", "row"})


def _csv(columns: tuple[str, ...], rows: Iterable[Sequence[str]], safe: frozenset[str] = frozenset()) -> str:
    """A CSV of text rows, each cell guarded against formula injection (:func:`perfnb.cells.csv_cell`) except
    in the ``safe`` columns."""
    guard = [c not in safe for c in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(text) if g else text for g, text in zip(guard, row, strict=True)] for row in rows)
    return out.getvalue()


def write_results(result: CheckResult, processed_dir: Path) -> Path:
    """Write the three result files of one department; return its folder."""
    folder = processed_dir / result.department.id
    findings = []
    for f in result.findings:
        row = f.as_row()
        row.update(severity_label=f.severity.label, title=f.title)
        findings.append([row[c] for c in FINDING_COLUMNS])
    atomic_write(
        folder / "figures.csv", _csv(FIGURE_COLUMNS, map(figure_cells, result.figures), _SAFE_FIGURE_COLUMNS), bom=True
    )
    atomic_write(folder / "findings.csv", _csv(FINDING_COLUMNS, findings), bom=True)
    atomic_write(folder / "summary.json", json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n")
    for earlier in (REPORT_FILE, INDICATORS_FILE):  # a run's, from another check: never beside these results
        (folder / earlier).unlink(missing_ok=True)
    return folder


def write_report_data(data: ReportData, folder: Path) -> Path:
    """Write what the report shows (``report.json``, handed to the notebook) and ``indicators.csv`` (each
    三级指标 with its completion rate) into a department's processed folder; return ``report.json``'s path."""
    rows = ([_value_text(v) for v in row] for row in indicator_csv_rows(data))
    atomic_write(folder / INDICATORS_FILE, _csv(tuple(c for c, _ in INDICATOR_COLUMNS), rows), bom=True)
    path = folder / REPORT_FILE
    atomic_write(path, data.dumps())
    return path


def _value_text(value: Decimal | bool | str | None) -> str:
    """A cell of indicators.csv: numbers as figures.csv writes them, ``true``/``false``, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _full(value) if isinstance(value, Decimal) else str(value)
