"""perfnb: reproduce a department's budget performance self-evaluation (预算绩效自评).

The public surface: ``load`` (one department, or raise), ``validate`` (many, gathering every
problem), ``check`` (validate, recompute, reconcile and write results), ``run`` (check, then
the audit notebook and the HTML report of each department, and the index), the model
``Department`` and ``__version__``.

Each is imported on first use (PEP 562), so importing one module of the package (the notebook's
``perfnb.report.notebook`` in a kernel) does not import the runner and all it needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["Department", "__version__", "check", "load", "run", "validate"]

from perfnb.base.version import __version__

_LAZY = {
    "Department": "perfnb.format.model",
    "check": "perfnb.run.runner",
    "load": "perfnb.format.load",
    "run": "perfnb.run.runner",
    "validate": "perfnb.format.load",
}

if TYPE_CHECKING:
    from perfnb.format.load import load, validate
    from perfnb.format.model import Department
    from perfnb.run.runner import check, run


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'perfnb' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
