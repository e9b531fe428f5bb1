"""The run lock: one perfnb run at a time writes to an output folder.

The operating-system lock is :mod:`filelock`'s (``flock`` on Linux and macOS, ``msvcrt.locking`` on
Windows): nothing here is platform-specific, and importing this module needs no POSIX-only module.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from filelock import BaseFileLock, FileLock, Timeout

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
                lock = _acquire(folder / LOCK_FILE)
            except OSError as exc:
                raise cannot_write(folder, exc) from None
            if lock is None:
                raise OutputsBusyError(
                    f"另一个 perfnb 运行正在写入 {folder}：请等它结束后再运行（两个运行不能同时写同一个输出目录）"
                )
            stack.callback(_release, folder / LOCK_FILE, lock)
            _remove_stale_temporaries(folder)
        yield


def _acquire(path: Path) -> BaseFileLock | None:
    """The lock on ``path``, held; None when another process holds it (never waits).

    A run releasing its lock removes the file; a run that opened it just before then holds a lock
    on a file no longer there, so the lock is only kept when ``path`` is still the file locked."""
    for _ in range(100):
        lock = FileLock(path, thread_local=False)
        try:
            lock.acquire(blocking=False)
        except Timeout:
            return None
        except FileNotFoundError:  # removed by the run that held it between filelock's look and its open
            continue
        if _is_locked_file(lock, path):
            return lock
        lock.release()  # removed (and perhaps re-created) by the run that held it: try again
    raise OSError(f"cannot lock {path}")


def _is_locked_file(lock: BaseFileLock, path: Path) -> bool:
    """Whether ``path`` is (still) the very file ``lock`` holds: filelock keeps the descriptor it locked
    in its context (``lock_file_fd``, filelock 3.x, pinned in requirements.lock)."""
    fd = lock._context.lock_file_fd
    if fd is None:
        return False
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _release(path: Path, lock: BaseFileLock) -> None:
    """Remove the lock file, then let the lock go. Removing it while it is still locked means a run that
    opens it meanwhile finds it gone (:func:`_is_locked_file`) instead of sharing the lock with a third.
    On Windows an open file cannot be removed: the unlink fails here, and filelock removes it on release
    (unless another run has opened it meanwhile: it is that run's lock file then)."""
    with contextlib.suppress(OSError):
        path.unlink()
    lock.release()


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files (``.<name>.<random>.tmp``) left by a run that was killed mid-write."""
    for tmp in [*folder.glob(".*.tmp"), *folder.glob("*/.*.tmp")]:
        tmp.unlink(missing_ok=True)
