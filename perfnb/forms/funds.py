"""The funds block of a form: a header row of columns (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, by
their synonyms or their words) with one line per row, or funds lines written as label–value pairs and as
``label：amount`` in one cell; each part under the total or subtotal above it (年度资金总额 → 按收入性质分 →
一般公共预算)."""

from __future__ import annotations

import re
from typing import Final

from perfnb.forms.form import YEAR, FundRow, Value, is_amount, split_amount
from perfnb.forms.fundtree import AMOUNTS, FundsTree
from perfnb.forms.headers import label_value, marked, normalise

__all__ = ["FundsBlock"]

_HorizonRow = tuple[int, int, str, dict[int, tuple[int, int]]]  # row, label column, line key, column → amount cell
_LINE_LENGTH: Final = 14  # longer texts are never taken for a funds line by their words


class FundsBlock(FundsTree):
    """Reads the funds lines of a form into ``out.funds``."""

    def funds(self) -> None:
        """Read the funds block(s): by a header row of columns, in groups side by side, or as label–value pairs."""
        block_labels = self.map.names(self.map.funds.label) | self.map.names(self.map.funds.items)

        def score(r: int) -> int:  # two funds columns, or one beside the block's label
            row = self.norm[r]
            if r in self.indicator_rows or {"一级指标", "三级指标"} & set(row):
                return 0
            keys = {self._funds_key(row[c]) for c in self.anchors(r) if not self._beside_amount(r, c)}
            return len(keys - {None, "method"}) + any(n in block_labels for n in row)

        header = next((r for r in range(len(self.norm)) if score(r) >= 2), None)
        col_of: dict[int, str] = {}
        if self._horizon_columns():
            pass  # 实施期资金总额 | 年度资金总额 columns: read, no other header
        elif header is not None:
            col_of = self._funds_columns(header)
            items = self.map.names(self.map.funds.items)
            self.items_block = any(self.norm[header][c] in items for c in self.anchors(header))
            for c in col_of:
                self.unit_from(header, c)
            for c in range(len(self.norm[header])):
                if self.norm[header][c] in block_labels:
                    self.block_label(header, c)
            if not self._lines_as_columns(header, col_of):
                self._funds_rows(header + 1, col_of)
            self._header_weight(header, col_of, block_labels)
        else:
            self._sideways()
        self._funds_pairs(block_labels)
        self._parents()
        self._closing_total()
        self._inline_columns()

    def _lines_as_columns(self, header: int, col_of: dict[int, str]) -> bool:
        """Funds lines printed as columns of the header (中央 | 省、地 | 本级 | 其他 | 合计 | 执行数 | 执行率) with
        one row of amounts below: each source column a line, 合计 the total, the other columns the total's.
        Returns whether the header is of this kind."""
        named = {c: self.fund_lines[self.norm[header][c]] for c in self.anchors(header)
                 if c not in col_of and self.norm[header][c] in self.fund_lines}  # fmt: skip
        below = header + 1
        if len(named) < 2 or below >= len(self.norm):
            return False
        lines = self.map.funds.rows
        total = next((c for c, key in named.items() if lines[key].role == "total"), None)
        rows: list[FundRow] = []
        for c, key in named.items():
            self.label(header, c)
            row = FundRow(key, Value(self.text[header][c], self.grid.where(header, c)), column=header,
                          assumed="资金来源按列排列：本列的金额按全年预算数导入")  # fmt: skip
            if self.text[below][c] and (below, c) not in self.used:
                self._put(row, "budget", self.value(below, c))
            if c == total:
                for cc, column in col_of.items():
                    if self.text[below][cc] and (below, cc) not in self.used:
                        self._put(row, column, self.value(below, cc))
            rows.append(row)
        if total is not None:  # the total first, its sources after it
            rows.sort(key=lambda f: lines[f.key].role != "total")
        self.out.funds.extend(rows)
        return True

    def _horizon_columns(self) -> bool:
        """The national target table's funds: 实施期资金总额 | 年度资金总额 as column headers over the rows 资金总额 /
        其中：财政拨款 / 其他资金, each column one horizon's amounts. The year's total and its parts come first (the
        project's total), then the whole period's total and its parts. Returns whether the form has such a block."""
        lines = self.map.funds.rows
        for head in range(len(self.norm)):
            if head in self.indicator_rows:
                continue
            totals = {c: key for c in self.anchors(head) if (key := self.fund_lines.get(self.norm[head][c]))
                      and lines[key].role == "total" and not self._beside_amount(head, c)}  # fmt: skip
            year = next((c for c, k in totals.items() if lines[k].horizon is None), None)
            period = next((c for c, k in totals.items() if lines[k].horizon is not None), None)
            if year is None or period is None:
                continue
            found = self._horizon_rows(head, (year, period))
            if not found:
                continue
            heads: dict[int, FundRow] = {}
            for c in (year, period):
                self.label(head, c)
                self.unit_from(head, c)
                heads[c] = FundRow(totals[c], Value(self.text[head][c], self.grid.where(head, c)), column=c)
            parts: dict[int, list[FundRow]] = {year: [], period: []}
            for r, label, key, amounts in found:
                self.label(r, label)
                for c, at in amounts.items():
                    if lines[key].role == "total":  # 资金总额: each column's total
                        self._put(heads[c], "budget", self.value(*at))
                    else:
                        row = FundRow(key, Value(self.text[r][label], self.grid.where(r, label)), column=label)
                        self._put(row, "budget", self.value(*at))
                        parts[c].append(row)
            for c in (year, period):
                index = len(self.out.funds)
                self.out.funds.append(heads[c])
                for row in parts[c]:
                    row.parent = index
                    self.out.funds.append(row)
            return True
        return False

    def _horizon_rows(self, head: int, columns: tuple[int, int]) -> list[_HorizonRow]:
        """The rows under a horizon header: (row, label column, line key, {header column: amount cell}); empty
        when a row below names no funds line or holds no amount under the columns."""
        spans = {c: range(c, self.span_end(head, c)) for c in columns}
        first = min(columns)
        found: list[_HorizonRow] = []
        r = head + 1
        while r < len(self.norm) and not self._stop(r) and not self.blank(r):
            labels = [c for c in range(first) if self.is_anchor(r, c) and self.text[r][c] and (r, c) not in self.used]
            key = next((k for c in labels if (k := self.fund_lines.get(self.norm[r][c]))), None)
            amounts = {c: (r, cc) for c, span in spans.items() for cc in span
                       if self.is_anchor(r, cc) and is_amount(self.text[r][cc])}  # fmt: skip
            if key is None or not amounts:
                break
            label = next(c for c in labels if self.fund_lines.get(self.norm[r][c]) == key)
            found.append((r, label, key, amounts))
            r += 1
        return found

    def _sideways(self) -> None:
        """Funds in groups side by side (预算安排情况 | 资金到位情况 | 资金执行情况 | 执行进度), each group a label
        and an amount per row: the first row the total, the rows below its parts, one line per row across the groups."""
        groups = self.map.funds.groups
        for head in range(len(self.norm)):
            spans: dict[str, range] = {}
            for c in self.anchors(head):
                key = next((k for k, words in groups.items()
                            if any(all(w in self.norm[head][c] for w in g) for g in words)), None)  # fmt: skip
                if key is not None and key not in spans:
                    spans[key] = range(c, self.span_end(head, c))
            if len(spans) >= 2 and head not in self.indicator_rows:
                for span in spans.values():
                    self.label(head, span.start)
                self._sideways_rows(head, spans)
                return

    def _sideways_rows(self, head: int, spans: dict[str, range]) -> None:
        r = head + 1
        while r < len(self.norm) and not self._stop(r) and not self.blank(r):
            row: FundRow | None = None
            for column, span in spans.items():
                cells = [c for c in span if self.is_anchor(r, c) and (r, c) not in self.used]
                amounts = [c for c in cells if is_amount(self.text[r][c])]
                labels = [c for c in cells if c not in amounts]
                if row is None:
                    if not labels:
                        return
                    key = "total" if r == head + 1 else self.fund_lines.get(self.norm[r][labels[0]])
                    if key is None:
                        self.ignore_row(r, "资金块中的这一行不是已知的资金行，整行未导入")
                        break
                    row = FundRow(key, Value(self.text[r][labels[0]], self.grid.where(r, labels[0])), column=head,
                                  assumed="资金分组横排（预算、到位、执行各一组），同一行按同一资金行导入")  # fmt: skip
                for c in labels:
                    self.label(r, c)
                if amounts:
                    self._put(row, column, self.value(r, amounts[0]))
            if row is not None:
                self.out.funds.append(row)
            r += 1

    def _beside_amount(self, r: int, c: int) -> bool:
        """Whether an amount follows the cell in its row: ``资金总额 | 10000万元`` is a label and its value, not a
        column header."""
        at = self.right_of(r, c, frozenset())
        return at is not None and is_amount(self.text[at[0]][at[1]])

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
            year = YEAR.search(norm)
            if key is not None and year and self.out.year is not None and year.group(1) != self.out.year.text:
                continue  # 2020年实际执行数 in a 2022 form: an earlier year's figure, not this year's
            if key is not None and key not in col_of.values():
                col_of[c] = key
                self.label(header, c)
        amounts = [c for c, k in col_of.items() if k in AMOUNTS]
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

    def _funds_rows(self, start: int, col_of: dict[int, str]) -> None:
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
                    self.ignore_row(
                        r,
                        "资金块中的这一行不是已知的资金行（如 年度资金总额、财政拨款、上年结转资金、其他资金、"
                        "基本支出），整行未导入",
                    )
                elif figures and r == start and not any(f.values for f in self.out.funds):
                    self._unnamed_total(r, col_of)  # the block's one row of figures, printed without a name
                elif figures:
                    break  # figures without a label: the block has ended
                r += 1
                continue
            names = {c for c, _, _ in found}
            for c, key, inline in found:
                row = FundRow(key, Value(self.text[r][c], self.grid.where(*self.anchor(r, c))), column=c)
                self.label(r, c)
                if inline is not None:
                    self._inline_amount(row, inline, self.grid.where(r, c))
                elif c < first:
                    for cc, column in col_of.items():
                        text = self.cell(r, cc)
                        if (
                            text
                            and (r, cc) not in self.used
                            and self.anchor(r, cc)[1] not in names  # 按支出性质分： under a column: a heading
                            and not (cc != c and self.anchor(r, cc) == self.anchor(r, c))
                        ):
                            self._put(row, column, self.value(r, cc))
                    if not any(k in row.values for k in AMOUNTS):
                        self._pair_value(row, r, c)
                else:
                    self._pair_value(row, r, c)
                self.out.funds.append(row)
            r += 1

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

    def _line_cells(self, r: int, first: int, loose: bool = False) -> list[tuple[int, str, str | None]]:
        """The funds lines named in row r: (column, key, amount written in the label's cell or None). A name
        right of the block's label columns counts when an amount follows it, or anywhere when ``loose``."""
        found: list[tuple[int, str, str | None]] = []
        for c in self.anchors(r):
            if (r, c) in self.used:
                continue
            norm = self.norm[r][c]
            split = label_value(self.text[r][c])
            if split and split[0] in self.fund_lines and is_amount(split[1]):
                found.append((c, self.fund_lines[split[0]], split[1]))  # 其他资金：585.62
                continue
            if split and normalise(split[1]) in self.fund_lines and (c < first or loose):
                found.append((c, self.fund_lines[normalise(split[1])], None))  # 资金来源：（1）财政拨款
                continue
            key = self.fund_lines.get(norm)
            if key is None and c < first and norm.endswith(self.map.funds.total_endings):
                key = "total"  # 年度专项资金总额: a total by its ending, in a block with column headers
            if key is None and split is None and norm not in self.labels and len(norm) <= _LINE_LENGTH:
                key = self._line_by_words(norm)
                if key is not None and not (c < first or loose) and self._pair_target(r, c) is None:
                    key = None  # by its words alone, a name is a funds line only beside an amount
            heading = key is not None and self.map.funds.rows[key].role == "subtotal"  # 按支出性质分： anywhere
            if key is not None and (c < first or loose or heading or self._pair_target(r, c) is not None):
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
        row.line = Value(re.split(r"[:：](?=[^:：]*$)", row.line.text)[0].strip(), where)
        row.inline = True
        self._put(row, column, Value(text, where))
        if self.out.kind != "target_table":
            row.assumed = (f"标签和金额写在同一格，没有列名：{'收入' if line.side == '来源' else '支出'}按性质分的金额"
                           f"按{AMOUNTS[column]}导入")  # fmt: skip

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
                    self.block_label(r, c)
                    rr = r
                    while rr < len(self.norm) and self.text[rr][c] == self.text[r][c]:
                        rows.add(rr)
                        rr += 1
        return rows
