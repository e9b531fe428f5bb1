"""The checks across a department's tables, once every row is read: unique ids, references that
resolve, funds without cycles, dates in order, indicator values that parse, reported figures that
name a grade and a section perfnb knows. Mixed into the loader of :mod:`perfnb.format.load`."""

from __future__ import annotations

from typing import Any

from perfnb.format.kinds import SECTION_WORDS
from perfnb.format.problems import ProblemCode, Severity
from perfnb.format.schema import TABLES
from perfnb.format.targets import ValueKind, parse_value

__all__ = ["CrossChecks"]

_VALUE_COLUMNS = ("target_period", "target_half", "target", "actual")


class CrossChecks:
    """The cross checks of one department's load; the loader gives them its rows and records their problems."""

    rows: dict[str, list[tuple[int, Any]]]
    files: dict[str, str]
    readable: set[str]  # tables whose rows could be read (their header is usable)
    failed_ids: dict[str, set[str]]  # ids of rows with bad cells
    grade_words: tuple[str, ...]  # the grade words the schemes know, once the scheme is read
    section_names: tuple[str, ...]  # the scheme's section and part names (short), once it is read

    def add(self, file: str | None, row: int | None, column: str | None, value: Any, code: ProblemCode,
            message: str, expected: str | None = None, severity: Severity = Severity.ERROR) -> None:  # fmt: skip
        """Record a problem (the loader's)."""
        raise NotImplementedError

    def ids(self, table: str) -> set[str]:
        """Ids of the rows of ``table``, including rows rejected for another cell."""
        return {row.id for _, row in self.rows[table]} | self.failed_ids[table]

    def cross_check(self, year: int | None) -> None:
        for spec in TABLES:
            first: dict[str, int] = {}
            for n, row in self.rows[spec.name]:
                if row.id in first:
                    self.add(self.files[spec.name], n, "id", row.id, ProblemCode.DUPLICATE_ID,
                             f"编号重复（第 {first[row.id]} 行已使用）", "本表内唯一的编号")  # fmt: skip
                first.setdefault(row.id, n)
        projects, funds, indicators = self.ids("projects"), self.ids("funds"), self.ids("indicators")
        for table in ("funds", "indicators", "narrative_targets", "reported_figures"):
            self.check_refs(table, "project_id", projects, "projects")
        self.check_refs("narrative_targets", "indicator_id", indicators, "indicators")
        self.check_refs("reported_figures", "indicator_ids", indicators, "indicators")
        self.check_refs("funds", "parent", funds, "funds")
        self.check_refs("indicators", "funds_ids", funds, "funds")
        self.check_refs("reported_figures", "funds_id", funds, "funds")
        self.check_parent_cycles()
        self.check_projects()
        self.check_indicators(year)
        self.check_narratives(year)
        self.check_reported()

    def check_refs(self, table: str, column: str, known: set[str], target_table: str) -> None:
        if target_table not in self.readable:
            return  # the table could not be read: that is reported once, not as every reference to it
        target = self.files.get(target_table, f"{target_table}.csv")  # the file or sheet as read
        for n, row in self.rows[table]:
            value = getattr(row, column)
            for ref in value if isinstance(value, tuple) else (value,):
                if ref is not None and ref not in known:
                    self.add(self.files[table], n, column, ref, ProblemCode.REFERENCE,
                             f"引用的编号在 {target} 中不存在",
                             f"{target} 中已有的编号")  # fmt: skip
                elif ref is not None and column == "parent" and ref == row.id:
                    self.add(
                        self.files[table], n, column, ref, ProblemCode.REFERENCE, "行的上级是它自己", "另一行的编号"
                    )

    def check_parent_cycles(self) -> None:
        """Flag each funds row that is its own ancestor (a row pointing at itself is a reference error)."""
        parent = {row.id: row.parent for _, row in self.rows["funds"]}
        for n, row in self.rows["funds"]:
            seen: set[str] = set()
            node = row.parent if row.parent != row.id else None
            while node is not None and node in parent and node not in seen:
                if node == row.id:
                    self.add(self.files["funds"], n, "parent", row.parent, ProblemCode.REFERENCE,
                             "上级行形成循环", "树状结构（没有循环）")  # fmt: skip
                    break
                seen.add(node)
                node = parent[node]

    def check_projects(self) -> None:
        """A project that ends before it starts is flagged (transcribed as printed, so not an error)."""
        for n, row in self.rows["projects"]:
            if row.start_date and row.end_date and row.end_date < row.start_date:
                self.add(self.files["projects"], n, "end_date", row.end_date.isoformat(), ProblemCode.DATE_ORDER,
                         f"结束日期早于开始日期（{row.start_date.isoformat()}）", "不早于开始日期的日期",
                         severity=Severity.WARNING)  # fmt: skip

    def check_indicators(self, year: int | None) -> None:
        file = self.files.get("indicators")
        for n, row in self.rows["indicators"]:
            if row.level3 is None and any(getattr(row, c) for c in (*_VALUE_COLUMNS, "weight", "score")):
                self.add(file, n, "level3", None, ProblemCode.REQUIRED, "三级指标为空，却填了指标值、分值或得分",
                         "指标名称")  # fmt: skip
            for column in _VALUE_COLUMNS:
                text = getattr(row, column)
                if text is not None:
                    self.check_value(file, n, column, text, year)

    def check_narratives(self, year: int | None) -> None:
        file = self.files.get("narrative_targets")
        for n, row in self.rows["narrative_targets"]:
            parsed = self.check_value(file, n, "quantity", row.quantity, year)
            if parsed is not None and not parsed.is_quantitative and parsed.warning is None:
                self.add(file, n, "quantity", row.quantity, ProblemCode.NOT_QUANTITY, "数量表述里没有数量",
                         "带数字的表述，如 不少于2500件", Severity.WARNING)  # fmt: skip

    def check_value(self, file: str | None, n: int, column: str, text: str | None, year: int | None) -> Any:
        parsed = parse_value(text, year=year)
        if parsed is not None and parsed.refused:  # a number past perfnb.base.limits: refused, as in a number column
            self.add(file, n, column, text, ProblemCode.NUMBER, parsed.warning or "")
        elif parsed is not None and parsed.warning:
            code = ProblemCode.VALUE_UNPARSED if parsed.kind is ValueKind.TEXT else ProblemCode.VALUE_DOUBTFUL
            self.add(file, n, column, text, code, parsed.warning, severity=Severity.WARNING)
        return parsed

    def check_reported(self) -> None:
        from perfnb.format.schemes import grade_words, short

        words = self.grade_words or grade_words()
        named = {short(w) for group in SECTION_WORDS.values() for w in group} | set(self.section_names)
        for _, ind in self.rows["indicators"]:
            named |= {short(ind.level1), short(ind.level2)}
        for n, row in self.rows["reported_figures"]:
            if row.measure == "grade" and "".join(row.value.split()) not in words:
                self.add(self.files["reported_figures"], n, "value", row.value, ProblemCode.GRADE,
                         "不是任何评分方案的评价等级",
                         "、".join(words), Severity.WARNING)  # fmt: skip
            top = short((row.section or "").split("/")[0])  # the part that decides what is checked
            if row.measure in ("weight", "score") and top and top not in named and not row.indicator_ids:
                self.add(self.files["reported_figures"], n, "section", row.section, ProblemCode.SECTION,
                         "不是程序认得的评分部分，这一行不会按预算执行、总分或某一类指标复核",
                         "预算执行的分值、得分写 " + "、".join(SECTION_WORDS["execution"]) + "；总分值写 总分；"
                         "某类指标写其一级/二级指标名，如 产出/数量", Severity.WARNING)  # fmt: skip
