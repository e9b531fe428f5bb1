"""Read the forms auditors receive (.xlsx, .docx, text-layer .pdf) for ``perfnb import``."""
