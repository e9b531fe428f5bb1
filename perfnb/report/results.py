"""Writing a department's results to ``data/processed/<dept>/``: figures.csv, findings.csv, summary.json, and
in a run what the report shows (report.json, indicators.csv).

Files are written atomically (a temporary file in the same folder, then a rename) and
deterministically: stable row order, no clock, ``\\n`` line ends, UTF-8 with a BOM for the
CSV files (so that Excel opens the Chinese text correctly). Every text cell goes through
:func:`perfnb.base.cells.neutralise`, the one formula-injection rule of every CSV and workbook perfnb writes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Final

from perfnb.base.cells import csv_cell, neutralise
from perfnb.base.files import atomic_write
from perfnb.base.numbers import round_half_up
from perfnb.engine.check import CheckResult
from perfnb.engine.figures import Figure, plain
from perfnb.report.data import INDICATOR_COLUMNS, REPORT_FILE, ReportData, indicator_csv_rows

__all__ = [
    "FIGURE_COLUMNS",
    "FINDING_COLUMNS",
    "figure_row",
    "neutralise",
    "write_report_data",
    "write_results",
]

FIGURE_COLUMNS = (
    "id",
    "project_id",
    "label",
    "measure",
    "formula",
    "inputs",
    "recomputed",
    "recomputed_at_precision",
    "reported",
    "unit",
    "precision",
    "difference",
    "verdict",
    "verdict_label",
    "basis",
    "note",
    "file",
    "row",
    "column",
    "ref",
)
FINDING_COLUMNS = (
    "code",
    "severity",
    "severity_label",
    "title",
    "subject",
    "project_id",
    "file",
    "row",
    "column",
    "ref",
    "reported",
    "recomputed",
    "figure_id",
    "message",
)


#: A recomputed value with this many significant digits or more was cut by a context's precision
#: (a quotient: rates divide at 40 digits, scoring at 50, the engine at 60); shorter ones are exact.
QUOTIENT_DIGITS: Final = 40
INDICATORS_FILE: Final = "indicators.csv"


def figure_row(fig: Figure) -> dict[str, str]:
    """One figure as a flat row of text, by column name."""
    return dict(zip(FIGURE_COLUMNS, figure_cells(fig), strict=True))


def figure_cells(fig: Figure) -> list[str]:
    """One figure as text, in the order of :data:`FIGURE_COLUMNS`."""
    cell = fig.cell
    return [
        fig.id,
        fig.project_id or "",
        fig.label,
        fig.measure,
        fig.formula,
        "；".join([i.text() for i in fig.inputs]),
        _full(fig.recomputed),
        fig.recomputed_text,
        fig.reported or "",
        fig.unit or "",
        "" if fig.precision is None else str(fig.precision),
        "" if fig.difference is None else plain(fig.difference),
        fig.verdict.value,
        fig.verdict.label,
        fig.basis,
        fig.note,
        cell.file if cell else "",
        "" if cell is None or cell.row is None else str(cell.row),
        (cell.column or "") if cell else "",
        (cell.ref or "") if cell else "",
    ]


def _full(value: Decimal | str | None) -> str:
    """The recomputed value in full: exact (a sum keeps every digit), except a value the engine's
    precision cut (a quotient with endless digits), which is shown to 10 decimals."""
    if isinstance(value, Decimal):
        _, digits, exponent = value.as_tuple()
        if len(digits) >= QUOTIENT_DIGITS and isinstance(exponent, int) and exponent < -10:
            value = round_half_up(value, 10).normalize()
        return plain(value)
    return value or ""


#: figures.csv columns that never hold text from the inputs (ids, codes, numbers the engine wrote):
#: no spreadsheet can read them as a formula, so they are not neutralised.
_SAFE_FIGURE_COLUMNS: Final = frozenset({"id", "measure", "precision", "difference", "verdict", "verdict_label", "row"})


def _csv(columns: tuple[str, ...], rows: Iterable[Sequence[str]], safe: frozenset[str] = frozenset()) -> str:
    """A CSV of text rows, each cell guarded against formula injection (:func:`perfnb.base.cells.csv_cell`) except
    in the ``safe`` columns."""
    guard = [c not in safe for c in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(text) if g else text for g, text in zip(guard, row, strict=True)] for row in rows)
    return out.getvalue()


def write_results(result: CheckResult, processed_dir: Path) -> Path:
    """Write the three result files of one department; return its folder."""
    folder = processed_dir / result.department.id
    findings = []
    for f in result.findings:
        row = f.as_row()
        row.update(severity_label=f.severity.label, title=f.title)
        findings.append([row[c] for c in FINDING_COLUMNS])
    atomic_write(
        folder / "figures.csv", _csv(FIGURE_COLUMNS, map(figure_cells, result.figures), _SAFE_FIGURE_COLUMNS), bom=True
    )
    atomic_write(folder / "findings.csv", _csv(FINDING_COLUMNS, findings), bom=True)
    atomic_write(folder / "summary.json", json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n")
    for earlier in (REPORT_FILE, INDICATORS_FILE):  # a run's, from another check: never beside these results
        (folder / earlier).unlink(missing_ok=True)
    return folder


def write_report_data(data: ReportData, folder: Path) -> Path:
    """Write what the report shows (``report.json``, handed to the notebook) and ``indicators.csv`` (each
    三级指标 with its completion rate) into a department's processed folder; return ``report.json``'s path."""
    rows = ([_value_text(v) for v in row] for row in indicator_csv_rows(data))
    atomic_write(folder / INDICATORS_FILE, _csv(tuple(c for c, _ in INDICATOR_COLUMNS), rows), bom=True)
    path = folder / REPORT_FILE
    atomic_write(path, data.dumps())
    return path


def _value_text(value: Decimal | bool | str | None) -> str:
    """A cell of indicators.csv: numbers as figures.csv writes them, ``true``/``false``, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _full(value) if isinstance(value, Decimal) else str(value)
