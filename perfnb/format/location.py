"""Where a number was read: a cell of ``data/raw`` (file, row, column, and the row's place in the
department's own document)."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Cell"]


class Cell(NamedTuple):
    """A cell of ``data/raw``: file (relative to the data directory), spreadsheet row, column.

    Cells, inputs and figures are immutable named tuples: the engine makes hundreds per
    department, and a named tuple is cheaper to create than a frozen dataclass.
    """

    file: str
    row: int | None = None
    column: str | None = None
    ref: str | None = None  # where its row was printed in the department's own document (the row's ``ref``)

    def __str__(self) -> str:
        return self.text()

    def cited(self, within: str = "") -> str:
        """:meth:`text`, then where the row was printed in the document when that is known."""
        return f"{self.text(within)}（原表：{self.ref}）" if self.ref else self.text(within)

    def text(self, within: str = "") -> str:
        """``file 第 N 行 column``; the file relative to folder ``within`` when it lies there."""
        file, row, column, _ = self
        if within:
            file = file.removeprefix(f"{within}/")
        if row is None:
            return f"{file} {column}" if column else file
        return f"{file} 第 {row} 行 {column}" if column else f"{file} 第 {row} 行"
