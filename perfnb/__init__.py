"""perfnb: reproduce a department's budget performance self-evaluation (预算绩效自评).

The public surface: ``load`` (one department, or raise), ``validate`` (many, gathering every
problem), the model ``Department`` and ``__version__``.
"""

from perfnb.load import load, validate
from perfnb.model import Department

__all__ = ["Department", "__version__", "load", "validate"]

__version__ = "0.1.0"
