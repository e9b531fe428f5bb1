"""Faults of ``perfnb run`` and ``perfnb check`` (issue 16, items 8, 11, 18, 19, 20, 22), each with its minimal input.

Every test works on copies of the seeds under ``tmp_path`` and names all three folders.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import perfnb.base.files
import perfnb.run.runner as runner
from perfnb.base.errors import DepartmentIdError
from perfnb.cli import cli
from perfnb.format.paths import check_dept_id
from perfnb.run.entries import Entry
from perfnb.run.lock import LOCK_FILE
from perfnb.run.runner import run
from perfnb.run.settings import DEFAULT_NOTEBOOK, RunSettings

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"
SMALL = ("gzkfq-ip-2025", "nantong-ipc-2025")  # target tables: the quickest seeds to run


def _dirs(data_dir: Path) -> tuple[Path, Path]:
    base = data_dir.parent
    return base / "processed", base / "reports"


def _cli(args: list[str], data_dir: Path, processed: Path | None = None, reports: Path | None = None) -> Result:
    p, r = _dirs(data_dir)
    folders = ["--data-dir", str(data_dir), "--processed-dir", str(processed or p)]
    if args[0] == "run":
        folders += ["--reports-dir", str(reports or r)]
    result = CliRunner().invoke(cli, [*args, *folders], env={"CI": "true"})
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _locks(*folders: Path) -> list[Path]:
    return [f / LOCK_FILE for f in folders if (f / LOCK_FILE).exists()]


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def _index_links(reports: Path) -> set[str]:
    html = (reports / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'href="([^"]*)"', html))


# ---- item 8: a mistyped id leaves nothing; pages of departed departments go; no lock file stays ----------


def test_a_mistyped_department_leaves_no_folder_or_page(data_dir: Path, copy_seed: Callable[[str], Path]) -> None:
    copy_seed("gzkfq-ip-2025")
    processed, reports = _dirs(data_dir)
    result = _cli(["run", "nosuch"], data_dir)
    assert result.exit_code == 1 and "找不到部门文件夹" in result.output and "nosuch" in result.output
    assert not processed.exists() and not reports.exists()  # not a page, not a folder, not a lock


def test_pages_of_departments_gone_from_the_data_folder_are_removed(
    data_dir: Path, copy_seed: Callable[[str], Path]
) -> None:
    for dept in SMALL:
        copy_seed(dept)
    processed, reports = _dirs(data_dir)
    assert _cli(["run", "--all"], data_dir).exit_code == 0
    assert not _locks(processed, reports)  # a run that ended normally leaves no lock file
    mine = [reports / "notes.html", reports / "other.findings.xlsx", processed / "nantong-ipc-2025" / "notes.txt"]
    for path in mine:
        path.write_text("not perfnb's", encoding="utf-8")
    gone = data_dir / "nantong-ipc-2025"
    for path in sorted(gone.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    gone.rmdir()
    result = _cli(["run", "--all"], data_dir)
    assert result.exit_code == 0, result.output
    assert not (reports / "nantong-ipc-2025.html").exists()
    assert not (reports / "nantong-ipc-2025.findings.xlsx").exists()
    assert all(p.read_text(encoding="utf-8") == "not perfnb's" for p in mine)  # never a file perfnb did not write
    assert (reports / "gzkfq-ip-2025.html").is_file()
    assert _index_links(reports) == {"gzkfq-ip-2025.html", "gzkfq-ip-2025.findings.xlsx"}
    # a mistyped id beside a real one: the real one runs, the mistyped one leaves nothing and fails the exit code
    result = _cli(["run", "gzkfq-ip-2025", "nosuch"], data_dir)
    assert result.exit_code == 1 and "找不到部门文件夹" in result.output
    assert not (reports / "nosuch.html").exists() and not (processed / "nosuch").exists()
    assert "nosuch" not in (reports / "index.html").read_text(encoding="utf-8")
    assert not _locks(processed, reports)


def test_no_lock_file_is_left_after_an_error_or_ctrl_c(
    data_dir: Path, copy_seed: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_seed("gzkfq-ip-2025")
    (data_dir / "broken-2025").mkdir()  # no department.yaml: fails
    processed, reports = _dirs(data_dir)
    result = _cli(["check"], data_dir)
    assert result.exit_code == 1 and not _locks(processed)
    assert _cli(["check", "gzkfq-ip-2025"], data_dir).exit_code == 0 and not _locks(processed)

    def interrupted(dept_id: str, settings: RunSettings) -> Entry:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run_department", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(["gzkfq-ip-2025"], RunSettings(data_dir, processed, reports, NOTEBOOK))
    assert processed.is_dir() and reports.is_dir() and not _locks(processed, reports)


# ---- item 11: the notebook ships with the package -----------------------------------------------------------


def test_the_packaged_notebook_is_the_repositorys_one() -> None:
    assert DEFAULT_NOTEBOOK.is_file() and DEFAULT_NOTEBOOK.parent.parent == ROOT / "perfnb"
    assert DEFAULT_NOTEBOOK.read_bytes() == NOTEBOOK.read_bytes(), (
        "perfnb/notebooks/department_audit.ipynb must be a copy of notebooks/department_audit.ipynb: "
        "cp notebooks/department_audit.ipynb perfnb/notebooks/"
    )
    # tests/test_wheel.py checks that the built wheel ships it and that the installed package runs it


def test_run_works_from_any_folder_without_notebook(
    data_dir: Path, copy_seed: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_seed("gzkfq-ip-2025")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, reports = _dirs(data_dir)
    result = _cli(["run", "gzkfq-ip-2025"], data_dir)
    assert result.exit_code == 0, result.output
    assert "department_audit.ipynb" in (reports / "gzkfq-ip-2025.html").read_text(encoding="utf-8")


# ---- item 18: reserved ids, output folders inside the data folder ----------------------------------------


@pytest.mark.parametrize("reserved", ["index", "con", "nul", "com1", "lpt9"])
def test_reserved_ids_are_refused(reserved: str) -> None:
    with pytest.raises(DepartmentIdError, match="保留名称"):
        check_dept_id(reserved)


def test_a_department_named_index_never_overwrites_the_index(data_dir: Path, copy_seed: Callable[[str], Path]) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    folder.rename(data_dir / "index")
    processed, reports = _dirs(data_dir)
    result = _cli(["run", "index"], data_dir)
    assert result.exit_code == 1 and "保留名称" in result.output and "index.html 是索引页" in result.output
    assert not reports.exists() and not processed.exists()
    check = _cli(["check", "index"], data_dir)
    assert check.exit_code == 1 and "保留名称" in check.output


@pytest.mark.parametrize(
    ("processed", "reports"),
    [("raw", "reports"), ("raw/out", "reports"), ("processed", "raw"), ("processed", "raw/gzkfq-ip-2025"), ("", "r")],
)
def test_output_folders_in_the_data_folder_are_refused_before_anything_is_written(
    data_dir: Path, copy_seed: Callable[[str], Path], processed: str, reports: str
) -> None:
    copy_seed("gzkfq-ip-2025")
    base = data_dir.parent
    before = _tree(base)
    p, r = base / processed, base / reports  # "": the data folder is <processed>/raw, a department's results folder
    for command in (["run", "gzkfq-ip-2025"], ["check"]):
        if command == ["check"] and processed == "processed":
            continue  # check writes no reports
        result = _cli(command, data_dir, p, r)
        assert result.exit_code == 1 and "拒绝运行" in result.output, result.output
        assert _tree(base) == before and not (data_dir / "out").exists()


# ---- item 19: workers die with their parent; the index follows the reports ------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and process trees: POSIX")
def test_killing_the_parent_kills_workers_and_kernels_and_the_index_matches_the_reports(
    data_dir: Path, copy_seed: Callable[[str], Path]
) -> None:
    import psutil

    for dept in (*SMALL, "nanchang-ip-fund-2020"):
        copy_seed(dept)
    processed, reports = _dirs(data_dir)
    args = ["run", "--all", "--jobs", "2", "--data-dir", str(data_dir), "--processed-dir", str(processed)]
    args += ["--reports-dir", str(reports)]
    quiet = subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "perfnb.cli", *args], stdout=quiet, stderr=quiet,
                            env={**os.environ, "CI": "true"}, start_new_session=True)  # fmt: skip
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not [p for p in reports.glob("*.html") if p.name != "index.html"]:
            children = psutil.Process(proc.pid).children(recursive=True) or children
            time.sleep(0.02)
        children = psutil.Process(proc.pid).children(recursive=True) or children
        os.kill(proc.pid, signal.SIGKILL)  # the parent only
        proc.wait()
        assert len(children) >= 3, children  # two workers and at least one kernel were running
        _, alive = psutil.wait_procs(children, timeout=8)
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert not alive, [p.cmdline() for p in alive]
        pages = {p.name for p in reports.iterdir() if p.suffix in (".html", ".xlsx") and p.name != "index.html"}
        assert pages, "no report was written"
        assert _index_links(reports) == pages  # the index lists exactly the reports there are
        assert len(pages) < 6, "the run was not killed mid-way"
    finally:
        for p in [psutil.Process(proc.pid) if proc.poll() is None else None, *children]:
            if p is not None:
                with contextlib.suppress(psutil.Error):
                    p.kill()


# ---- item 20: read-only folders and a full disk ----------------------------------------------------------


def test_a_read_only_reports_folder_is_named(data_dir: Path, copy_seed: Callable[[str], Path]) -> None:
    copy_seed("gzkfq-ip-2025")
    _, reports = _dirs(data_dir)
    reports.mkdir()
    reports.chmod(0o555)
    try:
        try:
            (reports / "probe").touch()
        except PermissionError:
            pass
        else:
            pytest.skip("this user can write into a read-only folder (root): see the ENOSPC test")
        result = _cli(["run", "gzkfq-ip-2025"], data_dir)
        assert result.exit_code == 1
        assert f"无法写入输出目录 {reports.resolve()}" in result.output and "没有写入权限" in result.output
    finally:
        reports.chmod(0o755)


@pytest.mark.parametrize("failing", ["processed", "reports"])
def test_a_full_disk_is_named_and_what_was_whole_is_kept(
    data_dir: Path, copy_seed: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    copy_seed("gzkfq-ip-2025")
    processed, reports = _dirs(data_dir)
    assert _cli(["run", "gzkfq-ip-2025"], data_dir).exit_code == 0
    before = _tree(processed.parent)
    full = processed if failing == "processed" else reports
    real = perfnb.base.files._write

    def disk_full(path: Path, handle: object, payload: bytes) -> None:
        if full in path.parents:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, handle, payload)  # type: ignore[arg-type]

    monkeypatch.setattr(perfnb.base.files, "_write", disk_full)
    result = _cli(["run", "gzkfq-ip-2025", "--force"], data_dir)
    assert result.exit_code == 1, result.output
    assert f"无法写入输出目录 {full}" in result.output and "磁盘已满" in result.output
    after = _tree(processed.parent)
    assert {k: v for k, v in after.items() if not k.startswith("processed")} == {
        k: v for k, v in before.items() if not k.startswith("processed")
    }  # the reports and the index are the last whole ones
    assert not [k for k in after if k.endswith(".tmp")]
    assert not _locks(processed, reports)
    if failing == "processed":
        assert after == before
        check = _cli(["check", "gzkfq-ip-2025"], data_dir)
        assert check.exit_code == 1 and "磁盘已满" in check.output and f"{processed}" in check.output


# ---- item 22: values read back from disk are validated ----------------------------------------------------


@pytest.mark.parametrize(
    "tamper",
    [
        {"report": "javascript:alert(1)"},
        {"xlsx": "../../etc/passwd"},
        {"report": "../gzkfq-ip-2025.html"},
        {"dept_id": "nantong-ipc-2025"},
        {"findings": {"error": "<script>", "warning": 0, "info": 0}},
        {"findings": {}},
        {"extra": 1},
    ],
)
def test_a_tampered_run_json_never_reaches_the_index(
    data_dir: Path, copy_seed: Callable[[str], Path], tamper: dict[str, object]
) -> None:
    for dept in SMALL:
        copy_seed(dept)
    processed, reports = _dirs(data_dir)
    record = processed / "gzkfq-ip-2025" / "run.json"
    processed.mkdir()
    record.parent.mkdir()
    entry = {"dept_id": "gzkfq-ip-2025", "ok": True, "report": "gzkfq-ip-2025.html", "fingerprint": "",
             "findings": {"error": 0, "warning": 0, "info": 0}}  # fmt: skip
    record.write_text(json.dumps({**entry, **tamper}), encoding="utf-8")
    (reports / "nantong-ipc-2025.html").parent.mkdir()
    result = _cli(["run", "nantong-ipc-2025"], data_dir)  # gzkfq is not run: its record is read back
    assert result.exit_code == 0, result.output
    assert _index_links(reports) == {"nantong-ipc-2025.html", "nantong-ipc-2025.findings.xlsx"}
    html = (reports / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in html and "../" not in html and 'data-dept="gzkfq-ip-2025"' not in html
    assert f"[警告] 忽略 {record}" in result.output  # dropped, and said so
