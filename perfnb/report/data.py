"""What a department's report shows, computed once from the engine's result, as plain data.

``perfnb run`` checks a department once (in its worker) and writes everything the report shows
beside ``figures.csv`` and ``findings.csv``: ``report.json`` (this module's :class:`ReportData`) and
``indicators.csv`` (each 三级指标 with its completion rate). The notebook renders ``report.json``,
so the HTML, the CSV files and the workbook come from one computation and agree by construction;
opened by hand (no ``report.json`` handed over) the notebook computes the same data itself with
:meth:`ReportData.of`.

Everything here is text, numbers (``Decimal``, written as exact text) and lists: reading
``report.json`` back runs no code from it (``json`` only) and checks its format version.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from perfnb.base.errors import PerfnbError
from perfnb.base.numbers import round_half_up, thousands_text
from perfnb.engine.facts import Facts
from perfnb.engine.figures import Figure, Verdict, plain
from perfnb.engine.rates import completion
from perfnb.format.kinds import DOC_KINDS
from perfnb.format.problems import Severity
from perfnb.format.schema import Indicator
from perfnb.format.targets import Op, ParsedValue, parse_value

if TYPE_CHECKING:  # not the engine itself: a kernel that reads report.json needs none of it
    from perfnb.engine.check import CheckResult
    from perfnb.engine.findings import Finding


#: Keys of an indicator row that are ``indicators.csv`` columns: the schema's titles (一级指标, …, 分值).
LEVEL1, LEVEL2, LEVEL3, TARGET, ACTUAL, WEIGHT = map(
    Indicator.title_of, ("level1", "level2", "level3", "target", "actual", "weight")
)

__all__ = [
    "ACTUAL",
    "BUDGET_BARS",
    "COMPLETION_BARS",
    "FORMAT",
    "INDICATOR_COLUMNS",
    "LEVEL1",
    "LEVEL2",
    "LEVEL3",
    "REPORT_FILE",
    "TARGET",
    "WEIGHT",
    "Chart",
    "ReportData",
    "ReportDataError",
    "indicator_csv_rows",
    "verdict_text",
]

#: The file ``perfnb run`` hands the notebook, in ``<processed>/<dept>/``.
REPORT_FILE: Final = "report.json"
#: ``report.json``'s format: a file of another format is refused (rerun ``perfnb run``).
FORMAT: Final = 1
#: At most this many project groups in the budget chart: the largest budgets, the rest as one 其他 group.
BUDGET_BARS: Final = 12
#: At most this many bars in the completion chart: the lowest completion rates.
COMPLETION_BARS: Final = 25

_MONEY_COLUMNS = (("budget", "全年预算数"), ("received", "到位数"), ("executed", "执行数"))
_COMPLETION_CAP = Decimal(200)
_LARGE_YUAN = Decimal(1_000_000)  # budgets in 元 from this size are charted in 万元 (exact conversion)
_LOWER_BETTER = (Op.LE, Op.LT)
_PARTS = "各部分之和"  # the basis a total is recomputed on, not one on which a printed figure matched


class ReportDataError(PerfnbError):
    """``report.json`` cannot be read (missing, damaged or written by another version)."""


@dataclass(frozen=True)
class Chart:
    """A grouped bar chart's data: its title, one label per group, (series name, values) and the unit."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[Decimal | None]]]
    unit: str

    def single_bar(self) -> str | None:
        """The one bar it would draw, as text (label, series, value, unit), or None when it draws none or
        several: a chart of one bar compares nothing."""
        drawn = [
            (label, name, v)
            for name, values in self.series
            for label, v in zip(self.labels, values, strict=True)
            if v is not None
        ]
        if len(drawn) != 1:
            return None
        label, name, value = drawn[0]
        return f"{label}{name} {thousands_text(value)} {self.unit}"


@dataclass(frozen=True)
class ReportData:
    """Everything the report of one department shows (see the module docstring)."""

    dept_id: str
    header: dict[str, str]
    summary: dict[str, Any]
    total_verdict: str | None
    figures: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    budget: Chart | None
    sections: list[tuple[str, Decimal | None, Decimal | None, Decimal | None]]

    # ---- from the engine -----------------------------------------------------------------

    @classmethod
    def of(cls, result: CheckResult) -> ReportData:
        """The report's data for one checked department."""
        dept = result.department
        names: dict[str | None, str] = {None: "整体", **{p.id: p.name for p in dept.projects}}
        total = next((f for f in result.figures if f.measure == "total_score" and f.project_id is None), None)
        return cls(
            dept_id=dept.id,
            header={"report_title": dept.header.report_title, "region": dept.header.region},
            summary=_summary(result),
            total_verdict=None if total is None else total.verdict.value,
            figures=[_figure_row(f, names, dept.id) for f in result.figures],
            findings=[_finding_row(f, names, dept.id) for f in result.findings],
            indicators=_indicator_rows(result, names),
            budget=_budget(result, names),
            sections=_section_scores(result),
        )

    # ---- report.json -----------------------------------------------------------------------

    def dumps(self) -> str:
        """``report.json``'s text (deterministic: fields in order, Decimals as exact text)."""
        # fields as they are (``asdict`` would deep-copy every row first: 4× the time of the encoding), no indent
        # (json's C encoder runs only without one)
        data: dict[str, Any] = {"format": FORMAT, **{f.name: getattr(self, f.name) for f in fields(self)}}
        data["budget"] = None if self.budget is None else asdict(self.budget)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_exact) + "\n"

    @classmethod
    def read(cls, path: Path | str) -> ReportData:
        """Read ``report.json`` written by :meth:`dumps` (raises :class:`ReportDataError`)."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ReportDataError(f"{path} 不是本版本 perfnb 写的 {REPORT_FILE}：请重新运行 perfnb run")
            budget = data["budget"]
            return cls(
                dept_id=str(data["dept_id"]),
                header=dict(data["header"]),
                summary=dict(data["summary"]),
                total_verdict=data["total_verdict"],
                figures=list(data["figures"]),
                findings=list(data["findings"]),
                indicators=[{**row, "completion": _decimal(row["completion"])} for row in data["indicators"]],
                budget=None if budget is None else Chart(
                    budget["title"], list(budget["labels"]),
                    [(name, [_decimal(v) for v in values]) for name, values in budget["series"]], budget["unit"],
                ),
                sections=[(name, *map(_decimal, rest)) for name, *rest in data["sections"]],
            )  # fmt: skip
        except ReportDataError:
            raise
        except OSError as exc:
            raise ReportDataError(f"读不到 {path}：{exc.strerror or exc}") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise ReportDataError(f"{path} 已损坏（{type(exc).__name__}）：请重新运行 perfnb run") from None

    # ---- what the charts draw --------------------------------------------------------------

    def section_chart(self) -> Chart | None:
        """Printed and recomputed score per section, or None when nothing is scored by section."""
        if not self.sections:
            return None
        labels = [f"{name}（{plain(w)}分）" if w is not None else name for name, w, _, _ in self.sections]
        series = [("原文得分", [r[2] for r in self.sections]), ("复算得分", [r[3] for r in self.sections])]
        return Chart("各部分得分", labels, series, "分")

    def completion_bars(self) -> tuple[str, list[dict[str, Any]]]:
        """The completion chart's title and rows (the lowest :data:`COMPLETION_BARS` when there are more)."""
        rows = [r for r in self.indicators if r["completion"] is not None]
        title = "指标完成率（绿：达成，红：未达成）"
        if len(rows) > COMPLETION_BARS:  # a readable chart: the indicators to look at first
            title = (f"未达成及完成率最低的 {COMPLETION_BARS} 项指标（共 {len(rows)} 项，全部见指标表；"
                     "绿：达成，红：未达成）")  # fmt: skip
            # not met first (a cost within its limit is met however low its share of the limit), then the lowest
            rows = sorted(rows, key=lambda r: (r["met"] is not False, r["completion"]))[:COMPLETION_BARS]
        return title, rows


def _exact(value: Any) -> str:
    if isinstance(value, Decimal):
        return plain(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not exact text: {value!r}")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None


# ---- rows ---------------------------------------------------------------------------------------


def _summary(result: CheckResult) -> dict[str, Any]:
    """``CheckResult.summary`` plus the labels the report prints and why a project total cannot be checked."""
    s = result.summary()
    h = result.department.header
    totals = {f.project_id: f for f in result.figures if f.measure == "total_score" and f.project_id}
    for p in s["projects"]:
        fig = totals.get(p["id"])
        p["why"] = fig.note if fig is not None and fig.verdict is Verdict.CANNOT_CHECK else ""
    s["labels"] = {
        "kind": DOC_KINDS[h.kind],
        "source": f"{h.source.title}（{h.source.file}）",
        "verdicts": {v.value: v.label for v in Verdict},
        "severities": {v.value: v.label for v in Severity},
    }
    return s


def _figure_row(f: Figure, names: dict[str | None, str], within: str) -> dict[str, Any]:
    unit = f.unit or ""
    return {
        "编号": f.id,
        "项目": names.get(f.project_id, f.project_id or ""),
        "名称": f.label,
        "原文": f"{f.reported}{unit}" if f.reported else "",
        "复算": f"{f.recomputed_text}{unit}" if f.recomputed_text else "",
        "差额": "" if f.difference is None else plain(f.difference),
        "结论": verdict_text(f),
        "verdict": f.verdict.value,
        "公式": f.formula,
        "输入": [i.text(within) for i in f.inputs],
        "依据": f.note if f.basis and f.basis in f.note else "；".join(x for x in (f.basis, f.note) if x),
        "出处": "" if f.cell is None else f.cell.cited(within),
    }


def _finding_row(f: Finding, names: dict[str | None, str], within: str) -> dict[str, Any]:
    return {
        "严重程度": f.severity.label,
        "severity": f.severity.value,
        "代码": f.code,
        "问题": f.title,
        "对象": f.subject,
        "项目": names.get(f.project_id, f.project_id or ""),
        "出处": "" if f.cell is None else f.cell.cited(within),
        "说明": f.message,
    }


def _indicator_rows(result: CheckResult, names: dict[str | None, str]) -> list[dict[str, Any]]:
    """Every 三级指标 with its target, actual, completion rate, weight and scores."""
    dept = result.department
    year = dept.header.fiscal_year
    scores = {f.id.removeprefix("score:"): f for f in result.figures if f.id.startswith("score:")}
    rows = []
    for ind in dept.indicators:
        if not ind.level3:
            continue
        target = parse_value(ind.target, year=year)
        done = completion(target, parse_value(ind.actual, year=year))
        shown, why = _completion_text(target, done.percent, done.met, done.why)
        fig = scores.get(ind.id)
        rows.append(
            {
                "项目": names.get(ind.project_id, ind.project_id or ""),
                LEVEL1: ind.level1,
                LEVEL2: ind.level2 or "",
                LEVEL3: ind.level3,
                TARGET: ind.target or "",
                ACTUAL: ind.actual or "",
                "完成率": shown,
                "completion": done.percent,
                "达成": {True: "达成", False: "未达成", None: ""}[done.met],
                "met": done.met,
                "完成率说明": why,
                WEIGHT: "" if ind.weight is None else plain(ind.weight),
                "原文得分": "" if ind.score is None else plain(ind.score),
                "复算得分": "" if fig is None else fig.recomputed_text,
                "结论": "" if fig is None else verdict_text(fig),
                "verdict": "" if fig is None else fig.verdict.value,
                "出处": dept.cell("indicators", ind.id).cited(dept.id),
            }
        )
    return rows


#: ``indicators.csv``: (column, key of an indicator row).
INDICATOR_COLUMNS: Final = (
    ("project", "项目"), ("level1", LEVEL1), ("level2", LEVEL2), ("level3", LEVEL3),
    ("target", TARGET), ("actual", ACTUAL), ("completion", "completion"), ("completion_text", "完成率"),
    ("met", "met"), ("met_label", "达成"), ("completion_note", "完成率说明"), ("weight", WEIGHT),
    ("score_reported", "原文得分"), ("score_recomputed", "复算得分"), ("verdict", "verdict"),
    ("verdict_label", "结论"), ("cell", "出处"),
)  # fmt: skip


def indicator_csv_rows(data: ReportData) -> Iterable[list[Any]]:
    """The indicator rows' values in the order of :data:`INDICATOR_COLUMNS` (text, exact Decimals, booleans,
    None), for ``outputs`` to write as text."""
    for row in data.indicators:
        yield [row[key] for _, key in INDICATOR_COLUMNS]


def _budget(result: CheckResult, names: dict[str | None, str]) -> Chart | None:
    """Budget, received and executed money per project (or for the whole), or None when there is no money.

    At most :data:`BUDGET_BARS` groups: the largest budgets, in document order, and the rest added up as
    one 其他 group (the title says how many it holds), so the chart's cost does not grow with projects."""
    facts = Facts(result.department)
    totals = facts.total_rows
    keys: list[str | None] = [p.id for p in result.department.projects if p.id in totals]
    if None in totals:
        keys.insert(0, None)
    budget = {k: facts.carried(totals[k], "budget", "元")[0] or Decimal(0) for k in keys}
    top = max(budget.values(), default=Decimal(0))
    unit = "万元" if facts.unit == "元" and top >= _LARGE_YUAN else facts.unit
    title = "预算与执行"
    shown, rest = keys, []
    if len(keys) > BUDGET_BARS:
        largest = set(sorted(keys, key=lambda k: -budget[k])[: BUDGET_BARS - 1])  # stable: first printed first
        shown = [k for k in keys if k in largest]
        rest = [k for k in keys if k not in largest]
        title = f"预算与执行（预算最大的 {len(shown)} 项，其余 {len(rest)} 项合为“其他”；全部见复核表）"

    def money(key: str | None, column: str) -> Decimal | None:  # as the engine reads it: parts for a printed 0
        value, _ = facts.carried(totals[key], column, unit)
        return value

    series = []
    for column, name in _MONEY_COLUMNS:
        values = [money(k, column) for k in shown]
        if rest:
            values.append(_sum_known([money(k, column) for k in rest]))
        if any(v is not None for v in values):
            series.append((name, values))
    if not keys or not series:
        return None
    labels = [names.get(k, k or "") for k in shown] + ([f"其他 {len(rest)} 项"] if rest else [])
    return Chart(title, labels, series, unit)


def _section_scores(result: CheckResult) -> list[tuple[str, Decimal | None, Decimal | None, Decimal | None]]:
    """(section, weight, printed, recomputed) per scoring section of the whole document: the section's
    scores added up (None where one of them is missing)."""
    by_section: dict[str, list[Figure]] = defaultdict(list)
    reported = {r.id: r for r in result.department.reported_figures}
    for fig in result.figures:
        r = reported.get(fig.id)
        if r is None or r.measure != "score" or r.project_id is not None or not r.section:
            continue
        by_section[r.section].append(fig)
    rows = []
    for section in result.scheme.sections:
        own = by_section.get(section.name) or [
            f for name, figs in by_section.items() if name.startswith(f"{section.name}/") for f in figs
        ]
        if not own:
            continue
        rep = _sum_all([Decimal(f.reported) if f.reported else None for f in own])
        rec = _sum_all([f.recomputed if isinstance(f.recomputed, Decimal) else None for f in own])
        rows.append((section.name, section.weight, rep, rec))
    return rows


def verdict_text(fig: Figure) -> str:
    """The verdict as the report prints it: a figure that differs but matches on another basis the
    document used says which (不符（按截断相符）, 不符（按到位数计算相符）)."""
    if fig.verdict is not Verdict.DIFFERS or not fig.basis or fig.basis == _PARTS:
        return fig.verdict.label
    basis = fig.basis
    if basis.startswith("原文公式"):
        basis = "按原文公式"
    elif basis.endswith("）") and "（" in basis:
        basis = basis[: basis.rindex("（")]
    if not basis.startswith("按"):
        basis = "按" + basis
    return f"{fig.verdict.label}（{basis}相符）"


def _completion_text(
    target: ParsedValue | None, percent: Decimal | None, met: bool | None, why: str
) -> tuple[str, str]:
    """The completion cell and its explanation. An upper limit (≤, <: a cost, lower is better) is within
    its limit or not — its actual as a percent of the limit is no completion — so it reads 未超过上限 / 超过上限."""
    if percent is None:
        return "", why
    shown = f"{plain(round_half_up(percent, 1))}%"
    if target is None or target.op not in _LOWER_BETTER or met is None:
        return shown, why
    share = f"实际为上限（{target.raw}）的 {shown}，越低越好"
    return ("未超过上限", share) if met else (f"超过上限（{shown}）", share)


def _sum_all(values: list[Decimal | None]) -> Decimal | None:
    """The sum when every value is known, else None."""
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known and len(known) == len(values) else None


def _sum_known(values: list[Decimal | None]) -> Decimal | None:
    """The sum of the known values (None when none is)."""
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None
