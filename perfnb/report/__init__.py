"""The report of a checked department: what it shows (``data``), its charts (``charts``), the notebook's
API (``notebook``: :class:`Report`), HTML rendering and export (``render``, ``templating``, ``templates/``),
the findings workbook (``workbook``) and the machine-readable results (``results``: figures.csv,
findings.csv, summary.json, report.json, indicators.csv).

May import: :mod:`perfnb.engine`, :mod:`perfnb.format`, :mod:`perfnb.base`.

``Report`` is imported on first use (PEP 562), so that importing one module of this package (the runner's
``render``) does not import the charts and matplotlib; the notebook writes ``from perfnb.report import Report``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Report"]

if TYPE_CHECKING:
    from perfnb.report.notebook import Report


def __getattr__(name: str) -> Any:
    if name != "Report":
        raise AttributeError(f"module 'perfnb.report' has no attribute {name!r}")
    from perfnb.report.notebook import Report

    return Report
