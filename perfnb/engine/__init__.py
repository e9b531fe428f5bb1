"""The engine: recompute every figure and score of a loaded department and reconcile it with what the
department reported.

- ``figures`` — a recomputed figure, its inputs and its verdict; ``findings`` — the finding codes and a finding;
- ``facts`` — the department's numbers as the rules read them; ``formula`` — the safe arithmetic of printed
  formulas; ``rates`` — every rate's numerator and denominator; ``scoring`` — the pure scoring rules;
- ``recorder`` — records figures and findings; ``reconcile/`` — sums, balances and printed rates and amounts;
  ``scorecard/`` — row scores, sections, totals and the grade; ``quality/`` — badly set targets and
  inconsistencies, one module per family;
- ``check`` — one department end to end (:func:`~perfnb.engine.check.check_department`).

May import: :mod:`perfnb.format`, :mod:`perfnb.base`.
"""
