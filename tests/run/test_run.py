"""End-to-end runs: the audit notebook executed for every seed, reports, index, failures, re-runs."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from click.testing import CliRunner

from perfnb.cli import cli
from perfnb.run.entries import Entry
from perfnb.run.runner import check, run
from perfnb.run.settings import RunSettings
from tests.conftest import RAW  # the seeds, copied: never the user's data/raw

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"
SEEDS = ("binhai-ip-2025", "gzkfq-ip-2025", "nanchang-ip-fund-2020", "nantong-ipc-2025")


def _settings(base: Path, data: Path, notebook: Path = NOTEBOOK, *, force: bool = False) -> RunSettings:
    return RunSettings(data, base / "processed", base / "reports", notebook, force)


def _copy(dept: str, data: Path, new_id: str | None = None) -> Path:
    target = data / (new_id or dept)
    shutil.copytree(RAW / dept, target)
    if new_id:
        header = yaml.safe_load((target / "department.yaml").read_text(encoding="utf-8"))
        header["id"] = new_id
        (target / "department.yaml").write_text(yaml.safe_dump(header, allow_unicode=True), encoding="utf-8")
    return target


def _tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


RAW_BEFORE: dict[str, str] = {}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Entry]]:
    """The four seeds run from their data folder (which must stay untouched) into a temporary folder."""
    base = tmp_path_factory.mktemp("seeds")
    RAW_BEFORE.update(_tree_hash(RAW))
    entries = run(None, _settings(base, RAW), jobs=2)
    return base, entries


def test_raw_data_is_never_modified(seeds: tuple[Path, list[Entry]]) -> None:
    assert RAW_BEFORE and _tree_hash(RAW) == RAW_BEFORE
    assert not list(RAW.rglob(".*.tmp")) and not (RAW / ".perfnb.lock").exists()


def _html(base: Path, dept: str) -> str:
    return (base / "reports" / f"{dept}.html").read_text(encoding="utf-8")


def test_every_seed_gets_a_report(seeds: tuple[Path, list[Entry]]) -> None:
    base, entries = seeds
    assert [e.dept_id for e in entries] == list(SEEDS)
    assert all(e.ok for e in entries), [e.line() for e in entries]
    for dept in SEEDS:
        assert (base / "reports" / f"{dept}.findings.xlsx").is_file()
        assert (base / "processed" / dept / "department_audit.ipynb").is_file()
        assert json.loads((base / "processed" / dept / "run.json").read_text(encoding="utf-8"))["ok"] is True


def test_nanchang_report_shows_score_grade_and_findings(seeds: tuple[Path, list[Entry]]) -> None:
    base, entries = seeds
    html = _html(base, "nanchang-ip-fund-2020")
    assert "<title>南昌市市场监督管理局（知识产权局） · 2020 年度预算绩效自评复核报告</title>" in html
    assert re.search(r'data-field="score">93\.31 <span class="pn-muted">/ 93\.31</span>', html)
    assert re.search(r'data-field="grade">优 <span class="pn-muted">/ 优</span>', html)
    assert '<b data-severity="error">2</b>' in html and '<b data-verdict="differs">8</b>' in html
    with (base / "processed" / "nanchang-ip-fund-2020" / "findings.csv").open(encoding="utf-8-sig") as f:
        found = list(csv.DictReader(f))
    codes = {row["code"] for row in found}
    # each finding names where its row was printed in the document (the row's ref), in the CSV and the report
    refs = {row["ref"] for row in found if row["code"] == "SCORE_MISMATCH"}
    assert refs and all(refs) and all(f"（原表：{ref}）" in html for ref in refs)
    assert codes >= {"SCORE_MISMATCH", "RATE_MISMATCH", "LOW_EXECUTION", "TARGET_TOO_LOW", "DUPLICATE_INDICATOR"}
    for code in codes:
        assert f'<td data-label="代码" class="id">{code}</td>' in html  # attributes as the template writes them
    nanchang = next(e for e in entries if e.dept_id == "nanchang-ip-fund-2020")
    assert (nanchang.score, nanchang.score_reported, nanchang.grade) == ("93.31", "93.31", "优")
    assert nanchang.findings == {"error": 2, "warning": 13, "info": 15}


@pytest.mark.parametrize(
    ("dept", "name", "findings"),
    [
        ("nantong-ipc-2025", "南通", {"error": 0, "warning": 3, "info": 3}),
        ("binhai-ip-2025", "滨海", {"error": 0, "warning": 5, "info": 10}),
        ("gzkfq-ip-2025", "广州", {"error": 0, "warning": 3, "info": 2}),
    ],
)
def test_target_tables_report_their_findings(
    seeds: tuple[Path, list[Entry]], dept: str, name: str, findings: dict[str, int]
) -> None:
    base, entries = seeds
    html = _html(base, dept)
    title = html.split("<title>")[1].split("</title>")[0]
    assert name in title and title.endswith("年度预算绩效目标复核报告")  # a target table has no self-evaluation
    for severity, n in findings.items():
        assert f'<b data-severity="{severity}">{n}</b>' in html
    assert next(e for e in entries if e.dept_id == dept).findings == findings


def test_reports_are_lean_and_offline(seeds: tuple[Path, list[Entry]]) -> None:
    base, _ = seeds
    for dept in SEEDS:
        html = _html(base, dept)
        assert "<script" not in html  # no code, no require.js, no MathJax
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html)  # no network reference
        assert "import " not in html and "Report.build" not in html  # code hidden
        assert html.count("<svg") >= 1 or "只有一个数字" in html  # the budget chart, or why one bar is not drawn


def test_executed_notebooks_are_the_audit_trail(seeds: tuple[Path, list[Entry]]) -> None:
    base, _ = seeds
    nb = nbformat.read(base / "processed" / "nanchang-ip-fund-2020" / "department_audit.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and 'dept_id = "nanchang-ip-fund-2020"' in injected[0].source
    text = nbformat.writes(nb)
    assert "start_time" not in text and "duration" not in text  # volatile metadata stripped
    streams = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type != "execute_result"]
    assert streams == []  # no warning (e.g. "Glyph … missing") and no error in the run


def test_index_lists_every_department(seeds: tuple[Path, list[Entry]]) -> None:
    base, _ = seeds
    index = (base / "reports" / "index.html").read_text(encoding="utf-8")
    for dept in SEEDS:
        assert f'data-dept="{dept}"' in index and f'href="{dept}.html"' in index
    assert "共 4 个部门：4 个已生成报告，0 个失败" in index
    assert '<td data-label="总分（复算）" class="num">93.31</td>' in index


def test_unchanged_departments_are_not_run_again(seeds: tuple[Path, list[Entry]]) -> None:
    base, _ = seeds
    before = {d: (base / "reports" / f"{d}.html").stat().st_mtime_ns for d in SEEDS}
    again = run(None, _settings(base, RAW))
    assert [e.skipped for e in again] == [True] * 4
    assert {d: (base / "reports" / f"{d}.html").stat().st_mtime_ns for d in SEEDS} == before


def test_a_run_is_byte_identical_when_repeated(seeds: tuple[Path, list[Entry]]) -> None:
    base, _ = seeds
    before = _tree_hash(base / "processed") | {f"reports/{k}": v for k, v in _tree_hash(base / "reports").items()}
    assert len(before) == 4 * 7 + 4 * 2 + 1  # 7 processed files and 2 reports per department, index; no lock left
    entries = run(None, _settings(base, RAW, force=True), jobs=2)
    assert all(e.ok and not e.skipped for e in entries)
    after = _tree_hash(base / "processed") | {f"reports/{k}": v for k, v in _tree_hash(base / "reports").items()}
    assert after == before


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Entry]]:
    """A good department, one with bad data, one whose names carry markup, and a bad folder name."""
    base = tmp_path_factory.mktemp("mixed")
    data = base / "raw"
    _copy("nantong-ipc-2025", data)
    broken = _copy("gzkfq-ip-2025", data, "broken-dept")
    funds = (broken / "funds.csv").read_text(encoding="utf-8-sig").splitlines()
    header = funds[0].split(",")
    cells = funds[1].split(",")
    cells[header.index("budget")] = "一百万"
    funds[1] = ",".join(cells)
    (broken / "funds.csv").write_text("\n".join(funds) + "\n", encoding="utf-8")
    xss = _copy("gzkfq-ip-2025", data, "xss-dept")
    head = yaml.safe_load((xss / "department.yaml").read_text(encoding="utf-8"))
    head["name"] = '<script>alert("x")</script>广州{{ 7*7 }}'
    (xss / "department.yaml").write_text(yaml.safe_dump(head, allow_unicode=True), encoding="utf-8")
    (data / "Bad Name").mkdir()
    return base, run(None, _settings(base, data))


def test_one_broken_department_does_not_stop_the_others(mixed: tuple[Path, list[Entry]]) -> None:
    base, entries = mixed
    status = {e.dept_id: e.ok for e in entries}
    assert status == {"Bad Name": False, "broken-dept": False, "nantong-ipc-2025": True, "xss-dept": True}
    broken = next(e for e in entries if e.dept_id == "broken-dept")
    assert "funds.csv" in broken.reason and "数据有" in broken.reason
    page = (base / "reports" / "broken-dept.html").read_text(encoding="utf-8")
    assert "复核失败" in page and "一百万" in page and "budget" in page
    assert not (base / "reports" / "broken-dept.findings.xlsx").exists()
    assert not list((base / "reports").glob("Bad*"))  # never a file named after an invalid id
    index = (base / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'data-dept="broken-dept"' in index and "失败" in index and 'data-dept="Bad Name"' in index
    assert "共 4 个部门：2 个已生成报告，2 个失败" in index


def test_names_with_markup_are_shown_as_text(mixed: tuple[Path, list[Entry]]) -> None:
    base, _ = mixed
    for page in (base / "reports" / "xss-dept.html", base / "reports" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html
        assert "&lt;script&gt;alert(" in html
        assert "{{ 7*7 }}" in html and "广州49" not in html


def test_a_failing_notebook_cell_gives_a_failure_page(tmp_path: Path) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('raise ValueError("演示：单元格出错")', id="boom"))
    broken_nb = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken_nb)
    data = tmp_path / "raw"
    _copy("nantong-ipc-2025", data)
    _copy("gzkfq-ip-2025", data)
    entries = run(["nantong-ipc-2025"], _settings(tmp_path, data, broken_nb))
    (entry,) = entries
    assert not entry.ok and "ValueError: 演示：单元格出错" in entry.reason
    page = (tmp_path / "reports" / "nantong-ipc-2025.html").read_text(encoding="utf-8")
    assert "ValueError" in page and "演示：单元格出错" in page and "raise ValueError" in page
    assert "site-packages" not in page and "Traceback" not in page  # the cell's error, not framework internals
    executed = nbformat.read(tmp_path / "processed" / "nantong-ipc-2025" / "broken.ipynb", as_version=4)
    assert any(o.output_type == "error" for c in executed.cells if c.cell_type == "code" for o in c.outputs)


def test_cli_run_needs_departments_or_all(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "--all" in result.output


def test_cli_run_exits_1_when_a_department_fails(mixed: tuple[Path, list[Entry]]) -> None:
    base, _ = mixed
    args = ["run", "--all", "--data-dir", str(base / "raw"), "--processed-dir", str(base / "processed")]
    args += ["--reports-dir", str(base / "reports"), "--notebook", str(NOTEBOOK)]
    result = CliRunner().invoke(cli, args, env={"CI": "true"})
    assert result.exit_code == 1, result.output
    assert "nantong-ipc-2025  完成（未变，沿用上次结果）" in result.output
    assert "broken-dept  失败：数据有" in result.output
    assert "共 4 个部门：2 个完成，2 个失败" in result.output
    assert "Traceback" not in result.output


def test_notebook_errors_cross_process_pools() -> None:
    import pickle

    from perfnb.report.render import NotebookError

    err = NotebookError("笔记本第 3 个代码单元格出错", exec_count=3, source="x", ename="ValueError", evalue="v")
    err.notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", id="c1")])
    back = pickle.loads(pickle.dumps(err))
    assert (str(back), back.exec_count, back.ename, back.evalue) == (str(err), 3, "ValueError", "v")
    assert back.notebook is not None and back.notebook.cells[0].source == "1"


def test_the_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert [c.id for c in code if "parameters" in c.metadata.get("tags", [])] == ["parameters"]
    assert all(len(c.source.splitlines()) <= 6 for c in code)  # a view: no logic in the notebook


def test_the_notebook_runs_by_hand_with_its_defaults() -> None:
    """The JupyterLab path: opened from notebooks/, run as is (defaults show seed 003)."""
    from perfnb.report.render import execute

    nb = execute(NOTEBOOK, {}, cwd=NOTEBOOK.parent)
    html = "".join(
        o.data.get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs if "data" in o
    )
    assert 'data-field="score">93.31' in html and "南昌市市场监督管理局" in html


def test_a_department_named_twice_runs_once(mixed: tuple[Path, list[Entry]]) -> None:
    base, _ = mixed
    entries = run(["nantong-ipc-2025", "nantong-ipc-2025", "../etc"], _settings(base, base / "raw"))
    assert [(e.dept_id, e.ok) for e in entries] == [("nantong-ipc-2025", True), ("../etc", False)]
    assert "部门编号无效" in entries[1].reason
    assert not (base / "reports" / "..").joinpath("etc.html").exists()


def test_parameters_are_passed_as_plain_values_never_code(tmp_path: Path) -> None:
    """A data folder whose path reads like code is passed to the notebook as a string, not run."""
    weird = tmp_path / 'x"; __import__("os").system("touch PWNED"); y="\n{{ 7*7 }}'
    _copy("gzkfq-ip-2025", weird)
    (entry,) = run(["gzkfq-ip-2025"], _settings(tmp_path, weird))
    assert entry.ok, entry.reason
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists()
    nb = nbformat.read(tmp_path / "processed" / "gzkfq-ip-2025" / "department_audit.ipynb", as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert '\\"; __import__(\\"os\\")' in injected.source  # quoted inside a string literal
    html = (tmp_path / "reports" / "gzkfq-ip-2025.html").read_text(encoding="utf-8")
    # a data folder outside the project is not printed (reports do not depend on where folders are)
    assert "<tr><th>data_dir</th><td>（项目目录之外，路径不记录）</td></tr>" in html
    assert "__import__" not in html


def test_a_changed_department_is_the_only_one_run_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import perfnb.run.runner as runner

    data = tmp_path / "raw"
    for dept in ("gzkfq-ip-2025", "nantong-ipc-2025"):
        _copy(dept, data)
    executed: list[str] = []
    real = runner.run_department

    def recording(dept_id: str, settings: RunSettings) -> Entry:
        executed.append(dept_id)
        return real(dept_id, settings)

    monkeypatch.setattr(runner, "run_department", recording)
    run(None, _settings(tmp_path, data))
    assert executed == ["gzkfq-ip-2025", "nantong-ipc-2025"]
    executed.clear()
    run(None, _settings(tmp_path, data))
    assert executed == []  # nothing changed: nothing executed
    projects = data / "nantong-ipc-2025" / "projects.csv"
    projects.write_text(projects.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # same data, new bytes
    entries = run(None, _settings(tmp_path, data))
    assert executed == ["nantong-ipc-2025"]
    assert [(e.dept_id, e.skipped) for e in entries] == [("gzkfq-ip-2025", True), ("nantong-ipc-2025", False)]
    executed.clear()
    run(None, _settings(tmp_path, data, force=True))
    assert executed == ["gzkfq-ip-2025", "nantong-ipc-2025"]
    executed.clear()
    (tmp_path / "processed" / "gzkfq-ip-2025" / "indicators.csv").unlink()  # a result file removed
    check(["nantong-ipc-2025"], data, tmp_path / "processed")  # a check since: the run's report.json is dropped
    assert not (tmp_path / "processed" / "nantong-ipc-2025" / "report.json").exists()
    run(None, _settings(tmp_path, data))
    assert executed == ["gzkfq-ip-2025", "nantong-ipc-2025"]  # both run again: their results are whole again
    assert (tmp_path / "processed" / "nantong-ipc-2025" / "report.json").is_file()


def test_departments_never_see_each_others_variables(tmp_path: Path) -> None:
    """The warm kernel is reset between departments: a variable of one is gone for the next."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_code_cell('assert "report" not in globals(), "变量泄漏"', id="no-leak"))
    checked = tmp_path / "checked.ipynb"
    nbformat.write(nb, checked)
    data = tmp_path / "raw"
    for dept in ("gzkfq-ip-2025", "nantong-ipc-2025"):
        _copy(dept, data)
    entries = run(None, _settings(tmp_path, data, checked))
    assert [e.ok for e in entries] == [True, True], [e.reason for e in entries]


def test_the_dask_executor_gives_the_same_results(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    data = tmp_path / "raw"
    for dept in ("gzkfq-ip-2025", "nantong-ipc-2025"):
        _copy(dept, data)
    (data / "Bad Name").mkdir()
    local = run(None, _settings(tmp_path, data, force=True), jobs=2)
    before = _tree_hash(tmp_path / "processed") | {f"r/{k}": v for k, v in _tree_hash(tmp_path / "reports").items()}
    settings = RunSettings(data, tmp_path / "processed", tmp_path / "reports", NOTEBOOK, True, "dask")
    dask = run(None, settings, jobs=2)
    after = _tree_hash(tmp_path / "processed") | {f"r/{k}": v for k, v in _tree_hash(tmp_path / "reports").items()}
    assert [e.line() for e in dask] == [e.line() for e in local]
    assert after == before
