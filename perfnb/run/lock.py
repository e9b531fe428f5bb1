"""The run lock: one perfnb run at a time writes to an output folder."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

from perfnb.base.errors import PerfnbError
from perfnb.base.files import cannot_write

__all__ = ["LOCK_FILE", "OutputsBusyError", "output_lock"]


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
