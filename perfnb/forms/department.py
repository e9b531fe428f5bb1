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
from perfnb.base.version import __version__
from perfnb.format.schema import TABLES
from perfnb.forms.form import YEAR, FormProject, date_month, date_year, file_year, filled_on
from perfnb.forms.proposal import propose_scheme
from perfnb.forms.rows import ReportLine, TableBuilder, one_line

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


class FormImportError(PerfnbError):
    """Raised when the forms cannot make one department (no form found, years or kinds that differ).

    ``lines``: what was found, for the person importing; ``report``: where they were written (if anywhere)."""

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message, **fields)
        self.lines: list[ReportLine] = []
        self.report: Path | None = None


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


def _header(
    builder: TableBuilder, forms: Sequence[FormProject], kind: str, unit: str, year: int, files: Sequence[str]
) -> str:
    """``department.yaml``: the department's name, year, kind, unit, proposed scheme, source and notes."""
    first = next((f for f in forms if f.department), forms[0])
    name = next((first.fields[k] for k in ("department_name", "department", "stamp", "unit", "project_name")
                 if k in first.fields), None)  # fmt: skip
    title = first.title.text if first.title else "（表中无标题）"
    places = [builder.region or "", title, *files, *(v.text for f in forms for v in f.fields.values())]
    proposal = propose_scheme(kind, builder.rows, places)
    if proposal.reason:
        builder.note(first.file, proposal.reason)
    header: dict[str, Any] = {
        "schema_version": 1,
        "id": builder.dept_id,
        "name": _without_code(one_line(name.text))[0] if name else builder.dept_id,
        "region": builder.region or DEFAULT_REGION,
        "fiscal_year": year,
        "kind": kind,
        "money_unit": unit,
        "scheme": proposal.scheme,
        "source": {
            "file": "；".join(files),
            "title": one_line(title),
            "section": "；".join(f"{f.file} {f.label}" for f in forms),
        },
    }
    if first.department and first.goal_expected:
        header["annual_goal"] = one_line(first.goal_expected.text)
        builder.mapped(first, first.goal_expected, "department.yaml annual_goal")
    notes = f"由 perfnb import（{__version__}）从表格导入，每个数字的出处见 {REPORT_FILE} 和各表的 ref 列。"
    for f in forms:
        date = f.fields.get("filled_on")
        if date is not None:
            notes += f"{f.file} {f.label}的填报日期：{one_line(date.text)}。"
            builder.mapped(f, date, "department.yaml notes（填报日期）")
    if first.department and first.goal_actual:
        notes += f"年度总体目标完成情况：{one_line(first.goal_actual.text)}"
        builder.mapped(first, first.goal_actual, "department.yaml notes（年度总体目标完成情况）")
    code = _without_code(one_line(name.text))[1] if name else None
    if code:
        notes += f"部门名称后所附的编码：{code}。"
    header["notes"] = notes
    if name:
        builder.mapped(first, name, "department.yaml name")
    for f in forms:
        for key in ("department_name", "stamp") if f.department else ("department_name",):
            value = f.fields.get(key)
            if value is not None and value is not name:
                builder.mapped(f, value, "（与 department.yaml name 相同或为其所在单位，不另写入）")
    if builder.region is None:
        builder.note(first.file, f"表中没有地区：department.yaml 的 region 填为“{DEFAULT_REGION}”，请改为实际地区")
    return yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=1000)


def _without_code(name: str) -> tuple[str, str | None]:
    """A name without the code printed after it (主管部门及代码 | 杭州市市场监督管理局 330101), and the code."""
    match = re.fullmatch(r"(.*\D)[\s(（]+(\d{3,})[)）]?", name)
    return (match.group(1).strip(), match.group(2)) if match else (name, None)


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


def _fiscal_year(forms: Sequence[FormProject], kind: str, year: int | None, builder: TableBuilder) -> int:
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
            printed = one_line(date.text)
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


def _kind(forms: Sequence[FormProject], files: Sequence[str]) -> str:
    """The one kind of document the forms make (a whole department's form may come with project forms)."""
    if not forms:
        raise FormImportError("没有找到自评表或绩效目标表：没有一张表格有资金块、绩效指标块或项目名称",
                              value="、".join(files), expected=_EXPECTED_FORMS)  # fmt: skip
    kinds = {f.kind or "target_table" for f in forms}
    if "department_self_evaluation" in kinds and "project_self_evaluation" in kinds:
        kinds.discard("project_self_evaluation")  # a whole department's form with project forms beside it
    if len(kinds) > 1:
        raise FormImportError("这些表格既有自评表又有绩效目标表，不能合成一个部门",
                              value="、".join(KIND_NAMES[k] for k in sorted(kinds)), expected="同一类表格")  # fmt: skip
    return kinds.pop()


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
    kind = _kind(forms, files)
    builder = TableBuilder(dept_id, region)
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
    files_out = {"department.yaml": _header(builder, forms, kind, unit, fiscal_year, files)}
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
            names.setdefault(_without_code(one_line(value.text))[0], form.file)
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
