"""perfnb: reproduce a department's budget performance self-evaluation (预算绩效自评).

The public surface: ``load`` (one department, or raise), ``validate`` (many, gathering every
problem), ``check`` (validate, recompute, reconcile and write results), ``run`` (check, then
the audit notebook and the HTML report of each department, and the index), the model
``Department`` and ``__version__``.
"""

__version__ = "0.1.0"

from perfnb.load import load, validate
from perfnb.model import Department
from perfnb.runner import check, run

__all__ = ["Department", "__version__", "check", "load", "run", "validate"]
