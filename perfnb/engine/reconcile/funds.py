"""Reconciling funds tables: sums of parts, income against expenditure, the half-year plan, key tasks' share,
execution above budget or far below it, budget adjustments (and, from ``horizons``, the year against the period)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from perfnb.base.numbers import round_half_up
from perfnb.base.units import convert_money
from perfnb.engine.facts import MONEY_COLUMNS, Facts
from perfnb.engine.figures import Input, Verdict, plain
from perfnb.engine.findings import FindingCode, finding
from perfnb.engine.rates import RATES, percent
from perfnb.engine.reconcile.horizons import check_horizons
from perfnb.engine.reconcile.rowrates import rate_of
from perfnb.engine.recorder import ROW_TOLERANCE, NumberCheck, Recorder
from perfnb.format.problems import Severity
from perfnb.format.schema import FundLine
from perfnb.format.schemes import Scheme
from perfnb.format.targets import ValueKind, parse_value

__all__ = ["check_funds"]

_SUM_COLUMNS = (*MONEY_COLUMNS, "quantity", "quantity_2")


def check_funds(facts: Facts, rec: Recorder, scheme: Scheme) -> None:
    """Sums of parts, income against expenditure, execution above budget or far below it."""
    _sums(facts, rec)
    _balance(facts, rec)
    _half_year(facts, rec)
    _key_tasks(facts, rec)
    _execution(facts, rec, scheme)
    _adjustment(facts, rec, scheme)
    check_horizons(facts, rec)


def _sums(facts: Facts, rec: Recorder) -> None:
    """Each parent against the sum of its parts, per group and per column (blank parts count as 0).

    A split by nature of expense (支出 parts: 基本支出 / 项目支出, or their printed subtotal) of a funds total
    (来源) is no decomposition the total is made of: when it does not reach the total, the figure differs and
    the gap is an inconsistency to explain (EXPENSE_SPLIT_MISMATCH, a warning), not a recomputation error."""
    for parent in facts.dept.funds:
        groups: dict[str, list[FundLine]] = defaultdict(list)
        for child in facts.children.get(parent.id, []):
            groups[child.group or ""].append(child)
        for group, parts in groups.items():
            for column in _SUM_COLUMNS:
                if getattr(parent, column) is not None and any(getattr(p, column) is not None for p in parts):
                    _sum(facts, rec, parent, group, parts, column)


def _sum(facts: Facts, rec: Recorder, parent: FundLine, group: str, parts: list[FundLine], column: str) -> None:
    """One parent's ``column`` against the sum of one group of its parts."""
    split = parent.side == "来源" and all(p.side == "支出" for p in parts)  # 基本支出 / 项目支出 of a total
    unit = facts.dept.money_unit(parent) if column in MONEY_COLUMNS else None
    values = [facts.money(p, column, unit) if unit else getattr(p, column) for p in parts]
    name = MONEY_COLUMNS.get(column, "数量")
    added = sum((v for v in values if v is not None), Decimal(0))
    fig = rec.number(
        NumberCheck(
            id=f"sum:{parent.id}:{group}:{column}",
            label=f"{parent.line}{name}" + (f"（{group}）" if group else ""),
            measure="sum",
            formula=f"Σ {group or '各组成部分'}的{name}",
            inputs=[facts.money_input(p, column, unit) for p in parts],
            value=added,
            reported=plain(getattr(parent, column)),
            cell=facts.dept.cell("funds", parent.id, column),
            code=FindingCode.SUM_MISMATCH,
            subject=parent.line,
            unit=unit,
            project_id=parent.project_id,
            quiet=split and column in MONEY_COLUMNS,
        )
    )
    if split and column in MONEY_COLUMNS and fig.verdict is Verdict.DIFFERS:
        _split_gap(facts, rec, parent, group or "按支出性质分", column, added, fig.id)


def _split_gap(facts: Facts, rec: Recorder, total: FundLine, group: str, column: str, added: Decimal, fid: str) -> None:
    """EXPENSE_SPLIT_MISMATCH: a split by nature of expense that does not reach (or exceeds) its funds total."""
    unit = facts.dept.money_unit(total)
    printed = getattr(total, column)
    gap = printed - added
    name = MONEY_COLUMNS[column]
    how = f"少 {plain(gap)}{unit}" if gap > 0 else f"多 {plain(-gap)}{unit}"
    rec.add(
        finding(
            FindingCode.EXPENSE_SPLIT_MISMATCH,
            total.line,
            f"{group}的{name}合计 {plain(added)}{unit}，比{total.line}的{name} {plain(printed)}{unit}{how}："
            f"按支出性质分的各项应等于资金总额，差额需要说明（各项本身的加总另行核对）",
            severity=Severity.INFO if abs(gap) <= ROW_TOLERANCE else None,
            cell=facts.dept.cell("funds", total.id, column),
            reported=plain(printed),
            recomputed=plain(added),
            project_id=total.project_id,
            figure_id=fid,
        )
    )


def _balance(facts: Facts, rec: Recorder) -> None:
    """Total income against total expenditure (基本 + 项目支出), where a document prints both sides.

    When the two differ but adding one more expenditure group (e.g. 事业发展性支出) balances
    them, that group is taken as part of expenditure and the figure says so.
    """
    for project_id in sorted({f.project_id or "" for f in facts.dept.funds}):
        pid = project_id or None
        top = [f for f in facts.dept.funds if f.project_id == pid and not f.parent and f.budget is not None]
        income = [f for f in top if f.side == "来源"]
        spend = [f for f in top if f.side == "支出" and f.expense_type]
        if not income or not spend or len({f.group for f in income}) != 1:
            continue
        total = sum(((facts.money(f, "budget") or Decimal(0)) for f in income), Decimal(0))
        others: dict[str, list[FundLine]] = defaultdict(list)
        for f in top:
            if f.side == "支出" and not f.expense_type:
                others[f.group or ""].append(f)
        rows, note = spend, "收入合计为原文数字，支出合计为复算"
        for group, extra in sorted(others.items()):
            if _budget_sum(facts, spend + extra) == total != _budget_sum(facts, spend):
                rows = spend + extra
                note += f"；支出含“{group}”分组（{'、'.join(f.line for f in extra)}）才与收入平衡"
        rec.number(
            NumberCheck(
                id=f"balance:{project_id}",
                label="支出合计与收入合计",
                measure="balance_check",
                formula="Σ 支出（基本支出 + 项目支出…） = Σ 收入",
                inputs=[facts.money_input(f, "budget") for f in rows],
                value=_budget_sum(facts, rows),
                reported=plain(total),
                cell=facts.dept.cell("funds", income[0].id, "budget"),
                code=FindingCode.SUM_MISMATCH,
                subject="收支平衡",
                unit=facts.unit,
                project_id=pid,
                note=note,
            )
        )


def _budget_sum(facts: Facts, rows: list[FundLine]) -> Decimal:
    return sum(((facts.money(f, "budget") or Decimal(0)) for f in rows), Decimal(0))


def _half_year(facts: Facts, rec: Recorder) -> None:
    """A half-year target for 预算执行率 against the half-year plan of the funds table (半年计划 / 全年预算)."""
    rate = RATES["half_plan_rate"]
    terms = rate.funds
    assert terms is not None
    spend = [f for f in facts.dept.funds if f.side == "支出" and not f.parent and f.project_id is None]
    if not spend or any(getattr(f, c) is None for f in spend for c in terms.columns):
        return
    totals = {c: sum(((facts.money(f, c) or Decimal(0)) for f in spend), Decimal(0)) for c in terms.columns}
    value = terms.rate(totals)
    inputs = [facts.money_input(f, c) for c in terms.columns for f in spend]
    for ind in facts.dept.indicators:
        if "预算执行率" not in (ind.level3 or "") or not ind.target_half:
            continue
        parsed = parse_value(ind.target_half)
        if parsed is None or parsed.kind is not ValueKind.PERCENT or parsed.value is None:
            continue
        fid, cell = f"half:{ind.id}", facts.dept.cell("indicators", ind.id, "target_half")
        if value is None:
            why = "全年预算数为 0，比率不适用"
            rec.cannot(fid, rate.label, "half_plan_rate", why, reported=plain(parsed.value), cell=cell,
                       formula=rate.formula)  # fmt: skip
            continue
        rec.number(
            NumberCheck(
                id=fid,
                label=f"{ind.level3}（半年指标值）",
                measure="half_plan_rate",
                formula=rate.formula,
                inputs=inputs,
                value=value,
                reported=plain(parsed.value),
                cell=cell,
                code=FindingCode.RATE_MISMATCH,
                subject=ind.level3 or "",
                unit="%",
            )
        )


def _key_tasks(facts: Facts, rec: Recorder) -> None:
    """重点支出安排率: key tasks' planned money against 项目支出, where both are printed."""
    tasks = [p for p in facts.dept.projects if p.kind == "重点任务" and p.budget is not None]
    project_rows = [f for f in facts.dept.funds if f.expense_type == "项目支出" and not f.parent and f.budget]
    if not tasks or len(project_rows) != 1:
        return
    row = project_rows[0]
    unit = facts.unit
    num = sum((convert_money(p.budget or Decimal(0), facts.dept.money_unit(p), unit) for p in tasks), Decimal(0))
    den = facts.money(row, "budget") or Decimal(0)
    value = percent(num, den)
    if value is None:
        return
    inputs = [
        Input(
            f"{p.name}拟投入",
            p.budget or Decimal(0),
            facts.dept.money_unit(p),
            facts.dept.cell("projects", p.id, "budget"),
        )
        for p in tasks
    ]
    inputs.append(facts.money_input(row, "budget"))
    rate = RATES["key_expense_share"]
    rec.derived(
        "key_expense_share",
        rate.label,
        "key_expense_share",
        rate.formula,
        inputs,
        value,
        unit="%",
        note=f"重点任务拟投入合计 {plain(num)}{unit}，项目支出 {plain(den)}{unit}",
    )


def _execution(facts: Facts, rec: Recorder, scheme: Scheme) -> None:
    """Execution or receipts above budget (warning), and a large unspent share (scheme's threshold)."""
    for row in facts.dept.funds:
        budget = row.budget if row.budget is not None else row.budget_initial
        broken = facts.parts_sum(row, "budget" if row.budget is not None else "budget_initial") is not None
        if budget is None or row.side != "来源" or broken:  # a total printed 0 beside its parts: a SUM_MISMATCH
            continue
        base = "全年预算数" if row.budget is not None else "年初预算数（表中没有全年预算数）"
        for column in ("executed", "received"):
            value = getattr(row, column)
            if value is not None and value > budget:
                rec.add(
                    finding(
                        FindingCode.EXECUTION_OVER_BUDGET,
                        row.line,
                        f"{row.line}的{MONEY_COLUMNS[column]} {plain(value)} 大于{base} {plain(budget)}",
                        cell=facts.dept.cell("funds", row.id, column),
                        reported=plain(value),
                        project_id=row.project_id,
                    )
                )
        if row.budget is None:
            continue
        if scheme.low_execution is not None and row.executed is not None and row.budget > 0:
            unspent = percent(row.budget - row.executed, row.budget)
            if unspent is not None and unspent > scheme.low_execution and _is_total(facts, row):
                rec.add(
                    finding(
                        FindingCode.LOW_EXECUTION,
                        row.line,
                        f"{row.line}结余 {plain(row.budget - row.executed)}（预算 {plain(row.budget)}，执行 "
                        f"{plain(row.executed)}），占预算 {plain(round_half_up(unspent, 2))}%，"
                        f"超过 {plain(scheme.low_execution)}%",
                        cell=facts.dept.cell("funds", row.id, "executed"),
                        recomputed=plain(round_half_up(unspent, 2)),
                        project_id=row.project_id,
                        title_args=(("threshold", plain(scheme.low_execution)),),
                    )
                )


def _is_total(facts: Facts, row: FundLine) -> bool:
    return row is facts.total_row(row.project_id)


def _adjustment(facts: Facts, rec: Recorder, scheme: Scheme) -> None:
    """BUDGET_ADJUSTMENT (info): a total whose 全年预算数 departs from its 年初预算数 by more than the scheme's
    ``budget_adjustment`` (预算调整率, ``RATES["adjustment_rate"]``, domain-rules §2; the threshold is assumed)."""
    if scheme.budget_adjustment is None:
        return
    for row in facts.total_rows.values():
        rate, _ = rate_of(facts, "adjustment_rate", row)  # on the parts' sum where the total prints 0
        if rate is None or abs(rate) <= scheme.budget_adjustment:
            continue
        (initial, _), (budget, _) = facts.carried(row, "budget_initial"), facts.carried(row, "budget")
        assert initial is not None and budget is not None
        change = budget - initial
        shown = plain(round_half_up(rate, 2))
        rec.add(
            finding(
                FindingCode.BUDGET_ADJUSTMENT,
                row.line,
                f"{row.line}的年初预算数 {plain(initial)}{facts.unit}，全年预算数 {plain(budget)}{facts.unit}，年度内"
                f"{'调增' if change > 0 else '调减'} {plain(abs(change))}{facts.unit}，预算调整率 {shown}%"
                f"（{RATES['adjustment_rate'].formula}），超过 {plain(scheme.budget_adjustment)}%"
                f"（评分方案 {scheme.name} 的 budget_adjustment，假定的阈值）",
                cell=facts.dept.cell("funds", row.id, "budget"),
                reported=plain(budget),
                recomputed=shown,
                project_id=row.project_id,
            )
        )
