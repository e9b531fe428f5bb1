"""Running departments: check each, execute the audit notebook, export its report, write the index.

``runner`` (``run``, ``check``, ``check_all``; one department end to end, its internal errors logged),
``settings`` (where a run reads and writes), ``entries`` (a department's index line, its ``run.json`` and
fingerprint), ``index`` (the index and the pages put in place), ``executors`` (in process, process pool,
Dask; the warm kernel), ``lock`` (one run at a time per output folder), ``batchgc`` (garbage collection
between departments).

May import: :mod:`perfnb.report`, :mod:`perfnb.engine`, :mod:`perfnb.format`, :mod:`perfnb.base`.
"""
