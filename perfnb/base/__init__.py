"""The shared base every stage uses: errors with messages for humans (``errors``), exact numbers and units
(``numbers``, ``units``), size limits (``limits``), YAML reading (``yamlfile``), safe text cells for CSV and
workbooks (``cells``), atomic file writes (``files``) and the version (``version``).

May import: the standard library and third-party packages only — never another part of perfnb.
"""
