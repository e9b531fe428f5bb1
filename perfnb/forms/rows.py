"""The five tables of a department imported from forms: the rows each form's projects, funds, indicators and
printed figures become, with a line of the import report for every value written or left out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from perfnb.base.numbers import NumberFormatError, is_no_value, parse_decimal
from perfnb.format.schema import TABLES, Indicator
from perfnb.forms.form import FormProject, FundRow, TaskRow, Value, is_number, split_amount
from perfnb.forms.headers import form_map, label_value, normalise

__all__ = ["ReportLine", "TableBuilder", "one_line"]

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
_INDICATOR_NAMES: Final = {c: Indicator.title_of(c) for c in ("weight", "score")}  # the schema's
_SPACES: Final = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*|[ \t\u3000]{2,}")
_BARE_NUMBER: Final = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")


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


def one_line(text: str) -> str:
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


class TableBuilder:
    """The rows of the five tables, built form by form, and the import report's lines for them."""

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
        text = one_line(value.text) if measure == "grade" else _number(value.text).removesuffix("%").strip()
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
                notes.append(f"{label}：{one_line(form.fields[key].text)}")
        if form.goal_period:
            notes.append(f"实施期目标：{one_line(form.goal_period.text)}")
        if form.goal_actual:
            notes.append(f"实际完成情况：{one_line(form.goal_actual.text)}")
        row = {
            "id": pid,
            "name": one_line(name.text) if name else f"{form.file} {form.label}",
            "kind": "项目",
            "unit_name": one_line(form.fields["unit"].text) if "unit" in form.fields else "",
            "content": one_line(form.fields["content"].text) if "content" in form.fields else "",
            "goal": one_line(form.goal_expected.text) if form.goal_expected else "",
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
            row = {"id": ids[i], "project_id": pid, "side": line.side, "line": one_line(fund.line.text).rstrip(":："),
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
            return one_line(re.split(r"[:：]", fund.line.text.strip())[0])  # 资金来源：（1）财政拨款 → 资金来源
        if line.role == "requested":
            return "预算申报"
        if line.role == "total" and parent is not None and not line.horizon:
            return "资金来源"  # a total that is a part of a closing total (财政资金小计 under 合 计)
        if line.role == "total":
            return "实施期" if line.horizon else ""
        if line.role == "subtotal":
            return one_line(fund.line.text)
        if parent is not None and self.lines[parent.key].role == "subtotal":
            return one_line(parent.line.text)
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
                text = _number(value.text) if column in ("weight", "score") else one_line(value.text)
                if text and column in ("weight", "score") and _not_a_number(text):
                    self.skipped(form, value, f"{_INDICATOR_NAMES[column]}{_NOT_A_NUMBER}")
                elif text:
                    row[column] = text
                    sources[column] = value
                elif column in ("weight", "score"):
                    self.skipped(form, value, "分值或得分一栏的空白标记（—、/、无），表示无此数")
            if ind.parts and "target" in row:
                printed = " | ".join(one_line(p.text) for p in ind.parts)
                notes["target"] = f"由 指标性质 | 指标值 | 度量单位 三栏合成（原文 {printed}）"
                for part in ind.parts:
                    if part.where != ind.values["target"].where:
                        self.mapped(form, part, f"indicators.csv {iid} target", note="三栏合成年度指标值的一部分")
            unit = _unit_of(ind.parts, ind.values.get("target"))
            if unit and "actual" in row and _BARE_NUMBER.match(row["actual"]):
                row["actual"] += unit
                printed = one_line(ind.values["actual"].text)
                row["note"] = f"实际完成值原文“{printed}”没有单位，按年度指标值的单位“{unit}”读"
                notes["actual"] = row["note"]
            method = ind.values.get("method")
            if method is not None:
                row["description"] = one_line(method.text)
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
            name = re.sub(r"^其中\s*[:：]\s*", "", one_line(fund.line.text).rstrip("：:"))
            subject = "预算执行率" if i == main else f"{name}执行率"
            self.figure(form, pid, "execution_rate", subject, fund.values.get("rate"), unit="%", funds_id=funds_ids[i])
            label = "预算执行率" if i == main else name
            method = fund.values.get("method")
            note = f"得分计算方法：{one_line(method.text)}" if method is not None else ""
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
        row = {"id": tid, "name": one_line(name.text), "kind": "重点任务", "ref": self.ref(form, task.where)}
        sources = {"name": name}
        if "content" in task.values:
            row["content"] = one_line(task.values["content"].text)
            sources["content"] = task.values["content"]
        if "project" in task.values:
            row["note"] = f"对应项目：{one_line(task.values['project'].text)}"
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
                 "line": one_line(name.text), "ref": self.ref(form, task.where)}  # fmt: skip
        funds |= {column: _number(value.text) for column, value in money.items()}
        cell_unit = next((u for u in (split_amount(v.text)[1] for v in money.values()) if u), None)
        if cell_unit and cell_unit != unit:
            funds["unit"] = cell_unit
        self.add("funds", funds, form, money)


def _unit_of(parts: tuple[Value, ...], target: Value | None) -> str:
    """The 度量单位 of a split target (its last part when that is not the value itself)."""
    if len(parts) < 2 or target is None:
        return ""
    last = one_line(parts[-1].text)
    return "" if is_number(last) or normalise(last) in ("定性", "定量") else last
