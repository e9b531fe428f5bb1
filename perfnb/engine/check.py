"""The audit engine: a department and its scheme in, figures, findings and a summary out.

``check_department`` is a straight line: facts → funds → scores → printed rates → target
quality → summary. It is pure: it reads the loaded department and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

from perfnb.base.version import __version__
from perfnb.engine.facts import Facts
from perfnb.engine.figures import Figure, Verdict, plain
from perfnb.engine.findings import Finding, FindingCode, finding, sort_findings
from perfnb.engine.quality import check_targets
from perfnb.engine.reconcile import check_funds, check_reported_rates
from perfnb.engine.recorder import Recorder
from perfnb.engine.scorecard import Scorecard
from perfnb.format.model import Department
from perfnb.format.problems import Severity
from perfnb.format.schemes import Scheme, load_scheme

__all__ = ["PRECISION", "CheckResult", "check_department"]

#: Significant digits of the engine's Decimal arithmetic: transcribed figures are at most 15
#: digits before the point (the loader's limit), so sums and differences are exact.
PRECISION = 60


@dataclass(frozen=True)
class CheckResult:
    """Everything the engine found for one department."""

    department: Department
    scheme: Scheme
    figures: tuple[Figure, ...]
    findings: tuple[Finding, ...]
    total: Decimal | None
    grade: str | None

    def _whole(self, measure: str) -> str | None:
        """The document's own printed total or grade: the one without a project, or the only one printed."""
        printed = [r for r in self.department.reported_figures if r.measure == measure]
        whole = [r for r in printed if r.project_id is None] or (printed if len(printed) == 1 else [])
        return whole[0].value if whole else None

    def _project_scores(self) -> list[dict[str, Any]]:
        """Each project's total and grade, recomputed beside printed, when the document scores its
        projects one by one (e.g. several 项目支出绩效自评表 in one department)."""
        names = {p.id: p.name for p in self.department.projects}
        grades = {f.project_id: f for f in self.figures if f.measure == "grade" and f.project_id}
        out = []
        for f in self.figures:
            if f.measure != "total_score" or not f.project_id:
                continue
            grade = grades.get(f.project_id)
            out.append({
                "id": f.project_id,
                "name": names.get(f.project_id, f.project_id),
                "recomputed": f.recomputed_text or None,
                "reported": f.reported,
                "verdict": f.verdict.value,
                "grade_recomputed": (grade.recomputed_text or None) if grade else None,
                "grade_reported": grade.reported if grade else None,
            })  # fmt: skip
        return out

    def summary(self) -> dict[str, Any]:
        """The content of ``summary.json`` (deterministic: no clock, sorted keys by construction)."""
        h = self.department.header
        reported_total, reported_grade = self._whole("total_score"), self._whole("grade")
        verdicts = Counter(f.verdict.value for f in self.figures)
        severities = Counter(f.severity.value for f in self.findings)
        return {
            "department": {
                "id": h.id,
                "name": h.name,
                "region": h.region,
                "fiscal_year": h.fiscal_year,
                "kind": h.kind,
                "money_unit": h.money_unit,
            },
            "scheme": {
                "name": self.scheme.name,
                "title": self.scheme.title,
                "mode": self.scheme.mode,
                "assumed": list(self.scheme.assumed),
            },
            "score": {
                "recomputed": None if self.total is None else plain(self.total),
                "reported": reported_total,
                "grade_recomputed": self.grade,
                "grade_reported": reported_grade,
            },
            "projects": self._project_scores(),
            "verdicts": {v.value: verdicts.get(v.value, 0) for v in Verdict},
            "findings": {s.value: severities.get(s.value, 0) for s in Severity},
            "findings_by_code": dict(sorted(Counter(f.code for f in self.findings).items())),
            "nothing_checked": any(f.code == FindingCode.NOTHING_CHECKED for f in self.findings),
            "perfnb_version": __version__,
            "inputs": [
                {"file": s.path, "sha256": s.sha256, "bytes": s.size, "encoding": s.encoding}
                for s in sorted(self.department.sources, key=lambda s: s.path)
            ],
        }


def check_department(dept: Department, scheme: Scheme | None = None, department_dir: Path | None = None) -> CheckResult:
    """Recompute, reconcile and check one department under its scheme (named in department.yaml)."""
    scheme = scheme or load_scheme(dept.header.scheme, department_dir)
    with localcontext() as ctx:
        ctx.prec = PRECISION  # sums of transcribed figures stay exact (the default 28 digits would round them)
        return _check(dept, scheme)


def _check(dept: Department, scheme: Scheme) -> CheckResult:
    facts, rec = Facts(dept), Recorder()
    card = Scorecard(facts, rec, scheme)
    check_funds(facts, rec, scheme)
    card.score_indicators()
    check_reported_rates(facts, rec, scheme, card.basis_of)
    card.check_reported()
    card.unprinted_totals()
    for item in check_targets(dept):
        rec.add(item)
    if card.scored and not any(f.verdict in (Verdict.AGREES, Verdict.DIFFERS) for f in rec.figures):
        printed = sum(f.reported is not None for f in rec.figures)
        rec.add(finding(FindingCode.NOTHING_CHECKED, dept.header.name,
                        f"原文印的 {printed} 个数字没有一个能复核（原因见复核表“无法复核”各行）：没有发现不符不等于"
                        "核对无误，请补录复算所需的资金和指标数据，或人工复核", severity=Severity.WARNING))  # fmt: skip
    total = None if card.total is None else scheme.round_score(card.total)
    figures = tuple(sorted(rec.figures, key=_figure_key))
    return CheckResult(dept, scheme, figures, tuple(sort_findings(rec.findings)), total, card.grade)


def _figure_key(fig: Figure) -> tuple[Any, ...]:
    cell = fig.cell
    return (cell.file if cell else "~", cell.row or 0 if cell else 0, cell.column or "" if cell else "", fig.id)
