"""Faults: a run killed mid-way, two runs at once, raw data never modified."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from perfnb.cli import cli
from perfnb.run.lock import LOCK_FILE, OutputsBusyError, output_lock
from perfnb.run.runner import run
from perfnb.run.settings import RunSettings
from tests.conftest import RAW  # the seeds, copied: never the user's data/raw

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"


def _complete(path: Path) -> None:
    """Raise unless ``path`` is a whole file of its kind."""
    if path.suffix == ".html":
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), path
    elif path.suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    elif path.suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        assert text.endswith("\n") and text.count("\n") >= 1, path
    elif path.suffix == ".ipynb":
        nbformat.validate(nbformat.read(path, as_version=4))
    elif path.suffix == ".xlsx":
        load_workbook(path).close()


def _final_files(*folders: Path) -> list[Path]:
    return sorted(p for f in folders for p in f.rglob("*") if p.is_file() and not p.name.startswith("."))


@pytest.mark.parametrize("after_reports", [1, 2])  # two departments left: the kill lands mid-run
def test_a_killed_run_leaves_only_whole_files_and_the_next_run_completes(tmp_path: Path, after_reports: int) -> None:
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    args = ["run", "--all", "--data-dir", str(RAW), "--processed-dir", str(processed)]
    args += ["--reports-dir", str(reports), "--notebook", str(NOTEBOOK)]
    env = {**os.environ, "CI": "true"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "perfnb.cli", *args],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 120
    # run.json is what a department's publishing writes last (after its pages): the department is whole then
    while time.monotonic() < deadline and len(list(processed.glob("*/run.json"))) < after_reports:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the runner and its kernel, mid-way through the next department
    proc.wait()
    finished = list(reports.glob("*.findings.xlsx"))
    assert after_reports <= len(finished) < 4, "the run was not killed mid-way"
    for path in _final_files(processed, reports):
        _complete(path)
    entries = run(None, RunSettings(RAW, processed, reports, NOTEBOOK))
    assert [e.ok for e in entries] == [True] * 4
    assert sum(e.skipped for e in entries) >= after_reports  # what the killed run finished is reused
    assert not [p for p in _final_files(processed, reports) if p.suffix == ".tmp"]
    assert not list(reports.glob(".*.tmp")) and not list(processed.glob("*/.*.tmp"))  # stale temporaries removed
    for path in _final_files(processed, reports):
        _complete(path)


def test_a_second_run_on_the_same_outputs_is_refused(tmp_path: Path) -> None:
    settings = RunSettings(RAW, tmp_path / "processed", tmp_path / "reports", NOTEBOOK)
    with output_lock(settings.reports_dir):
        with pytest.raises(OutputsBusyError, match="另一个 perfnb 运行正在写入"):
            run(["nantong-ipc-2025"], settings)
        args = ["run", "nantong-ipc-2025", "--data-dir", str(RAW), "--processed-dir", str(settings.processed_dir)]
        args += ["--reports-dir", str(settings.reports_dir), "--notebook", str(NOTEBOOK)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and "另一个 perfnb 运行正在写入" in result.output
        assert "Traceback" not in result.output
        check = CliRunner().invoke(cli, ["check", "--processed-dir", str(settings.reports_dir)])
        assert check.exit_code == 1 and "另一个 perfnb 运行正在写入" in check.output
    assert not (settings.reports_dir / "nantong-ipc-2025.html").exists()
    assert not (settings.reports_dir / LOCK_FILE).exists()  # released by its holder, never by the refused run


def test_the_lock_is_released_and_one_folder_named_twice_is_locked_once(tmp_path: Path) -> None:
    with output_lock(tmp_path, tmp_path / "."):
        pass
    with output_lock(tmp_path):
        pass


def test_two_runs_started_at_once_do_not_corrupt_each_other(tmp_path: Path) -> None:
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    args = ["run", "gzkfq-ip-2025", "--data-dir", str(RAW), "--processed-dir", str(processed)]
    args += ["--reports-dir", str(reports), "--notebook", str(NOTEBOOK)]
    env = {**os.environ, "CI": "true"}
    procs = [
        subprocess.Popen([sys.executable, "-m", "perfnb.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         env=env, text=True)
        for _ in range(2)
    ]  # fmt: skip
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes in ([0, 0], [0, 1]), outputs  # both ran one after the other, or the second was refused
    if codes == [0, 1]:
        assert any("另一个 perfnb 运行正在写入" in o for o in outputs)
    for path in _final_files(processed, reports):
        _complete(path)
    assert "Traceback" not in "".join(outputs)
