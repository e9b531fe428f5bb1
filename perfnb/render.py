"""Executing the audit notebook (papermill) and rendering HTML (nbconvert and Jinja2 pages).

* :func:`execute` runs the parameterized notebook for one department and returns the
  executed notebook, cleaned of volatile metadata (timestamps, durations, paths), or raises
  :class:`NotebookError` carrying the failing cell's error and the partly executed notebook.
* :func:`notebook_html` exports an executed notebook with perfnb's own nbconvert template
  (``perfnb/templates/nbconvert/perfnb``): code hidden, one small inline stylesheet, no
  script and no network reference.
* :func:`page` renders the failure page and the index (``perfnb/templates/pages``) with
  Jinja2 autoescaping, so text from data is always escaped.
"""

from __future__ import annotations

import contextlib
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

__all__ = ["NotebookError", "clean_notebook", "execute", "notebook_html", "page", "stylesheet"]

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
                extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no kernel chatter in the run log
            )
        except PapermillExecutionError as exc:
            evalue = _ANSI.sub("", str(exc.evalue))
            err = NotebookError(
                f"笔记本第 {exc.exec_count} 个代码单元格出错：{exc.ename}: {evalue}",
                exec_count=exc.exec_count,
                source=str(exc.source),
                ename=str(exc.ename),
                evalue=evalue,
            )
            with contextlib.suppress(OSError, ValueError):
                err.notebook = clean_notebook(nbformat.read(out, as_version=4))
            raise err from None
        return clean_notebook(nbformat.read(out, as_version=4))


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


def notebook_html(nb: nbformat.NotebookNode, *, title: str, notebook_name: str) -> str:
    """The executed notebook as a standalone HTML report (our template; code hidden)."""
    info = {"title": title, "css": stylesheet(), "version": __version__, "notebook": notebook_name}
    body, _ = _exporter().from_notebook_node(nb, resources={"perfnb": info})
    return str(body)


def page(name: str, **context: Any) -> str:
    """Render the page template ``name`` (autoescaped), with the stylesheet and version."""
    return environment("pages").get_template(name).render(css=stylesheet(), version=__version__, **context)
