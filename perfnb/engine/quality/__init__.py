"""Target quality: checks on the targets of 绩效目标表 (domain rules §4).

One public function, :func:`check_targets`, runs every check on a department and returns its
findings. The checks live by family, one module each:

- :mod:`~perfnb.engine.quality.structure`: EMPTY_CATEGORY (blank and missing categories), DUPLICATE_INDICATOR;
- :mod:`~perfnb.engine.quality.timing`: TARGET_ORDER (half-year against full-year), DEADLINE_OUTSIDE_YEAR;
- :mod:`~perfnb.engine.quality.units`: UNIT_MISMATCH, VALUE_OUT_OF_RANGE;
- :mod:`~perfnb.engine.quality.wording`: UNMEASURABLE_TARGET, VAGUE_TARGET;
- :mod:`~perfnb.engine.quality.narrative`: TARGET_CONFLICT (goal text against the indicator table);
- :mod:`~perfnb.engine.quality.cost`: COST_BUDGET_MISMATCH.

What several families share (categories, target columns, parsing, the finding on an indicator cell) is in
:mod:`~perfnb.engine.quality.common`. Categories are matched loosely (``产出指标`` = ``产出``,
``服务对象满意度指标`` = ``服务对象满意度``); numbers are Decimals throughout.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from perfnb.engine.findings import Finding
from perfnb.engine.quality.cost import check_cost_budget
from perfnb.engine.quality.narrative import check_narrative_conflicts
from perfnb.engine.quality.structure import check_duplicates, check_empty_categories, check_missing_categories
from perfnb.engine.quality.timing import check_deadlines, check_target_order
from perfnb.engine.quality.units import check_ranges, check_units
from perfnb.engine.quality.wording import check_unmeasurable, check_vague
from perfnb.format.model import Department

__all__ = ["CHECKS", "check_targets"]

#: Every check in the order its findings are reported.
CHECKS: Final[tuple[Callable[[Department], list[Finding]], ...]] = (
    check_empty_categories,
    check_missing_categories,
    check_duplicates,
    check_target_order,
    check_deadlines,
    check_units,
    check_ranges,
    check_unmeasurable,
    check_vague,
    check_narrative_conflicts,
    check_cost_budget,
)


def check_targets(dept: Department) -> list[Finding]:
    """Run every target-quality check on ``dept``.

    Parameters
    ----------
    dept
        The department as loaded.

    Returns
    -------
    list[Finding]
        Findings in rule order (:data:`CHECKS`), rows in table order within each rule.
    """
    return [f for check in CHECKS for f in check(dept)]
