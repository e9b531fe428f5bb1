"""The command line: exit codes, messages for humans, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import CliRunner

from perfnb.cli import cli
from perfnb.format.load import load_department
from perfnb.format.schemadoc import render
from tests.conftest import RAW, REPO_RAW, ROOT, SEEDS


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_help_lists_commands() -> None:
    code, out = run("--help")
    assert code == 0
    for command in ("validate", "new", "schema"):
        assert command in out


def test_console_script_runs() -> None:
    """The installed entry point (python -m perfnb.cli) works in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-m", "perfnb.cli", "--version"], capture_output=True, text=True,
                          cwd=ROOT, check=False)  # fmt: skip
    assert done.returncode == 0 and "perfnb, version 0.1.0" in done.stdout


def test_validate_reports_the_seeds_valid() -> None:
    code, out = run("validate", "--data-dir", str(RAW))
    assert code == 0, out
    lines = out.splitlines()
    for seed in SEEDS:
        assert any(line.startswith(f"{seed}  有效") for line in lines), out
    assert lines[-1] == f"共 {len(SEEDS)} 个部门：{len(SEEDS)} 个有效，0 个无效"


def test_validate_invalid_department_exits_1_without_traceback(
    copy_seed: Callable[[str], Path], data_dir: Path
) -> None:
    folder = copy_seed("gzkfq-ip-2025")
    copy_seed("nantong-ipc-2025")
    (folder / "funds.csv").write_text("id,side\nx,来源\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "perfnb.cli", "validate", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "[错误] gzkfq-ip-2025/funds.csv 第 1 行 列 line：缺少列 line（行名称）" in done.stdout
    assert "nantong-ipc-2025  有效" in done.stdout
    assert done.stdout.splitlines()[-1] == "共 2 个部门：1 个有效，1 个无效"


def test_validate_rejects_path_traversal(data_dir: Path) -> None:
    code, out = run("validate", "../etc", "/abs", "--data-dir", str(data_dir))
    assert code == 1
    assert "[错误] ../etc：部门编号无效" in out and "[错误] /abs：部门编号无效" in out


def test_validate_quiet_hides_warnings() -> None:
    _, loud = run("validate", "binhai-ip-2025", "--data-dir", str(RAW))
    _, quiet = run("validate", "binhai-ip-2025", "--data-dir", str(RAW), "-q")
    assert "[警告]" in loud and "[警告]" not in quiet


def test_missing_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    code, out = run("validate", "--data-dir", str(tmp_path / "nope"))
    assert code == 1 and "数据目录" in out and "不存在" in out


def test_new_then_minimal_fill_validates(data_dir: Path) -> None:
    code, out = run("new", "my-dept", "--data-dir", str(data_dir), "--kind", "project_self_evaluation")
    assert code == 0 and "已创建" in out
    folder = data_dir / "my-dept"
    assert sorted(p.name for p in folder.iterdir()) == [
        "department.yaml", "funds.csv", "indicators.csv", "narrative_targets.csv", "projects.csv",
        "reported_figures.csv",
    ]  # fmt: skip
    empty = load_department("my-dept", data_dir)
    assert {p.column for p in empty.errors} == {"name", "region", "fiscal_year", "source.file", "source.title"}
    header = yaml.safe_load((folder / "department.yaml").read_text(encoding="utf-8"))
    assert header["kind"] == "project_self_evaluation"
    header.update(name="某局", region="某市", fiscal_year=2025, source={"file": "a.pdf", "title": "自评表"})
    (folder / "department.yaml").write_text(yaml.safe_dump(header, allow_unicode=True), encoding="utf-8")
    with (folder / "funds.csv").open("a", encoding="utf-8") as handle:
        handle.write("f1,,来源,,年度资金总额,,,,100,100,,,,90,,,,,,,\n")
    filled = load_department("my-dept", data_dir)
    assert filled.ok, filled.problems
    assert filled.department is not None and str(filled.department.funds[0].executed) == "90"


def test_new_refuses_to_overwrite_and_bad_ids(copy_seed: Callable[[str], Path], data_dir: Path) -> None:
    copy_seed("gzkfq-ip-2025")
    before = sorted(p.read_bytes() for p in (data_dir / "gzkfq-ip-2025").iterdir())
    code, out = run("new", "gzkfq-ip-2025", "--data-dir", str(data_dir))
    assert code == 1 and "部门文件夹已存在" in out
    assert sorted(p.read_bytes() for p in (data_dir / "gzkfq-ip-2025").iterdir()) == before
    code, out = run("new", "../evil", "--data-dir", str(data_dir))
    assert code == 1 and "部门编号无效" in out
    assert not (data_dir.parent / "evil").exists()
    assert sorted(p.name for p in data_dir.iterdir()) == ["gzkfq-ip-2025"]


def test_schema_command_prints_the_guide() -> None:
    code, out = run("schema")
    assert code == 0 and out == render()


def test_committed_format_guide_is_current() -> None:
    assert (REPO_RAW / "README.md").read_text(encoding="utf-8") == render(), "run `make docs`"


def test_check_writes_three_files_per_department(tmp_path: Path) -> None:
    code, out = run("check", "--data-dir", str(RAW), "--processed-dir", str(tmp_path))
    assert code == 0, out
    for name in SEEDS:
        assert sorted(p.name for p in (tmp_path / name).iterdir()) == ["figures.csv", "findings.csv", "summary.json"]
    assert "nanchang-ip-fund-2020  总分 93.31（原文 93.31），等级 优" in out
    assert "共 4 个部门：4 个已核对，0 个失败" in out


def test_check_goes_on_past_a_broken_department(copy_seed: Callable[[str], Path], data_dir: Path,
                                                tmp_path: Path) -> None:  # fmt: skip
    copy_seed("gzkfq-ip-2025")
    broken = copy_seed("nantong-ipc-2025")
    funds = broken / "funds.csv"
    funds.write_text(funds.read_text(encoding="utf-8").replace("879.12", "八百", 1), encoding="utf-8")
    other = copy_seed("binhai-ip-2025")
    header = other / "department.yaml"
    header.write_text(header.read_text(encoding="utf-8").replace("scheme: targets-only", "scheme: no-such-scheme"),
                      encoding="utf-8")  # fmt: skip
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    code, out = run("check", "--data-dir", str(data_dir), "--processed-dir", str(tmp_path / "out"))
    assert code == 1
    assert "nantong-ipc-2025  失败（数据无效）" in out and "“八百”不是数字" in out
    assert "binhai-ip-2025  失败（数据无效）" in out and "评分方案“no-such-scheme”不存在" in out
    assert (tmp_path / "out" / "gzkfq-ip-2025" / "summary.json").is_file()
    assert not (tmp_path / "out" / "nantong-ipc-2025").exists()
    assert "Traceback" not in out
    assert before == {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}  # raw data untouched
