"""The cells of one table of a form, as a reader walks them: text as printed, text as compared, which cells were
taken, where each cell is, and the form read so far. The block readers (funds, indicators, the rest) build on it."""

from __future__ import annotations

import re

from perfnb.forms.form import FormProject, Ignored, Value
from perfnb.forms.grid import Grid
from perfnb.forms.headers import FormMap, label_value, marked, normalise

__all__ = ["Cells", "parts"]


class Cells:
    """One grid and the reading state shared by the block readers."""

    def __init__(self, grid: Grid, fmap: FormMap, continues: FormProject | None = None) -> None:
        self.grid, self.map, self.continues = grid, fmap, continues
        self.text = [[cell.strip() for cell in row] for row in grid.cells]
        self.norm = [[normalise(cell) if cell else "" for cell in row] for row in self.text]
        self.used: set[tuple[int, int]] = set()
        self.out = FormProject(grid.file, grid.label, grid.style, notes=list(grid.notes))
        self.width = max((len(row) for row in self.text), default=0)
        self.indicator_rows: range = range(0)  # the rows of the indicator block (header band included)
        self.field_names = fmap.lookup(fmap.fields)
        self.fund_lines = fmap.funds_rows()
        self.funds_columns = fmap.lookup(fmap.funds.columns)
        self.items_block = False  # the funds block lists expense items (项目预算成本构成)
        self.labels = (
            frozenset(self.field_names) | frozenset(self.fund_lines) | fmap.names(fmap.goal.label)
            | frozenset(self.funds_columns) | fmap.names(fmap.funds.label)
        )  # fmt: skip

    def value(self, r: int, c: int) -> Value:
        """Consume a value cell (and the copies of its merged range); its place is the merged range's
        first cell, where the form holds the text."""
        r, c = self.anchor(r, c)
        self.take_copies(r, c)
        return Value(self.text[r][c], self.grid.where(r, c))

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        """The first cell of the merged range that (r, c) is a copy of (itself when it is no copy)."""
        text = self.text[r][c]
        while (r, c) in self.grid.merged and c > 0 and self.text[r][c - 1] == text:
            c -= 1
        while (r, c) in self.grid.merged and r > 0 and self.text[r - 1][c] == text:
            r -= 1
        return r, c

    def is_anchor(self, r: int, c: int) -> bool:
        return bool(self.text[r][c]) and (r, c) not in self.grid.merged

    def label(self, r: int, c: int) -> None:
        """Consume a label cell and the copies of its merged range."""
        self.take_copies(*self.anchor(r, c))

    def take_copies(self, r: int, c: int) -> None:
        """Consume cell (r, c) and the copies of the merged range it anchors."""
        text = self.text[r][c]
        rr = r
        while rr < len(self.text) and self.text[rr][c] == text and (rr == r or (rr, c) in self.grid.merged):
            cc = c
            while (
                cc < self.width and self.text[rr][cc] == text and ((rr, cc) == (r, c) or (rr, cc) in self.grid.merged)
            ):
                self.used.add((rr, cc))
                cc += 1
            rr += 1

    def cell(self, r: int, c: int) -> str | None:
        if 0 <= r < len(self.text) and 0 <= c < len(self.text[r]):
            return self.text[r][c]
        return None

    def right_of(self, r: int, c: int, labels: frozenset[str] | None = None) -> tuple[int, int] | None:
        """The next filled cell right of (r, c) that is not a copy of it nor a label."""
        labels = self.labels if labels is None else labels
        own = self.text[r][c]
        for cc in range(c + 1, len(self.text[r])):
            text = self.text[r][cc]
            if not text or (text == own and (r, cc) in self.grid.merged):
                continue
            if (r, cc) in self.used or self.norm[r][cc] in labels or self.is_label_value(text):
                return None
            return (r, cc)
        return None

    def is_label_value(self, text: str) -> bool:
        split = label_value(text)
        return split is not None and split[0] in self.labels

    def blank(self, r: int) -> bool:
        return not any(self.text[r])

    def anchors(self, r: int) -> list[int]:
        """The columns of row r that hold a cell's own text (not a merged copy)."""
        return [c for c in range(len(self.text[r])) if self.is_anchor(r, c)]

    def span_end(self, r: int, c: int) -> int:
        """The column after the merged range that cell (r, c) anchors along its row."""
        end = c + 1
        while end < self.width and (r, end) in self.grid.merged and self.anchor(r, end) == (r, c):
            end += 1
        return end

    def header_columns(self, header: int, columns: dict[str, str]) -> dict[int, str]:
        """A header row's columns: index → key (the first column naming a key; merged copies are skipped)."""
        col_of: dict[int, str] = {}
        for c, norm in enumerate(self.norm[header]):
            key = columns.get(norm)
            if key is not None and key not in col_of.values() and self.is_anchor(header, c):
                col_of[c] = key
                self.label(header, c)
        return col_of

    def row_text(self, r: int) -> str:
        return " | ".join(self.text[r][c].replace("\n", " ") for c in self.anchors(r))

    def ignore_row(self, r: int, reason: str) -> None:
        cells = [c for c in range(len(self.text[r])) if self.text[r][c] and (r, c) not in self.used]
        if not cells:
            return
        wheres = tuple(self.grid.where(r, c) for c in cells if self.is_anchor(r, c))
        self.out.ignored.append(Ignored(self.grid.where(*self.anchor(r, cells[0])), self.row_text(r), reason, wheres))
        self.used.update((r, c) for c in cells)

    def unit_from(self, r: int, c: int) -> None:
        unit = marked(self.text[r][c]).unit
        if unit and self.out.money_unit is None:
            self.out.money_unit = Value(unit, self.grid.where(r, c))

    def block_label(self, r: int, c: int) -> None:
        self.unit_from(r, c)
        self.label(r, c)


def parts(text: str) -> list[str]:
    """A cell's parts: ``填报单位：某局　　填报日期：2023年3月`` holds two label–value pairs."""
    out = []
    for chunk in re.split(r"[ \u3000]{2,}|\t|[ \u3000](?=[^\s:：]{2,8}[:：])", text.strip()):  # a label after a space
        lines = [line for line in chunk.split("\n") if line.strip()]
        labelled = len(lines) > 1 and all(re.search(r"[:：]", line) for line in lines)
        out += lines if labelled else [chunk] if chunk.strip() else []
    return out
