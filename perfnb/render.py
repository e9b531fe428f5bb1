"""Executing the audit notebook (papermill) and rendering HTML (nbconvert and Jinja2 pages).

* :func:`execute` runs the parameterized notebook for one department with papermill in a fresh
  kernel and returns the executed notebook, cleaned of volatile metadata (timestamps,
  durations, paths), or raises :class:`NotebookError` carrying the failing cell's error and the
  partly executed notebook. :func:`execute_warm` does the same in a kernel kept warm across
  departments (its namespace reset in between): what ``perfnb run`` uses, seconds faster.
* :func:`notebook_html` exports an executed notebook with perfnb's own nbconvert template
  (``perfnb/templates/nbconvert/perfnb``): code hidden, one small inline stylesheet, no
  script and no network reference.
* :func:`page` renders the failure page and the index (``perfnb/templates/pages``) with
  Jinja2 autoescaping, so text from data is always escaped.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import re
import tempfile
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter

from perfnb import __version__
from perfnb.errors import PerfnbError
from perfnb.templating import environment

__all__ = [
    "NotebookError",
    "WarmKernel",
    "clean_notebook",
    "execute",
    "execute_warm",
    "kill_kernels",
    "notebook_html",
    "page",
    "stylesheet",
]

_TEMPLATES = resources.files("perfnb") / "templates"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_VOLATILE = ("start_time", "end_time", "duration", "input_path", "output_path", "environment_variables")


class NotebookError(PerfnbError):
    """Raised when a cell of the audit notebook fails; carries the cell and its error."""

    def __init__(
        self, message: str, *, exec_count: int | None = None, source: str = "", ename: str = "", evalue: str = ""
    ) -> None:
        super().__init__(message)
        self.exec_count = exec_count
        self.source = source
        self.ename = ename
        self.evalue = evalue
        self.notebook: nbformat.NotebookNode | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        state = {k: v for k, v in self.__dict__.items() if k != "notebook"}
        state["notebook"] = None if self.notebook is None else nbformat.writes(self.notebook)
        return (_rebuild_notebook_error, (str(self.args[0]) if self.args else "", state))


def _rebuild_notebook_error(message: str, state: dict[str, Any]) -> NotebookError:
    err = NotebookError(message)
    nb_text = state.pop("notebook", None)
    err.__dict__.update(state)
    err.notebook = None if nb_text is None else nbformat.reads(nb_text, as_version=4)
    return err


@cache
def stylesheet() -> str:
    """The reports' stylesheet (inlined into every page)."""
    return (_TEMPLATES / "report.css").read_text(encoding="utf-8")


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes from run to run (timestamps, durations, paths, random cell ids) so runs are byte-identical."""
    meta = nb.metadata.get("papermill", {})
    for key in _VOLATILE:
        meta.pop(key, None)
    for index, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        added = [t for t in tags if t in ("injected-parameters", "papermill-error-cell-tag")]
        if added:  # cells papermill adds get random ids
            cell["id"] = f"{added[0]}-{index}"
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            if "execution_count" in output:  # a warm kernel's own counter runs on across departments
                output["execution_count"] = cell.get("execution_count")
        for key in _VOLATILE:
            cell.metadata.get("papermill", {}).pop(key, None)
    return nb


def execute(notebook: Path, parameters: Mapping[str, Any], *, cwd: Path | None = None) -> nbformat.NotebookNode:
    """Execute ``notebook`` with ``parameters`` (plain values only) and return it, cleaned."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    with tempfile.TemporaryDirectory(prefix="perfnb-") as tmp:
        out = Path(tmp) / "executed.ipynb"
        try:
            papermill.execute_notebook(
                str(notebook),
                str(out),
                parameters=dict(parameters),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                cwd=str(cwd) if cwd else None,
                extra_arguments=_KERNEL_ARGS,
            )
        except PapermillExecutionError as exc:
            err = _cell_error(exc.ename, exc.evalue, exc.exec_count, exc.source)
            with contextlib.suppress(OSError, ValueError):
                err.notebook = clean_notebook(nbformat.read(out, as_version=4))
            raise err from None
        return clean_notebook(nbformat.read(out, as_version=4))


class WarmKernel:
    """A Python kernel kept running in this process across departments (starting one costs seconds).

    Before each department the kernel's namespace is reset (``%reset -f``), so no department
    sees another's variables; imported modules stay loaded, which is the point. The notebook
    is parameterized by papermill exactly as ``papermill.execute_notebook`` would.
    """

    def __init__(self, cwd: Path) -> None:
        from nbclient import NotebookClient

        self.cwd = cwd
        self._starter = NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3", extra_arguments=_KERNEL_ARGS)
        self._starter.km = self._starter.create_kernel_manager()
        self._starter.start_new_kernel(cwd=str(cwd))
        self._starter.start_new_kernel_client()

    def execute(self, notebook: Path, parameters: Mapping[str, Any]) -> nbformat.NotebookNode:
        """Execute ``notebook`` with ``parameters``; return it cleaned, or raise NotebookError."""
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, DeadKernelError
        from papermill.parameterize import parameterize_notebook

        nb = parameterize_notebook(copy.deepcopy(_notebook(notebook)), dict(parameters))
        client = NotebookClient(nb, km=self._starter.km, kernel_name="python3", timeout=_CELL_TIMEOUT)
        client.kc = self._starter.kc
        self._reset(client)
        try:
            client.execute()
        except CellExecutionError as exc:
            cell = next((c for c in nb.cells if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                        None)  # fmt: skip
            err = _cell_error(
                exc.ename, exc.evalue, cell.execution_count if cell else None, cell.source if cell else ""
            )
            err.notebook = clean_notebook(nb)
            raise err from None
        except DeadKernelError:
            self.close()
            raise NotebookError("笔记本的内核意外退出（内存不足或被终止）") from None
        return clean_notebook(nb)

    def _reset(self, client: Any) -> None:
        msg_id = client.kc.execute("get_ipython().run_line_magic('reset', '-f')", silent=True, store_history=False)
        client.wait_for_reply(msg_id)

    @property
    def alive(self) -> bool:
        """True while the kernel runs."""
        return self._starter.km is not None and bool(self._starter.km.has_kernel)

    def close(self) -> None:
        """Shut the kernel down."""
        with contextlib.suppress(Exception):
            self._starter._cleanup_kernel()

    def kill(self) -> None:
        """End the kernel process at once (this process is about to exit: no time for a shutdown)."""
        km = self._starter.km
        process = getattr(getattr(km, "provisioner", None), "process", None)
        with contextlib.suppress(Exception):
            if process is not None:
                process.kill()


_KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]  # no kernel chatter in the run log
_CELL_TIMEOUT = 600
_WARM: dict[Path, WarmKernel] = {}


def execute_warm(notebook: Path, parameters: Mapping[str, Any], *, cwd: Path) -> nbformat.NotebookNode:
    """Like :func:`execute`, in this process's warm kernel (started on first use, shut at exit)."""
    kernel = _WARM.get(cwd)
    if kernel is None or not kernel.alive:
        kernel = _WARM[cwd] = WarmKernel(cwd)
        atexit.register(kernel.close)
    return kernel.execute(notebook, parameters)


def kill_kernels() -> None:
    """Kill this process's warm kernels (a worker whose run is gone calls it before exiting)."""
    for kernel in list(_WARM.values()):
        kernel.kill()


def _notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path``, read once per content (papermill's loader: tags normalised)."""
    return _notebook_text(path.read_text(encoding="utf-8"), str(path))


@cache
def _notebook_text(text: str, path: str) -> nbformat.NotebookNode:
    from papermill.iorw import load_notebook_node

    del text  # part of the cache key only
    nb: nbformat.NotebookNode = load_notebook_node(path)
    return nb


def _cell_error(ename: str, evalue: str, exec_count: int | None, source: str) -> NotebookError:
    evalue = _ANSI.sub("", str(evalue))
    return NotebookError(
        f"笔记本第 {exec_count} 个代码单元格出错：{ename}: {evalue}",
        exec_count=exec_count,
        source=str(source),
        ename=str(ename),
        evalue=evalue,
    )


@cache
def _exporter() -> HTMLExporter:
    exporter = HTMLExporter(
        template_name="perfnb",
        extra_template_basedirs=[str(_TEMPLATES / "nbconvert")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    return exporter


def export_notebook(path: Path, target: Path) -> None:
    """``perfnb export``: a notebook run by hand, as a report with our template (written atomically)."""
    from perfnb.outputs import atomic_write

    try:
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except (OSError, ValueError) as exc:
        message = f"无法读取笔记本 {path}：{exc}"
        raise PerfnbError(message, file=str(path), expected="Jupyter 笔记本（.ipynb）") from None
    title = str(nb.metadata.get("perfnb", {}).get("title") or path.stem)
    atomic_write(target, notebook_html(nb, title=title, notebook_name=path.name))


def notebook_html(nb: nbformat.NotebookNode, *, title: str, notebook_name: str) -> str:
    """The executed notebook as a standalone HTML report (our template; code hidden)."""
    info = {"title": title, "css": stylesheet(), "version": __version__, "notebook": notebook_name}
    body, _ = _exporter().from_notebook_node(nb, resources={"perfnb": info})
    return str(body)


def page(name: str, **context: Any) -> str:
    """Render the page template ``name`` (autoescaped), with the stylesheet and version."""
    return environment("pages").get_template(name).render(css=stylesheet(), version=__version__, **context)
