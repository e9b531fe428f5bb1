"""What a run reads and writes, and which notebook it executes: :class:`RunSettings` and its defaults."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from perfnb.format.paths import DEFAULT_DATA_DIR

__all__ = ["DEFAULT_NOTEBOOK", "DEFAULT_PROCESSED_DIR", "DEFAULT_REPORTS_DIR", "RunSettings"]

DEFAULT_PROCESSED_DIR = Path("data/processed")
DEFAULT_REPORTS_DIR = Path("reports")
#: The audit notebook shipped inside the package (``perfnb/notebooks``), so ``perfnb run`` works from any
#: folder and from an installed wheel. Its source is ``notebooks/department_audit.ipynb`` in the
#: repository (what ``make lab`` opens); a test keeps the two identical.
DEFAULT_NOTEBOOK = Path(str(resources.files("perfnb").joinpath("notebooks", "department_audit.ipynb")))


@dataclass(frozen=True)
class RunSettings:
    """Where a run reads and writes, and which notebook it executes."""

    data_dir: Path = DEFAULT_DATA_DIR
    processed_dir: Path = DEFAULT_PROCESSED_DIR
    reports_dir: Path = DEFAULT_REPORTS_DIR
    notebook: Path = DEFAULT_NOTEBOOK
    force: bool = False
    executor: str = "local"  # a key of perfnb.run.executors.EXECUTORS
    scheduler: str | None = None  # Dask scheduler address (a LocalCluster when None)
