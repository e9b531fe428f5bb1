"""Writing a file atomically: a temporary file in the same folder, then a rename; the error naming the
folder when it cannot be written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO

from perfnb.base.errors import OutputWriteError, os_reason

__all__ = ["atomic_write", "cannot_write", "publish"]


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
    umask = os.umask(0)  # portable: on Windows umask and chmod only touch the read-only flag, which stays off
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)
