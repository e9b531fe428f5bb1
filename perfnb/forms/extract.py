"""Find the blocks of a 自评表 or 绩效目标表 in a grid of text, by the words the templates print.

A form is read block by block — the title (kind and year), header fields (项目名称, 主管部门,
部门名称 …, as label | value or ``label：value`` in one cell), the funds block (a header row of
columns, or label–value pairs), the key tasks of a whole-department form, the overall goal, the
indicator block (one or two header rows; split 指标性质 / 指标值 / 度量单位 columns; categories that
carry a weight), the total and the grade — each found by the texts of the synonym map
(:mod:`perfnb.forms.headers`), never by position. Every value keeps where it was read
(:meth:`Grid.where`); every filled cell that is neither a label nor a value is listed as ignored,
with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from perfnb.forms.grid import Grid
from perfnb.forms.headers import (
    FormMap,
    category_weight,
    form_map,
    label_value,
    marked,
    normalise,
    title_kind,
    unit_in,
)

__all__ = ["FormProject", "FundRow", "Ignored", "IndicatorRow", "TaskRow", "Value", "extract", "is_number"]

_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_LINE: Final = re.compile(r"^[(\[【]?(?:[^\d]{0,6}[:：])?((?:19|20)\d{2})年?度?[)\]】]?$")
_FILE_YEAR: Final = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DATE: Final = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-/.])")
_AMOUNT_UNIT: Final = re.compile(r"^\s*([-+]?[\d,，.．０-９]+)\s*(万元|亿元|元|万)?\s*(?:[(（][^()（）]*[)）])?\s*$")
_NUMBER: Final = re.compile(r"^[-+]?(?:\d[\d,，]*)(?:[.．]\d+)?\s*(?:%|％|万元|亿元|元|万|分)?$")
_PREFIX: Final = re.compile(r"^指标\s*\d+\s*[:：]\s*(?=\S)")
_NO_VALUE: Final = frozenset({"", "—", "——", "－", "-", "–", "/", "／", "\\", "无"})
_INDICATOR_VALUES: Final = ("level3", "target", "actual", "weight", "score")
_COLUMN_ORDER: Final = ("level1", "level2", "level3", "target", "actual", "weight", "score", "review", "deviation",
                        "method")  # fmt: skip
_HEAD_ROWS: Final = 8  # the title and the year are looked for in the first rows
_LINE_LENGTH: Final = 14  # longer texts are never taken for a funds line by their words
_INDICATORS: Final = "绩效指标"  # the section of a weight printed for the whole indicator block
_STAMP: Final = re.compile(r"^[(（]?\s*(盖章|签字|签章|签名)?\s*[)）]?$")  # a value left to the stamp or a signature
_LATE_FIELDS: Final = ("grade", "filled_on", "stamp")  # fields printed below the indicator block


def is_number(text: str) -> bool:
    """Whether a cell holds a number (``1,000,000``, ``96``, ``100%``, ``20万元``)."""
    return bool(text) and bool(_NUMBER.match(text.strip())) and any(ch.isdigit() for ch in text)


def split_amount(text: str) -> tuple[str, str | None]:
    """An amount cell as (number as printed, unit written in the cell): ``120.00万元`` → ``("120.00", "万元")``."""
    match = _AMOUNT_UNIT.match(text)
    if not match or not any(ch.isdigit() for ch in match.group(1)):
        return text, None
    return match.group(1).strip(), "万元" if match.group(2) == "万" else match.group(2)


def is_amount(text: str) -> bool:
    """Whether a cell holds an amount, possibly with its unit and a remark in brackets (``854万（其中…）``)."""
    return is_number(text) or split_amount(text)[0] != text


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
    cells: tuple[str, ...] = ()  # every cell of a row listed as one item


@dataclass
class FundRow:
    """One line of the funds block: its kind (a key of ``funds.rows`` in forms.yaml), label and figures.

    ``values`` by column key (budget_initial, budget, executed, weight, rate, score, method);
    ``parent``: the index of the row it is a part of; ``assumed``: why an amount went to its column
    when the form does not say (a label and a number in one cell).
    """

    key: str
    line: Value
    values: dict[str, Value] = field(default_factory=dict)
    unit: str | None = None  # a unit written in the amount cells themselves (120.00万元)
    parent: int | None = None
    column: int = 0  # the label's column: parts belong to the total or subtotal above them in it
    assumed: str = ""


@dataclass
class IndicatorRow:
    """One row of the indicator block, by column key (level1 … method); ``parts``: the printed cells a split
    target was put together from."""

    where: str
    values: dict[str, Value] = field(default_factory=dict)
    parts: tuple[Value, ...] = ()


@dataclass
class TaskRow:
    """One key task (年度主要任务) of a whole-department form."""

    where: str
    values: dict[str, Value] = field(default_factory=dict)


@dataclass
class FormProject:
    """What one table of a form says: a project's form, or a whole department's."""

    file: str
    label: str
    style: str = "xlsx"
    kind: str | None = None  # project_self_evaluation | department_self_evaluation | target_table
    department: bool = False  # a whole-department form (部门整体)
    title: Value | None = None
    year: Value | None = None
    year_assumed: str = ""  # how the year was inferred when no title or band states it
    money_unit: Value | None = None
    fields: dict[str, Value] = field(default_factory=dict)
    funds: list[FundRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    goal_expected: Value | None = None
    goal_actual: Value | None = None
    goal_period: Value | None = None
    indicators: list[IndicatorRow] = field(default_factory=list)
    weights: list[tuple[str, Value]] = field(default_factory=list)  # (产出 or 产出/数量, printed weight)
    total_weight: Value | None = None
    total_score: Value | None = None
    total_grade: Value | None = None
    ignored: list[Ignored] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numbers: list[Value] = field(default_factory=list)  # every cell of the table holding a number
    indicator_columns: dict[int, str] = field(default_factory=dict)  # column → level1 … method
    width: int = 0
    continued: bool = False  # the rest of the previous table's indicator block (a PDF page break)

    @property
    def found(self) -> bool:
        """True when the table holds a form (a funds block, indicators, tasks or a name)."""
        names = ("project_name", "department_name")
        return bool(self.funds or self.indicators or self.tasks or any(n in self.fields for n in names))

    @property
    def scored(self) -> bool:
        """Whether the form prints a score (a self-evaluation, whatever its title says)."""
        if self.total_score is not None or any("score" in f.values for f in self.funds):
            return True
        return any("score" in i.values or "review" in i.values for i in self.indicators)


class _Reader:
    """Walks one grid, consuming cells as labels or values."""

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
            | frozenset(fmap.lookup(fmap.funds.columns)) | fmap.names(fmap.funds.label)
        )  # fmt: skip

    # --- helpers ------------------------------------------------------------------------

    def value(self, r: int, c: int) -> Value:
        """Consume a value cell (and the copies of its merged range); its place is the merged range's
        first cell, where the form holds the text."""
        r, c = self.anchor(r, c)
        self.used.add((r, c))
        self._take_copies(r, c)
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
        r, c = self.anchor(r, c)
        self.used.add((r, c))
        self._take_copies(r, c)

    def _take_copies(self, r: int, c: int) -> None:
        text = self.text[r][c]
        rr = r
        while rr < len(self.text) and self.text[rr][c] == text and (rr == r or (rr, c) in self.grid.merged):
            cc = c
            while cc < self.width and self.text[rr][cc] == text and ((rr, cc) == (r, c) or (rr, cc) in self.grid.merged):
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
            if (r, cc) in self.used or self.norm[r][cc] in labels or label_value(text) and self._is_label_value(text):
                return None
            return (r, cc)
        return None

    def _is_label_value(self, text: str) -> bool:
        split = label_value(text)
        return split is not None and split[0] in self.labels

    def blank(self, r: int) -> bool:
        return not any(self.text[r])

    def anchors(self, r: int) -> list[int]:
        """The columns of row r that hold a cell's own text (not a merged copy)."""
        return [c for c in range(len(self.text[r])) if self.is_anchor(r, c)]

    # --- the blocks ---------------------------------------------------------------------

    def read(self) -> FormProject:
        self.title()
        self.indicators()
        self.fields()
        self.tasks()
        funds_end = self.funds()
        self.goal(funds_end)
        self.money_unit()
        self.leftovers()
        self.decide_kind()
        return self.out

    def title(self) -> None:
        """The title (which kind of form) and the year, from the lines before the table or its first rows."""
        lines: list[tuple[str, str, tuple[int, int] | None]] = [
            (line, f"{self.grid.label} 之前的文字“{line}”", None) for line in self.grid.before
        ]
        for r, row in enumerate(self.text[:_HEAD_ROWS]):
            lines += [(text, self.grid.where(r, c), (r, c)) for c, text in enumerate(row) if self.is_anchor(r, c)]
        for text, where, at in lines:
            said = title_kind(text, self.map)
            if said is not None and self.out.title is None:
                self.out.kind, self.out.department = said
                self.out.title = Value(text, where)
                if at is not None:
                    self.label(*at)
                year = _YEAR.search(normalise(text))
                if year:
                    self.out.year = Value(year.group(1), where)
        for text, where, at in lines:
            flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
            year = _YEAR_LINE.match(flat)
            if year and self.out.year is not None and year.group(1) == self.out.year.text and at is not None:
                self.label(*at)  # （2023年度） below a title that says 2023 already
        if self.out.year is not None:
            return
        for text, where, at in lines:
            flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
            year = _YEAR_LINE.match(flat)
            if year and len(flat) <= 16:
                self.out.year = Value(year.group(1), where)
                if at is not None:
                    self.label(*at)
                return
        year = _FILE_YEAR.search(self.grid.label)
        if year:
            self.out.year = Value(year.group(1), f"{self.grid.label}（表名）")

    def fields(self) -> None:
        self._table_fields()
        for line in self.grid.before:  # 单位名称：…　　填报日期：… above a Word or PDF table
            for part in _parts(line):
                split = label_value(part)
                key = self.field_names.get(split[0]) if split else None
                if split and key and key not in self.out.fields:
                    self.out.fields[key] = Value(split[1], f"{self.grid.label} 之前的文字“{line}”")

    def _table_fields(self) -> None:
        labels = frozenset(self.field_names)
        for r, row in enumerate(self.norm):
            for c, norm in enumerate(row):
                if not self.is_anchor(r, c) or (r, c) in self.used:
                    continue
                key = self.field_names.get(norm)
                if key is not None:
                    if key in self.out.fields or (r in self.indicator_rows and key not in _LATE_FIELDS):
                        continue
                    at = self.right_of(r, c, labels)
                    if at is not None and (key != "total_score" or is_number(self.text[at[0]][at[1]])):
                        self.label(r, c)
                        self.out.fields[key] = self.value(*at)
                    continue
                parts = _parts(self.text[r][c])
                found = [(self.field_names.get(s[0]), s[1]) for s in (label_value(p) for p in parts) if s]
                known = [(k, v) for k, v in found if k is not None and (r not in self.indicator_rows or k in _LATE_FIELDS)]
                for k, v in known:
                    if k not in self.out.fields and not _STAMP.match(v):
                        self.out.fields[k] = Value(v, self.grid.where(r, c))
                if known and len(known) == len(parts):
                    self.used.add((r, c))
                    self._take_copies(r, c)

    def tasks(self) -> None:
        """年度主要任务: a header naming 任务名称 and an amount or content; one task per row below it."""
        columns = self.map.lookup(self.map.tasks.columns)
        header = next((r for r, row in enumerate(self.norm) if r not in self.indicator_rows
                       and "name" in {columns.get(n) for n in row}
                       and {"budget", "executed", "content"} & {columns.get(n) for n in row}), None)  # fmt: skip
        if header is None:
            return
        col_of = self._header_columns(header, columns)
        block = self.map.names(self.map.tasks.label)
        for c in range(len(self.norm[header])):
            if self.norm[header][c] in block:
                self.label(header, c)
        stop = self.map.names(self.map.goal.label) | self.map.names(self.map.indicators.label)
        for r in range(header + 1, len(self.norm)):
            if r in self.indicator_rows or any(self.norm[r][c] in stop for c in self.anchors(r)):
                break
            for c in range(len(self.norm[r])):
                if self.norm[r][c] in block and self.is_anchor(r, c):
                    self.label(r, c)
            values = {key: self.value(r, c) for c, key in col_of.items()
                      if self.text[r][c] and (r, c) not in self.used and self.text[r][c] != self.text[header][c]}  # fmt: skip
            if "name" not in values:
                if values:
                    self.out.ignored.extend(Ignored(v.where, v.text, "年度主要任务中没有任务名称的一行，未导入")
                                            for v in values.values())  # fmt: skip
                continue
            self.out.tasks.append(TaskRow(values["name"].where, values))

    def _header_columns(self, header: int, columns: dict[str, str]) -> dict[int, str]:
        """A header row's columns: index → key (the first column naming a key; merged copies are skipped)."""
        col_of: dict[int, str] = {}
        for c, norm in enumerate(self.norm[header]):
            key = columns.get(norm)
            if key is not None and key not in col_of.values() and self.is_anchor(header, c):
                col_of[c] = key
                self.label(header, c)
        return col_of

    # --- funds ---------------------------------------------------------------------------

    def funds(self) -> int:
        """Read the funds block(s); return the row after the block (0 when there is none)."""
        block_labels = self.map.names(self.map.funds.label) | self.map.names(self.map.funds.items)

        def score(r: int) -> int:  # two funds columns, or one beside the block's label
            row = self.norm[r]
            if r in self.indicator_rows or {"一级指标", "三级指标"} & set(row):
                return 0
            keys = {self._funds_key(n) for n in row} - {None, "method"}
            return len(keys) + any(n in block_labels for n in row)

        header = next((r for r in range(len(self.norm)) if score(r) >= 2), None)
        col_of: dict[int, str] = {}
        end = 0
        if header is not None:
            col_of = self._funds_columns(header)
            items = self.map.names(self.map.funds.items)
            self.items_block = any(self.norm[header][c] in items for c in self.anchors(header))
            for c in col_of:
                self._unit_from(header, c)
            for c in range(len(self.norm[header])):
                if self.norm[header][c] in block_labels:
                    self._block_label(header, c)
            end = self._funds_rows(header + 1, col_of)
            self._header_weight(header, col_of, block_labels)
        self._funds_pairs(block_labels)
        self._parents()
        return end

    def _funds_key(self, norm: str) -> str | None:
        """The funds column a header names: by its synonyms, else by the words of ``funds.keywords``."""
        if not norm:
            return None
        key = self.funds_columns.get(norm)
        if key is not None or norm in self.labels:
            return key
        for name, groups in self.map.funds.keywords.items():
            if any(all(word in norm for word in group) for group in groups):
                return name
        return None

    def _funds_columns(self, header: int) -> dict[int, str]:
        """The funds header's columns: index → key (a column named once; 小计 after 年初 is the adjusted budget)."""
        col_of: dict[int, str] = {}
        for c in self.anchors(header):
            norm = self.norm[header][c]
            key = self._funds_key(norm)
            if key is None and norm in self.map.funds.subtotal_of_adjusted and "budget_initial" in col_of.values():
                key = "budget"
            year = _YEAR.search(norm)
            if key is not None and year and self.out.year is not None and year.group(1) != self.out.year.text:
                continue  # 2020年实际执行数 in a 2022 form: an earlier year's figure, not this year's
            if key is not None and key not in col_of.values():
                col_of[c] = key
                self.label(header, c)
        amounts = [c for c, k in col_of.items() if k in ("budget_initial", "budget", "executed")]
        if self.out.kind == "target_table" and [col_of[c] for c in amounts] == ["budget_initial"]:
            col_of[amounts[0]] = "budget"  # a target table's one amount (年初安排金额) is the year's budget
            self.out.notes.append(f"资金块只有一个金额栏“{self.text[header][amounts[0]]}”：按全年预算数（budget）导入")
        return col_of

    def _header_weight(self, header: int, col_of: dict[int, str], block_labels: frozenset[str]) -> None:
        """The execution 分值 printed in a header (得分（20分*执行率）, 预算执行情况（20分）) for a total row that
        prints none of its own."""
        total = next((f for f in self.out.funds if self.map.funds.rows[f.key].role == "total"), None)
        if total is None or "weight" in total.values:
            return
        cells = [c for c, key in col_of.items() if key in ("score", "weight")]
        cells += [c for c in range(len(self.norm[header])) if self.norm[header][c] in block_labels]
        for c in cells:
            r, cc = self.anchor(header, c)
            weight = marked(self.text[r][cc]).weight
            if weight:
                total.values["weight"] = Value(weight, f"{self.grid.where(r, cc)}（表头“{self.text[r][cc]}”中的分值）")
                return

    def _stop(self, r: int) -> bool:
        """Whether row r starts another block (the goal, tasks or indicators)."""
        stop = (self.map.names(self.map.goal.label) | self.map.names(self.map.indicators.label)
                | self.map.names(self.map.tasks.label))  # fmt: skip
        return r in self.indicator_rows or any(self.norm[r][c] in stop for c in self.anchors(r))

    def _funds_rows(self, start: int, col_of: dict[int, str]) -> int:
        first = min((c for c, k in col_of.items() if k != "method"), default=len(self.norm[start - 1]))
        r = start
        while r < len(self.norm):
            if self.blank(r):
                r += 1
                continue
            if self._stop(r):
                break
            found = self._line_cells(r, first)
            if not found:  # 年度资金总额 written in the header row and merged down over the figures below it
                merged = [c for c in range(first) if (r, c) in self.grid.merged and self.text[r][c]
                          and self.fund_lines.get(self.norm[r][c]) and self.anchor(r, c)[0] < r]  # fmt: skip
                if merged:
                    found = [(merged[0], self.fund_lines[self.norm[r][merged[0]]], None)]
            if not found and self.items_block:
                labels = [c for c in range(first) if self.is_anchor(r, c) and (r, c) not in self.used]
                found = [(labels[0], "item", None)] if labels else []
            if not found:
                figures = [c for c in col_of if self.text[r][c] and (r, c) not in self.used]
                labels = [c for c in range(first) if self.is_anchor(r, c) and (r, c) not in self.used]
                if figures and labels:
                    self._ignore_row(r, "资金块中的这一行不是已知的资金行（如 年度资金总额、财政拨款、上年结转资金、其他资金、"
                                        "基本支出），整行未导入")
                elif figures and r == start and not any(f.values for f in self.out.funds):
                    self._unnamed_total(r, col_of)  # the block's one row of figures, printed without a name
                elif figures:
                    break  # figures without a label: the block has ended
                r += 1
                continue
            for c, key, inline in found:
                row = FundRow(key, Value(self.text[r][c], self.grid.where(*self.anchor(r, c))), column=c)
                self.label(r, c)
                if inline is not None:
                    self._inline_amount(row, inline, self.grid.where(r, c))
                elif c < first:
                    for cc, column in col_of.items():
                        text = self.cell(r, cc)
                        if text and (r, cc) not in self.used and not (cc != c and self.anchor(r, cc) == self.anchor(r, c)):
                            self._put(row, column, self.value(r, cc))
                    if not any(k in row.values for k in ("budget_initial", "budget", "executed")):
                        self._pair_value(row, r, c)
                else:
                    self._pair_value(row, r, c)
                self.out.funds.append(row)
            r += 1
        return r

    def _unnamed_total(self, r: int, col_of: dict[int, str]) -> None:
        """The figures right under the funds header, in a row without a name: the block's total, and said so."""
        first = min(col_of)
        where = self.grid.where(r, first)
        row = FundRow("total", Value("年度资金总额", where), column=0,
                      assumed="这一行在表中没有行名，按资金块的合计行（年度资金总额）导入")  # fmt: skip
        for c, column in col_of.items():
            if self.text[r][c] and (r, c) not in self.used:
                self._put(row, column, self.value(r, c))
        self.out.funds.append(row)

    def _row_text(self, r: int) -> str:
        return " | ".join(self.text[r][c].replace("\n", " ") for c in self.anchors(r))

    def _line_cells(self, r: int, first: int, loose: bool = False) -> list[tuple[int, str, str | None]]:
        """The funds lines named in row r: (column, key, amount written in the label's cell or None). A name
        right of the block's label columns counts when an amount follows it, or anywhere when ``loose``."""
        found = []
        for c in self.anchors(r):
            if (r, c) in self.used:
                continue
            norm = self.norm[r][c]
            split = label_value(self.text[r][c])
            if split and split[0] in self.fund_lines and is_amount(split[1]):
                found.append((c, self.fund_lines[split[0]], split[1]))  # 其他资金：585.62
                continue
            key = self.fund_lines.get(norm)
            if key is None and c < first and norm.endswith(self.map.funds.total_endings):
                key = "total"  # 年度专项资金总额: a total by its ending, in a block with column headers
            if key is None and split is None and norm not in self.labels and len(norm) <= _LINE_LENGTH:
                key = self._line_by_words(norm)
                if key is not None and not (c < first or loose) and self._pair_target(r, c) is None:
                    key = None  # by its words alone, a name is a funds line only beside an amount
            if key is not None and (c < first or loose or self._pair_target(r, c) is not None):
                found.append((c, key, None))
        return found

    def _line_by_words(self, norm: str) -> str | None:
        """The funds line a name is by the words of ``funds.line_keywords`` (该项目支出上级资金 → current)."""
        if any(word in norm for word in self.map.funds.line_exclude):
            return None
        return next((key for key, groups in self.map.funds.line_keywords.items()
                     if any(all(word in norm for word in group) for group in groups)), None)  # fmt: skip

    def _put(self, row: FundRow, column: str, value: Value) -> None:
        amount, unit = split_amount(value.text)
        row.values[column] = Value(amount, value.where)
        row.unit = row.unit or unit
        if amount != value.text.strip() and re.search(r"[(（]", value.text):
            row.assumed = (row.assumed + "；" if row.assumed else "") + f"金额栏原文“{value.text.strip()}”"

    def _column(self, key: str) -> str:
        """Where an amount written beside a funds line's name goes: a target table's amounts are budgets."""
        return "budget" if self.out.kind == "target_table" else self.map.funds.rows[key].column

    def _inline_amount(self, row: FundRow, text: str, where: str) -> None:
        line = self.map.funds.rows[row.key]
        column = self._column(row.key)
        names = {"budget": "全年预算数", "executed": "全年执行数"}
        row.line = Value(re.split(r"[:：](?=[^:：]*$)", row.line.text)[0].strip(), where)
        self._put(row, column, Value(text, where))
        if self.out.kind != "target_table":
            row.assumed = (f"标签和金额写在同一格，没有列名：{'收入' if line.side == '来源' else '支出'}按性质分的金额"
                           f"按{names[column]}导入")  # fmt: skip

    def _pair_target(self, r: int, c: int) -> tuple[int, int] | None:
        """The amount right of a funds line label (label–value pairs along a row), if it holds a number."""
        at = self.right_of(r, c)
        return at if at is not None and is_amount(self.text[at[0]][at[1]]) else None

    def _pair_value(self, row: FundRow, r: int, c: int) -> None:
        at = self._pair_target(r, c)
        if at is not None:
            self._put(row, self._column(row.key), self.value(*at))

    def _funds_pairs(self, block_labels: frozenset[str]) -> None:
        """Funds lines written as label–value pairs outside a header's columns (实施期资金总额 | 1,000,000)."""
        spans = self._block_rows(block_labels)
        named = self.out.title is not None or {"project_name", "department_name"} & set(self.out.fields)
        for r in range(len(self.norm)):
            if r in self.indicator_rows or (r not in spans and not named):
                continue  # outside a funds block, only a form with a title or a name has funds lines
            for c, key, inline in self._line_cells(r, 0, loose=r in spans):
                at = self._pair_target(r, c) if inline is None else None
                if inline is None and at is None and r not in spans:
                    continue  # a line's name without an amount, outside a funds block: not a funds line
                row = FundRow(key, Value(self.text[r][c], self.grid.where(r, c)), column=c)
                self.label(r, c)
                if inline is not None:
                    self._inline_amount(row, inline, self.grid.where(r, c))
                elif at is not None:
                    self._put(row, self._column(key), self.value(*at))
                self.out.funds.append(row)

    def _block_rows(self, block_labels: frozenset[str]) -> set[int]:
        """The rows covered by a funds block's label cell (项目资金（元） merged down over its rows)."""
        rows: set[int] = set()
        for r, row in enumerate(self.norm):
            for c, norm in enumerate(row):
                if norm in block_labels and self.is_anchor(r, c):
                    self._block_label(r, c)
                    rr = r
                    while rr < len(self.norm) and self.text[rr][c] == self.text[r][c]:
                        rows.add(rr)
                        rr += 1
        return rows

    def _parents(self) -> None:
        """Each part's parent: the total or subtotal above it in its label's column, else the block's total."""
        rows = sorted(range(len(self.out.funds)), key=lambda i: (self.out.funds[i].column, i))
        lines = self.map.funds.rows
        first_total = next((i for i, f in enumerate(self.out.funds) if lines[f.key].role == "total"), None)
        last_total: dict[int, int] = {}
        last_sub: dict[int, int] = {}
        for i in rows:
            row = self.out.funds[i]
            role = lines[row.key].role
            if role == "total":
                last_sub.pop(row.column, None)
                last_total[row.column] = i
                continue
            if role == "requested":
                continue
            total = last_total.get(row.column, first_total)
            if role == "subtotal":
                row.parent = total
                last_sub[row.column] = i
                continue
            row.parent = last_sub.get(row.column, total)

    def _unit_from(self, r: int, c: int) -> None:
        unit = marked(self.text[r][c]).unit
        if unit and self.out.money_unit is None:
            self.out.money_unit = Value(unit, self.grid.where(r, c))

    def _block_label(self, r: int, c: int) -> None:
        self._unit_from(r, c)
        self.label(r, c)

    # --- goal ---------------------------------------------------------------------------

    def goal(self, start: int) -> None:
        names = self.map.names(self.map.goal.label)
        at = next(((r, c) for r in range(len(self.norm)) for c in self.anchors(r)
                   if self.norm[r][c] in names and (r, c) not in self.used and r not in self.indicator_rows), None)  # fmt: skip
        if at is None:
            return
        r, c = at
        self.label(r, c)
        kinds = (("goal_expected", self.map.names(self.map.goal.expected)),
                 ("goal_period", self.map.names(self.map.goal.period)),
                 ("goal_actual", self.map.names(self.map.goal.actual)))  # fmt: skip
        for rr in (r, r + 1):
            if rr >= len(self.norm):
                break
            for cc in range(c + 1, len(self.norm[rr])):
                norm = self.norm[rr][cc]
                if not self.is_anchor(rr, cc) or (rr, cc) in self.used:
                    continue
                target = next((k for k, texts in kinds if norm in texts), None)
                if target is None or getattr(self.out, target) is not None:
                    continue
                self.label(rr, cc)
                below = self.cell(rr + 1, cc)
                if below and (rr + 1, cc) not in self.used and (rr + 1, cc) not in self.grid.merged:
                    setattr(self.out, target, self.value(rr + 1, cc))
        if self.out.goal_expected is None and self.out.goal_period is None:
            to = self.right_of(r, c, frozenset())
            if to is not None:
                self.out.goal_expected = self.value(*to)
        self._labelled_goal("goal_expected", self.map.names(self.map.goal.label))
        self._labelled_goal("goal_period", self.map.names(self.map.goal.period_label))

    def _labelled_goal(self, target: str, names: frozenset[str]) -> None:
        """A goal written as label | text on a row of its own (实施期绩效目标 | …, 本年度绩效目标 | …)."""
        if getattr(self.out, target) is not None:
            return
        for r in range(len(self.norm)):
            for c in self.anchors(r):
                if self.norm[r][c] in names and (r, c) not in self.used and r not in self.indicator_rows:
                    to = self.right_of(r, c, frozenset())
                    if to is not None:
                        self.label(r, c)
                        setattr(self.out, target, self.value(*to))
                        return

    # --- indicators -----------------------------------------------------------------------

    def indicators(self) -> None:
        columns = self.map.lookup(self.map.indicators.columns)
        keys_of = [{columns[n] for n in row if n in columns} for row in self.norm]
        header = next((r for r, keys in enumerate(keys_of)
                       if ("level3" in keys and ({"level1", "level2"} & keys or {"target", "weight"} <= keys))
                       or ({"level1", "level2"} <= keys and {"target", "actual"} & keys)), None)  # fmt: skip
        before = self.continues
        last1 = last2 = None  # the 一级 / 二级 written once for their group, carried down
        band = [header] if header is not None else []
        two_levels = False
        if header is not None:
            col_of = self._band_columns(header, columns, band)
            if "level3" not in col_of.values():  # 一级 (数量指标) | 二级 (the indicator): two levels only
                col_of = {c: {"level1": "level2", "level2": "level3"}.get(k, k) for c, k in col_of.items()}
                two_levels = True
                self.out.notes.append("表中只有两级指标：二级指标一栏是指标名称，一级指标一栏是类别（如 数量指标），"
                                      "一级指标（产出、效益、满意度）按类别推定")  # fmt: skip
        elif (self.grid.style == "pdf" and before is not None and before.indicator_columns
              and self.width == before.width and before.style == "pdf"):  # fmt: skip
            # a PDF table without headers right after one with an indicator block: its continuation (a page break)
            col_of, self.out.continued = dict(before.indicator_columns), True
            if before.indicators:
                last1, last2 = before.indicators[-1].values.get("level1"), before.indicators[-1].values.get("level2")
        else:
            return
        self.out.indicator_columns, self.out.width = col_of, self.width
        start = max(band) + 1 if band else 0
        self.indicator_rows = range(min(band) if band else 0, len(self.norm))
        first = min(col_of)
        block = self.map.names(self.map.indicators.label)
        goal_labels = self.map.names(self.map.goal.label)
        for r in band:
            for c in self.anchors(r):
                if self.norm[r][c] in block or (self.norm[r][c] in goal_labels and c < first):
                    self.label(r, c)
                    weight = marked(self.text[r][c]).weight  # 年度绩效目标（80分）: the indicators' share
                    if weight:
                        self.out.weights.append((_INDICATORS, Value(weight, self.grid.where(r, c))))
        total = self.map.names(self.map.total.label)
        grade_labels = frozenset(n for n, k in self.field_names.items() if k == "grade")
        notes = self.map.names(self.map.indicators.notes)
        stop = self.map.names(self.map.goal.label) | self.map.names(self.map.tasks.label)
        seen_weights: set[tuple[int, int]] = set()
        after_total = False
        for r in range(start, len(self.norm)):
            if self.blank(r):
                continue
            lead = self.anchors(r)
            if not lead:
                continue
            if any(self.norm[r][c] in total for c in lead if (r, c) not in self.used):
                self._total(r, col_of, total)
                after_total = True
                continue
            if any(self.norm[r][c] in grade_labels or (label_value(self.text[r][c]) or ("",))[0] in grade_labels
                   for c in lead):  # fmt: skip
                continue  # the grade row: read as a field
            if after_total:
                continue  # below the total: notes, signatures, the grade (listed as not imported if not read)
            first_text = self.norm[r][lead[0]]
            if first_text in stop and lead[0] < first + 2:
                self.indicator_rows = range(self.indicator_rows.start, r)
                break
            split = label_value(self.text[r][lead[0]])
            if (first_text in notes or (split and split[0] in notes) or re.match(r"^(注|说明|备注)[:：]", first_text)
                    or any(word in first_text for word in self.map.indicators.note_words)):  # fmt: skip
                self._ignore_row(r, "说明或备注行，不是绩效指标")
                continue
            texts = {self.text[r][c] for c in range(len(self.text[r])) if self.text[r][c]}
            if len(texts) == 1 and len(lead) == 1 and sum(1 for t in self.text[r] if t) > 2:
                self._ignore_row(r, "一段文字横跨整行：说明，不是绩效指标")
                continue
            for c in range(first):
                if self.norm[r][c] in block:
                    self.label(r, c)
            values = {key: self.value(r, c) for c, key in col_of.items()
                      if self.text[r][c] and (r, c) not in self.used and key not in ("level1", "level2")}  # fmt: skip
            for key in ("level1", "level2"):
                c = next((cc for cc, k in col_of.items() if k == key), None)
                if c is None or not self.text[r][c]:
                    continue
                anchor = self.anchor(r, c)
                name, weight = category_weight(self.text[anchor[0]][anchor[1]])
                where = self.grid.where(*anchor)
                self.used.add(anchor)
                self.used.add((r, c))
                values[key] = Value(name, where)
                if weight is not None and anchor not in seen_weights:
                    seen_weights.add(anchor)
                    parent = values.get("level1") or last1
                    path = normalise(name) if key == "level1" or parent is None else f"{normalise(parent.text)}/{normalise(name)}"
                    self.out.weights.append((path, Value(weight, where)))
            if two_levels and "level2" in values and "level1" not in values:
                level1 = self._category_of(values["level2"].text)
                if level1:
                    values["level1"] = Value(level1, values["level2"].where)
            self._split_target(values, r, col_of)
            if not set(values) & set(_INDICATOR_VALUES) and not {"level1", "level2"} & set(values):
                continue  # nothing of an indicator here (what is left is listed as not imported)
            if "level3" in values and self._placeholder(values):
                self.out.ignored.append(Ignored(values["level3"].where, values["level3"].text,
                                                "模板的空占位行（只有编号或省略号），不是绩效指标"))  # fmt: skip
                values.pop("level3")
                if not {"level1", "level2"} & set(values):
                    continue
            if "level3" in values:
                name = _PREFIX.sub("", values["level3"].text)
                values["level3"] = Value(name, values["level3"].where)
            if "level1" in values:
                if last1 is None or values["level1"].where != last1.where:
                    last2 = None
                last1 = values["level1"]
            elif last1 is not None:  # 一级 written once for its group, blank below
                values["level1"] = last1
            if "level2" in values:
                last2 = values["level2"]
            elif last2 is not None:
                values["level2"] = last2
            if "level3" not in values and self.out.indicators and not (set(values) & set(_INDICATOR_VALUES)):
                prev = self.out.indicators[-1].values
                if prev.get("level1") == values.get("level1") and prev.get("level2") == values.get("level2"):
                    continue  # the rest of a placeholder group: its category is already listed
            row = IndicatorRow(self.grid.where(r, first), parts=tuple(values.pop("_parts", ())))  # type: ignore[arg-type]
            row.values = {key: values[key] for key in _COLUMN_ORDER if key in values}
            self.out.indicators.append(row)

    def _category_of(self, level2: str) -> str | None:
        """The 一级指标 a 二级 category belongs to (数量指标 → 产出指标), from ``indicators.categories``."""
        flat = normalise(level2)
        return next((level1 for level1, words in self.map.indicators.categories.items()
                     if any(word in flat for word in words)), None)  # fmt: skip

    def _band_columns(self, header: int, columns: dict[str, str], band: list[int]) -> dict[int, str]:
        """The columns of the indicator header, read over its one or two rows: a column whose cell in the main
        row is merged across several columns (年度指标值 over 指标性质 / 指标值 / 度量单位) takes its key from the
        row below or above that names one column only."""
        rows = [r for r in (header - 1, header + 1) if 0 <= r < len(self.norm)]
        extra = [r for r in rows if self._header_like(r, columns, header)]
        band.extend(extra)
        band.sort()
        col_of: dict[int, str] = {}
        for c in range(self.width):
            options = []
            for r in [header, *extra]:
                key = columns.get(self.norm[r][c])
                if key is None:
                    continue
                wide = self._wide(r, c)
                options.append((wide, r != header, key, r))
            if not options:
                continue
            options.sort()
            _, _, key, r = options[0]
            if key == "target_op" and key in col_of.values():
                key = "target_op2"  # 指标性质 (正向) and 指标方向 (=): the cells say which holds the operator
            if key in col_of.values():
                continue
            col_of[c] = key
            self.label(r, c)
        for r in band:
            for c in range(len(self.norm[r])):
                if columns.get(self.norm[r][c]) is not None:
                    self.used.add((r, c))
        if ("target_op" in col_of.values() or "target_unit" in col_of.values()) and "target" not in col_of.values():
            spans = [c for c in range(self.width) if any(columns.get(self.norm[r][c]) == "target" for r in band)]
            free = [c for c in spans if c not in col_of]
            if free:
                col_of[free[0]] = "target"
        return dict(sorted(col_of.items()))

    def _wide(self, r: int, c: int) -> bool:
        """Whether cell (r, c) is part of a merge across columns."""
        text = self.text[r][c]
        return bool(text) and any(0 <= cc < self.width and self.text[r][cc] == text
                                  and ((r, cc) in self.grid.merged or (r, c) in self.grid.merged)
                                  for cc in (c - 1, c + 1))  # fmt: skip

    def _header_like(self, r: int, columns: dict[str, str], header: int) -> bool:
        """Whether a row next to the indicator header is part of it (it names columns the main row does not)."""
        keys = {columns[self.norm[r][c]] for c in self.anchors(r) if self.norm[r][c] in columns}
        main = {columns[self.norm[header][c]] for c in self.anchors(header) if self.norm[header][c] in columns}
        return bool(keys - main) or (bool(keys) and any(self._wide(header, c) for c in range(self.width)) and r > header)

    def _split_target(self, values: dict[str, Value], r: int, col_of: dict[int, str]) -> None:
        """指标性质 + 指标值 + 度量单位 printed in three columns → one target as written (``≥`` ``100`` ``%`` → ``≥100%``)."""
        ops = [v for v in (values.pop("target_op", None), values.pop("target_op2", None)) if v is not None]
        unit = values.pop("target_unit", None)
        if not ops and unit is None:
            return
        value = values.get("target")
        parts = [*ops, *(v for v in (value, unit) if v is not None)]
        symbols = [v for v in ops if re.search(r"[=<>≥≤≧≦═＝＜＞]", v.text)]
        op = symbols[0] if symbols else None  # 正向 / 反向 / 定性 are the indicator's nature, not an operator
        op_text = "" if op is None else op.text.strip()
        if value is None:
            self.out.ignored.extend(Ignored(v.where, v.text, "指标性质或度量单位一栏有字而指标值为空，未导入")
                                    for v in parts)  # fmt: skip
            return
        unit_text = "" if unit is None or value.text.endswith(unit.text.strip()) else unit.text.strip()
        values["target"] = Value(f"{op_text}{value.text}{unit_text}", value.where)
        values["_parts"] = parts  # type: ignore[assignment]

    def _placeholder(self, values: dict[str, Value]) -> bool:
        text = values["level3"].text.strip()
        pattern = any(re.match(p, re.sub(r"\s+", "", text)) for p in self.map.indicators.placeholders)
        return pattern and not (set(values) & {"target", "actual", "weight", "score"})

    def _ignore_row(self, r: int, reason: str) -> None:
        cells = [c for c in range(len(self.text[r])) if self.text[r][c] and (r, c) not in self.used]
        if not cells:
            return
        wheres = tuple(self.grid.where(r, c) for c in cells if self.is_anchor(r, c))
        self.out.ignored.append(Ignored(self.grid.where(*self.anchor(r, cells[0])), self._row_text(r), reason, wheres))
        self.used.update((r, c) for c in cells)

    def _total(self, r: int, col_of: dict[int, str], total: frozenset[str]) -> None:
        for c, norm in enumerate(self.norm[r]):
            if norm in total and (r, c) not in self.used:
                self.label(r, c)
        score_col = next((c for c, k in col_of.items() if k == "score"), None)
        for c, key in col_of.items():
            text = self.text[r][c]
            if not text or (r, c) in self.used or text.strip() in _NO_VALUE:
                continue
            if key == "weight" and self.out.total_weight is None:
                self.out.total_weight = self.value(r, c)
            elif key == "score" and self.out.total_score is None:
                self.out.total_score = self.value(r, c)
        grades = self.map.names(self.map.grades)
        for c in self.anchors(r):
            if (r, c) in self.used or (score_col is not None and c < score_col):
                continue
            text = self.text[r][c]
            split = label_value(text)
            if normalise(text) in grades:
                self.out.total_grade = self.value(r, c)
            elif split and split[0] in frozenset(n for n, k in self.field_names.items() if k == "grade"):
                self.used.add((r, c))
                self.out.total_grade = Value(split[1], self.grid.where(r, c))

    # --- the rest -------------------------------------------------------------------------

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
                unit = unit_in(text) if text and ("单位" in text or "元" in text or "兀" in text) else None
                if unit and len(normalise(text)) <= 12:
                    self.used.add((r, c))
                    self.out.money_unit = Value(unit, self.grid.where(r, c))
                    return

    def leftovers(self) -> None:
        for r, row in enumerate(self.text):
            for c, text in enumerate(row):
                if self.is_anchor(r, c) and is_number(text):
                    self.out.numbers.append(Value(text, self.grid.where(r, c)))
            left = [(c, text) for c, text in enumerate(row) if self.is_anchor(r, c) and (r, c) not in self.used]
            if not left:
                continue
            shown = " | ".join(text.replace("\n", " ") for _, text in left)
            wheres = tuple(self.grid.where(r, c) for c, _ in left)
            self.out.ignored.append(Ignored(wheres[0], shown, "不属于任何已知的栏目，未导入", wheres))

    def decide_kind(self) -> None:
        """A form that prints a score is a self-evaluation, whatever its title says; whole-department when its
        title says so, or it names a department and no project."""
        out = self.out
        if not out.department and "department_name" in out.fields and "project_name" not in out.fields:
            out.department = out.title is None or out.kind is None
        scored = out.scored or (out.kind is None and {"actual", "score"} & set(out.indicator_columns.values()))
        if scored:
            if out.kind == "target_table":
                out.notes.append("标题像绩效目标表，但表中印有得分：按自评表导入")
            out.kind = "department_self_evaluation" if out.department else "project_self_evaluation"
        elif out.kind is None and out.found:
            out.kind = "target_table"


def _parts(text: str) -> list[str]:
    """A cell's parts: ``填报单位：某局　　填报日期：2023年3月`` holds two label–value pairs."""
    out = []
    for chunk in re.split(r"[ \u3000]{2,}|\t", text.strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        labelled = len(lines) > 1 and all(re.search(r"[:：]", line) for line in lines)
        out += lines if labelled else [chunk] if chunk.strip() else []
    return out


def filled_on(project: FormProject) -> Value | None:
    """The 填报日期 a form prints (a field, or a line such as “填表人：… 填报日期：2023年3月”)."""
    if "filled_on" in project.fields and _DATE.search(project.fields["filled_on"].text):
        return project.fields["filled_on"]
    for item in project.ignored:
        found = re.search(r"(?:填报|填表|报送)日期\s*[:：]\s*((?:19|20)\d{2})", item.text)
        if found:
            return Value(found.group(1), item.where)
    return None


def date_year(text: str) -> int | None:
    """The year of a date as printed (``2022年2月3日`` → 2022)."""
    found = _DATE.search(text) or _FILE_YEAR.search(text)
    return int(found.group(1)) if found else None


def file_year(name: str) -> int | None:
    """A year in a file's name (``自评表-2021.xlsx`` → 2021), if exactly one."""
    years = set(_FILE_YEAR.findall(name))
    return int(years.pop()) if len(years) == 1 else None


def extract(grid: Grid, fmap: FormMap | None = None, continues: FormProject | None = None) -> FormProject:
    """Read one grid (a sheet or a table holding one form). ``continues``: the form read from the PDF table
    just before; a PDF table without headers of the same width is read as the rest of its indicator block
    (``continued`` is then set). A worksheet or a Word table is never the continuation of another."""
    return _Reader(grid, fmap or form_map(), continues).read()
