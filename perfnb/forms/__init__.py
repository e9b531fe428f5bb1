"""Read the forms auditors receive (.xlsx, .docx, text-layer .pdf) for ``perfnb import``.

``grid`` reads a file into cells (``xlformula`` evaluates a sheet's formulas); ``headers`` and ``form`` name
what the cells hold (``perfnb/data/forms.yaml``); ``extract`` finds the blocks (``funds`` with ``fundtree``,
``indicators``, ``cells``); ``proposal`` proposes a scoring scheme; ``rows`` and ``department`` write the
department folder and its ``import_report.csv``; ``importer`` runs it all.

May import: :mod:`perfnb.engine` (the formula parser, figures), :mod:`perfnb.format`, :mod:`perfnb.base`.
"""
