"""Find the standard blocks of a 自评表 or 绩效目标表 in a grid of text, by their headers.

A form is read block by block — header fields (项目名称, 主管部门, 实施单位), the funds block,
the overall goal, the indicator block, the total and the grade — each found by header texts
from the synonym map (:mod:`perfnb.forms.headers`), never by position. Every value keeps where
it was read (:meth:`Grid.where`); every filled cell that is neither a label nor a value is
listed as ignored, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from perfnb.forms.grid import Grid
from perfnb.forms.headers import FormMap, form_map, normalise, unit_in

__all__ = ["FormProject", "FundRow", "Ignored", "IndicatorRow", "Value", "extract"]

_YEAR: Final = re.compile(r"((?:19|20)\d{2})年")
_YEAR_LINE: Final = re.compile(r"[(]?(?:19|20)\d{2}年度?[)]?")  # （2024年度） once normalised
_AMOUNT_UNIT: Final = re.compile(r"^\s*([-+]?[\d,，.．０-９]+)\s*(万元|亿元|元)\s*$")
_UNKNOWN_FUNDS_ROW: Final = (
    "资金块中的这一行不是已知的资金行（年度资金总额、财政拨款、上年结转资金、其他资金），整行未导入"
)
_INDICATOR_VALUES: Final = ("level3", "target", "actual", "weight", "score")
_COLUMN_ORDER: Final = ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")


@dataclass(frozen=True)
class Value:
    """A cell's text as printed (spaces at the ends removed) and where it was read."""

    text: str
    where: str


@dataclass(frozen=True)
class Ignored:
    """A filled row or cell that was not imported, and why."""

    where: str
    text: str
    reason: str


@dataclass
class FundRow:
    """One line of the funds block: its kind (``total``, ``current``, ``carried``, ``other``), label and figures."""

    key: str
    line: Value
    values: dict[str, Value] = field(default_factory=dict)
    unit: str | None = None  # a unit written in the amount cells themselves (120.00万元)


@dataclass
class IndicatorRow:
    """One row of the indicator block, by column key (level1 … deviation)."""

    where: str
    values: dict[str, Value] = field(default_factory=dict)


@dataclass
class FormProject:
    """What one table of a form says about one project."""

    file: str
    label: str
    kind: str | None = None  # project_self_evaluation | target_table (from the title or the columns)
    title: Value | None = None
    year: Value | None = None
    money_unit: Value | None = None
    fields: dict[str, Value] = field(default_factory=dict)
    funds: list[FundRow] = field(default_factory=list)
    goal_expected: Value | None = None
    goal_actual: Value | None = None
    indicators: list[IndicatorRow] = field(default_factory=list)
    total_weight: Value | None = None
    total_score: Value | None = None
    ignored: list[Ignored] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    indicator_columns: dict[int, str] = field(default_factory=dict)  # column → level1 … deviation
    width: int = 0
    continued: bool = False  # the rest of the previous table's indicator block

    @property
    def found(self) -> bool:
        """True when the table holds a form (a funds block, indicators or a project name)."""
        return bool(self.funds or self.indicators or "project_name" in self.fields)


def split_amount(text: str) -> tuple[str, str | None]:
    """An amount cell as (number as printed, unit written in the cell): ``120.00万元`` → ``("120.00", "万元")``."""
    match = _AMOUNT_UNIT.match(text)
    return (match.group(1).strip(), match.group(2)) if match else (text, None)


class _Reader:
    """Walks one grid, consuming cells as labels or values."""

    def __init__(self, grid: Grid, fmap: FormMap, continues: FormProject | None = None) -> None:
        self.grid, self.map, self.continues = grid, fmap, continues
        self.text = [[cell.strip() for cell in row] for row in grid.cells]
        self.norm = [[normalise(cell) if cell else "" for cell in row] for row in self.text]
        self.used: set[tuple[int, int]] = set()
        self.out = FormProject(grid.file, grid.label, notes=list(grid.notes))

    # --- helpers ------------------------------------------------------------------------

    def value(self, r: int, c: int) -> Value:
        """Consume a value cell (and the copies of its merged range to the right); its place is the
        merged range's first cell, where the form holds the text."""
        self.used.add((r, c))
        self._take_copies(r, c)
        return Value(self.text[r][c], self.grid.where(*self.anchor(r, c)))

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        """The first cell of the merged range that (r, c) is a copy of (itself when it is no copy)."""
        text = self.text[r][c]
        while (r, c) in self.grid.merged and r > 0 and self.text[r - 1][c] == text:
            r -= 1
        while (r, c) in self.grid.merged and c > 0 and self.text[r][c - 1] == text:
            c -= 1
        return r, c

    def label(self, r: int, c: int) -> None:
        """Consume a label cell and the copies of a merged label next to it."""
        self.used.add((r, c))
        for rr, cc in ((r, c + 1), (r + 1, c)):
            while (rr, cc) in self.grid.merged and self._cell(rr, cc) == self.text[r][c]:
                self.used.add((rr, cc))
                rr, cc = (rr, cc + 1) if cc > c else (rr + 1, cc)

    def _cell(self, r: int, c: int) -> str | None:
        if 0 <= r < len(self.text) and 0 <= c < len(self.text[r]):
            return self.text[r][c]
        return None

    def right_of(self, r: int, c: int, labels: frozenset[str]) -> tuple[int, int] | None:
        """The next filled cell right of (r, c) that is not a copy of it nor another label."""
        own = self.text[r][c]
        for cc in range(c + 1, len(self.text[r])):
            text = self.text[r][cc]
            if not text or (text == own and (r, cc) in self.grid.merged):
                continue
            return None if self.norm[r][cc] in labels else (r, cc)
        return None

    def find(self, names: frozenset[str], rows: range) -> tuple[int, int] | None:
        """The first unused cell in ``rows`` naming one of ``names``."""
        for r in rows:
            for c, norm in enumerate(self.norm[r]):
                if norm in names and (r, c) not in self.used:
                    return r, c
        return None

    def _header_columns(self, header: int, columns: dict[str, str]) -> dict[int, str]:
        """A header row's columns: index → key (the first column naming a key; merged copies are skipped)."""
        col_of: dict[int, str] = {}
        for c, norm in enumerate(self.norm[header]):
            if norm in columns and columns[norm] not in col_of.values():
                col_of[c] = columns[norm]
                self.used.add((header, c))
        return col_of

    def blank(self, r: int) -> bool:
        return not any(self.text[r])

    # --- the blocks ---------------------------------------------------------------------

    def read(self) -> FormProject:
        self.title()
        self.fields()
        funds_end = self.funds()
        self.goal(funds_end)
        self.indicators()
        self.money_unit()
        self.leftovers()
        return self.out

    def title(self) -> None:
        """The title (which kind of form) and the year, from the lines before the table or its first rows."""
        lines: list[tuple[str, str, tuple[int, int] | None]] = [
            (line, f"{self.grid.label} 之前的文字“{line}”", None) for line in self.grid.before
        ]
        for r, row in enumerate(self.text[:6]):
            lines += [(text, self.grid.where(r, c), (r, c)) for c, text in enumerate(row) if text]
        for text, where, at in lines:
            flat = normalise(text)
            kind = next((k for k, titles in self.map.titles.items() if any(normalise(t) in flat for t in titles)), None)
            year = _YEAR.search(flat)
            if kind and self.out.kind is None:
                self.out.kind, self.out.title = kind, Value(text, where)
            if year and self.out.year is None and (kind or _YEAR_LINE.fullmatch(flat)):
                self.out.year = Value(year.group(1), where)
            if at is not None and (kind or _YEAR_LINE.fullmatch(flat)) and at not in self.grid.merged:
                self.label(*at)

    def fields(self) -> None:
        names = self.map.lookup(self.map.fields)
        labels = frozenset(names)
        for r, row in enumerate(self.norm):
            for c, norm in enumerate(row):
                key = names.get(norm)
                if key is None or key in self.out.fields or (r, c) in self.used:
                    continue
                if (r, c) in self.grid.merged and self.text[r][c] == self._cell(r, c - 1):
                    continue
                at = self.right_of(r, c, labels)
                if at is not None:
                    self.label(r, c)
                    self.out.fields[key] = self.value(*at)

    def funds(self) -> int:
        """Read the funds block; return the row after it (0 when there is none)."""
        columns = self.map.lookup(self.map.funds.columns)
        block_labels = self.map.names(self.map.funds.label)

        def score(row: list[str]) -> int:  # two funds columns, or one beside the block's label
            return len({columns[n] for n in row if n in columns}) + any(n in block_labels for n in row)

        header = next((r for r, row in enumerate(self.norm) if score(row) >= 2), None)
        if header is None:
            return 0
        col_of = self._header_columns(header, columns)
        for c in col_of:
            unit = unit_in(self.text[header][c])
            if unit and self.out.money_unit is None:
                self.out.money_unit = Value(unit, self.grid.where(header, c))
        first = min(col_of)
        rows = self.map.lookup(self.map.funds.rows)
        stop = self.map.names(self.map.goal.label) | self.map.names(self.map.indicators.label)
        stop |= frozenset(self.map.lookup(self.map.indicators.columns))
        for c in range(first):
            if self.norm[header][c] in block_labels:
                self._block_label(header, c)
        r = header + 1
        while r < len(self.norm):
            if self.blank(r):
                r += 1
                continue
            label_cols = [c for c in range(first) if self.text[r][c]]
            if any(self.norm[r][c] in stop for c in label_cols if (r, c) not in self.grid.merged):
                break
            for c in label_cols:
                if self.norm[r][c] in block_labels:
                    self._block_label(r, c)
            named = [c for c in label_cols if self.norm[r][c] in rows]
            if not named:
                figures = [c for c in col_of if self.text[r][c]]
                unknown = [c for c in label_cols if (r, c) not in self.used and (r, c) not in self.grid.merged]
                if figures and unknown:
                    c = unknown[0]
                    self.out.ignored.append(Ignored(self.grid.where(r, c), self.text[r][c], _UNKNOWN_FUNDS_ROW))
                    self.used.update((r, cc) for cc in range(len(self.text[r])))
                elif figures:
                    break  # figures without a label: the block has ended
                r += 1
                continue
            c = named[0]
            row = FundRow(rows[self.norm[r][c]], self.value(r, c))
            for cc, key in col_of.items():
                text = self._cell(r, cc)
                if text:
                    amount, unit = split_amount(text)
                    self.used.add((r, cc))
                    row.values[key] = Value(amount, self.grid.where(r, cc))
                    row.unit = row.unit or unit
            self.out.funds.append(row)
            r += 1
        return r

    def _block_label(self, r: int, c: int) -> None:
        unit = unit_in(self.text[r][c])
        if unit and self.out.money_unit is None:
            self.out.money_unit = Value(unit, self.grid.where(r, c))
        self.label(r, c)

    def goal(self, start: int) -> None:
        at = self.find(self.map.names(self.map.goal.label), range(start, len(self.norm)))
        if at is None:
            return
        r, c = at
        self.label(r, c)
        expected, actual = self.map.names(self.map.goal.expected), self.map.names(self.map.goal.actual)
        for rr in (r, r + 1):
            for cc in range(len(self.norm[rr]) if rr < len(self.norm) else 0):
                norm = self.norm[rr][cc]
                if (rr, cc) in self.used or (rr, cc) in self.grid.merged:
                    continue
                target = "goal_expected" if norm in expected else "goal_actual" if norm in actual else None
                below = self._cell(rr + 1, cc)
                if target and getattr(self.out, target) is None and below:
                    self.label(rr, cc)
                    setattr(self.out, target, self.value(rr + 1, cc))
        if self.out.goal_expected is None:
            to = self.right_of(r, c, frozenset())
            if to is not None:
                self.out.goal_expected = self.value(*to)

    def _take_copies(self, r: int, c: int) -> None:
        text = self.text[r][c]
        cc = c + 1
        while (r, cc) in self.grid.merged and self._cell(r, cc) == text:
            self.used.add((r, cc))
            cc += 1

    def indicators(self) -> None:
        columns = self.map.lookup(self.map.indicators.columns)
        header = next(
            (r for r, row in enumerate(self.norm) if {"level1", "level3"} <= {columns[n] for n in row if n in columns}),
            None,
        )
        before = self.continues
        last1 = last2 = None  # the 一级 / 二级 written once for their group, carried down
        width = max((len(row) for row in self.text), default=0)
        if header is not None:
            col_of = self._header_columns(header, columns)
        elif before is not None and before.indicator_columns and width == before.width and not self.out.found:
            # a table without headers right after one with an indicator block: its continuation (a PDF page break)
            col_of, header, self.out.continued = dict(before.indicator_columns), -1, True
            if before.indicators:
                last1, last2 = before.indicators[-1].values.get("level1"), before.indicators[-1].values.get("level2")
        else:
            return
        self.out.indicator_columns, self.out.width = col_of, width
        if self.out.kind is None:
            scored = {"actual", "score"} & set(col_of.values())
            self.out.kind = "project_self_evaluation" if scored else "target_table"
        first = min(col_of)
        block_labels = self.map.names(self.map.indicators.label)
        for c in range(first if header >= 0 else 0):  # the block's label beside the header row
            if self.norm[header][c] in block_labels:
                self.label(header, c)
        total = self.map.names(self.map.total.label)
        grade = frozenset(n for n, k in self.map.lookup(self.map.fields).items() if k == "grade")
        for r in range(header + 1, len(self.norm)):
            if self.blank(r):
                continue
            lead = [c for c in range(len(self.norm[r])) if self.norm[r][c]]
            if any(self.norm[r][c] in total for c in lead):
                self._total(r, col_of, total)
                continue
            if any(self.norm[r][c] in grade for c in lead):
                break  # the grade row (read as a field) closes the form
            if len({self.text[r][c] for c in lead}) == 1 and all((r, c) in self.grid.merged for c in lead[1:]):
                continue  # one text merged across the row: a note, not an indicator
            for c in range(first):
                if self.norm[r][c] in block_labels:
                    self.label(r, c)
                elif (r, c) in self.grid.merged and self.text[r][c] and self._is_copy_of_used(r, c):
                    self.used.add((r, c))
            values = {key: self.value(r, c) for c, key in col_of.items() if self.text[r][c]}
            if not set(values) & set(_INDICATOR_VALUES) and not {"level1", "level2"} & set(values):
                continue  # nothing of an indicator here (what is left is listed as not imported)
            if "level1" in values:
                last1, last2 = values["level1"], None
            elif last1 is not None:  # 一级 written once for its group, blank below
                values["level1"] = last1
            if "level2" in values:
                last2 = values["level2"]
            elif last2 is not None:
                values["level2"] = last2
            row = IndicatorRow(self.grid.where(r, first))
            row.values = {key: values[key] for key in _COLUMN_ORDER if key in values}
            self.out.indicators.append(row)

    def _is_copy_of_used(self, r: int, c: int) -> bool:
        return (r - 1, c) in self.used and self._cell(r - 1, c) == self.text[r][c]

    def _total(self, r: int, col_of: dict[int, str], total: frozenset[str]) -> None:
        for c, norm in enumerate(self.norm[r]):
            if norm in total and (r, c) not in self.used:
                self.label(r, c)
        for c, key in col_of.items():
            text = self.text[r][c]
            if not text or (r, c) in self.used:
                continue
            if key == "weight" and self.out.total_weight is None:
                self.out.total_weight = self.value(r, c)
            elif key == "score" and self.out.total_score is None:
                self.out.total_score = self.value(r, c)

    def money_unit(self) -> None:
        if self.out.money_unit is not None:
            return
        for line in self.grid.before:
            unit = unit_in(line)
            if unit:
                self.out.money_unit = Value(unit, f"{self.grid.label} 之前的文字“{line}”")
                return
        for r, row in enumerate(self.text):
            for c, text in enumerate(row):
                unit = unit_in(text) if text and ("单位" in text or "元" in text) else None
                if unit and len(normalise(text)) <= 12:
                    self.used.add((r, c))
                    self.out.money_unit = Value(unit, self.grid.where(r, c))
                    return

    def leftovers(self) -> None:
        for r, row in enumerate(self.text):
            left = [
                (c, text)
                for c, text in enumerate(row)
                if text and (r, c) not in self.used and (r, c) not in self.grid.merged
            ]
            if left:
                shown = " | ".join(text.replace("\n", " ") for _, text in left)
                self.out.ignored.append(Ignored(self.grid.where(r, left[0][0]), shown, "不属于任何已知的栏目，未导入"))


def extract(grid: Grid, fmap: FormMap | None = None, continues: FormProject | None = None) -> FormProject:
    """Read one grid (a sheet or a table holding one project's form). ``continues``: the project read
    from the table just before; a table without headers of the same width is read as the rest of
    its indicator block (``continued`` is then set)."""
    return _Reader(grid, fmap or form_map(), continues).read()
