"""A new user's first hour (issue 16 §1–§4, §9, §10, §12): what they meet before any report is read."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import RAW, REPO_RAW, SEEDS

TESTS = Path(__file__).parents[1]


def test_the_suite_runs_on_a_copy_of_the_seeds_only() -> None:
    """A user's own department in data/raw (perfnb new) must not break `make test`: tests get a copy of the seeds."""
    assert RAW.resolve() != REPO_RAW.resolve()
    assert sorted(p.name for p in RAW.iterdir()) == sorted(SEEDS)


def test_no_test_module_points_at_data_raw_itself() -> None:
    pattern = re.compile(r"""ROOT\s*/\s*["']data["']\s*/\s*["']raw["']|ROOT\s*/\s*["']data/raw["']""")
    offenders = [p.name for p in TESTS.glob("test_*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


# --- §2 each kind gets a scheme that fits -------------------------------------------------------------


def test_new_gives_each_kind_a_scheme_that_fits(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from perfnb.cli import cli
    from perfnb.format.kinds import DEFAULT_SCHEMES

    for kind, scheme in DEFAULT_SCHEMES.items():
        out = CliRunner().invoke(
            cli, ["new", f"d-{kind.replace('_', '-')}", "--kind", kind, "--data-dir", str(tmp_path)]
        )
        assert out.exit_code == 0, out.output
        header = yaml.safe_load((tmp_path / f"d-{kind.replace('_', '-')}" / "department.yaml").read_text("utf-8"))
        assert (header["kind"], header["scheme"]) == (kind, scheme)
    assert DEFAULT_SCHEMES["project_self_evaluation"] == "mof-2020-project"


def test_validate_warns_on_a_self_evaluation_under_a_scheme_that_scores_nothing(
    copy_seed: object, tmp_path: Path
) -> None:
    import shutil

    from perfnb.format.load import load_department
    from perfnb.format.problems import Severity

    fixture = Path(__file__).parents[1] / "fixtures" / "raw" / "synthetic-national-2024"
    folder = Path(shutil.copytree(fixture, tmp_path / "raw" / fixture.name))
    header = folder / "department.yaml"
    header.write_text(header.read_text("utf-8").replace("scheme: mof-2020-project", "scheme: targets-only"), "utf-8")
    problems = load_department(fixture.name, tmp_path / "raw").problems
    (warning,) = [p for p in problems if p.code == "scheme_kind"]
    assert warning.severity is Severity.WARNING and "不会复算" in warning.message
    assert "mof-2020-project" in (warning.expected or "")


def test_the_chinese_quick_start_shows_the_kind() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## 中文快速上手", 1)[1].split("\n## ", 1)[0]
    assert "perfnb new my-dept-2025 --kind project_self_evaluation" in quick


# --- §4 the section words a total or execution row takes ----------------------------------------------


def test_the_format_guide_lists_every_section_word_the_engine_knows() -> None:
    from perfnb.format.kinds import SECTION_WORDS
    from perfnb.format.schemadoc import render

    guide = render()
    for words in SECTION_WORDS.values():
        for word in words:
            assert f"`{word}`" in guide, word


@pytest.mark.parametrize("section", ["预算执行", "预算执行率", "资金执行", " 预算执行 ", "预算执行指标"])
def test_the_usual_execution_section_variants_are_understood(tmp_path: Path, section: str) -> None:
    from perfnb.engine.figures import Verdict
    from tests.engine.test_national import figure, mutated

    result = mutated(tmp_path, {("reported_figures.csv", "r2", "section"): section})
    assert figure(result, "r2").verdict is Verdict.AGREES  # 预算执行率分值 10


# --- §10 wording --------------------------------------------------------------------------------------


def test_no_finding_title_contradicts_the_severities_its_messages_take() -> None:
    """EMPTY_CATEGORY is a warning for a required category and a note for an optional one: its title says
    neither 必填 nor 可选."""
    from perfnb.engine.findings import CODES

    assert "必填" not in CODES["EMPTY_CATEGORY"].title and "可选" not in CODES["EMPTY_CATEGORY"].title


def test_a_figure_made_of_rows_names_them_not_their_ids(tmp_path: Path) -> None:
    from perfnb import load
    from perfnb.engine.check import check_department

    result = check_department(load("nanchang-ip-fund-2020", RAW))
    formulas = " ".join(f.formula for f in result.figures) + " ".join(f.message for f in result.findings)
    assert not re.search(r"\bi-p\d", formulas)
    assert "未规定“None”" not in formulas


# --- §9 make lab as root, §12 make reports installs only what a run needs -------------------------------


ROOT = Path(__file__).resolve().parents[2]


def test_make_lab_allows_root_only_when_root() -> None:
    import os
    import subprocess

    done = subprocess.run(["make", "-n", "-W", ".venv/.installed-stamp", "lab"], cwd=ROOT, capture_output=True,
                          text=True, check=False)  # fmt: skip
    line = [x for x in done.stdout.splitlines() if "jupyter lab" in x][-1]
    assert ("--allow-root" in line) == (os.geteuid() == 0 if hasattr(os, "geteuid") else False)


def test_make_reports_installs_the_run_lock_only() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^reports: \$\(RUN_STAMP\)", makefile, re.M)
    run_lock = (ROOT / "requirements-run.lock").read_text(encoding="utf-8")
    names = {line.split("==")[0].lower() for line in run_lock.splitlines() if "==" in line}
    assert not names & {"jupyterlab", "distributed", "dask", "mypy", "ruff", "hypothesis", "pytest", "fpdf2"}
    assert {"papermill", "nbconvert", "matplotlib", "pandas", "openpyxl"} <= names


def test_the_run_lock_is_what_runlock_derives_from_requirements_lock() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "runlock.py")], capture_output=True, text=True,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == (ROOT / "requirements-run.lock").read_text(encoding="utf-8"), "run `make lock`"
    full = set((ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())
    assert set(done.stdout.splitlines()) <= full  # the same pins


def test_a_hand_run_notebook_exports_with_perfnbs_template(tmp_path: Path) -> None:
    """`perfnb export` (§9): the report template, code hidden, no script, no network reference."""
    import nbformat
    from click.testing import CliRunner

    from perfnb.cli import cli

    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print('secret_code_text')")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="复核输出\n")]
    nb.cells = [nbformat.v4.new_markdown_cell("# 手工运行的复核"), code]
    path = tmp_path / "hand.ipynb"
    nbformat.write(nb, path)
    out = CliRunner().invoke(cli, ["export", str(path)])
    assert out.exit_code == 0, out.output
    html = (tmp_path / "hand.html").read_text(encoding="utf-8")
    assert "复核输出" in html and "手工运行的复核" in unescape(html)  # nbconvert writes headings as &#…; references
    assert "secret_code_text" not in html and "<script" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)


def test_export_of_a_file_that_is_no_notebook_says_so(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from perfnb.cli import cli

    path = tmp_path / "x.ipynb"
    path.write_text("not json", encoding="utf-8")
    out = CliRunner().invoke(cli, ["export", str(path)])
    assert out.exit_code != 0 and "无法读取笔记本" in out.output and "Traceback" not in out.output


# --- §3 nothing internal reaches a reader -------------------------------------------------------------


def test_a_missing_department_names_the_data_folder_used(tmp_path: Path) -> None:
    from perfnb.base.errors import PerfnbError
    from perfnb.format.paths import department_dir

    mine = tmp_path / "我的数据"
    mine.mkdir()
    with pytest.raises(PerfnbError) as caught:
        department_dir(mine, "no-such-dept")
    assert str(mine) in (caught.value.expected or "") and "data/raw" not in (caught.value.expected or "")


def test_the_failure_page_prints_no_python_none() -> None:
    from perfnb.report.render import page
    from perfnb.run.entries import Entry

    problems = [{"severity": "error", "severity_label": "错误", "file": "d/department.yaml", "row": None,
                 "column": None, "value": None, "message": "缺少 name", "expected": None}]  # fmt: skip
    html = page(
        "failure.html.j2", entry=Entry("d", False, reason="数据无效"), problems=problems, cell=None, notebook=""
    )
    assert "None" not in html and "data/raw" not in html


def test_the_basis_is_said_once(tmp_path: Path) -> None:
    """§10: 依据 was “按到位数计算（…）；与按到位数计算（…）的结果（99.76）相符”: the note already names it."""
    from perfnb.report.notebook import Report

    table = Report.build("nanchang-ip-fund-2020", RAW).figures_table()
    for text in table["依据"]:
        assert not re.match(r"^(按[^；]+)；与\1", str(text)), text
    assert any("与按到位数计算" in str(t) for t in table["依据"])


def test_a_section_the_engine_does_not_know_is_a_validation_warning(tmp_path: Path) -> None:
    """The new user's 执行率得分 / 预算执行情况X: silently not checked before; now said at validation (and
    预算执行情况 itself is understood)."""
    import shutil

    from perfnb.format.load import load_department
    from tests.engine.test_national import figure, mutated

    result = mutated(tmp_path / "a", {("reported_figures.csv", "r3", "section"): "预算执行情况"})
    assert figure(result, "r3").recomputed is not None  # understood: the execution score is checked
    fixture = Path(__file__).parents[1] / "fixtures" / "raw" / "synthetic-national-2024"
    folder = Path(shutil.copytree(fixture, tmp_path / "b" / fixture.name))
    figures = folder / "reported_figures.csv"
    figures.write_text(figures.read_text("utf-8").replace(",score,预算执行,", ",score,执行率得分,"), "utf-8")
    (warning,) = [p for p in load_department(fixture.name, tmp_path / "b").problems if p.code == "section"]
    assert warning.value == "执行率得分" and "预算执行" in (warning.expected or "")


def test_the_failure_page_stacks_on_a_phone_and_counts_errors_apart() -> None:
    from perfnb.report.render import page
    from perfnb.run.entries import Entry

    row = {"severity": "error", "severity_label": "错误", "file": "d/funds.csv", "row": 3, "column": "weight",
           "value": "1O", "message": "不是数字", "expected": "数字"}  # fmt: skip
    rows = [row, {**row, "severity": "warning", "severity_label": "警告"}]
    entry = Entry("d", False, reason="数据有 1 处错误")
    html = page("failure.html.j2", entry=entry, problems=rows, cell=None, notebook="")
    assert 'class="pn-table pn-stack"' in html and 'data-label="应为"' in html
    assert "数据问题（2 处，其中错误 1 处）" in html


def test_run_from_another_folder_blames_the_folder_not_the_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from perfnb.cli import cli

    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(cli, ["run", "nanchang-ip-fund-2020"])
    assert out.exit_code != 0 and "数据目录 data/raw 不存在" in out.output and "部门编号写错了" not in out.output


def test_a_money_mismatch_shows_the_amount_as_given(tmp_path: Path) -> None:
    """The trial's “复算 132.91万元 … 四舍五入为 133万元” for 132.912: the amount is shown as it adds up."""
    from tests.engine.test_national import mutated

    edits = {("funds.csv", "f-p1", "budget"): "0", ("funds.csv", "f-p1-cur", "budget"): "95.005"}
    result = mutated(tmp_path, edits)
    (message,) = [f.message for f in result.findings if f.code == "SUM_MISMATCH" and "全年预算数" in f.message]
    assert "复算 120.005万元" in message and "四舍五入为 120万元，相差 -120万元" in message


def test_an_actual_without_unit_gets_its_completion_rate_too() -> None:
    """The scorecard reads ≥50个 → 40 as 40个 (issue 15 §7); the report's completion rate does the same."""
    from perfnb.engine.rates import completion
    from perfnb.format.targets import parse_value

    done = completion(parse_value("≥50个"), parse_value("40"))
    assert (done.percent, done.met) == (Decimal(80), False)
