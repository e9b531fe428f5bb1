"""Shared fixtures: copies of the seed departments and a CSV → xlsx converter.

Tests never read ``data/raw`` itself, where a user's own departments live beside the seeds: ``RAW`` is a copy
of the four seeds made once per test session (issue 16: ``perfnb new`` in data/raw must not break the suite).
"""

from __future__ import annotations

import atexit
import csv
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from perfnb.format.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
REPO_RAW = ROOT / "data" / "raw"  # the repository's seeds and format guide: only copied or compared, never run on
SEEDS = ("binhai-ip-2025", "gzkfq-ip-2025", "nanchang-ip-fund-2020", "nantong-ipc-2025")


def _seed_copy() -> Path:
    """The four seeds copied into a fresh folder for this session (removed at exit)."""
    base = Path(tempfile.mkdtemp(prefix="perfnb-seeds-"))
    atexit.register(shutil.rmtree, base, True)
    for name in SEEDS:
        shutil.copytree(REPO_RAW / name, base / "raw" / name)
    return base / "raw"


RAW = _seed_copy()
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory."""
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


@pytest.fixture
def copy_seed(data_dir: Path) -> Callable[[str], Path]:
    """Copy a seed department into ``data_dir`` and return its folder."""

    def copy(name: str) -> Path:
        return Path(shutil.copytree(RAW / name, data_dir / name))

    return copy


def csv_to_workbook(folder: Path) -> Path:
    """Replace a department's CSV files by ``department.xlsx``, typing cells as Excel would.

    Numbers become numeric cells whose number format shows the decimals as written, the way
    an auditor's workbook holds them; everything else stays text.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in TABLES:
        sheet = book.create_sheet(spec.name)
        with (folder / spec.file).open(encoding="utf-8-sig", newline="") as handle:
            for r, record in enumerate(csv.reader(handle), 1):
                for c, text in enumerate(record, 1):
                    cell = sheet.cell(row=r, column=c)
                    m = _NUMBER.match(text)
                    if m and r > 1:
                        cell.value = float(text.replace(",", ""))
                        cell.number_format = "0." + "0" * len(m.group(1)) if m.group(1) else "0"
                    else:
                        cell.value = text or None
                        if text.startswith("="):
                            cell.data_type = "s"  # text such as "=100%", as Excel keeps '=100%
        (folder / spec.file).unlink()
    path = folder / "department.xlsx"
    book.save(path)
    return path
