"""What the audit notebook shows: the engine's result as tables (pandas) and HTML fragments.

The notebook stays a view: every cell calls one method of :class:`Report`, which renders a
Jinja2 template of ``perfnb/templates/fragments`` with autoescaping on, so any text that
comes from data is escaped. The same rows are available as DataFrames for auditors who
explore a department interactively in JupyterLab.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfnb.base.version import __version__
from perfnb.engine.figures import Verdict
from perfnb.report import charts
from perfnb.report.data import (
    ACTUAL,
    LEVEL1,
    LEVEL2,
    LEVEL3,
    TARGET,
    WEIGHT,
    Chart,
    ReportData,
    ReportDataError,
    verdict_text,
)
from perfnb.report.templating import environment

if TYPE_CHECKING:
    import pandas as pd

    from perfnb.engine.check import CheckResult

__all__ = [
    "LIBRARIES",
    "OUTPUT_PARAMETERS",
    "Html",
    "Report",
    "fragment",
    "library_versions",
    "shown_parameters",
    "verdict_text",
]

#: Libraries whose versions the provenance section lists.
LIBRARIES = (
    "pandas", "matplotlib", "mplfonts", "jinja2", "papermill", "nbconvert",
    "nbclient", "ipykernel", "openpyxl", "pydantic",
)  # fmt: skip
_VERDICT_ORDER = (Verdict.DIFFERS, Verdict.AGREES, Verdict.CANNOT_CHECK, Verdict.DERIVED)
_COMPACT_VERDICTS = (Verdict.AGREES.value, Verdict.DERIVED.value)  # one line each in the reconciliation
_COMPLETION_CAP = Decimal(200)  # completion bars longer than this are cut (the text says so)


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


@dataclass(frozen=True)
class Report:
    """One department's audit, ready to show: :meth:`build` it (or :meth:`of` a check result, or
    :meth:`open` the ``report.json`` that ``perfnb run`` handed over)."""

    data: ReportData

    @classmethod
    def build(cls, dept_id: str, data_dir: Path | str, handed_over: Path | str | None = None) -> Report:
        """Department ``dept_id`` under ``data_dir``: the data ``perfnb run`` computed and handed over
        (``handed_over``, its ``report.json``) when given, else loaded, validated and checked here."""
        if handed_over:
            report = cls.open(handed_over)
            if report.dept_id != dept_id:
                raise ReportDataError(f"{handed_over} 是部门 {report.dept_id} 的结果，不是 {dept_id} 的")
            return report
        from perfnb.engine.check import check_department  # only here: a notebook handed its data needs no engine
        from perfnb.format.load import load
        from perfnb.format.paths import department_dir

        data_dir = Path(data_dir)
        dept = load(dept_id, data_dir)
        return cls.of(check_department(dept, department_dir=department_dir(data_dir, dept.id)))

    @classmethod
    def of(cls, result: CheckResult) -> Report:
        """The report of a checked department."""
        return cls(ReportData.of(result))

    @classmethod
    def open(cls, path: Path | str) -> Report:
        """The report of the ``report.json`` at ``path``."""
        return cls(ReportData.read(path))

    # ---- data -----------------------------------------------------------------------------

    @property
    def dept_id(self) -> str:
        """The department's id (its folder: locations in the report are relative to it)."""
        return self.data.dept_id

    @property
    def summary_data(self) -> dict[str, Any]:
        """The summary as plain data (``CheckResult.summary`` plus labels)."""
        return self.data.summary

    def figures_table(self) -> pd.DataFrame:
        """Every recomputed figure: reported, recomputed, difference, verdict, formula, cell."""
        return _frame(self.data.figures, _FIGURE_HEADERS)

    def findings_table(self) -> pd.DataFrame:
        """Every finding, most severe first."""
        return _frame(self.data.findings, _FINDING_HEADERS)

    def indicators_table(self) -> pd.DataFrame:
        """Every 三级指标 with its target, actual, completion, weight and scores."""
        return _frame(self.data.indicators, _INDICATOR_HEADERS)

    def section_scores(self) -> list[tuple[str, Decimal | None, Decimal | None, Decimal | None]]:
        """(section, weight, reported, recomputed) per scoring section of the whole document."""
        return list(self.data.sections)

    # ---- charts ---------------------------------------------------------------------------

    def budget_chart(self) -> str | None:
        """SVG: budget, received and executed money per project (or for the whole), or None (nothing to
        chart, or a single bar: :meth:`charts` says it in a line of text)."""
        return _grouped(self.data.budget)

    def completion_chart(self) -> str | None:
        """SVG: completion rate of the quantitative indicators (100% line), or None (none, or only one:
        :meth:`charts` says it in a line of text)."""
        title, rows = self.data.completion_bars()
        if len(rows) < 2:
            return None
        several = len({row["项目"] for row in rows}) > 1
        bars = []
        for row in rows:
            value: Decimal = row["completion"]
            colour = {True: "#59a14f", False: "#e15759"}.get(row["met"], "#9c9c9c")
            label = f"{row['项目']}·{row[LEVEL3]}" if several else row[LEVEL3]
            text = row["完成率"] + ("" if value <= _COMPLETION_CAP else "（图中截断）")
            bars.append(charts.Bar(label, min(value, _COMPLETION_CAP), text, colour))
        return charts.bar_chart(title, bars, "%", reference=Decimal(100))

    def section_chart(self) -> str | None:
        """SVG: printed and recomputed score of each section, or None when nothing is scored (or a single
        bar: :meth:`charts` says it in a line of text)."""
        return _grouped(self.data.section_chart())

    # ---- HTML -----------------------------------------------------------------------------

    def title(self) -> Html:
        """The report's heading: department, year and document."""
        return fragment("title.html.j2", s=self.summary_data, header=self.data.header)

    def summary(self) -> Html:
        """Score and grade (recomputed beside reported), verdict and finding counts."""
        return fragment("summary.html.j2", s=self.summary_data, total=self.data.total_verdict)

    def charts(self) -> Html:
        """The three charts, or a line of text where a chart has nothing to draw or would be one bar."""
        _, completions = self.data.completion_bars()
        one = completions[0] if len(completions) == 1 else None
        items = [
            ("预算与执行", self.budget_chart(), _one_bar_note(self.data.budget) or "文件没有资金数据。"),
            ("指标完成率", self.completion_chart(),
             f"只有一项指标可计算完成率（{one[LEVEL3]}：{one['完成率']}），不作图。" if one
             else "没有可计算完成率的指标（目标表或定性指标）。"),
            ("各部分得分", self.section_chart(),
             _one_bar_note(self.data.section_chart()) or "文件没有按部分印出的得分。"),
        ]  # fmt: skip
        return fragment("charts.html.j2", items=items)

    def reconciliation(self) -> Html:
        """Every reported figure against its recomputation, grouped by verdict: differences and what cannot
        be checked in full, agreeing and derived figures one line each (the rest is in the workbook)."""
        rows = self.data.figures
        # an indicator score that agrees is shown in the indicator table (and in figures.csv): not twice
        listed = [r for r in rows if not (r["verdict"] == Verdict.AGREES.value and r["编号"].startswith("score:"))]
        groups = [(v, [r for r in listed if r["verdict"] == v.value]) for v in _VERDICT_ORDER]
        return fragment(
            "reconciliation.html.j2",
            groups=[(v, g) for v, g in groups if g],
            in_indicators=len(rows) - len(listed),
            compact=_COMPACT_VERDICTS,
            workbook=self.workbook,
        )

    def findings(self) -> Html:
        """The findings list, most severe first."""
        return fragment("findings.html.j2", rows=self.data.findings)

    def indicators(self) -> Html:
        """The indicator table with completion: first in full the indicators to look at (not met, score
        differs or cannot be checked, nothing to check), then one line each those met whose score agrees.
        A column that is empty in every row (a target table's actual values and scores) is left out, and a
        note says which."""
        rows = self.data.indicators
        filled = [column for column in _INDICATOR_COLUMNS if any(r[column[0]] for r in rows)]
        hidden = [column[1] for column in _INDICATOR_COLUMNS if column not in filled] if rows else []
        fine = [r for r in rows if _fine(r)]
        return fragment(
            "indicators.html.j2",
            rows=[r for r in rows if not _fine(r)],
            fine=fine,
            several=len({r["项目"] for r in rows}) > 1,
            columns=filled,
            hidden=hidden,
            workbook=self.workbook,
            label={"level3": LEVEL3, "target": TARGET, "actual": ACTUAL},
        )

    @property
    def workbook(self) -> str:
        """The file name of the department's workbook, written beside its report."""
        return f"{self.dept_id}.findings.xlsx"

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
OUTPUT_PARAMETERS = frozenset({"processed_dir", "reports_dir", "handed_over"})


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


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows as a DataFrame (pandas is imported here, for readers who explore: the report needs none)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def _fine(row: dict[str, Any]) -> bool:
    """An indicator met whose score agrees (or is not scored): listed in one line."""
    return row["met"] is True and row["verdict"] in ("", Verdict.AGREES.value)


def _grouped(chart: Chart | None) -> str | None:
    """SVG of a grouped bar chart, or None when it has nothing to draw or would be a single bar."""
    if chart is None or chart.single_bar() is not None:
        return None
    return charts.grouped_bar_chart(chart.title, chart.labels, chart.series, chart.unit)


def _one_bar_note(chart: Chart | None) -> str | None:
    one = None if chart is None else chart.single_bar()
    return None if one is None else f"只有一个数字（{one}），不作图。"


_FIGURE_HEADERS = ("编号", "项目", "名称", "原文", "复算", "差额", "结论", "verdict", "公式", "输入", "依据", "出处")
_FINDING_HEADERS = ("严重程度", "severity", "代码", "问题", "对象", "项目", "出处", "说明")
#: The indicator table's columns: (key in :meth:`Report.indicators_table`, header, numeric).
_INDICATOR_COLUMNS = (
    ("项目", "项目", False), (LEVEL1, LEVEL1.removesuffix("指标"), False), (LEVEL2, LEVEL2.removesuffix("指标"), False),
    (LEVEL3, LEVEL3, False), (TARGET, TARGET, False), (ACTUAL, ACTUAL, False), ("完成率", "完成率", True),
    ("达成", "达成", False), (WEIGHT, WEIGHT, True), ("原文得分", "原文得分", True), ("复算得分", "复算得分", True),
    ("结论", "结论", False),
)  # fmt: skip
_INDICATOR_HEADERS = (
    "项目", LEVEL1, LEVEL2, LEVEL3, TARGET, ACTUAL, "完成率", "completion", "达成", "met",
    "完成率说明", WEIGHT, "原文得分", "复算得分", "结论", "verdict", "出处",
)  # fmt: skip
