"""Synthetic departments for benchmarks and scale tests (``perfnb synth``): a tool, not part of the pipeline.

Nothing in the core (base, format, engine, forms, report, run) imports this package (import-linter
checks it); the command line, ``bench/bench.py`` and the tests use it to make data to run perfnb on.
It may import :mod:`perfnb.engine`, :mod:`perfnb.format` and :mod:`perfnb.base`.

:func:`synthesize` writes ``n`` fictional departments in perfnb's data format, one folder
each (``synth-00001`` …), the way ``data/raw/<dept>`` holds a transcribed document:

- about half are project self-evaluations (``project_self_evaluation`` under
  ``mof-2020-project``) whose actual values, weights, scores, execution rates, totals and
  grades are consistent with perfnb's own recomputation; the others are target tables
  (``target_table`` under ``targets-only``) with targets only;
- 5–40 projects per department and 10–60 indicators per project, skewed towards the small
  sizes real documents have; budgets of 5万元–5000万元 a project, in 元 or 万元;
- a share of the departments (``anomalies``) gets one to three planted mistakes, each of
  which perfnb must find (a sum that does not add up, a printed rate or score that differs,
  a score over its weight, a wrong grade, a duplicate indicator, a vague or out-of-year
  target …); the others must raise no error-severity finding (in fact they raise none at all).

All projects of one self-evaluation fall in the same grade band (优, 良 or 中, drawn per
department): perfnb compares every project's printed grade with the grade of the last
project's total (``Scorecard.grade``), so projects with different grades would get a false
GRADE_MISMATCH on consistent data (see the xfail test in ``tests/synth/test_synth.py``).

Each department's ``notes`` end with a line ``植入问题：CODE、CODE`` (or ``植入问题：无``)
naming the finding codes its planted mistakes must raise; :func:`planted_codes` reads it.

Everything is drawn from :class:`random.Random` seeded with the seed and the department's
number (never the clock) with integer arithmetic, so the same seed writes byte-identical
files; a department does not depend on how many others are generated. Files are written
directly with the :mod:`csv` module (no pydantic): ten thousand departments (about 3 million
indicator rows) take well under a minute on one core.

The package, in the order a department is made: :mod:`~perfnb.synth.vocabulary` (the words and
lists drawn from), :mod:`~perfnb.synth.model` (the department being built, the seeded generator
and the numbers as printed), :mod:`~perfnb.synth.generate` (one consistent department),
:mod:`~perfnb.synth.plant` (the planted mistakes) and :mod:`~perfnb.synth.write` (the files and
:func:`synthesize`).
"""

from perfnb.synth.model import ID_PREFIX, SynthError, dept_id
from perfnb.synth.write import planted_codes, synthesize

__all__ = ["ID_PREFIX", "SynthError", "dept_id", "planted_codes", "synthesize"]
