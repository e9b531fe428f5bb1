"""The indicator block of a form: a header of one or two rows (一级 / 二级 / 三级指标, 年度指标值 or 指标性质 |
指标值 | 度量单位, 实际完成值, 分值, 得分, 偏差原因 …), one indicator per row below it, 一级 and 二级 carried down
their group, the weight a category cell carries (产出指标（50分）), and the total row with its grade.

Rows that are no indicator — the template's placeholders (指标2：, ……), notes and signatures, everything
below the total — are listed as not imported, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from perfnb.base.numbers import NO_VALUE_MARKS, is_no_value
from perfnb.format.targets import OPERATOR_WORDS
from perfnb.forms.cells import Cells
from perfnb.forms.form import FormProject, Ignored, IndicatorRow, Value
from perfnb.forms.headers import category_weight, label_value, marked, normalise

__all__ = ["INDICATORS", "IndicatorBlock"]

INDICATORS: Final = "绩效指标"  # the section of a weight printed for the whole indicator block
_PREFIX: Final = re.compile(r"^(?:指标|任务|目标)\s*\d+\s*[:：]\s*(?=\S)")  # 指标1：宣传场次 → 宣传场次
_OPERATOR: Final = re.compile(r"[=<>≥≤≧≦═＝＜＞]")
_ACTUAL_ENDINGS: Final = ("实际完成值", "实际值", "完成值")
_NO_VALUE: Final = NO_VALUE_MARKS | {"无"}
_VALUES: Final = ("level3", "target", "actual", "weight", "score")
_FIGURES: Final = _VALUES[1:]
_COLUMN_ORDER: Final = ("level1", "level2", "level3", "target_period", "target", "actual", "weight", "score",
                        "coefficient", "review", "deviation", "method")  # fmt: skip
_BLANK_LEVEL1: Final = "一级指标一栏为空：按二级指标的类别推定一级指标（如 数量指标 → 产出指标）"
_ONE_LEVEL: Final = f"表中的指标没有一级、二级分类：一级指标填为“{INDICATORS}”"
_HEADER_LENGTH: Final = 16  # a longer text holding 原因 is a reason itself, not a column header
_PERIOD_WORD: Final = re.compile(r"(实施期|中长期|中期|长期)")  # 实施期指标值: the whole period's column
_PERIOD: Final = {"level2": "level2_period", "level3": "level3_period", "target": "target_period"}
_TWO_GROUPS: Final = ("表中有两组指标：左边一组按实施期（中期）指标读取，其指标值写入 target_period；"
                      "右边一组按年度指标读取")  # fmt: skip
_OTHER_NAME: Final = "实施期（中期）一组的指标名称，与年度一组不同，未导入"
_TWO_LEVELS: Final = ("表中只有两级指标：二级指标一栏是指标名称，一级指标一栏是类别（如 数量指标），"
                      "一级指标（产出、效益、满意度）按类别推定")  # fmt: skip


@dataclass
class _Walk:
    """What the walk down the indicator rows carries from row to row."""

    columns: dict[int, str]  # column → level1 … method
    first: int  # the first indicator column
    two_levels: bool = False  # 一级 | 二级 only: the 二级 column names the indicator
    last1: Value | None = None  # the 一级 / 二级 written once for their group, carried down
    last2: Value | None = None
    weighed: set[tuple[int, int]] = field(default_factory=set)  # category cells whose weight was taken
    after_total: bool = False
    top: int = 0  # the first row of the header band
    one_level: bool = False  # 指标名称 only, no 一级 / 二级: the 一级 is the block itself


def _column_key(norm: str, columns: dict[str, str]) -> str | None:
    """The indicator column a header names: by its synonyms, without a remark in brackets (单位（文字描述）), or
    by its words (单项指标实际完成值 → 实际完成值)."""
    if not norm:
        return None
    key = columns.get(norm) or columns.get(re.sub(r"\([^()]*\)$", "", norm))
    if key is None and (rest := _period_rest(norm)):
        key = columns.get(rest) if columns.get(rest) in _PERIOD else None
    if key is None and norm.endswith(_ACTUAL_ENDINGS):
        key = "actual"
    if key is None and "原因" in norm and len(norm) <= _HEADER_LENGTH:
        key = "deviation"  # 未完成原因及改进措施, 偏差原因及整改情况: the reasons column by its word
    return key


def _period_rest(norm: str) -> str | None:
    """The header after a whole-period word written before it (实施期指标值 → 指标值), or None."""
    match = _PERIOD_WORD.match(norm)
    return norm[match.end() :] or None if match else None


def _is_operator(text: str) -> bool:
    """Whether a 指标性质 / 指标方向 cell holds the comparison (≥, ﹦, 大于等于) rather than the nature (正向)."""
    flat = normalise(text)
    return bool(_OPERATOR.search(flat)) or flat in OPERATOR_WORDS


class IndicatorBlock(Cells):
    """Reads the indicator rows, the category weights, the total and the grade into ``out``."""

    def indicators(self) -> None:
        columns = self.map.lookup(self.map.indicators.columns)
        headers = self._headers(columns)
        walk, start = self._start(headers[0] if headers else None, columns)
        if walk is None:
            return
        total = self.map.names(self.map.total.label)
        stop = self.map.names(self.map.goal.label) | self.map.names(self.map.tasks.label)
        r = start - 1
        while r + 1 < len(self.norm):
            r += 1
            lead = self.anchors(r)
            if not lead:
                continue
            if r in headers and not walk.after_total:  # a second header: a block with columns of its own
                walk, start = self._open(r, columns)
                r = start - 1
                continue
            if any(self.norm[r][c] in total for c in lead if (r, c) not in self.used):
                self._total(r, walk.columns, total)
                walk.after_total = True
                continue
            if self._grade_row(r, lead) or walk.after_total:
                continue  # the grade is read as a field; below the total: notes and signatures
            if self.norm[r][lead[0]] in stop and lead[0] < walk.first + 2:
                if any(h > r for h in headers):  # a heading between two indicator blocks (项目年度目标1：…)
                    self.ignore_row(r, "两个绩效指标块之间的小标题，不是绩效指标")
                    continue
                self.indicator_rows = range(self.indicator_rows.start, r)
                break  # another block (the goal, the tasks) after the indicators
            if not self._note_row(r, lead):
                self._row(r, walk)

    # --- the header ---------------------------------------------------------------------------

    def _headers(self, columns: dict[str, str]) -> list[int]:
        """The rows that head an indicator block: 一级 / 二级 and 三级, or 三级 with a target and a weight, or (two
        levels only) 一级 and 二级 with a target or an actual value."""
        out = []
        for r, row in enumerate(self.norm):
            keys = {columns[n] for n in row if n in columns}
            if ("level3" in keys and ({"level1", "level2"} & keys or {"target", "weight"} <= keys)) or (
                {"level1", "level2"} <= keys and {"target", "actual"} & keys
            ):
                out.append(r)
        return out

    def _open(self, header: int, columns: dict[str, str]) -> tuple[_Walk, int]:
        """The walk of the indicator block headed at ``header``, and the first row below its header band (the
        band's first row is ``walk.top``)."""
        band = [header]
        col_of = self._band_columns(header, columns, band)
        walk = _Walk(col_of, min(col_of))
        if "level3" not in col_of.values():  # 一级 (数量指标) | 二级 (the indicator): two levels only
            walk.columns = {c: {"level1": "level2", "level2": "level3"}.get(k, k) for c, k in col_of.items()}
            walk.two_levels = True
            self.out.notes.append(_TWO_LEVELS)
        self._band_labels(band, walk.first)
        walk.top = min(band)
        if not {"level1", "level2"} & set(walk.columns.values()):
            walk.one_level = True
            self.out.notes.append(_ONE_LEVEL)
        if not self.out.indicator_columns:
            self.out.indicator_columns, self.out.width = walk.columns, self.width
        return walk, max(band) + 1

    def _start(self, header: int | None, columns: dict[str, str]) -> tuple[_Walk | None, int]:
        """The walk and its first row: after the header band, or from the top of a PDF table that continues the
        previous page's indicator block."""
        before = self.continues
        if header is not None:
            walk, start = self._open(header, columns)
            self.indicator_rows = range(walk.top, len(self.norm))
            return walk, start
        if self._continues(before):
            assert before is not None
            walk = _Walk(dict(before.indicator_columns), min(before.indicator_columns))
            self.out.continued = True  # a PDF table without headers right after one with an indicator block
            if before.indicators:
                walk.last1, walk.last2 = (before.indicators[-1].values.get(k) for k in ("level1", "level2"))
            self.indicator_rows = range(0, len(self.norm))
            self.out.indicator_columns, self.out.width = walk.columns, self.width
            return walk, 0
        return None, 0

    def _continues(self, before: FormProject | None) -> bool:
        """Whether this table is the rest of the previous one's indicator block, broken by a PDF page (a table
        with a title or a project name of its own is a form of its own)."""
        names = {"project_name", "department_name"}
        own = self.out.title is not None or any(self.field_names.get(n) in names for row in self.norm for n in row)
        return (self.grid.style == "pdf" and before is not None and before.style == "pdf" and not own
                and bool(before.indicator_columns) and self.width == before.width)  # fmt: skip

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
            options = sorted((self._wide(r, c), r != header, key, r)
                             for r in [header, *extra] if (key := _column_key(self.norm[r][c], columns)))  # fmt: skip
            stacked = "".join(self.norm[r][c] for r in band if (r, c) not in self.grid.merged)
            if stacked in columns and len(band) > 1:  # 县级 above 评分: one header written over two rows
                options = [(False, False, columns[stacked], band[-1])]
                for rr in band[:-1]:
                    if self.text[rr][c] and (rr, c) not in self.grid.merged:
                        self.label(rr, c)
            if not options:
                continue
            _, _, key, r = options[0]
            if key == "target_op" and key in col_of.values():
                key = "target_op2"  # 指标性质 (正向) and 指标方向 (=): the cells say which holds the operator
            if self._horizon(c, band) == "period" and key in _PERIOD:
                key = _PERIOD[key]  # 三级指标（长期）, 指标值（中期）: the whole period's indicators
            elif key in _PERIOD and key in col_of.values() and self._horizon(c, band) is None and self.is_anchor(r, c):
                # the same columns again to the right (中期 | 年度 side by side): the earlier group is the period's
                col_of = {cc: _PERIOD[k] if k == key else k for cc, k in col_of.items()}
                self.out.notes.append(_TWO_GROUPS)
            if key in col_of.values():
                continue
            col_of[c] = key
            self.label(r, c)
        for r in band:
            self.used.update((r, c) for c in range(len(self.norm[r])) if self.norm[r][c] in columns)
        split = {"target_op", "target_unit"} & set(col_of.values())
        if split and "target" not in col_of.values():  # 年度指标值 over the split columns names the value column
            spans = [c for c in range(self.width) if any(columns.get(self.norm[r][c]) == "target" for r in band)]
            free = [c for c in spans if c not in col_of]
            if free:
                col_of[free[0]] = "target"
        return dict(sorted(col_of.items()))

    def _band_labels(self, band: list[int], first: int) -> None:
        """The block's label in the header band (绩效指标, 年度绩效目标（80分） and the weight it carries)."""
        block = self.map.names(self.map.indicators.label)
        goal_labels = self.map.names(self.map.goal.label)
        for r in band:
            for c in self.anchors(r):
                if self.norm[r][c] in block or (self.norm[r][c] in goal_labels and c < first):
                    self.label(r, c)
                    weight = marked(self.text[r][c]).weight  # 年度绩效目标（80分）: the indicators' share
                    if weight:
                        self.out.weights.append((INDICATORS, Value(weight, self.grid.where(r, c))))

    def _horizon(self, c: int, band: list[int]) -> str | None:
        """Whether column c of the header band is marked as the year's or the whole period's (（年度）, （长期）)."""
        if any(_period_rest(self.norm[r][c]) for r in band):
            return "period"
        return next((h for r in band if (h := marked(self.text[r][c]).horizon) is not None), None)

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
        below_a_merge = r > header and any(self._wide(header, c) for c in range(self.width))
        return bool(keys - main) or (bool(keys) and below_a_merge)

    # --- the rows ---------------------------------------------------------------------------------

    def _grade_row(self, r: int, lead: list[int]) -> bool:
        grades = frozenset(n for n, k in self.field_names.items() if k == "grade")
        return any(self.norm[r][c] in grades or (label_value(self.text[r][c]) or ("",))[0] in grades for c in lead)

    def _note_row(self, r: int, lead: list[int]) -> bool:
        """A note, a signature or a line of text across the row: listed as not imported."""
        first_text = self.norm[r][lead[0]]
        notes = self.map.names(self.map.indicators.notes)
        split = label_value(self.text[r][lead[0]])
        if (first_text in notes or (split and split[0] in notes) or re.match(r"^(注|说明|备注)[:：]", first_text)
                or any(word in first_text for word in self.map.indicators.note_words)):  # fmt: skip
            self.ignore_row(r, "说明或备注行，不是绩效指标")
            return True
        texts = {text for text in self.text[r] if text}
        if len(texts) == 1 and len(lead) == 1 and sum(1 for t in self.text[r] if t) > 2:
            self.ignore_row(r, "一段文字横跨整行：说明，不是绩效指标")
            return True
        return False

    def _row(self, r: int, walk: _Walk) -> None:
        """One indicator row (or a category printed empty); placeholders are listed, not imported."""
        block = self.map.names(self.map.indicators.label)
        for c in range(walk.first):
            if self.norm[r][c] in block:
                self.label(r, c)
        values = {key: self.value(r, c) for c, key in walk.columns.items()
                  if self.text[r][c] and (r, c) not in self.used
                  and key not in ("level1", "level2", "category_weight")}  # fmt: skip
        self._categories(r, walk, values)
        if walk.one_level and "level3" in values:
            values["level1"] = Value(INDICATORS, values["level3"].where)
        self._period_names(values)
        number = values.pop("seq", None)
        if number is not None:
            self.out.ignored.append(Ignored(number.where, number.text, "序号（行号），不是数据"))
        parts = self._split_target(values)
        if not set(values) & set(_VALUES) and not {"level1", "level2"} & set(values):
            return  # nothing of an indicator here (what is left is listed as not imported)
        name = "level3" if "level3" in values else "level2"  # 二级 … with nothing beside it: a placeholder too
        if name in values and self._placeholder(values, name):
            for key in [name, *(k for k in _FIGURES if k in values)]:
                value = values.pop(key)
                self.out.ignored.append(
                    Ignored(value.where, value.text, "模板的空占位行（只有编号、省略号或“/”），不是绩效指标")
                )
            if name == "level2" or not {"level1", "level2"} & set(values):
                return
        if "level3" not in values and set(values) & {"weight", "score", "target", "actual"}:
            merged = self._merged_name(r, walk)  # 三级 merged down over two scored rows: the same indicator
            if merged is not None:
                values["level3"] = merged
        if "level3" in values:
            values["level3"] = Value(_PREFIX.sub("", values["level3"].text), values["level3"].where)
        self._carry(values, walk)
        if "level3" not in values and self.out.indicators and not set(values) & set(_VALUES):
            prev = self.out.indicators[-1].values
            if prev.get("level1") == values.get("level1") and prev.get("level2") == values.get("level2"):
                return  # the rest of a placeholder group: its category is already listed
        row = IndicatorRow(self.grid.where(r, walk.first), parts=parts)
        row.values = {key: values[key] for key in _COLUMN_ORDER if key in values}
        self.out.indicators.append(row)

    def _merged_name(self, r: int, walk: _Walk) -> Value | None:
        """The 三级 name of a row whose 三级 cell is the lower part of a merge (the name printed once above)."""
        c = next((cc for cc, k in walk.columns.items() if k == "level3"), None)
        if c is None or (r, c) not in self.grid.merged or not self.text[r][c]:
            return None
        anchor = self.anchor(r, c)
        return Value(self.text[anchor[0]][anchor[1]], self.grid.where(*anchor)) if anchor[0] < r else None

    def _period_names(self, values: dict[str, Value]) -> None:
        """The period group's 二级 / 三级 names: the year's group names the indicator; a period name that differs
        is listed as not imported."""
        for key, own in (("level2_period", "level2"), ("level3_period", "level3")):
            name = values.pop(key, None)
            if name is not None and (own not in values or normalise(values[own].text) != normalise(name.text)):
                self.out.ignored.append(Ignored(name.where, name.text, _OTHER_NAME))

    def _categories(self, r: int, walk: _Walk, values: dict[str, Value]) -> None:
        """一级 and 二级 of a row, from their (often merged) cells, without the weight a cell carries — that goes to
        ``out.weights``; a two-level table's 一级 from its category."""
        weight_col = next((cc for cc, k in walk.columns.items() if k == "category_weight"), None)
        for key in ("level1", "level2"):
            c = next((cc for cc, k in walk.columns.items() if k == key), None)
            if c is None or not self.text[r][c]:
                continue
            anchor = self.anchor(r, c)
            name, weight = category_weight(self.text[anchor[0]][anchor[1]])
            where = self.grid.where(*anchor)
            self.used.update((anchor, (r, c)))
            values[key] = Value(name, where)
            if key == "level1" and weight is None and weight_col is not None and self.text[r][weight_col]:
                at = self.anchor(r, weight_col)  # 自评权重 beside the 一级 (管理指标 | 30)
                if at not in self.used:
                    weight, where = self.value(*at).text, self.grid.where(*at)
            if weight is not None and anchor not in walk.weighed:
                walk.weighed.add(anchor)
                parent = values.get("level1") or walk.last1
                path = normalise(name)
                if key == "level2" and parent is not None:
                    path = f"{normalise(parent.text)}/{path}"
                self.out.weights.append((path, Value(weight, where)))
        inferred = walk.two_levels or (walk.last1 is None and "level1" not in values)
        if inferred and "level2" in values and "level1" not in values:
            level1 = self._category_of(values["level2"].text)
            if level1:
                values["level1"] = Value(level1, values["level2"].where)
                if not walk.two_levels and _BLANK_LEVEL1 not in self.out.notes:
                    self.out.notes.append(_BLANK_LEVEL1)

    def _carry(self, values: dict[str, Value], walk: _Walk) -> None:
        """一级 and 二级 written once for their group, blank below: carried down."""
        if "level1" in values:
            if walk.last1 is None or values["level1"].where != walk.last1.where:
                walk.last2 = None
            walk.last1 = values["level1"]
        elif walk.last1 is not None:
            values["level1"] = walk.last1
        if "level2" in values:
            walk.last2 = values["level2"]
        elif walk.last2 is not None:
            values["level2"] = walk.last2

    def _category_of(self, level2: str) -> str | None:
        """The 一级指标 a 二级 category belongs to (数量指标 → 产出指标), from ``indicators.categories``."""
        flat = normalise(level2)
        return next((level1 for level1, words in self.map.indicators.categories.items()
                     if any(word in flat for word in words)), None)  # fmt: skip

    def _split_target(self, values: dict[str, Value]) -> tuple[Value, ...]:
        """指标性质 + 指标值 + 度量单位 printed in three columns → one target as written (``≥`` ``100`` ``%`` →
        ``≥100%``); the printed cells are returned. 正向 / 反向 / 定性 are the indicator's nature, not an operator:
        the operator is the cell holding a comparison sign."""
        ops = [v for v in (values.pop("target_op", None), values.pop("target_op2", None)) if v is not None]
        unit = values.pop("target_unit", None)
        if not ops and unit is None:
            return ()
        value = values.get("target")
        parts = (*ops, *(v for v in (value, unit) if v is not None))
        if value is None:
            reason = "指标性质或度量单位一栏有字而指标值为空，未导入"
            self.out.ignored.extend(Ignored(v.where, v.text, reason) for v in parts)
            return ()
        op = next((v.text.strip() for v in ops if _is_operator(v.text)), "")
        unit_text = "" if unit is None else re.sub(r"[(（][^()（）]*[)）]$", "", unit.text.strip()) or unit.text.strip()
        unit_text = "" if value.text.endswith(unit_text) else unit_text  # %（百分比）: the unit, not its gloss
        values["target"] = Value(f"{op}{value.text}{unit_text}", value.where)
        return parts

    def _placeholder(self, values: dict[str, Value], name: str) -> bool:
        """Whether the row's name is a template placeholder (指标2：, ……, 指标1：/) and its other cells hold nothing
        but no-value marks (/ —)."""
        text = re.sub(r"\s+", "", values[name].text)
        pattern = any(re.match(p, text) for p in self.map.indicators.placeholders)
        return pattern and all(is_no_value(values[k].text) for k in _FIGURES if k in values)

    # --- the total ---------------------------------------------------------------------------------

    def _total(self, r: int, col_of: dict[int, str], total: frozenset[str]) -> None:
        """The total row: its 分值 and 得分, and a grade printed beside them with or without a label."""
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
        grade_labels = frozenset(n for n, k in self.field_names.items() if k == "grade")
        for c in self.anchors(r):
            if (r, c) in self.used or (score_col is not None and c < score_col):
                continue
            split = label_value(self.text[r][c])
            if normalise(self.text[r][c]) in grades:
                self.out.total_grade = self.value(r, c)
            elif split and split[0] in grade_labels:
                self.used.add((r, c))
                self.out.total_grade = Value(split[1], self.grid.where(r, c))
