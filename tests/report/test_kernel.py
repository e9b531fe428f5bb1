"""What the faster notebook path must keep: nbformat still validates without rfc3987_syntax imported, the warm
kernel's cheap reset still isolates departments (after a success, a failure, a warm-up), it does not run a full
garbage collection, a kernel started early is the one used and is not waited for, and a dead kernel is still
reported and replaced. (Timings are measured by a script, never here.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from perfnb.report import render
from perfnb.report.render import NotebookError, execute_warm, prestart

ROOT = Path(__file__).resolve().parents[2]


def _notebook(path: Path, *sources: str) -> Path:
    """A notebook with a ``parameters`` cell (``x``) and one code cell per source."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 0", id="params", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(source, id=f"c{i}") for i, source in enumerate(sources)]
    nbformat.write(nb, path)
    return path


def _stdout(nb: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "stream")


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of its own, so that the tests here share one warm kernel (keyed by folder) and no other's."""
    return tmp_path_factory.mktemp("warm")


def test_nbformat_is_imported_without_rfc3987_syntax_and_still_validates() -> None:
    code = """
import json, sys
import perfnb.report.render
import nbformat
out = {"rfc3987_syntax": "rfc3987_syntax" in sys.modules, "jsonschema": "jsonschema" in sys.modules}
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", id="a")])
nbformat.validate(nbformat.reads(nbformat.writes(nb), as_version=4))
bad = nbformat.reads(nbformat.writes(nb), as_version=4)
bad.cells[0].outputs = [nbformat.from_dict({"output_type": "stream", "name": "stdout"})]  # no "text"
try:
    nbformat.validate(bad)
    out["invalid"] = "accepted"
except nbformat.ValidationError as exc:
    out["invalid"] = exc.message
try:
    perfnb.report.render.notebook_html(bad, title="t", notebook_name="n.ipynb")
    out["exported"] = "yes"
except nbformat.ValidationError:
    out["exported"] = "ValidationError"
try:
    import rfc3987_syntax  # later imports of it still work: it was only kept out of jsonschema's first import
    out["importable"] = True
except ImportError:
    out["importable"] = "not installed"
print(json.dumps(out))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    out = json.loads(done.stdout.splitlines()[-1])
    assert out["jsonschema"] is True  # nbformat's import did import jsonschema...
    assert out["rfc3987_syntax"] is False  # ...without rfc3987_syntax
    assert out["invalid"] == "'text' is a required property"
    assert out["exported"] == "ValidationError"  # notebook_html still validates what it exports
    assert out["importable"] in (True, "not installed")


def test_no_department_sees_variables_of_the_one_before(tmp_path: Path, kernel_dir: Path) -> None:
    defines = _notebook(
        tmp_path / "a.ipynb", "leaked = 'from a'", "import json\nget_ipython = None  # not needed to reset"
    )
    checks = _notebook(tmp_path / "b.ipynb", "print(sorted(k for k in ('leaked', 'json', 'x') if k in globals()))")
    execute_warm(defines, {"x": 1}, cwd=kernel_dir)
    nb = execute_warm(checks, {"x": 2}, cwd=kernel_dir)
    assert _stdout(nb) == "['x']\n"  # only its own parameter: not a's variable, nor the module a imported


def test_a_failing_department_is_reported_and_its_variables_do_not_leak(tmp_path: Path, kernel_dir: Path) -> None:
    failing = _notebook(tmp_path / "fail.ipynb", "leaked = 1", "raise ValueError('演示：出错')", "never = 1")
    checks = _notebook(tmp_path / "b.ipynb", "print('leaked' in globals(), 'never' in globals())")
    with pytest.raises(NotebookError) as caught:
        execute_warm(failing, {"x": 1}, cwd=kernel_dir)
    assert (caught.value.ename, caught.value.evalue) == ("ValueError", "演示：出错")
    assert caught.value.source == "raise ValueError('演示：出错')"
    assert caught.value.notebook is not None
    for _ in range(2):  # the reset sent just after the failing cell, and the next one
        assert _stdout(execute_warm(checks, {"x": 2}, cwd=kernel_dir)) == "False False\n"


def test_the_reset_between_departments_runs_no_garbage_collection(tmp_path: Path, kernel_dir: Path) -> None:
    """IPython's ``%reset -f`` calls gc.collect() twice (60-230 ms); ours must not call it at all."""
    counts = _notebook(
        tmp_path / "count.ipynb",
        "import gc, sys\n"
        "sys.perfnb_gc_calls = []\n"
        "sys.perfnb_gc_collect = gc.collect\n"
        "gc.collect = lambda *a, **k: (sys.perfnb_gc_calls.append(a), sys.perfnb_gc_collect(*a, **k))[1]",
    )
    reads = _notebook(
        tmp_path / "read.ipynb",
        "import gc, sys\ngc.collect = sys.perfnb_gc_collect\nprint(len(sys.perfnb_gc_calls))",
    )
    execute_warm(counts, {"x": 1}, cwd=kernel_dir)
    assert _stdout(execute_warm(reads, {"x": 2}, cwd=kernel_dir)) == "0\n"


def test_a_prestarted_kernel_is_not_waited_for_and_its_warm_up_leaves_no_variable(tmp_path: Path) -> None:
    """prestart returns while its warm-up still runs: the warm-up waits for a file the test writes only after
    prestart has returned (were it waited for, it would give up and say so), then the first department runs
    in that same kernel, after it, with a clean namespace."""
    flag = tmp_path / "go"
    warmup = (
        "import pathlib, sys, time\n"
        "warm_var = 1\n"
        f"for _ in range(600):\n    if pathlib.Path({str(flag)!r}).exists(): break\n    time.sleep(0.05)\n"
        "sys.perfnb_warm = 'saw the file' if pathlib.Path(" + repr(str(flag)) + ").exists() else 'gave up'\n"
        "print('warm-up output')"
    )
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    prestart(cwd, warmup)
    kernel = render._WARM[cwd]
    flag.write_text("go", encoding="utf-8")
    checks = _notebook(tmp_path / "b.ipynb", "import sys\nprint(sys.perfnb_warm, 'warm_var' in globals())")
    nb = execute_warm(checks, {"x": 1}, cwd=cwd)
    assert render._WARM[cwd] is kernel  # the kernel prestart started
    assert _stdout(nb) == "saw the file False\n"  # the warm-up's output is not the department's
    prestart(cwd)  # started already: nothing new
    assert render._WARM[cwd] is kernel


def test_a_failing_warm_up_does_not_stop_the_first_department(tmp_path: Path) -> None:
    prestart(tmp_path, "raise ValueError('warm-up failed')")
    nb = execute_warm(_notebook(tmp_path / "b.ipynb", "print(x)"), {"x": 7}, cwd=tmp_path)
    assert _stdout(nb) == "7\n"


def test_a_dead_kernel_is_reported_then_replaced(tmp_path: Path) -> None:
    dies = _notebook(tmp_path / "dies.ipynb", "import os\nos._exit(1)")
    with pytest.raises(NotebookError, match="内核意外退出"):
        execute_warm(dies, {"x": 1}, cwd=tmp_path)
    assert _stdout(execute_warm(_notebook(tmp_path / "b.ipynb", "print(x)"), {"x": 2}, cwd=tmp_path)) == "2\n"
    process = render._WARM[tmp_path]._starter.km.provisioner.process  # type: ignore[union-attr]
    process.kill()  # killed while idle, between departments: the next one gets a new kernel
    process.wait()
    assert _stdout(execute_warm(_notebook(tmp_path / "c.ipynb", "print(x)"), {"x": 3}, cwd=tmp_path)) == "3\n"


def test_a_run_starts_its_kernel_before_checking_its_first_department(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``perfnb run`` (in process here; each pool worker does the same in its initializer) starts the kernel and
    sends it the report's imports before the first department is checked, so the two overlap."""
    from perfnb.run import executors

    events: list[str] = []
    monkeypatch.setattr(render, "prestart", lambda cwd, warmup=None: events.append(f"prestart {warmup}"))

    def work(dept_id: str, settings: object) -> str:
        events.append(dept_id)
        return dept_id

    assert list(executors._in_process(work, ["a", "b"], None, 1)) == ["a", "b"]  # type: ignore[arg-type]
    assert events == [f"prestart {executors.KERNEL_WARMUP}", "a", "b"]
    assert executors.KERNEL_WARMUP == "import perfnb.report.notebook"
    events.clear()
    executors._run_worker_init(tmp_path)
    assert events == [f"prestart {executors.KERNEL_WARMUP}"]


def test_the_export_is_nbconvert_s_without_its_soup_pass(tmp_path: Path) -> None:
    """perfnb's exporter skips only HTMLExporter's BeautifulSoup pass: parsed back by BeautifulSoup, our page is
    nbconvert's own byte for byte, and the pass would have had nothing to do (no image without alt text, no
    JupyterLab cell wrapper to make focusable)."""
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from tests.conftest import RAW

    notebook = ROOT / "notebooks" / "department_audit.ipynb"
    params = {"dept_id": "nanchang-ip-fund-2020", "data_dir": str(RAW), "processed_dir": str(tmp_path)}
    nb = execute_warm(notebook, {**params, "notebook": str(notebook)}, cwd=tmp_path)
    ours = render.notebook_html(nb, title="t", notebook_name="n")
    exporter = render._exporter()
    plain = HTMLExporter(
        template_name="perfnb",
        extra_template_basedirs=exporter.extra_template_basedirs,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    info = {"title": "t", "css": render.stylesheet(), "version": render.__version__, "notebook": "n"}
    theirs, _ = plain.from_notebook_node(nb, resources={"perfnb": info})
    assert ours != theirs  # the soup pass re-serialises: the skip is real
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs
    soup = BeautifulSoup(ours, features="html.parser")
    assert not soup.select("img:not([alt])") and not soup.select(".jp-Notebook div.jp-Cell-inputWrapper")
    assert not soup.select(".jp-Notebook div.jp-OutputArea-output") and "<svg" in ours
