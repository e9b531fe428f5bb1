"""A project's year against its whole period (target tables): the year's funds left blank, and the amount asked
for this year (预算申报数) against the project's total."""

from __future__ import annotations

from decimal import Decimal

from perfnb.engine.facts import MONEY_COLUMNS, Facts
from perfnb.engine.figures import Verdict, plain
from perfnb.engine.findings import FindingCode, finding
from perfnb.engine.recorder import NumberCheck, Recorder
from perfnb.format.schema import FundLine

__all__ = ["check_horizons"]

_PERIOD_GROUP = "实施期"  # the whole period's total (实施期资金总额, 项目总投资), as perfnb import writes it
_REQUESTED_GROUP = "预算申报"  # the amount asked for this year (预算申报数), beside the total


def check_horizons(facts: Facts, rec: Recorder) -> None:
    """A project's year against its whole period: ANNUAL_FUNDS_BLANK when the 实施期 amounts are printed and the
    year's total and all its parts are blank; 预算申报数 compared with 项目总投资 (equal for a one-year project)."""
    for pid in dict.fromkeys(f.project_id for f in facts.dept.funds):
        top = [f for f in facts.dept.funds if f.project_id == pid and not f.parent and f.side == "来源"]
        period = next((f for f in top if f.group == _PERIOD_GROUP and f.budget is not None), None)
        if period is None:
            continue
        for row in top:
            if row.group == _REQUESTED_GROUP and row.budget is not None:
                _requested(facts, rec, row, period)
            elif row.group not in (_PERIOD_GROUP, _REQUESTED_GROUP) and _blank(facts, row):
                _annual_blank(facts, rec, row, period)


def _blank(facts: Facts, row: FundLine) -> bool:
    """Whether a funds row and all rows under it print no amount at all."""
    if any(getattr(row, c) is not None for c in MONEY_COLUMNS):
        return False
    return all(_blank(facts, part) for part in facts.children.get(row.id, []))


def _project_name(facts: Facts, pid: str | None) -> str:
    return next((f"项目“{p.name}”" for p in facts.dept.projects if p.id == pid), "本部门")


def _annual_blank(facts: Facts, rec: Recorder, row: FundLine, period: FundLine) -> None:
    unit = facts.dept.money_unit(period)
    rec.add(
        finding(
            FindingCode.ANNUAL_FUNDS_BLANK,
            row.line,
            f"{_project_name(facts, row.project_id)}的{row.line}及其各项金额都是空的，而{period.line}印有 "
            f"{plain(period.budget or Decimal(0))}{unit}：本年度预算没有填写，无法核对（一年期项目的年度资金应等于"
            f"实施期资金），请核对原表",
            cell=facts.dept.cell("funds", row.id, "budget"),
            recomputed=plain(period.budget or Decimal(0)),
            project_id=row.project_id,
        )
    )


def _requested(facts: Facts, rec: Recorder, row: FundLine, period: FundLine) -> None:
    """预算申报数 against 项目总投资: agrees when equal; when it differs, a warning if the year asks for more than
    the whole project, a note if less (a project of several years asks for its year's part)."""
    unit = facts.dept.money_unit(row)
    whole = facts.money(period, "budget", unit)
    asked = row.budget
    assert whole is not None and asked is not None
    fid = f"requested:{row.id}"
    fig = rec.number(
        NumberCheck(
            id=fid,
            label=f"{row.line}（与{period.line}比较）",
            measure="requested_vs_total",
            formula=f"{row.line} = {period.line}（一年期项目）",
            inputs=[facts.money_input(period, "budget", unit)],
            value=whole,
            reported=plain(asked),
            cell=facts.dept.cell("funds", row.id, "budget"),
            code=FindingCode.REQUEST_OVER_TOTAL,
            subject=row.line,
            unit=unit,
            project_id=row.project_id,
            quiet=True,
        )
    )
    if fig.verdict is not Verdict.DIFFERS:
        return
    what = _project_name(facts, row.project_id)
    if asked > whole:
        code, msg = FindingCode.REQUEST_OVER_TOTAL, f"一年的申报数超过了{period.line}，请核对"
    else:
        code, msg = (
            FindingCode.REQUEST_BELOW_TOTAL,
            "多年期项目只申报本年度的部分；一年期项目两者应相等，请核对项目期限",
        )
    rec.add(
        finding(
            code,
            row.line,
            f"{what}的{row.line} {plain(asked)}{unit}，{period.line} {plain(whole)}{unit}：{msg}",
            cell=facts.dept.cell("funds", row.id, "budget"),
            reported=plain(asked),
            recomputed=plain(whole),
            project_id=row.project_id,
            figure_id=fid,
        )
    )
