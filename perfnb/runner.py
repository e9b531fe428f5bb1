"""Running the engine over departments: load → validate → recompute → reconcile → write.

One broken department never stops the others: its load problems or its error are kept in
its :class:`Outcome`, and the rest go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from perfnb.engine import CheckResult, check_department
from perfnb.errors import PerfnbError
from perfnb.load import LoadResult, validate
from perfnb.outputs import write_results
from perfnb.paths import DEFAULT_DATA_DIR, department_dir

__all__ = ["DEFAULT_PROCESSED_DIR", "Outcome", "check"]

DEFAULT_PROCESSED_DIR = Path("data/processed")


@dataclass(frozen=True)
class Outcome:
    """One department's run: its load result, and its check result or the error that stopped it."""

    load: LoadResult
    result: CheckResult | None = None
    error: PerfnbError | None = None
    folder: Path | None = None

    @property
    def dept_id(self) -> str:
        """The department id."""
        return self.load.dept_id

    @property
    def ok(self) -> bool:
        """True when the department loaded and was checked."""
        return self.result is not None


def check(
    dept_ids: Sequence[str] | None = None,
    data_dir: Path = DEFAULT_DATA_DIR,
    processed_dir: Path | None = DEFAULT_PROCESSED_DIR,
) -> list[Outcome]:
    """Validate and check departments (all under ``data_dir`` when none are named).

    Writes ``figures.csv``, ``findings.csv`` and ``summary.json`` per department under
    ``processed_dir`` (nothing is written when it is None).
    """
    outcomes = []
    for loaded in validate(dept_ids, data_dir):
        if loaded.department is None or not loaded.ok:
            outcomes.append(Outcome(loaded))
            continue
        try:
            result = check_department(loaded.department, department_dir=department_dir(data_dir, loaded.dept_id))
            folder = write_results(result, processed_dir) if processed_dir is not None else None
        except PerfnbError as exc:
            exc.department = exc.department or loaded.dept_id
            outcomes.append(Outcome(loaded, error=exc))
            continue
        outcomes.append(Outcome(loaded, result, folder=folder))
    return outcomes
