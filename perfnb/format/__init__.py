"""The data format of ``data/raw/<dept>/``: the schema of each table (``schema``, built from the cell types of
``columns`` and the words of ``kinds``, documented by ``schemadoc``), reading tables and values (``tables``,
``targets``), where a number was read (``location``), the scoring schemes and their bands (``schemes``, ``bands``),
problems found in the input (``problems``), the validated model (``model``), loading and validating a department
(``load``, its checks across tables in ``crosscheck``), department folders (``paths``, ``scaffold``).

May import: :mod:`perfnb.base`.
"""
