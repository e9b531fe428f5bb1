"""Find the blocks of a 自评表 or 绩效目标表 in a grid of text, by the words the templates print.

A form is read block by block — the title (kind and year), header fields (项目名称, 主管部门,
部门名称 …, as label | value or ``label：value`` in one cell), the funds block (:mod:`perfnb.forms.funds`),
the key tasks of a whole-department form, the overall goal, the indicator block
(:mod:`perfnb.forms.indicators`), the total and the grade — each found by the texts of the synonym map
(:mod:`perfnb.forms.headers`), never by position. Every value keeps where it was read
(:meth:`Grid.where`); every filled cell that is neither a label nor a value is listed as ignored,
with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from perfnb.forms.cells import parts as cell_parts
from perfnb.forms.form import FILE_YEAR, YEAR, FormProject, Ignored, TaskRow, Value, is_number
from perfnb.forms.funds import FundsBlock
from perfnb.forms.grid import Grid
from perfnb.forms.headers import FormMap, form_map, label_value, normalise, title_kind, unit_in
from perfnb.forms.indicators import IndicatorBlock

__all__ = ["extract"]

_YEAR_LINE: Final = re.compile(r"^[(\[【]?(?:[^\d]{0,6}[:：])?((?:19|20)\d{2})年?度?[)\]】]?$")
_HEAD_ROWS: Final = 8  # the title and the year are looked for in the first rows
_STAMP: Final = re.compile(r"^[(（]?\s*(盖章|签字|签章|签名)?\s*[)）]?$")  # a value left to the stamp or a signature
_UNIT_LABELS: Final = ("金额单位", "单位", "资金单位", "货币单位")
_SUBHEADING: Final = re.compile(r"^[1-9][.、．]\s*[\u4e00-\u9fff]{2,20}$")  # 1.项目年度目标完成情况
_LATE_FIELDS: Final = ("grade", "filled_on", "stamp")  # fields printed below the indicator block


class _Reader(FundsBlock, IndicatorBlock):
    """Walks one grid, consuming cells as labels or values."""

    def read(self) -> FormProject:
        self.title()
        self.indicators()
        self.fields()
        self.tasks()
        self.funds()
        self.goal()
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
                year = YEAR.search(normalise(text))
                if year:
                    self.out.year = Value(year.group(1), where)
        for text, _, at in lines:
            flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
            year = _year_line(flat)
            if year and self.out.year is not None and year.group(1) == self.out.year.text and at is not None:
                self.label(*at)  # （2023年度） below a title that says 2023 already
        if self.out.year is not None:
            return
        for text, where, at in lines:
            flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
            year = _year_line(flat)
            if year and len(flat) <= 16:
                self.out.year = Value(year.group(1), where)
                if at is not None:
                    self.label(*at)
                return
        year = FILE_YEAR.search(self.grid.label)
        if year:
            self.out.year = Value(year.group(1), f"{self.grid.label}（表名）")

    def fields(self) -> None:
        self._table_fields()
        for line in self.grid.before:  # 单位名称：…　　填报日期：… above a Word or PDF table
            for part in cell_parts(line):
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
                    if at is not None and self._field_value(key, self.text[at[0]][at[1]]):
                        self.label(r, c)
                        self.out.fields[key] = self.value(*at)
                    continue
                parts = cell_parts(self.text[r][c])
                found = [(self.field_names.get(s[0]), s[1]) for s in (label_value(p) for p in parts) if s]
                known = [
                    (k, v) for k, v in found if k is not None and (r not in self.indicator_rows or k in _LATE_FIELDS)
                ]
                for k, v in known:
                    if k not in self.out.fields and not _STAMP.match(v):
                        self.out.fields[k] = Value(v, self.grid.where(r, c))
                if known and len(known) == len(parts):
                    self.used.add((r, c))
                    self.take_copies(r, c)

    def _field_value(self, key: str, text: str) -> bool:
        """Whether a cell right of a field's label is its value: a total a number, a grade a grade word (评价结论
        may be a sentence), and no field a numbered sub-heading (项目基本情况 | 1.项目年度目标完成情况)."""
        if _SUBHEADING.match(text.strip()):
            return False
        if key == "total_score":
            return is_number(text)
        if key == "grade":
            return normalise(text) in self.map.grades
        return True

    def tasks(self) -> None:
        """年度主要任务: a header naming 任务名称 and an amount or content; one task per row below it."""
        columns = self.map.lookup(self.map.tasks.columns)
        header = next((r for r, row in enumerate(self.norm) if r not in self.indicator_rows
                       and "name" in {columns.get(n) for n in row}
                       and {"budget", "executed", "content"} & {columns.get(n) for n in row}), None)  # fmt: skip
        if header is None:
            return
        col_of = self.header_columns(header, columns)
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
                      if self.text[r][c] and (r, c) not in self.used
                      and self.text[r][c] != self.text[header][c]}  # fmt: skip
            if "name" not in values:
                if values:
                    self.out.ignored.extend(Ignored(v.where, v.text, "年度主要任务中没有任务名称的一行，未导入")
                                            for v in values.values())  # fmt: skip
                continue
            self.out.tasks.append(TaskRow(values["name"].where, values))

    # --- goal ---------------------------------------------------------------------------

    def goal(self) -> None:
        """The overall goal: its label, then 预期目标 / 实施期目标 / 实际完成情况 headers with the texts below them, or
        the text right of the label."""
        names = self.map.names(self.map.goal.label)
        at = next(((r, c) for r in range(len(self.norm)) if r not in self.indicator_rows for c in self.anchors(r)
                   if self.norm[r][c] in names and (r, c) not in self.used), None)  # fmt: skip
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
            below = self.cell(r + 1, c)
            if self.out.goal_actual is not None and below and (r + 1, c) not in self.grid.merged:
                self.out.goal_expected = self.value(r + 1, c)  # 项目年度目标 | 年度目标完成情况 over their texts
            else:
                to = self.right_of(r, c, frozenset())
                if to is not None:
                    self.out.goal_expected = self.value(*to)
        self._labelled_goal("goal_expected", self.map.names(self.map.goal.label))
        self._labelled_goal("goal_period", self.map.names(self.map.goal.period_label))
        self._labelled_goal("goal_actual", self.map.names(self.map.goal.actual_label))

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

    # --- the rest -------------------------------------------------------------------------

    def money_unit(self) -> None:
        if self.out.money_unit is not None:
            return
        for line in self.grid.before:
            unit = unit_in(line)
            if unit:
                self.out.money_unit = Value(unit, f"{self.grid.label} 之前的文字“{line}”")
                return
        for r, row in enumerate(self.norm):  # 金额单位： | 万元 (the label and the unit in two cells)
            for c in self.anchors(r):
                at = self.right_of(r, c, frozenset()) if row[c] in _UNIT_LABELS else None
                if at is not None and normalise(self.text[at[0]][at[1]]) in ("元", "万元", "亿元"):
                    self.label(r, c)
                    self.out.money_unit = self.value(*at)
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


def _year_line(flat: str) -> re.Match[str] | None:
    """A line that states the year (（2022年度）, 年度：2022); a date line (填报日期：2021年) states no fiscal year."""
    return None if "日期" in flat else _YEAR_LINE.match(flat)


def extract(grid: Grid, fmap: FormMap | None = None, continues: FormProject | None = None) -> FormProject:
    """Read one grid (a sheet or a table holding one form). ``continues``: the form read from the PDF table
    just before; a PDF table without headers of the same width is read as the rest of its indicator block
    (``continued`` is then set). A worksheet or a Word table is never the continuation of another."""
    return _Reader(grid, fmap or form_map(), continues).read()
