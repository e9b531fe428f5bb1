"""The engine: recompute every figure and score of a loaded department and reconcile it with what the
department reported. ``figures`` (a recomputed figure and its verdict), ``facts`` (the department's numbers
as the rules read them), ``formula``, ``rates``, ``scoring`` (pure rules), ``recorder`` (records figures and
findings), ``reconcile`` (rates and sums), ``scorecard`` (row scores, sections, total, grade), ``quality``
(badly set targets and inconsistencies), ``findings``, and ``check`` (one department end to end).

May import: :mod:`perfnb.format`, :mod:`perfnb.base`.
"""
