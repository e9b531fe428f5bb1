"""A new user's first hour (issue 16 §1–§4, §9, §10, §12): what they meet before any report is read."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import RAW, REPO_RAW, SEEDS

TESTS = Path(__file__).parent


def test_the_suite_runs_on_a_copy_of_the_seeds_only() -> None:
    """A user's own department in data/raw (perfnb new) must not break `make test`: tests get a copy of the seeds."""
    assert RAW.resolve() != REPO_RAW.resolve()
    assert sorted(p.name for p in RAW.iterdir()) == sorted(SEEDS)


def test_no_test_module_points_at_data_raw_itself() -> None:
    pattern = re.compile(r"""ROOT\s*/\s*["']data["']\s*/\s*["']raw["']|["']data/raw["']""")
    offenders = [p.name for p in TESTS.glob("test_*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
