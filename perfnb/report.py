"""What the audit notebook shows: the engine's result as tables (pandas) and HTML fragments.

The notebook stays a view: every cell calls one method of :class:`Report`, which renders a
Jinja2 template of ``perfnb/templates/fragments`` with autoescaping on, so any text that
comes from data is escaped. The same rows are available as DataFrames for auditors who
explore a department interactively in JupyterLab.
"""

from __future__ import annotations

import hashlib
import platform
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from perfnb import __version__, charts
from perfnb.engine import CheckResult, check_department
from perfnb.facts import Facts
from perfnb.figures import Figure, Verdict, plain
from perfnb.load import load
from perfnb.numbers import round_half_up
from perfnb.paths import department_dir
from perfnb.problems import Severity
from perfnb.rates import completion
from perfnb.schema import DOC_KINDS
from perfnb.targets import Op, ParsedValue, parse_value
from perfnb.templating import environment

__all__ = ["LIBRARIES", "OUTPUT_PARAMETERS", "Html", "Report", "fragment", "library_versions", "shown_parameters"]

#: Libraries whose versions the provenance section lists.
LIBRARIES = (
    "pandas", "matplotlib", "mplfonts", "jinja2", "papermill", "nbconvert",
    "nbclient", "ipykernel", "openpyxl", "pydantic",
)  # fmt: skip
_VERDICT_ORDER = (Verdict.DIFFERS, Verdict.AGREES, Verdict.CANNOT_CHECK, Verdict.DERIVED)
_MONEY_COLUMNS = (("budget", "全年预算数"), ("received", "到位数"), ("executed", "执行数"))
_COMPLETION_CAP = Decimal(200)
_CHART_BARS = 25  # at most this many bars in the completion chart
_LARGE_YUAN = Decimal(1_000_000)  # budgets in 元 from this size are charted in 万元 (exact conversion)


class Html(str):
    """HTML text that Jupyter displays as HTML; its plain-text form is a short placeholder, so an
    executed notebook does not carry every table twice."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<perfnb HTML，{len(self)} 字符>"


def fragment(name: str, **context: Any) -> Html:
    """Render the fragment template ``name`` (autoescaped) to :class:`Html`."""
    return Html(environment("fragments").get_template(name).render(**context))


def library_versions() -> dict[str, str]:
    """perfnb, Python and the key libraries' versions, in a fixed order."""
    versions = {"perfnb": __version__, "Python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:  # pragma: no cover - all are dependencies
            versions[name] = "（未安装）"
    return versions


def _text(value: Decimal | None, places: int = 2) -> str:
    return "" if value is None else plain(round_half_up(value, places))


@dataclass(frozen=True)
class Report:
    """One department's audit, ready to show: build it with :meth:`build`."""

    result: CheckResult

    @classmethod
    def build(cls, dept_id: str, data_dir: Path | str) -> Report:
        """Load, validate and check department ``dept_id`` under ``data_dir``."""
        data_dir = Path(data_dir)
        dept = load(dept_id, data_dir)
        return cls(check_department(dept, department_dir=department_dir(data_dir, dept.id)))

    # ---- data -----------------------------------------------------------------------------

    @property
    def dept_id(self) -> str:
        """The department's id (its folder: locations in the report are relative to it)."""
        return self.result.department.id

    @cached_property
    def facts(self) -> Facts:
        """The engine's view of the department's figures."""
        return Facts(self.result.department)

    @cached_property
    def project_names(self) -> dict[str | None, str]:
        """Project names by id; the department's own name for ``None``."""
        dept = self.result.department
        return {None: "整体", **{p.id: p.name for p in dept.projects}}

    @cached_property
    def summary_data(self) -> dict[str, Any]:
        """The summary as plain data (``CheckResult.summary`` plus labels)."""
        s = self.result.summary()
        h = self.result.department.header
        totals = {f.project_id: f for f in self.result.figures if f.measure == "total_score" and f.project_id}
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

    def figures_table(self) -> pd.DataFrame:
        """Every recomputed figure: reported, recomputed, difference, verdict, formula, cell."""
        rows = [self._figure_row(f) for f in self.result.figures]
        return pd.DataFrame(rows, columns=list(_FIGURE_HEADERS))

    def _figure_row(self, f: Figure) -> dict[str, Any]:
        unit = f.unit or ""
        return {
            "编号": f.id,
            "项目": self.project_names.get(f.project_id, f.project_id or ""),
            "名称": f.label,
            "原文": f"{f.reported}{unit}" if f.reported else "",
            "复算": f"{f.recomputed_text}{unit}" if f.recomputed_text else "",
            "差额": "" if f.difference is None else plain(f.difference),
            "结论": verdict_text(f),
            "verdict": f.verdict.value,
            "公式": f.formula,
            "输入": [i.text(self.dept_id) for i in f.inputs],
            "依据": f.note if f.basis and f.basis in f.note else "；".join(x for x in (f.basis, f.note) if x),
            "出处": "" if f.cell is None else f.cell.cited(self.dept_id),
        }

    def findings_table(self) -> pd.DataFrame:
        """Every finding, most severe first."""
        rows = [
            {
                "严重程度": f.severity.label,
                "severity": f.severity.value,
                "代码": f.code,
                "问题": f.title,
                "对象": f.subject,
                "项目": self.project_names.get(f.project_id, f.project_id or ""),
                "出处": "" if f.cell is None else f.cell.cited(self.dept_id),
                "说明": f.message,
            }
            for f in self.result.findings
        ]
        return pd.DataFrame(rows, columns=list(_FINDING_HEADERS))

    def indicators_table(self) -> pd.DataFrame:
        """Every 三级指标 with its target, actual, completion, weight and scores."""
        return self._indicators.copy()

    @cached_property
    def _indicators(self) -> pd.DataFrame:
        """The indicator rows, built once (the table and the completion chart both use them)."""
        dept = self.result.department
        year = dept.header.fiscal_year
        scores = {f.id.removeprefix("score:"): f for f in self.result.figures if f.id.startswith("score:")}
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
                    "项目": self.project_names.get(ind.project_id, ind.project_id or ""),
                    "一级指标": ind.level1,
                    "二级指标": ind.level2 or "",
                    "三级指标": ind.level3,
                    "年度指标值": ind.target or "",
                    "实际完成值": ind.actual or "",
                    "完成率": shown,
                    "completion": done.percent,
                    "达成": {True: "达成", False: "未达成", None: ""}[done.met],
                    "met": done.met,
                    "完成率说明": why,
                    "分值": "" if ind.weight is None else plain(ind.weight),
                    "原文得分": "" if ind.score is None else plain(ind.score),
                    "复算得分": "" if fig is None else fig.recomputed_text,
                    "结论": "" if fig is None else verdict_text(fig),
                    "verdict": "" if fig is None else fig.verdict.value,
                    "出处": dept.cell("indicators", ind.id).cited(self.dept_id),
                }
            )
        return pd.DataFrame(rows, columns=list(_INDICATOR_HEADERS))

    # ---- charts ---------------------------------------------------------------------------

    def _budget_data(self) -> tuple[list[str], list[tuple[str, list[Decimal | None]]], str] | None:
        """The budget chart's labels, series and unit, or None when there is no money to chart."""
        totals = self.facts.total_rows
        keys: list[str | None] = [p.id for p in self.result.department.projects if p.id in totals]
        if None in totals:
            keys.insert(0, None)
        top = max((self.facts.money(totals[k], "budget", "元") or Decimal(0) for k in keys), default=Decimal(0))
        unit = "万元" if self.facts.unit == "元" and top >= _LARGE_YUAN else self.facts.unit
        series = []
        for column, name in _MONEY_COLUMNS:
            values = [self.facts.money(totals[k], column, unit) for k in keys]
            if any(v is not None for v in values):
                series.append((name, values))
        if not keys or not series:
            return None
        return [self.project_names.get(k, k or "") for k in keys], series, unit

    def budget_chart(self) -> str | None:
        """SVG: budget, received and executed money per project (or for the whole), or None (nothing to
        chart, or a single bar: :meth:`charts` says it in a line of text)."""
        data = self._budget_data()
        if data is None or _single_bar(*data) is not None:
            return None
        return charts.grouped_bar_chart("预算与执行", *data)

    def _completion_rows(self) -> tuple[str, list[dict[str, Any]]]:
        """The completion chart's title and rows (the lowest :data:`_CHART_BARS` when there are more)."""
        table = self.indicators_table()
        table = table[table["completion"].notna()]
        title = "指标完成率（绿：达成，红：未达成）"
        if len(table) > _CHART_BARS:  # a readable chart: the indicators to look at first
            title = f"完成率最低的 {_CHART_BARS} 项指标（共 {len(table)} 项，全部见指标表；绿：达成，红：未达成）"
            table = table.sort_values("completion", kind="stable").head(_CHART_BARS)
        return title, table.to_dict("records")

    def completion_chart(self) -> str | None:
        """SVG: completion rate of every quantitative indicator (100% line), or None (none, or only one:
        :meth:`charts` says it in a line of text)."""
        title, rows = self._completion_rows()
        if len(rows) < 2:
            return None
        several = len({row["项目"] for row in rows}) > 1
        bars = []
        for row in rows:
            value: Decimal = row["completion"]
            colour = {True: "#59a14f", False: "#e15759"}.get(row["met"], "#9c9c9c")
            label = f"{row['项目']}·{row['三级指标']}" if several else row["三级指标"]
            text = row["完成率"] + ("" if value <= _COMPLETION_CAP else "（图中截断）")
            bars.append(charts.Bar(label, min(value, _COMPLETION_CAP), text, colour))
        return charts.bar_chart(title, bars, "%", reference=Decimal(100))

    def section_scores(self) -> list[tuple[str, Decimal | None, Decimal | None, Decimal | None]]:
        """(section, weight, reported, recomputed) per scoring section of the whole document."""
        by_section: dict[str, list[Figure]] = defaultdict(list)
        reported = {r.id: r for r in self.result.department.reported_figures}
        for fig in self.result.figures:
            r = reported.get(fig.id)
            if r is None or r.measure != "score" or r.project_id is not None or not r.section:
                continue
            by_section[r.section].append(fig)
        rows = []
        for section in self.result.scheme.sections:
            own = by_section.get(section.name) or [
                f for name, figs in by_section.items() if name.startswith(f"{section.name}/") for f in figs
            ]
            if not own:
                continue
            rec = [f.recomputed for f in own]
            rep = [f.reported for f in own]
            rows.append(
                (
                    section.name,
                    section.weight,
                    _sum([Decimal(x) if x else None for x in rep]),
                    _sum([x if isinstance(x, Decimal) else None for x in rec]),
                )
            )
        return rows

    def _section_data(self) -> tuple[list[str], list[tuple[str, list[Decimal | None]]], str] | None:
        rows = self.section_scores()
        if not rows:
            return None
        labels = [f"{name}（{plain(w)}分）" if w is not None else name for name, w, _, _ in rows]
        return labels, [("原文得分", [r[2] for r in rows]), ("复算得分", [r[3] for r in rows])], "分"

    def section_chart(self) -> str | None:
        """SVG: printed and recomputed score of each section, or None when nothing is scored (or a single
        bar: :meth:`charts` says it in a line of text)."""
        data = self._section_data()
        if data is None or _single_bar(*data) is not None:
            return None
        return charts.grouped_bar_chart("各部分得分", *data)

    # ---- HTML -----------------------------------------------------------------------------

    def title(self) -> Html:
        """The report's heading: department, year and document."""
        return fragment("title.html.j2", s=self.summary_data, header=self.result.department.header)

    def summary(self) -> Html:
        """Score and grade (recomputed beside reported), verdict and finding counts."""
        total = next((f for f in self.result.figures if f.measure == "total_score" and f.project_id is None), None)
        return fragment("summary.html.j2", s=self.summary_data, total=total)

    def charts(self) -> Html:
        """The three charts, or a line of text where a chart has nothing to draw or would be one bar."""
        budget, sections = self._budget_data(), self._section_data()
        _, completions = self._completion_rows()
        one = completions[0] if len(completions) == 1 else None
        items = [
            ("预算与执行", self.budget_chart(), _one_bar_note(budget) or "文件没有资金数据。"),
            ("指标完成率", self.completion_chart(),
             f"只有一项指标可计算完成率（{one['三级指标']}：{one['完成率']}），不作图。" if one
             else "没有可计算完成率的指标（目标表或定性指标）。"),
            ("各部分得分", self.section_chart(), _one_bar_note(sections) or "文件没有按部分印出的得分。"),
        ]  # fmt: skip
        return fragment("charts.html.j2", items=items)

    def reconciliation(self) -> Html:
        """Every reported figure against its recomputation, grouped by verdict."""
        rows = self.figures_table().to_dict("records")
        # an indicator score that agrees is shown in the indicator table (and in figures.csv): not twice
        listed = [r for r in rows if not (r["verdict"] == Verdict.AGREES.value and r["编号"].startswith("score:"))]
        groups = [(v, [r for r in listed if r["verdict"] == v.value]) for v in _VERDICT_ORDER]
        return fragment(
            "reconciliation.html.j2", groups=[(v, g) for v, g in groups if g], in_indicators=len(rows) - len(listed)
        )

    def findings(self) -> Html:
        """The findings list, most severe first."""
        return fragment("findings.html.j2", rows=self.findings_table().to_dict("records"))

    def indicators(self) -> Html:
        """The indicator table with completion; a column that is empty in every row (a target table's
        actual values and scores) is left out, and a note says which."""
        rows = self.indicators_table().to_dict("records")
        filled = [column for column in _INDICATOR_COLUMNS if any(r[column[0]] for r in rows)]
        hidden = [column[1] for column in _INDICATOR_COLUMNS if column not in filled] if rows else []
        return fragment("indicators.html.j2", rows=rows, columns=filled, hidden=hidden)

    def provenance(self, parameters: Mapping[str, Any], notebook: str | Path | None = None) -> Html:
        """Input files with SHA-256, versions, the parameters and the notebook executed."""
        nb = None
        if notebook is not None:
            path = Path(notebook)
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "（未找到该文件，无法计算）"
            nb = {"name": path.name, "sha256": digest}
        return fragment(
            "provenance.html.j2",
            inputs=self.summary_data["inputs"],
            scheme=self.summary_data["scheme"],
            versions=library_versions(),
            parameters=shown_parameters(parameters),
            notebook=nb,
        )


#: Parameters naming where results are written: no part of what a report says, so not printed (two runs
#: of the same inputs into different folders give the same report).
OUTPUT_PARAMETERS = frozenset({"processed_dir", "reports_dir"})


def shown_parameters(parameters: Mapping[str, Any], project: Path | None = None) -> dict[str, str]:
    """The run's parameters as the provenance prints them, independent of where the run writes.

    Output folders (:data:`OUTPUT_PARAMETERS`) are left out. A folder parameter (``…_dir``) is printed
    as typed when relative, and when absolute relative to the project (the working directory of the run,
    ``project``) if it lies inside it; otherwise it is only said to lie outside (its input files are
    identified by their SHA-256 above)."""
    root = (project or Path.cwd()).resolve()
    shown = {}
    for key, value in parameters.items():
        if key in OUTPUT_PARAMETERS:
            continue
        path = Path(str(value))
        if not key.endswith("_dir") or not path.is_absolute():
            shown[key] = path.as_posix() if key.endswith("_dir") else str(value)
            continue
        resolved = path.resolve()
        inside = resolved == root or root in resolved.parents
        shown[key] = resolved.relative_to(root).as_posix() if inside else "（项目目录之外，路径不记录）"
    return shown


def _single_bar(labels: list[str], series: list[tuple[str, list[Decimal | None]]], unit: str) -> str | None:
    """The one bar a grouped chart would draw, as text (label, series, value, unit), or None when it draws
    none or several: a chart of one bar compares nothing."""
    drawn = [
        (label, name, v) for name, values in series for label, v in zip(labels, values, strict=True) if v is not None
    ]
    if len(drawn) != 1:
        return None
    label, name, value = drawn[0]
    return f"{label}{name} {charts.number_text(value)} {unit}"


def _one_bar_note(data: tuple[list[str], list[tuple[str, list[Decimal | None]]], str] | None) -> str | None:
    one = None if data is None else _single_bar(*data)
    return None if one is None else f"只有一个数字（{one}），不作图。"


_LOWER_IS_BETTER = (Op.LE, Op.LT)
_PARTS_BASIS = "各部分之和"  # the basis a total is recomputed on, not one on which a printed figure matched


def verdict_text(fig: Figure) -> str:
    """The verdict as the report prints it: a figure that differs but matches on another basis the
    document used says which (不符（按截断相符）, 不符（按到位数计算相符）)."""
    if fig.verdict is not Verdict.DIFFERS or not fig.basis or fig.basis == _PARTS_BASIS:
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
    shown = f"{_text(percent, 1)}%"
    if target is None or target.op not in _LOWER_IS_BETTER or met is None:
        return shown, why
    share = f"实际为上限（{target.raw}）的 {shown}，越低越好"
    return ("未超过上限", share) if met else (f"超过上限（{shown}）", share)


def _sum(values: list[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known and len(known) == len(values) else None


_FIGURE_HEADERS = ("编号", "项目", "名称", "原文", "复算", "差额", "结论", "verdict", "公式", "输入", "依据", "出处")
_FINDING_HEADERS = ("严重程度", "severity", "代码", "问题", "对象", "项目", "出处", "说明")
#: The indicator table's columns: (key in :meth:`Report.indicators_table`, header, numeric).
_INDICATOR_COLUMNS = (
    ("项目", "项目", False), ("一级指标", "一级", False), ("二级指标", "二级", False), ("三级指标", "三级指标", False),
    ("年度指标值", "年度指标值", False), ("实际完成值", "实际完成值", False), ("完成率", "完成率", True),
    ("达成", "达成", False), ("分值", "分值", True), ("原文得分", "原文得分", True), ("复算得分", "复算得分", True),
    ("结论", "结论", False),
)  # fmt: skip
_INDICATOR_HEADERS = (
    "项目", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "完成率", "completion", "达成", "met",
    "完成率说明", "分值", "原文得分", "复算得分", "结论", "verdict", "出处",
)  # fmt: skip
