"""An error perfnb did not foresee (a bug) fails its department only: the printed line, the failure page and the
index say it in one line naming ``error.log``, and ``<processed>/<dept>/error.log`` holds the full traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from perfnb.cli import cli
from perfnb.run import runner
from perfnb.run.runner import ERROR_LOG, run
from perfnb.run.settings import DEFAULT_NOTEBOOK, RunSettings

BROKEN, FINE = "gzkfq-ip-2025", "nantong-ipc-2025"


def _raise_for(dept_id: str, real: Callable[..., object]) -> Callable[..., object]:
    def broken_step(*args: object, **kwargs: object) -> object:
        folder = next((a for a in args if isinstance(a, Path) and a.name == dept_id), None)
        department = next((a for a in args if getattr(a, "id", None) == dept_id), None)
        if folder is not None or department is not None:
            raise RuntimeError("坏了\n第二行")
        return real(*args, **kwargs)

    return broken_step


def test_an_internal_error_of_perfnb_run_is_logged_in_full(
    data_dir: Path, copy_seed: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import perfnb.report.results
    import perfnb.run.executors

    copy_seed(BROKEN)
    processed, reports = data_dir.parent / "processed", data_dir.parent / "reports"
    monkeypatch.setattr(perfnb.run.executors, "_prestart_kernel", lambda cwd: None)  # no notebook is executed
    real = perfnb.report.results.write_report_data
    monkeypatch.setattr(perfnb.report.results, "write_report_data", _raise_for(BROKEN, real))

    [entry] = run([BROKEN], RunSettings(data_dir, processed, reports, DEFAULT_NOTEBOOK))

    line = entry.line()
    assert not entry.ok
    assert line.startswith(f"{BROKEN}  失败：内部错误：RuntimeError: 坏了\\n第二行（") and f"{BROKEN}/error.log" in line
    assert "Traceback" not in line and "broken_step" not in line and len(line) < 200
    log = (processed / BROKEN / ERROR_LOG).read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in log
    assert "in _run_department" in log and "in broken_step" in log  # the whole chain, down to where it broke
    assert log.rstrip().endswith("RuntimeError: 坏了\n第二行")
    for page in (reports / f"{BROKEN}.html", reports / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert f"{BROKEN}/error.log" in html and "Traceback" not in html
    assert sorted(p.name for p in (processed / BROKEN).iterdir()) == [
        ERROR_LOG, "figures.csv", "findings.csv", "run.json", "summary.json"
    ]  # fmt: skip


def test_an_internal_error_of_perfnb_check_fails_its_department_only(
    data_dir: Path, copy_seed: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for dept in (BROKEN, FINE):
        copy_seed(dept)
    processed = data_dir.parent / "processed"
    monkeypatch.setattr(runner, "check_department", _raise_for(BROKEN, runner.check_department))
    args = ["check", "--data-dir", str(data_dir), "--processed-dir", str(processed)]

    result = CliRunner().invoke(cli, args)

    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "broken_step" not in result.output
    lines = result.output.splitlines()
    why = f"内部错误：RuntimeError: 坏了\\n第二行（完整的出错经过见处理结果目录中的 {BROKEN}/error.log）"
    assert lines[:2] == [f"[错误] {BROKEN}：{why}", f"{BROKEN}  失败（核对出错）"]
    assert lines[2].startswith(f"{FINE}  数字 ")  # the next department was checked all the same
    log = (processed / BROKEN / ERROR_LOG).read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in log and "in broken_step" in log and "in _check_loaded" in log
    assert not (processed / FINE / ERROR_LOG).exists()

    monkeypatch.undo()  # fixed: the next check succeeds, and the log of the earlier error is gone
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert not (processed / BROKEN / ERROR_LOG).exists() and (processed / BROKEN / "summary.json").is_file()


def test_without_an_output_folder_an_internal_error_is_raised(
    data_dir: Path, copy_seed: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check(processed_dir=None)`` writes nothing, so there is nowhere to log: the error is the caller's."""
    copy_seed(BROKEN)
    monkeypatch.setattr(runner, "check_department", _raise_for(BROKEN, runner.check_department))
    with pytest.raises(RuntimeError, match="坏了"):
        runner.check([BROKEN], data_dir, None)
    assert sorted(p.name for p in data_dir.parent.iterdir()) == ["raw"]
