"""Turn the forms read from files into a department folder (department.yaml and the five tables),
recording for every value where it came from (the import report) and accounting for every printed number."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from perfnb.base.cells import csv_cell
from perfnb.base.errors import PerfnbError
from perfnb.base.numbers import NumberFormatError, is_no_value, parse_decimal
from perfnb.base.version import __version__
from perfnb.format.schema import TABLES
from perfnb.forms.form import (
    YEAR,
    FormProject,
    FundRow,
    TaskRow,
    Value,
    date_month,
    date_year,
    file_year,
    filled_on,
    is_number,
    split_amount,
)
from perfnb.forms.headers import form_map, label_value, normalise
from perfnb.forms.proposal import propose_scheme

__all__ = ["REPORT_COLUMNS", "REPORT_FILE", "FormImportError", "Imported", "ReportLine", "build_department"]

REPORT_FILE: Final = "import_report.csv"
REPORT_COLUMNS: Final = ("结果", "来源文件", "位置", "原文", "写入", "说明")
KIND_NAMES: Final = {
    "project_self_evaluation": "项目支出绩效自评表",
    "department_self_evaluation": "部门整体支出绩效自评表",
    "target_table": "绩效目标表",
}
DEFAULT_REGION: Final = "未注明"
_APPROVAL_MONTHS: Final = 6  # a target table filled in by June belongs to that year (approval), later to the next
_EXPECTED_FORMS: Final = "项目支出绩效自评表、部门整体支出绩效自评表或绩效目标表"
_FUND_COLUMNS: Final = ("budget_initial", "budget", "received", "executed")
#: Fields of a project's form kept in its note: (field key, label).
_PROJECT_NOTES: Final = (
    ("parent_project", "一级项目"),
    ("department", "主管部门"),
    ("period", "实施期限"),
    ("project_code", "项目编码"),
)
_INDICATOR_COLUMNS: Final = (
    "level1",
    "level2",
    "level3",
    "target_period",
    "target",
    "actual",
    "weight",
    "score",
    "coefficient",
    "deviation",
)
_INDICATOR_NAMES: Final = {"weight": "分值", "score": "得分"}
_SPACES: Final = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*|[ \t\u3000]{2,}")
_BARE_NUMBER: Final = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")


class FormImportError(PerfnbError):
    """Raised when the forms cannot make one department (no form found, years or kinds that differ).

    ``lines``: what was found, for the person importing; ``report``: where they were written (if anywhere)."""

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message, **fields)
        self.lines: list[ReportLine] = []
        self.report: Path | None = None


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
    """A department built from forms: its files (name → text), the import report, how many printed numbers
    were imported and how many not, and warnings for the person importing (missing key figures)."""

    files: dict[str, str]
    report: list[ReportLine] = field(default_factory=list)
    numbers_imported: int = 0
    numbers_ignored: int = 0
    warnings: list[str] = field(default_factory=list)
    kind: str = ""

    @property
    def ignored(self) -> list[ReportLine]:
        """The report's lines for content that was not imported."""
        return [line for line in self.report if line.result == "未导入"]


def _clean(text: str) -> str:
    """A value as one line of text: the line breaks and padding of a narrow cell removed."""
    return _SPACES.sub(lambda m: "" if "\n" in m.group() else " ", text).strip()


def _number(text: str) -> str:
    """A figure as written, without a no-value mark (—, /) or a unit written in the cell (万元, 分)."""
    amount, _ = split_amount(text)
    amount = amount.strip().removesuffix("分").strip()
    return "" if is_no_value(amount) or amount == "无" else amount


def _not_a_number(text: str) -> bool:
    """Whether a figure (already without its unit) cannot be read as a decimal number."""
    try:
        parse_decimal(text.removesuffix("%").removesuffix("％"))
    except NumberFormatError:
        return True
    return False


_NOT_A_NUMBER: Final = "应为数字却不是数字（可能是 OCR 或录入错误，如 IO 应为 10），未导入；请对照原表核对"


class _Builder:
    def __init__(self, dept_id: str, region: str | None) -> None:
        self.dept_id, self.region = dept_id, region
        self.rows: dict[str, list[dict[str, str]]] = {spec.name: [] for spec in TABLES}
        self.report: list[ReportLine] = []
        self.figures: dict[str, int] = {}  # reported_figures rows written, per project ("" the department)
        self.lines = form_map().funds.rows
        self.line_names = form_map().funds_rows()

    def mapped(self, form: FormProject, value: Value, target: str, shown: str | None = None, note: str = "") -> None:
        self.report.append(ReportLine("已导入", form.file, value.where, shown or value.text, target, note))

    def skipped(self, form: FormProject, value: Value, reason: str) -> None:
        self.report.append(ReportLine("未导入", form.file, value.where, value.text, "", reason))

    @staticmethod
    def ref(form: FormProject, where: str) -> str:
        """The ``ref`` column: the file and the cell (``自评表.xlsx 工作表“项目1” H6``)."""
        return f"{form.file} {where}"

    def note(self, file: str, text: str) -> None:
        self.report.append(ReportLine("说明", file, "", "", "", text))

    def add(self, table: str, row: dict[str, str], form: FormProject, sources: dict[str, Value],
            notes: dict[str, str] | None = None) -> None:  # fmt: skip
        self.rows[table].append(row)
        for column, value in sources.items():
            self.mapped(form, value, f"{table}.csv {row['id']} {column}", row.get(column) or value.text,
                        (notes or {}).get(column, ""))  # fmt: skip

    def figure(self, form: FormProject, pid: str, measure: str, subject: str, value: Value | None, *,
               section: str = "", unit: str = "分", funds_id: str = "", indicator_ids: str = "",
               note: str = "") -> None:  # fmt: skip
        """A printed rate, weight, score, total or grade → reported_figures.csv."""
        if value is None:
            return
        text = _clean(value.text) if measure == "grade" else _number(value.text).removesuffix("%").strip()
        if not text:
            return
        if measure != "grade" and _not_a_number(text):
            self.skipped(form, value, f"{subject}：{_NOT_A_NUMBER}")
            return
        n = self.figures[pid] = self.figures.get(pid, 0) + 1
        row = {"id": f"r-{pid}-{n}" if pid else f"r-{n}", "project_id": pid, "indicator_ids": indicator_ids,
               "funds_id": funds_id, "measure": measure, "section": section, "subject": subject, "value": text,
               "unit": unit, "ref": self.ref(form, value.where), "note": note}  # fmt: skip
        self.add("reported_figures", row, form, {"value": value})

    # --- a project's form -------------------------------------------------------------

    def project(self, n: int, form: FormProject, unit: str) -> None:
        pid = f"p{n}"
        name = form.fields.get("project_name")
        notes = []
        for key, label in _PROJECT_NOTES:
            if key in form.fields:
                notes.append(f"{label}：{_clean(form.fields[key].text)}")
        if form.goal_period:
            notes.append(f"实施期目标：{_clean(form.goal_period.text)}")
        if form.goal_actual:
            notes.append(f"实际完成情况：{_clean(form.goal_actual.text)}")
        row = {
            "id": pid,
            "name": _clean(name.text) if name else f"{form.file} {form.label}",
            "kind": "项目",
            "unit_name": _clean(form.fields["unit"].text) if "unit" in form.fields else "",
            "content": _clean(form.fields["content"].text) if "content" in form.fields else "",
            "goal": _clean(form.goal_expected.text) if form.goal_expected else "",
            "ref": self.ref(form, name.where if name else form.label),
            "note": "；".join(notes),
        }
        sources = {k: v for k, v in (("name", name), ("unit_name", form.fields.get("unit")),
                                     ("content", form.fields.get("content"))) if v}  # fmt: skip
        if form.goal_expected:
            sources["goal"] = form.goal_expected
        self.add("projects", row, form, sources)
        for key, label in _PROJECT_NOTES:
            if key in form.fields:
                self.mapped(form, form.fields[key], f"projects.csv {pid} note（{label}）")
        for value, label in ((form.goal_period, "实施期目标"), (form.goal_actual, "实际完成情况")):
            if value:
                self.mapped(form, value, f"projects.csv {pid} note（{label}）")
        if name is None:
            self.note(form.file, f"{form.label}没有“项目名称”：项目 {pid} 以文件和表格命名")
        self.body(pid, form, unit)

    def body(self, pid: str, form: FormProject, unit: str) -> None:
        """The funds, indicators and printed figures of one form (``pid`` "" for a whole department)."""
        funds_ids = self.funds(pid, form, unit)
        self.indicators(pid, form)
        self.printed(pid, form, funds_ids)

    def funds(self, pid: str, form: FormProject, unit: str) -> list[str]:
        prefix = f"f-{pid}" if pid else "f"
        ids = self._fund_ids(prefix, form)
        main = next((i for i in range(len(ids)) if ids[i] in (prefix, "f-total")), None)
        for i in sorted(range(len(form.funds)), key=lambda i: i != main):  # the year's total first: the project's
            fund = form.funds[i]
            line = self.lines[fund.key]
            parent = form.funds[fund.parent] if fund.parent is not None else None
            row = {"id": ids[i], "project_id": pid, "side": line.side, "line": _clean(fund.line.text).rstrip(":："),
                   "group": self._group(fund, parent), "source": line.source or "",
                   "expense_type": line.expense_type or "", "ref": self.ref(form, fund.line.where),
                   "parent": ids[fund.parent] if fund.parent is not None else "", "note": fund.assumed}  # fmt: skip
            sources = {"line": fund.line}
            for column in _FUND_COLUMNS:
                value = fund.values.get(column)
                if value is not None and _number(value.text) and _not_a_number(_number(value.text)):
                    self.skipped(form, value, _NOT_A_NUMBER)
                elif value is not None and _number(value.text):
                    row[column] = _number(value.text)
                    sources[column] = value
                elif value is not None:
                    self.skipped(form, value, "资金行中的空白标记（—、/），表示无此数")
            own = fund.unit or (form.money_unit.text if form.money_unit else None)  # the cells', else the form's
            if own and own != unit:
                row["unit"] = own
            self.add("funds", row, form, sources, {c: fund.assumed for c in _FUND_COLUMNS if fund.assumed})
        return ids

    def _fund_ids(self, prefix: str, form: FormProject) -> list[str]:
        """Each funds line's id: the year's total ``f-p1`` (``f-total`` for a department), the others by their kind
        (``f-p1-current``), numbered when a kind repeats (``f-p1-current-2``)."""
        ids: list[str] = []
        first_total = True
        for fund in form.funds:
            line = self.lines[fund.key]
            if line.role == "total" and first_total and line.horizon is None:
                fid, first_total = (prefix if prefix != "f" else "f-total"), False
            elif fund.parent is not None and self.lines[form.funds[fund.parent].key].horizon:
                fid = f"{prefix}-period-{fund.key}"  # a part of the whole period's total (f-p1-period-current)
            else:
                fid = f"{prefix}-{fund.key}"
            base, n = fid, 1
            while fid in ids:
                n += 1
                fid = f"{base}-{n}"
            ids.append(fid)
        return ids

    def _group(self, fund: FundRow, parent: FundRow | None) -> str:
        if fund.group:
            return fund.group
        line = self.lines[fund.key]
        split = label_value(fund.line.text)
        if split and normalise(split[1]) in self.line_names:
            return _clean(re.split(r"[:：]", fund.line.text.strip())[0])  # 资金来源：（1）财政拨款 → 资金来源
        if line.role == "requested":
            return "预算申报"
        if line.role == "total" and parent is not None and not line.horizon:
            return "资金来源"  # a total that is a part of a closing total (财政资金小计 under 合 计)
        if line.role == "total":
            return "实施期" if line.horizon else ""
        if line.role == "subtotal":
            return _clean(fund.line.text)
        if parent is not None and self.lines[parent.key].role == "subtotal":
            return _clean(parent.line.text)
        if fund.key == "item":
            return "支出明细"
        if line.expense_type:
            return "按支出性质分"
        return "实施期资金来源" if parent is not None and self.lines[parent.key].horizon else "资金来源"

    def indicators(self, pid: str, form: FormProject) -> None:
        prefix = f"i-{pid}" if pid else "i"
        for k, ind in enumerate(form.indicators, 1):
            iid = f"{prefix}-{k}"
            row = {"id": iid, "project_id": pid, "ref": self.ref(form, ind.where)}
            sources: dict[str, Value] = {}
            notes: dict[str, str] = {}
            for column in _INDICATOR_COLUMNS:
                value = ind.values.get(column)
                if value is None:
                    continue
                text = _number(value.text) if column in ("weight", "score") else _clean(value.text)
                if text and column in ("weight", "score") and _not_a_number(text):
                    self.skipped(form, value, f"{_INDICATOR_NAMES[column]}{_NOT_A_NUMBER}")
                elif text:
                    row[column] = text
                    sources[column] = value
                elif column in ("weight", "score"):
                    self.skipped(form, value, "分值或得分一栏的空白标记（—、/、无），表示无此数")
            if ind.parts and "target" in row:
                printed = " | ".join(_clean(p.text) for p in ind.parts)
                notes["target"] = f"由 指标性质 | 指标值 | 度量单位 三栏合成（原文 {printed}）"
                for part in ind.parts:
                    if part.where != ind.values["target"].where:
                        self.mapped(form, part, f"indicators.csv {iid} target", note="三栏合成年度指标值的一部分")
            unit = _unit_of(ind.parts, ind.values.get("target"))
            if unit and "actual" in row and _BARE_NUMBER.match(row["actual"]):
                row["actual"] += unit
                printed = _clean(ind.values["actual"].text)
                row["note"] = f"实际完成值原文“{printed}”没有单位，按年度指标值的单位“{unit}”读"
                notes["actual"] = row["note"]
            method = ind.values.get("method")
            if method is not None:
                row["description"] = _clean(method.text)
                sources["description"] = method
            self.add("indicators", row, form, sources, notes)
            review = ind.values.get("review")
            if review is not None:
                self.figure(form, pid, "score", f"{row.get('level3', '')}复核分", review, indicator_ids=iid,
                            section=row.get("level1", ""), note="复核分（主管部门或财政复核的得分）")  # fmt: skip

    def printed(self, pid: str, form: FormProject, funds_ids: list[str]) -> None:
        """Every printed rate, weight and score of the funds rows, the category weights, the total and the grade."""
        main = next((i for i, fid in enumerate(funds_ids) if fid in (f"f-{pid}", "f-total")), None)
        for i, fund in enumerate(form.funds):
            name = re.sub(r"^其中\s*[:：]\s*", "", _clean(fund.line.text).rstrip("：:"))
            subject = "预算执行率" if i == main else f"{name}执行率"
            self.figure(form, pid, "execution_rate", subject, fund.values.get("rate"), unit="%", funds_id=funds_ids[i])
            label = "预算执行率" if i == main else name
            method = fund.values.get("method")
            note = f"得分计算方法：{_clean(method.text)}" if method is not None else ""
            self.figure(form, pid, "weight", f"{label}分值", fund.values.get("weight"), section="预算执行",
                        funds_id=funds_ids[i])  # fmt: skip
            self.figure(form, pid, "score", f"{label}得分", fund.values.get("score"), section="预算执行",
                        funds_id=funds_ids[i], note=note)  # fmt: skip
            if method is not None:
                self.mapped(form, method, f"reported_figures.csv （{label}得分的 note）")
        for path, value in form.weights:
            self.figure(form, pid, "weight", f"{path.split('/')[-1]}分值", value, section=path,
                        note="类别栏中印出的分值")  # fmt: skip
        self.figure(form, pid, "weight", "总分值", form.total_weight, section="总分")
        self.figure(form, pid, "total_score", "总分", form.total_score or form.fields.get("total_score"))
        grade = form.fields.get("grade") or form.total_grade
        self.figure(form, pid, "grade", "评价等级", grade, unit="")

    # --- a whole department's form ----------------------------------------------------

    def department(self, form: FormProject, unit: str) -> None:
        """A whole-department form: its key tasks as projects (重点任务), the rest at department level."""
        for n, task in enumerate(form.tasks, 1):
            self._task(f"t{n}", task, form, unit)
        self.body("", form, unit)

    def _task(self, tid: str, task: TaskRow, form: FormProject, unit: str) -> None:
        """One key task (年度主要任务): a project of kind 重点任务, its 预算数 / 执行数 a funds line of its own."""
        name = task.values["name"]
        row = {"id": tid, "name": _clean(name.text), "kind": "重点任务", "ref": self.ref(form, task.where)}
        sources = {"name": name}
        if "content" in task.values:
            row["content"] = _clean(task.values["content"].text)
            sources["content"] = task.values["content"]
        if "project" in task.values:
            row["note"] = f"对应项目：{_clean(task.values['project'].text)}"
            self.mapped(form, task.values["project"], f"projects.csv {tid} note（对应项目）")
        self.add("projects", row, form, sources)
        money: dict[str, Value] = {}
        for column in ("budget", "executed"):
            value = task.values.get(column)
            amount = _number(value.text) if value is not None else ""
            if value is not None and amount and _not_a_number(amount):
                self.skipped(form, value, _NOT_A_NUMBER)
            elif value is not None and amount:
                money[column] = value
        if not money:
            return
        funds = {"id": f"f-{tid}", "project_id": tid, "side": "支出", "group": "年度主要任务",
                 "line": _clean(name.text), "ref": self.ref(form, task.where)}  # fmt: skip
        funds |= {column: _number(value.text) for column, value in money.items()}
        cell_unit = next((u for u in (split_amount(v.text)[1] for v in money.values()) if u), None)
        if cell_unit and cell_unit != unit:
            funds["unit"] = cell_unit
        self.add("funds", funds, form, money)

    # --- the header -------------------------------------------------------------------

    def header(self, forms: Sequence[FormProject], kind: str, unit: str, year: int, files: Sequence[str]) -> str:
        first = next((f for f in forms if f.department), forms[0])
        name = next((first.fields[k] for k in ("department_name", "department", "stamp", "unit", "project_name")
                     if k in first.fields), None)  # fmt: skip
        title = first.title.text if first.title else "（表中无标题）"
        places = [self.region or "", title, *files, *(v.text for f in forms for v in f.fields.values())]
        proposal = propose_scheme(kind, self.rows, places)
        if proposal.reason:
            self.note(first.file, proposal.reason)
        header: dict[str, Any] = {
            "schema_version": 1,
            "id": self.dept_id,
            "name": _without_code(_clean(name.text))[0] if name else self.dept_id,
            "region": self.region or DEFAULT_REGION,
            "fiscal_year": year,
            "kind": kind,
            "money_unit": unit,
            "scheme": proposal.scheme,
            "source": {
                "file": "；".join(files),
                "title": _clean(title),
                "section": "；".join(f"{f.file} {f.label}" for f in forms),
            },
        }
        if first.department and first.goal_expected:
            header["annual_goal"] = _clean(first.goal_expected.text)
            self.mapped(first, first.goal_expected, "department.yaml annual_goal")
        notes = f"由 perfnb import（{__version__}）从表格导入，每个数字的出处见 {REPORT_FILE} 和各表的 ref 列。"
        for f in forms:
            date = f.fields.get("filled_on")
            if date is not None:
                notes += f"{f.file} {f.label}的填报日期：{_clean(date.text)}。"
                self.mapped(f, date, "department.yaml notes（填报日期）")
        if first.department and first.goal_actual:
            notes += f"年度总体目标完成情况：{_clean(first.goal_actual.text)}"
            self.mapped(first, first.goal_actual, "department.yaml notes（年度总体目标完成情况）")
        code = _without_code(_clean(name.text))[1] if name else None
        if code:
            notes += f"部门名称后所附的编码：{code}。"
        header["notes"] = notes
        if name:
            self.mapped(first, name, "department.yaml name")
        for f in forms:
            for key in ("department_name", "stamp") if f.department else ("department_name",):
                value = f.fields.get(key)
                if value is not None and value is not name:
                    self.mapped(f, value, "（与 department.yaml name 相同或为其所在单位，不另写入）")
        if self.region is None:
            self.note(first.file, f"表中没有地区：department.yaml 的 region 填为“{DEFAULT_REGION}”，请改为实际地区")
        return yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=1000)


def _without_code(name: str) -> tuple[str, str | None]:
    """A name without the code printed after it (主管部门及代码 | 杭州市市场监督管理局 330101), and the code."""
    match = re.fullmatch(r"(.*\D)[\s(（]+(\d{3,})[)）]?", name)
    return (match.group(1).strip(), match.group(2)) if match else (name, None)


def _unit_of(parts: tuple[Value, ...], target: Value | None) -> str:
    """The 度量单位 of a split target (its last part when that is not the value itself)."""
    if len(parts) < 2 or target is None:
        return ""
    last = _clean(parts[-1].text)
    return "" if is_number(last) or normalise(last) in ("定性", "定量") else last


def _table(spec_name: str, rows: list[dict[str, str]]) -> str:
    spec = next(s for s in TABLES if s.name == spec_name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(spec.columns)
    writer.writerows([row.get(c, "") for c in spec.columns] for row in rows)
    return out.getvalue()


def report_text(lines: Sequence[ReportLine]) -> str:
    """The import report as CSV text (with a BOM: Excel opens it as UTF-8); text from a form that a
    spreadsheet would run as a formula (=HYPERLINK(…), DDE) is quoted by :func:`perfnb.base.cells.csv_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    writer.writerows([csv_cell(text) for text in line.row()] for line in lines)
    return "\ufeff" + out.getvalue()


def _filing_shift(kind: str, month: int | None) -> tuple[int, str]:
    """The fiscal year a filing date points to, relative to its year: a self-evaluation is filled in after its
    year; a target table is drawn up in the second half of the year before, or approved early in its own."""
    if kind != "target_table":
        return -1, "自评表在预算年度结束后填报"
    if month is not None and month <= _APPROVAL_MONTHS:
        return 0, f"目标表在预算年度的 {month} 月填报，属于当年批复"
    return 1, "目标表在上一年编报"


def _fiscal_year(forms: Sequence[FormProject], kind: str, year: int | None, builder: _Builder) -> int:
    """The year: ``--year``, else the one the forms print, else inferred from a 填报日期 or a file name and
    named as an assumption in the report."""
    if year is not None:
        return year
    years = {int(f.year.text) for f in forms if f.year}
    if len(years) == 1:
        return years.pop()
    if years:
        raise FormImportError("表中年度不一致", value="、".join(map(str, sorted(years))), expected="用 --year 指定年度")
    for form in forms:
        date = filled_on(form)
        found = date_year(date.text) if date else None
        if date is not None and found is not None:
            shift, why = _filing_shift(kind, date_month(date.text))
            inferred = found + shift
            printed = _clean(date.text)
            builder.note(form.file, f"推定：表中没有写年度，按填报日期“{printed}”（{date.where}）推定为 {inferred} 年度"
                                    f"（{why}）；如不对，请用 --year 指定")  # fmt: skip
            return inferred
    for form in forms:
        found = file_year(form.file)
        if found is not None:
            builder.note(form.file, f"推定：表中没有写年度，按文件名推定为 {found} 年度；如不对，请用 --year 指定")
            return found
    for form in forms:
        texts = [v for v in (form.goal_expected, form.goal_actual, form.goal_period) if v is not None]
        years = {int(y) for v in texts for y in YEAR.findall(v.text)}
        if len(years) == 1:
            found = years.pop()
            where = "、".join(v.where for v in texts)
            builder.note(form.file, f"推定：表中没有写年度，按年度目标及完成情况中提到的唯一年份（{where}）"
                                    f"推定为 {found} 年度；如不对，请用 --year 指定")  # fmt: skip
            return found
    where = "、".join(dict.fromkeys(f.file for f in forms))
    raise FormImportError("表中没有找到年度（标题、表头、表名和文件名都没有写年度，也没有填报日期）", value=where,
                          expected="用 --year 指定年度")  # fmt: skip


def build_department(
    dept_id: str,
    forms: Sequence[FormProject],
    *,
    files: Sequence[str],
    region: str | None = None,
    year: int | None = None,
    unread: Sequence[ReportLine] = (),
    unread_numbers: int = 0,
) -> Imported:
    """The department folder's files for the forms read from ``files`` (at least one form)."""
    if not forms:
        raise FormImportError("没有找到自评表或绩效目标表：没有一张表格有资金块、绩效指标块或项目名称",
                              value="、".join(files), expected=_EXPECTED_FORMS)  # fmt: skip
    kinds = {f.kind or "target_table" for f in forms}
    if "department_self_evaluation" in kinds and "project_self_evaluation" in kinds:
        kinds.discard("project_self_evaluation")  # a whole department's form with project forms beside it
    if len(kinds) > 1:
        raise FormImportError("这些表格既有自评表又有绩效目标表，不能合成一个部门",
                              value="、".join(KIND_NAMES[k] for k in sorted(kinds)), expected="同一类表格")  # fmt: skip
    kind = kinds.pop()
    builder = _Builder(dept_id, region)
    builder.report.extend(unread)
    fiscal_year = _fiscal_year(forms, kind, year, builder)
    units = [f.money_unit.text for f in forms if f.money_unit] + [
        fund.unit for f in forms for fund in f.funds if fund.unit
    ]
    unit = units[0] if units else "元"
    if not units:
        builder.note(forms[0].file, "表中没有写金额单位：按“元”导入，请核对")
    for f in forms:
        if f.money_unit:
            builder.mapped(
                f, f.money_unit, "department.yaml money_unit" if f.money_unit.text == unit else "funds.csv unit"
            )
        if f.year:
            builder.mapped(f, f.year, "department.yaml fiscal_year")
        for note in f.notes:
            builder.note(f.file, f"{f.label}：{note}")
    departments = [f for f in forms if f.department]
    if len(departments) > 1:
        where = "、".join(f"{f.file} {f.label}" for f in departments)
        raise FormImportError("一个部门只能有一张部门整体表", value=where, expected="每次导入一个部门的一张部门整体表")
    n = 0
    for form in forms:
        if form.department:
            builder.department(form, unit)
        else:
            n += 1
            builder.project(n, form, unit)
    files_out = {"department.yaml": builder.header(forms, kind, unit, fiscal_year, files)}
    for spec in TABLES:
        files_out[spec.file] = _table(spec.name, builder.rows[spec.name])
    for form in forms:
        for item in form.ignored:
            builder.report.append(ReportLine("未导入", form.file, item.where, item.text, "", item.reason))
    imported = Imported(files_out, builder.report, kind=kind)
    _account(forms, imported, unread_numbers)
    _key_figures(forms, kind, imported)
    _one_department(forms, imported)
    files_out[REPORT_FILE] = report_text(builder.report)
    return imported


def _account(forms: Sequence[FormProject], imported: Imported, unread_numbers: int) -> None:
    """Every cell holding a number is imported or listed as not imported; count both."""
    written = {(line.file, line.where) for line in imported.report if line.result == "已导入"}
    listed = {(line.file, line.where) for line in imported.report if line.result == "未导入"}
    listed |= {(form.file, where) for form in forms for item in form.ignored for where in item.cells}
    for form in forms:
        for value in form.numbers:
            key = (form.file, value.where)
            if key in written:
                imported.numbers_imported += 1
                continue
            imported.numbers_ignored += 1
            if key not in listed:
                imported.report.append(ReportLine("未导入", form.file, value.where, value.text, "",
                                                  "读到了这个数字，但它不属于任何已导入的栏目"))  # fmt: skip
    imported.numbers_ignored += unread_numbers


def _one_department(forms: Sequence[FormProject], imported: Imported) -> None:
    """Warn when the forms name different departments (主管部门, 部门名称): they are imported as one, named after
    the first; a name that holds another (某局 and 某局（知识产权局）) is the same department."""
    names: dict[str, str] = {}
    for form in forms:
        value = next((form.fields[k] for k in ("department_name", "department") if k in form.fields), None)
        if value is not None:
            names.setdefault(_without_code(_clean(value.text))[0], form.file)
    distinct = [n for n in names if not any(n != m and n in m for m in names)]
    if len(distinct) > 1:
        listed = "、".join(f"{n}（{names[n]}）" for n in distinct)
        message = f"这些表格写的部门不同：{listed}；已合为一个部门，名称取第一个。若不是同一部门，请分别导入"
        imported.warnings.append(message)
        imported.report.append(ReportLine("说明", "", "", "", "", message))


def _key_figures(forms: Sequence[FormProject], kind: str, imported: Imported) -> None:
    """Warn when a self-evaluation lacks a key figure: budget, execution, any score, the total."""
    if kind == "target_table":
        return
    for form in forms:
        amounts = {c for f in form.funds for c in f.values}
        missing = []
        if not {"budget", "budget_initial"} & amounts:
            missing.append("预算数")
        if "executed" not in amounts:
            missing.append("执行数")
        if not form.scored:
            missing.append("得分")
        if form.total_score is None and "total_score" not in form.fields:
            missing.append("总分")
        if missing:
            what = "、".join(missing)
            message = (f"{form.file} {form.label}：自评表缺少关键数字（{what}）——原文没有印出，或表格格式未被识别，"
                       "请核对原表")  # fmt: skip
            imported.warnings.append(message)
            imported.report.append(ReportLine("说明", form.file, "", "", "", message))
