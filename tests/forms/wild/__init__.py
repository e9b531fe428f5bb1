"""Real published forms from the field, rebuilt as fixtures (one module each, ``FORM``).

Each module rebuilds one real 自评表 / 目标表 found in public sources: the layout, headers, labels,
indicator names and every printed number as published; long narrative text may be shortened, and
people's names and phone numbers are placeholders (张某, 0000000). ``source`` names where it was
found. ``expect`` states what a careful import must read from it; ``tests/forms/test_wild_forms.py``
imports every form and checks that.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path

from tests.forms.sheet import Sheet, write_docx, write_pdf, write_xlsx

__all__ = ["Expect", "WildForm", "all_forms"]


@dataclass(frozen=True)
class Expect:
    """What an import of the form must give.

    ``figures``: printed figures of the first project (or of the department for a whole-department
    form) by ``reported_figures.csv`` measure (``execution_rate``, ``total_score``, ``grade`` …) and
    the value as printed without unit or % (``"100"``, ``"96"``, ``"优"``); ``funds``: a few printed
    amounts of the first project's funds rows, as ``(line text contains, column, value)`` with
    column one of ``budget_initial``, ``budget``, ``executed``.
    """

    kind: str  # project_self_evaluation | department_self_evaluation | target_table
    year: int
    money_unit: str  # 元 | 万元
    projects: int  # projects.csv rows (a whole-department form: its 年度主要任务, or 1)
    indicators: int  # indicators.csv rows: real indicators only (no placeholders, no note rows)
    figures: dict[str, str] = field(default_factory=dict)
    funds: tuple[tuple[str, str, str], ...] = ()
    targets: tuple[tuple[str, str], ...] = ()  # (三级指标 contains, target as imported) for split/odd targets


@dataclass(frozen=True)
class WildForm:
    """One real form, rebuilt."""

    id: str  # "R10"
    source: str  # the address it was found at
    title: str  # as published
    place: str  # province, city, county
    sector: str
    sheets: tuple[Sheet, ...]
    expect: Expect
    file_kind: str = "xlsx"  # how it is printed for the test: xlsx | docx | pdf
    notes: str = ""  # layout quirks as published; what was shortened or left out

    def write(self, folder: Path) -> Path:
        """Print the form into ``folder`` and return the file."""
        path = folder / f"{self.id}.{self.file_kind}"
        writer = {"xlsx": write_xlsx, "docx": write_docx, "pdf": write_pdf}[self.file_kind]
        return writer(path, self.sheets)


def all_forms() -> list[WildForm]:
    """Every form module of this package, by id."""
    forms = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        forms.append(module.FORM)
    return sorted(forms, key=lambda f: f.id)
