"""Turn the projects read from forms into a department folder (department.yaml and the five tables),
recording for every value where it came from (the import report)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import yaml

from perfnb import __version__
from perfnb.errors import PerfnbError
from perfnb.forms.extract import FormProject, FundRow, Value, split_amount
from perfnb.numbers import is_no_value
from perfnb.schema import TABLES

__all__ = ["REPORT_COLUMNS", "REPORT_FILE", "FormImportError", "Imported", "ReportLine", "build_department"]

REPORT_FILE: Final = "import_report.csv"
REPORT_COLUMNS: Final = ("结果", "来源文件", "位置", "原文", "写入", "说明")
SCHEMES: Final = {"project_self_evaluation": "mof-2020-project", "target_table": "targets-only"}
DEFAULT_REGION: Final = "未注明"
_SOURCES: Final = {"current": "财政拨款", "carried": "上年结转", "other": "其他资金"}
_FUND_COLUMNS: Final = ("budget_initial", "budget", "executed")
_INDICATOR_COLUMNS: Final = ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")
_SPACES: Final = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*|[ \t\u3000]{2,}")


class FormImportError(PerfnbError):
    """Raised when the forms cannot make one department (no form found, years or kinds that differ)."""


@dataclass(frozen=True)
class ReportLine:
    """One line of the import report."""

    result: str  # 已导入 / 未导入 / 说明
    file: str
    where: str
    text: str
    target: str
    note: str = ""

    def row(self) -> tuple[str, ...]:
        return (self.result, self.file, self.where, self.text, self.target, self.note)


@dataclass
class Imported:
    """A department built from forms: its files (name → text) and the import report."""

    files: dict[str, str]
    report: list[ReportLine] = field(default_factory=list)

    @property
    def ignored(self) -> list[ReportLine]:
        """The report's lines for content that was not imported."""
        return [line for line in self.report if line.result == "未导入"]


def _clean(text: str) -> str:
    """A value as one line of text: the line breaks and padding of a narrow cell removed."""
    return _SPACES.sub(lambda m: "" if "\n" in m.group() else " ", text).strip()


def _number(text: str) -> str:
    """A figure as written, without a no-value mark (—, /) or a unit written in the cell."""
    amount, _ = split_amount(text)
    return "" if is_no_value(amount) else amount.strip()


class _Builder:
    def __init__(self, dept_id: str, region: str | None) -> None:
        self.dept_id, self.region = dept_id, region
        self.rows: dict[str, list[dict[str, str]]] = {spec.name: [] for spec in TABLES}
        self.report: list[ReportLine] = []

    def mapped(self, project: FormProject, value: Value, target: str, shown: str | None = None) -> None:
        self.report.append(ReportLine("已导入", project.file, value.where, shown or value.text, target))

    @staticmethod
    def ref(project: FormProject, where: str) -> str:
        """The ``ref`` column: the file and the cell (``自评表.xlsx 工作表“项目1” H6``)."""
        return f"{project.file} {where}"

    def note(self, file: str, text: str) -> None:
        self.report.append(ReportLine("说明", file, "", "", "", text))

    def add(self, table: str, row: dict[str, str], project: FormProject, sources: dict[str, Value]) -> None:
        self.rows[table].append(row)
        for column, value in sources.items():
            self.mapped(project, value, f"{table}.csv {row['id']} {column}", row.get(column) or value.text)

    # --- per project ----------------------------------------------------------------

    def project(self, n: int, form: FormProject, unit: str) -> None:
        pid = f"p{n}"
        name = form.fields.get("project_name")
        notes = []
        if "department" in form.fields:
            notes.append(f"主管部门：{_clean(form.fields['department'].text)}")
        if form.goal_actual:
            notes.append(f"实际完成情况：{_clean(form.goal_actual.text)}")
        row = {
            "id": pid,
            "name": _clean(name.text) if name else f"{form.file} {form.label}",
            "kind": "项目",
            "unit_name": _clean(form.fields["unit"].text) if "unit" in form.fields else "",
            "goal": _clean(form.goal_expected.text) if form.goal_expected else "",
            "ref": self.ref(form, name.where if name else form.label),
            "note": "；".join(notes),
        }
        sources = {k: v for k, v in (("name", name), ("unit_name", form.fields.get("unit"))) if v}
        if form.goal_expected:
            sources["goal"] = form.goal_expected
        self.add("projects", row, form, sources)
        for key, target in (("department", "note（主管部门）"), ("goal_actual", "note（实际完成情况）")):
            value = form.fields.get(key) if key == "department" else form.goal_actual
            if value:
                self.mapped(form, value, f"projects.csv {pid} {target}")
        if name is None:
            self.note(form.file, f"{form.label}没有“项目名称”：项目 {pid} 以文件和表格命名")
        self.funds(pid, form, unit)
        self.indicators(pid, form)
        if form.kind == "project_self_evaluation":
            self.reported(pid, form)

    def funds(self, pid: str, form: FormProject, unit: str) -> None:
        total = next((f for f in form.funds if f.key == "total"), None)
        seen: set[str] = set()
        for fund in form.funds:
            fid = f"f-{pid}" if fund.key == "total" else f"f-{pid}-{fund.key}"
            while fid in seen:
                fid += "-2"
            seen.add(fid)
            row = {"id": fid, "project_id": pid, "side": "来源", "line": _clean(fund.line.text),
                   "ref": self.ref(form, fund.line.where)}  # fmt: skip
            if fund.key != "total":
                row |= {"group": "资金来源", "source": _SOURCES[fund.key], "parent": f"f-{pid}" if total else ""}
            sources = {"line": fund.line}
            for column in _FUND_COLUMNS:
                value = fund.values.get(column)
                if value is not None and _number(value.text):
                    row[column] = _number(value.text)
                    sources[column] = value
            own = fund.unit or (form.money_unit.text if form.money_unit else None)  # the cells', else the form's
            if own and own != unit:
                row["unit"] = own
            self.add("funds", row, form, sources)
            if fund.key != "total":
                self._unused_scores(form, fund)

    def _unused_scores(self, form: FormProject, fund: FundRow) -> None:
        for key in ("weight", "rate", "score"):
            value = fund.values.get(key)
            if value is not None and _number(value.text):
                why = "只有“年度资金总额”行的分值、执行率和得分是预算执行的评分"
                self.report.append(ReportLine("未导入", form.file, value.where, value.text, "", why))

    def indicators(self, pid: str, form: FormProject) -> None:
        for k, ind in enumerate(form.indicators, 1):
            row = {"id": f"i-{pid}-{k}", "project_id": pid, "ref": self.ref(form, ind.where)}
            sources = {}
            for column in _INDICATOR_COLUMNS:
                value = ind.values.get(column)
                if value is None:
                    continue
                text = _number(value.text) if column in ("weight", "score") else _clean(value.text)
                if text:
                    row[column] = text
                    sources[column] = value
            self.add("indicators", row, form, sources)

    def reported(self, pid: str, form: FormProject) -> None:
        total = next((f for f in form.funds if f.key == "total"), None)
        figures: list[tuple[str, str, str, str, Value | None]] = []
        if total is not None:
            figures += [
                ("execution_rate", "", "预算执行率", "%", total.values.get("rate")),
                ("weight", "预算执行", "预算执行率分值", "分", total.values.get("weight")),
                ("score", "预算执行", "预算执行率得分", "分", total.values.get("score")),
            ]
        figures += [
            ("weight", "总分", "总分值", "分", form.total_weight),
            ("total_score", "", "总分", "分", form.total_score),
            ("grade", "", "评价等级", "", form.fields.get("grade")),
        ]
        n = 0
        for measure, section, subject, unit, value in figures:
            if value is None:
                continue
            text = _clean(value.text) if measure == "grade" else _number(value.text).removesuffix("%").strip()
            if not text:
                continue
            n += 1
            row = {"id": f"r-{pid}-{n}", "project_id": pid, "measure": measure, "section": section, "subject": subject,
                   "value": text, "unit": unit, "ref": self.ref(form, value.where)}  # fmt: skip
            self.add("reported_figures", row, form, {"value": value})

    # --- the department -------------------------------------------------------------

    def header(self, forms: Sequence[FormProject], kind: str, unit: str, year: int, files: Sequence[str]) -> str:
        first = forms[0]
        name = first.fields.get("department") or first.fields.get("project_name")
        title = first.title.text if first.title else "（表中无标题）"
        header: dict[str, Any] = {
            "schema_version": 1,
            "id": self.dept_id,
            "name": _clean(name.text) if name else self.dept_id,
            "region": self.region or DEFAULT_REGION,
            "fiscal_year": year,
            "kind": kind,
            "money_unit": unit,
            "scheme": SCHEMES[kind],
            "source": {
                "file": "；".join(files),
                "title": f"{_clean(title)}（{year}年度）",
                "section": "；".join(f"{f.file} {f.label}" for f in forms),
            },
            "notes": f"由 perfnb import（{__version__}）从表格导入，每个数字的出处见 {REPORT_FILE} 和各表的 ref 列。",
        }
        if name:
            self.mapped(first, name, "department.yaml name")
        if self.region is None:
            self.note(first.file, f"表中没有地区：department.yaml 的 region 填为“{DEFAULT_REGION}”，请改为实际地区")
        return yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=1000)


def _table(spec_name: str, rows: list[dict[str, str]]) -> str:
    spec = next(s for s in TABLES if s.name == spec_name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(spec.columns)
    writer.writerows([row.get(c, "") for c in spec.columns] for row in rows)
    return out.getvalue()


def _report(lines: list[ReportLine]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    writer.writerows(line.row() for line in lines)
    return "\ufeff" + out.getvalue()  # a BOM: Excel opens it as UTF-8


def build_department(
    dept_id: str,
    forms: Sequence[FormProject],
    *,
    files: Sequence[str],
    region: str | None = None,
    year: int | None = None,
    unread: Sequence[ReportLine] = (),
) -> Imported:
    """The department folder's files for the projects read from ``files`` (at least one form)."""
    if not forms:
        raise FormImportError("没有找到自评表或绩效目标表：没有一张表格有资金块、绩效指标块或项目名称",
                           value="、".join(files), expected="项目支出绩效自评表或绩效目标表")  # fmt: skip
    kinds = {f.kind or "target_table" for f in forms}
    if len(kinds) > 1:
        raise FormImportError("这些表格既有自评表又有绩效目标表，不能合成一个部门", value="、".join(sorted(kinds)),
                           expected="同一类表格")  # fmt: skip
    years = {int(f.year.text) for f in forms if f.year}
    if year is None and len(years) != 1:
        raise FormImportError(
            "表中年度不一致" if years else "表中没有找到年度（如“（2024年度）”）",
            value="、".join(map(str, sorted(years))),
            expected="用 --year 指定年度",
        )
    fiscal_year = year if year is not None else years.pop()
    units = [f.money_unit.text for f in forms if f.money_unit] + [
        fund.unit for f in forms for fund in f.funds if fund.unit
    ]
    unit = units[0] if units else "元"
    builder = _Builder(dept_id, region)
    builder.report.extend(unread)
    if not units:
        builder.note(forms[0].file, "表中没有写金额单位：按“元”导入，请核对")
    for f in forms:
        if f.money_unit:
            builder.mapped(
                f, f.money_unit, "department.yaml money_unit" if f.money_unit.text == unit else "funds.csv unit"
            )
        if f.year:
            builder.mapped(f, f.year, "department.yaml fiscal_year")
    kind = kinds.pop()
    for n, form in enumerate(forms, 1):
        builder.project(n, form, unit)
    files_out = {"department.yaml": builder.header(forms, kind, unit, fiscal_year, files)}
    for spec in TABLES:
        files_out[spec.file] = _table(spec.name, builder.rows[spec.name])
    for form in forms:
        for note in form.notes:
            builder.note(form.file, f"{form.label}：{note}")
        for item in form.ignored:
            builder.report.append(ReportLine("未导入", form.file, item.where, item.text, "", item.reason))
    files_out[REPORT_FILE] = _report(builder.report)
    return Imported(files_out, builder.report)
