"""Running departments: check each, execute the audit notebook, export its report, write the index
(``runner``); one run at a time per output folder (``lock``); garbage collection between departments
(``batchgc``).

May import: :mod:`perfnb.report`, :mod:`perfnb.engine`, :mod:`perfnb.format`, :mod:`perfnb.base`.
"""
