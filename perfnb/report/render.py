"""Executing the audit notebook (papermill) and rendering HTML (nbconvert and Jinja2 pages).

* :func:`execute` runs the parameterized notebook for one department with papermill in a fresh
  kernel and returns the executed notebook, cleaned of volatile metadata (timestamps,
  durations, paths), or raises :class:`NotebookError` carrying the failing cell's error and the
  partly executed notebook. :func:`execute_warm` does the same in a kernel kept warm across
  departments (its namespace reset in between): what ``perfnb run`` uses, seconds faster.
  :func:`prestart` starts that kernel early (and sends it warm-up code) without waiting for it.
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
import queue
import re
import sys
import tempfile
import time
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from perfnb.base.errors import PerfnbError
from perfnb.base.version import __version__
from perfnb.report.templating import environment

# nbformat imports jsonschema, whose ``_format`` module imports ``rfc3987_syntax`` when it is installed, and that
# compiles some 35 Lark grammars at import: 1.3 s in every process that imports nbformat, for the "iri" and
# "iri-reference" formats only, which no Jupyter schema uses (nbformat does not even check formats). Upstream:
# https://github.com/python-jsonschema/jsonschema/issues/1428. So while jsonschema is first imported here,
# ``rfc3987_syntax`` is marked as missing (jsonschema then simply leaves those two formats unchecked), and the
# mark is taken off again at once: code that imports rfc3987_syntax itself later still gets it. Nothing is done
# when jsonschema or rfc3987_syntax is already imported. For this to hold, code in perfnb imports this module
# before it imports nbformat (or nbconvert, nbclient, papermill) for the first time.
_RFC3987_BLOCKED = "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules
if _RFC3987_BLOCKED:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # an import of it raises ImportError
try:
    import nbformat  # imports jsonschema (nbconvert, imported later where it is used, then finds it imported)
finally:
    if _RFC3987_BLOCKED and "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is None:
        del sys.modules["rfc3987_syntax"]

__all__ = [
    "NotebookError",
    "WarmKernel",
    "clean_notebook",
    "execute",
    "execute_warm",
    "kill_kernels",
    "notebook_html",
    "notebook_text",
    "page",
    "prepare_export",
    "prestart",
    "stylesheet",
]

_TEMPLATES = resources.files("perfnb.report") / "templates"
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

    Before each department the kernel's namespace is reset (as ``%reset -f`` does), so no department
    sees another's variables; imported modules stay loaded, which is the point. The notebook is
    parameterized by papermill exactly as ``papermill.execute_notebook`` would.

    Creating one launches the kernel process without waiting for it to be ready: the first
    :meth:`execute` waits, so a caller can start it early (:func:`prestart`) and do other work meanwhile.
    After each department the reset is sent at once, without waiting: the kernel frees the department's
    objects while this process writes its report, and the next :meth:`execute` only checks it was done.
    """

    def __init__(self, cwd: Path) -> None:
        from nbclient import NotebookClient

        self.cwd = cwd
        # _starter owns the kernel (starts it, shuts it down); _runner executes the notebooks in it, one
        # NotebookClient for all departments (it does not own the kernel: it never shuts it down).
        self._starter = NotebookClient(
            nbformat.v4.new_notebook(), kernel_name="python3", extra_arguments=list(_KERNEL_ARGS)
        )
        self._starter.km = self._starter.create_kernel_manager()
        self._starter.start_new_kernel(cwd=str(cwd))  # launches the process; does not wait for it
        try:
            kc = self._starter.kc = self._starter.km.client()
            kc.start_channels()
        except BaseException:
            with contextlib.suppress(Exception):
                self._starter._cleanup_kernel()
            raise
        kc.allow_stdin = False
        self._kc: Any = kc
        self._runner = NotebookClient(
            nbformat.v4.new_notebook(), km=self._starter.km, kernel_name="python3", timeout=_CELL_TIMEOUT
        )
        self._runner.kc = kc
        self._ready = False  # the kernel has answered (kernel_info)
        self._clean = True  # nothing has run in its namespace since it started or was last reset
        self._reset_id: str | None = None  # the reset sent and not yet confirmed
        self._pending_id: str | None = None  # the last request sent here (warm-up or reset) and not yet answered

    def warm_up(self, code: str) -> None:
        """Send ``code`` to the kernel without waiting (e.g. imports); the next :meth:`execute` resets after it.

        Its replies and outputs are never taken for a department's: nbclient keeps only the messages whose
        parent is the request it waits for. It is sent silently, so a failure of it does not abort the
        requests queued behind it (the reset, the first department); that department meets the error itself.
        """
        self._pending_id = self._kc.execute(code, silent=True, store_history=False, stop_on_error=False)
        self._clean = False
        self._reset_id = None  # a reset sent before it no longer counts: another is sent after it

    def execute(self, notebook: Path, parameters: Mapping[str, Any]) -> nbformat.NotebookNode:
        """Execute ``notebook`` with ``parameters``; return it cleaned, or raise NotebookError."""
        from nbclient.exceptions import CellExecutionError, DeadKernelError
        from papermill.parameterize import parameterize_notebook

        nb = parameterize_notebook(copy.deepcopy(_notebook(notebook)), dict(parameters))
        client = self._runner
        try:
            self._prepare()
            client.nb = nb
            client.execute()
        except CellExecutionError as exc:
            self._send_reset()
            cell = next((c for c in nb.cells if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                        None)  # fmt: skip
            err = _cell_error(
                exc.ename, exc.evalue, cell.execution_count if cell else None, cell.source if cell else ""
            )
            err.notebook = clean_notebook(nb)
            raise err from None
        except DeadKernelError:
            self.close(now=True)
            raise NotebookError("笔记本的内核意外退出（内存不足或被终止）") from None
        except BaseException:
            self.close(now=True)  # a timeout, Ctrl-C, a kernel that would not start: not reused in that state
            raise
        finally:
            client.nb = nbformat.v4.new_notebook()  # hold no department's notebook between runs
        self._send_reset()
        return clean_notebook(nb)

    def _prepare(self) -> None:
        """Wait for the kernel to be ready and for its namespace to be reset (sending the reset if need be)."""
        if not self._ready:
            from nbclient.util import run_sync

            # This drops the replies of a warm-up sent before; the reset is only sent after it.
            run_sync(self._kc.wait_for_ready)(timeout=self._starter.startup_timeout)
            self._ready = True
        status = ""
        for _ in range(3):
            if self._reset_id is None:
                if self._clean:
                    return
                self._send_reset()
            reply = self._runner.wait_for_reply(self._reset_id)
            self._reset_id = self._pending_id = None
            status = reply["content"]["status"] if reply else "timeout"
            if status == "ok":
                self._clean = True
                return
            # "aborted": sent just after a failing cell, it met the kernel dropping the requests queued behind
        raise NotebookError(f"无法清空笔记本内核中上一个部门的变量（{status}）")

    def _send_reset(self) -> None:
        """Send the namespace reset now, without waiting: the next :meth:`execute` checks its reply."""
        self._clean = False
        self._reset_id = self._pending_id = self._kc.execute(_RESET, silent=True, store_history=False)

    @property
    def _process(self) -> Any:
        """The kernel's process (None when there is none, or its provisioner does not say)."""
        return getattr(getattr(self._starter.km, "provisioner", None), "process", None)

    @property
    def alive(self) -> bool:
        """True while the kernel runs (not shut down, and its process has not exited)."""
        if self._starter.km is None or not self._starter.km.has_kernel:
            return False
        process = self._process
        return process is None or process.poll() is None

    def close(self, *, now: bool = False) -> None:
        """Shut the kernel down (``now``: end its process without asking it first).

        jupyter_client interrupts a kernel before shutting it down, and a kernel interrupted in the middle of a
        request logs an error: so a request of ours that may still run (the reset just sent, a warm-up) is given
        a moment to end, and a kernel still busy after that is ended at once.
        """
        if self._starter.km is None:
            return
        if not now and self._pending_id is not None and self.alive:
            now = not self._wait_idle(self._pending_id, _CLOSE_WAIT)
        process = self._process
        if now and process is not None:
            with contextlib.suppress(Exception):
                process.kill()
                process.wait(_CLOSE_WAIT)
        with contextlib.suppress(Exception):
            self._starter._cleanup_kernel()

    def _wait_idle(self, msg_id: str, timeout: float) -> bool:
        """Wait until the kernel says it is idle after request ``msg_id`` (False if not within ``timeout`` s)."""
        from nbclient.util import run_sync

        deadline = time.monotonic() + timeout
        get = run_sync(self._kc.get_iopub_msg)
        with contextlib.suppress(queue.Empty):
            while (left := deadline - time.monotonic()) > 0:
                msg = get(timeout=left)
                if msg["parent_header"].get("msg_id") == msg_id and msg["content"].get("execution_state") == "idle":
                    return True
        return False

    def kill(self) -> None:
        """End the kernel process at once (this process is about to exit: no time for a shutdown)."""
        process = self._process
        with contextlib.suppress(Exception):
            if process is not None:
                process.kill()


# The reset between departments: what ``%reset -f`` does (IPython's ``InteractiveShell.reset``: the user namespace,
# the output cache and history, the aliases), without its two full ``gc.collect()`` passes (DisplayHook.flush and
# the magic itself), which cost 60-230 ms a department in a kernel with pandas loaded and are not needed for the
# guarantee: the names are gone either way. What a department held is freed by reference counting at once, and
# any reference cycles by the kernel's own (generational) collector later. Run silently, it leaves no name behind
# (and needs none of the department's: a department that rebinds ``get_ipython`` or ``gc`` does not stop it).
_RESET = """\
def _perfnb_reset(shell=__import__("IPython").get_ipython(), gc=__import__("gc")):
    collect = gc.collect
    gc.collect = lambda generation=2: 0
    try:
        shell.reset(new_session=False)
    finally:
        gc.collect = collect
_perfnb_reset()
"""
_KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]  # no kernel chatter in the run log
_CELL_TIMEOUT = 600
_CLOSE_WAIT = 2.0  # seconds a shutdown waits for a request of ours to end
_WARM: dict[Path, WarmKernel] = {}


def _warm_kernel(cwd: Path) -> WarmKernel:
    """This process's warm kernel for ``cwd``: started on first use (or when the last one died), shut at exit."""
    kernel = _WARM.get(cwd)
    if kernel is None or not kernel.alive:
        if kernel is not None:
            kernel.close()
        kernel = _WARM[cwd] = WarmKernel(cwd)
        atexit.register(kernel.close)
    return kernel


def prestart(cwd: Path, warmup: str | None = None) -> None:
    """Start this process's warm kernel for ``cwd`` now (the one :func:`execute_warm` then uses), and return
    without waiting for it to be ready. ``warmup`` (e.g. ``"import perfnb.report.notebook"``) is sent to it at once and
    not waited for either: the kernel imports while the caller does other work; the first
    :func:`execute_warm` waits as needed, and resets the namespace after it. Calling it again does not start
    a second kernel (a warm-up given again is sent again)."""
    kernel = _warm_kernel(cwd)
    if warmup:
        kernel.warm_up(warmup)


def execute_warm(notebook: Path, parameters: Mapping[str, Any], *, cwd: Path) -> nbformat.NotebookNode:
    """Like :func:`execute`, in this process's warm kernel (started on first use, shut at exit)."""
    return _warm_kernel(cwd).execute(notebook, parameters)


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
def _exporter() -> Any:
    """nbconvert's HTML exporter with perfnb's template (built once per process; nbconvert is imported here)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters import html as nbconvert_html

    class Exporter(HTMLExporter):
        """:class:`HTMLExporter` without its last pass, which parses the finished page with BeautifulSoup to add
        alt text to ``<img>`` without one and ``tabindex`` to JupyterLab's cell wrappers: perfnb's template
        gives its one image an alt text and has no such wrappers (a test checks both), and the pass re-parses
        and re-serialises the whole page — most of an export's time (2 s for a 1.6 MB page). The page is what
        the template writes, byte for byte."""

        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> Any:
            soup = getattr(nbconvert_html, "BeautifulSoup", None)  # not in the module's public names
            if soup is None:  # a later nbconvert without the pass: nothing to skip
                return super().from_notebook_node(nb, resources, **kw)
            setattr(nbconvert_html, "BeautifulSoup", _Verbatim)  # noqa: B010
            try:
                return super().from_notebook_node(nb, resources, **kw)
            finally:
                setattr(nbconvert_html, "BeautifulSoup", soup)  # noqa: B010

    return Exporter(
        template_name="perfnb",
        extra_template_basedirs=[str(_TEMPLATES / "nbconvert")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # Validate the notebook once, after the preprocessors, not after each of the eleven (most of them
        # disabled, doing nothing): the same check, a tenth of the cost.
        optimistic_validation=True,
    )


class _Verbatim:
    """Stands in for BeautifulSoup in :class:`Exporter`: selects nothing and gives the page back as it was."""

    def __init__(self, markup: str, features: str | None = None) -> None:
        self.markup = markup

    def select(self, selector: str) -> list[Any]:
        return []

    def __str__(self) -> str:
        return self.markup


def prepare_export() -> None:
    """Import nbconvert and compile the report template now (a worker does it while its kernel starts)."""
    notebook_html(nbformat.v4.new_notebook(), title="", notebook_name="")


def export_notebook(path: Path, target: Path) -> None:
    """``perfnb export``: a notebook run by hand, as a report with our template (written atomically)."""
    from perfnb.base.files import atomic_write

    try:
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except (OSError, ValueError) as exc:
        message = f"无法读取笔记本 {path}：{exc}"
        raise PerfnbError(message, file=str(path), expected="Jupyter 笔记本（.ipynb）") from None
    title = str(nb.metadata.get("perfnb", {}).get("title") or path.stem)
    atomic_write(target, notebook_html(nb, title=title, notebook_name=path.name))


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """An executed notebook as the text of its ``.ipynb`` file (callers need not import nbformat, which
    must be imported through this module: see the guard above)."""
    return str(nbformat.writes(nb))


def notebook_html(nb: nbformat.NotebookNode, *, title: str, notebook_name: str) -> str:
    """The executed notebook as a standalone HTML report (our template; code hidden)."""
    info = {"title": title, "css": stylesheet(), "version": __version__, "notebook": notebook_name}
    body, _ = _exporter().from_notebook_node(nb, resources={"perfnb": info})
    return str(body)


def page(name: str, **context: Any) -> str:
    """Render the page template ``name`` (autoescaped), with the stylesheet and version."""
    return environment("pages").get_template(name).render(css=stylesheet(), version=__version__, **context)
