"""Reconciling funds tables and printed rates: sums of parts, balances, execution, arrival, variance.

Each function reads a department through :class:`~perfnb.engine.facts.Facts`, recomputes, and writes
figures and findings to a :class:`~perfnb.engine.recorder.Recorder`. Scores are in ``scorecard``.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from perfnb.base.numbers import parse_decimal, round_half_up
from perfnb.base.units import MONEY_UNITS, convert_money
from perfnb.engine.facts import MONEY_COLUMNS, Facts
from perfnb.engine.figures import Input, Verdict, compare, plain
from perfnb.engine.findings import finding
from perfnb.engine.formula import FormulaError, evaluate
from perfnb.engine.rates import RATES, percent
from perfnb.engine.recorder import ROW_TOLERANCE, Alternative, Recorder
from perfnb.format.problems import Severity
from perfnb.format.schema import FundLine, ReportedFigure
from perfnb.format.schemes import Scheme
from perfnb.format.targets import ValueKind, parse_value

__all__ = ["check_funds", "check_reported_rates", "execution_code", "rate_of"]

_SUM_COLUMNS = (*MONEY_COLUMNS, "quantity", "quantity_2")
_RATE_MEASURES = {"execution_rate", "arrival_rate", "cost_variance", "adjustment_rate"}


def check_funds(facts: Facts, rec: Recorder, scheme: Scheme) -> None:
    """Sums of parts, income against expenditure, execution above budget or far below it."""
    _sums(facts, rec)
    _balance(facts, rec)
    _half_year(facts, rec)
    _key_tasks(facts, rec)
    _execution(facts, rec, scheme)
    _adjustment(facts, rec, scheme)
    _horizons(facts, rec)


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
            split = parent.side == "来源" and all(p.side == "支出" for p in parts)  # 基本支出 / 项目支出 of a total
            for column in _SUM_COLUMNS:
                total = getattr(parent, column)
                if total is None or all(getattr(p, column) is None for p in parts):
                    continue
                unit = facts.dept.money_unit(parent) if column in MONEY_COLUMNS else None
                values = [facts.money(p, column, unit) if unit else getattr(p, column) for p in parts]
                inputs = [facts.money_input(p, column, unit) for p in parts]
                name = MONEY_COLUMNS.get(column, "数量")
                label = f"{parent.line}{name}" + (f"（{group}）" if group else "")
                added = sum((v for v in values if v is not None), Decimal(0))
                fig = rec.number(
                    f"sum:{parent.id}:{group}:{column}",
                    label,
                    "sum",
                    f"Σ {group or '各组成部分'}的{name}",
                    inputs,
                    added,
                    plain(total),
                    cell=facts.dept.cell("funds", parent.id, column),
                    code="SUM_MISMATCH",
                    subject=parent.line,
                    unit=unit,
                    project_id=parent.project_id,
                    quiet=split and column in MONEY_COLUMNS,
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
            "EXPENSE_SPLIT_MISMATCH",
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
            f"balance:{project_id}",
            "支出合计与收入合计",
            "balance_check",
            "Σ 支出（基本支出 + 项目支出…） = Σ 收入",
            [facts.money_input(f, "budget") for f in rows],
            _budget_sum(facts, rows),
            plain(total),
            cell=facts.dept.cell("funds", income[0].id, "budget"),
            code="SUM_MISMATCH",
            subject="收支平衡",
            unit=facts.unit,
            project_id=pid,
            note=note,
        )


def _budget_sum(facts: Facts, rows: list[FundLine]) -> Decimal:
    return sum(((facts.money(f, "budget") or Decimal(0)) for f in rows), Decimal(0))


def _half_year(facts: Facts, rec: Recorder) -> None:
    """A half-year target for 预算执行率 against the half-year plan of the funds table (半年计划 / 全年预算)."""
    spend = [f for f in facts.dept.funds if f.side == "支出" and not f.parent and f.project_id is None]
    if not spend or any(f.half_plan is None or f.budget is None for f in spend):
        return
    for ind in facts.dept.indicators:
        if "预算执行率" not in (ind.level3 or "") or not ind.target_half:
            continue
        parsed = parse_value(ind.target_half)
        if parsed is None or parsed.kind is not ValueKind.PERCENT or parsed.value is None:
            continue
        num = sum(((facts.money(f, "half_plan") or Decimal(0)) for f in spend), Decimal(0))
        den = sum(((facts.money(f, "budget") or Decimal(0)) for f in spend), Decimal(0))
        value = percent(num, den)
        inputs = [facts.money_input(f, c) for c in ("half_plan", "budget") for f in spend]
        cell = facts.dept.cell("indicators", ind.id, "target_half")
        rate = RATES["half_plan_rate"]
        if value is None:
            rec.cannot(
                f"half:{ind.id}",
                rate.label,
                "half_plan_rate",
                "全年预算数为 0，比率不适用",
                reported=plain(parsed.value),
                cell=cell,
                formula=rate.formula,
            )
            continue
        rec.number(
            f"half:{ind.id}",
            f"{ind.level3}（半年指标值）",
            "half_plan_rate",
            rate.formula,
            inputs,
            value,
            plain(parsed.value),
            cell=cell,
            code="RATE_MISMATCH",
            subject=ind.level3 or "",
            unit="%",
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
                        "EXECUTION_OVER_BUDGET",
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
                        "LOW_EXECUTION",
                        row.line,
                        f"{row.line}结余 {plain(row.budget - row.executed)}（预算 {plain(row.budget)}，执行 "
                        f"{plain(row.executed)}），占预算 {plain(round_half_up(unspent, 2))}%，"
                        f"超过 {plain(scheme.low_execution)}%",
                        cell=facts.dept.cell("funds", row.id, "executed"),
                        recomputed=plain(round_half_up(unspent, 2)),
                        project_id=row.project_id,
                    )
                )


def _is_total(facts: Facts, row: FundLine) -> bool:
    return row is facts.total_row(row.project_id)


def _adjustment(facts: Facts, rec: Recorder, scheme: Scheme) -> None:
    """BUDGET_ADJUSTMENT (info): a total whose 全年预算数 departs from its 年初预算数 by more than the scheme's
    ``budget_adjustment`` (预算调整率 = 预算调整数 / 年初预算数, domain-rules §2; the threshold is assumed)."""
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
                "BUDGET_ADJUSTMENT",
                row.line,
                f"{row.line}的年初预算数 {plain(initial)}{facts.unit}，全年预算数 {plain(budget)}{facts.unit}，年度内"
                f"{'调增' if change > 0 else '调减'} {plain(abs(change))}{facts.unit}，预算调整率 {shown}%"
                f"（{_RATE_FORMULAS['adjustment_rate']}），超过 {plain(scheme.budget_adjustment)}%"
                f"（评分方案 {scheme.name} 的 budget_adjustment，假定的阈值）",
                cell=facts.dept.cell("funds", row.id, "budget"),
                reported=plain(budget),
                recomputed=shown,
                project_id=row.project_id,
            )
        )


# --- the year's funds against the whole period's (target tables) ----------------------------

_PERIOD_GROUP = "实施期"  # the whole period's total (实施期资金总额, 项目总投资), as perfnb import writes it
_REQUESTED_GROUP = "预算申报"  # the amount asked for this year (预算申报数), beside the total


def _horizons(facts: Facts, rec: Recorder) -> None:
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
            "ANNUAL_FUNDS_BLANK",
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
        fid,
        f"{row.line}（与{period.line}比较）",
        "requested_vs_total",
        f"{row.line} = {period.line}（一年期项目）",
        [facts.money_input(period, "budget", unit)],
        whole,
        plain(asked),
        cell=facts.dept.cell("funds", row.id, "budget"),
        code="REQUEST_OVER_TOTAL",
        subject=row.line,
        unit=unit,
        project_id=row.project_id,
        quiet=True,
    )
    if fig.verdict is not Verdict.DIFFERS:
        return
    what = _project_name(facts, row.project_id)
    if asked > whole:
        code, msg = "REQUEST_OVER_TOTAL", f"一年的申报数超过了{period.line}，请核对"
    else:
        code, msg = "REQUEST_BELOW_TOTAL", "多年期项目只申报本年度的部分；一年期项目两者应相等，请核对项目期限"
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


# --- printed rates and amounts ---------------------------------------------------------------


def rate_of(facts: Facts, code: str, row: FundLine) -> tuple[Decimal | None, list[Input]]:
    """The rate ``code`` of one funds row (percent), with its inputs; None when not computable."""
    pairs = {
        "execution_rate": ("executed", "budget"),
        "execution_rate_received": ("executed", "received"),
        "execution_rate_initial": ("executed", "budget_initial"),
        "arrival_rate": ("received", "budget"),
        "adjustment_rate": ("budget", "budget_initial"),
        "cost_variance": ("budget", "executed"),  # (budget − executed) / budget
    }
    num_col, den_col = pairs[code]
    (num, num_input), (den, den_input) = facts.carried(row, num_col), facts.carried(row, den_col)
    inputs = [num_input, den_input]
    if code == "cost_variance":
        num, den = None if num is None or den is None else num - den, facts.carried(row, "budget")[0]
    elif code == "adjustment_rate":
        num = None if num is None or den is None else num - den
    if num is None or den is None:
        return None, inputs
    return percent(num, den), inputs


_RATE_FORMULAS = {
    "execution_rate": RATES["execution_rate"].formula,
    "execution_rate_received": RATES["execution_rate_received"].formula,
    "execution_rate_initial": RATES["execution_rate_initial"].formula,
    "arrival_rate": RATES["arrival_rate"].formula,
    "adjustment_rate": "（全年预算数 − 年初预算数） / 年初预算数 × 100%",
    "cost_variance": "（预算数 − 执行数） / 预算数 × 100%",
}
_ALTERNATIVE_BASES = {
    "execution_rate": (("execution_rate_received", "按到位数计算（执行数 / 到位数）"),),
    "execution_rate_received": (("execution_rate", "按预算数计算（执行数 / 全年预算数）"),),
}


def check_reported_rates(facts: Facts, rec: Recorder, scheme: Scheme, basis_of: dict[str, str]) -> None:
    """Every printed rate, balance, share, amount, count and statistic (scores are in ``scorecard``).

    ``basis_of`` maps an indicator id to the rate code its scheme rule uses (e.g. i-g2 →
    execution_rate_received), so a rate printed for that indicator is recomputed on the same basis.
    """
    matched: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for fig in facts.dept.reported_figures:
        if fig.measure in _RATE_MEASURES:
            code: str = fig.measure
            if code == "execution_rate":  # the basis of the indicator's rule, else the scheme's
                code = next((basis_of[i] for i in fig.indicator_ids if i in basis_of), scheme.execution_rate)
            used = _rate(facts, rec, fig, code)
            if used:
                matched[fig.measure].append((fig.id, used))
        elif fig.measure == "balance":
            _balance_figure(facts, rec, fig)
        elif fig.measure == "share":
            _share(facts, rec, fig)
        elif fig.measure == "amount":
            _amount(facts, rec, fig)
        elif fig.measure == "count":
            _count(facts, rec, fig, scheme)
        elif fig.measure == "statistic":
            rec.unchecked(
                fig,
                fig.subject,
                fig.measure,
                "文中统计数，资料中没有可用来复算的原始数据",
                cell=facts.reported_cell(fig),
            )
    _denominators(facts, rec, matched)


def execution_code(row: FundLine, code: str) -> str:
    """The execution rate a funds row allows: ``code``, or on 年初预算数 when the row prints no 全年预算数."""
    if code == "execution_rate" and row.budget is None and row.budget_initial is not None:
        return "execution_rate_initial"
    return code


def _row_for(facts: Facts, fig: ReportedFigure) -> FundLine | None:
    if fig.funds_id:
        return facts.funds.get(fig.funds_id)
    for ind_id in fig.indicator_ids:
        ind = facts.indicators.get(ind_id)
        if ind and ind.funds_ids:
            return facts.funds.get(ind.funds_ids[0])
    return facts.total_row(fig.project_id)


def _rate(facts: Facts, rec: Recorder, fig: ReportedFigure, code: str) -> str:
    """Reconcile one printed rate; return the basis that matched ("" when none or ambiguous)."""
    row = _row_for(facts, fig)
    cell = facts.reported_cell(fig)
    if row is not None:
        code = execution_code(row, code)
    formula = _RATE_FORMULAS[code]
    if row is None:
        rec.unchecked(
            fig,
            fig.subject,
            code,
            "找不到对应的资金行（项目的合计行）",
            cell=cell,
            formula=formula,
        )
        return ""
    value, inputs = rate_of(facts, code, row)
    if value is None:
        blank = any(i.value == "（空）" for i in inputs)
        why = "缺少输入数据（资金行的空格）" if blank else "分母为 0，比率不适用"
        rec.unchecked(
            fig,
            fig.subject,
            code,
            why,
            cell=cell,
            inputs=inputs,
            formula=formula,
        )
        return ""
    alternatives = []
    for alt_code, label in _ALTERNATIVE_BASES.get(code, ()):
        alt, _ = rate_of(facts, alt_code, row)
        if alt is not None:
            alternatives.append(Alternative(label, alt))
    printed_formula = _formula_alternative(fig, row, facts)
    if printed_formula is not None:
        alternatives.append(printed_formula)
    unit, note = fig.unit, ""
    if _printed_as_fraction(fig.value, value):  # 执行率 0.958 for 95.86 %: compare as a fraction, and say so
        value, unit, formula = value / 100, None, formula.replace(" × 100%", "") + "（以小数表示）"
        alternatives = [Alternative(a.label, a.value / 100, a.severity) for a in alternatives]
        note = f"原文以小数印比率（{fig.value} 即 {plain((parse_decimal(fig.value) * 100).normalize())}%），按小数比较"
    result = rec.number(
        fig.id,
        fig.subject,
        code,
        formula,
        inputs,
        value,
        fig.value,
        cell=cell,
        code="RATE_MISMATCH",
        subject=fig.subject,
        unit=unit,
        alternatives=alternatives,
        note=note,
        project_id=fig.project_id,
    )
    if result.basis:
        return next((c for c, label in _ALTERNATIVE_BASES.get(code, ()) if label == result.basis), "")
    if result.verdict is Verdict.AGREES:
        same = [
            a for a in alternatives if a.label.startswith("按") and round_half_up(a.value, 2) == round_half_up(value, 2)
        ]
        return "" if same else code
    return ""


def _printed_as_fraction(printed: str, percent_value: Decimal) -> bool:
    """Whether a printed rate is a fraction (0.958) of a recomputed percentage (95.86): nearer × 100 than as is."""
    number = parse_decimal(printed)
    return 0 < number <= 2 and percent_value > 2 and abs(number * 100 - percent_value) < abs(number - percent_value)


def _formula_alternative(fig: ReportedFigure, row: FundLine, facts: Facts) -> Alternative | None:
    """The printed formula as a basis, naming any operand that is not in the funds row."""
    if not fig.formula:
        return None
    try:
        result = evaluate(fig.formula)
    except FormulaError:
        return None
    value = result.value if result.percent else result.value * 100
    known = {facts.money(row, c) for c in MONEY_COLUMNS} - {None}
    strangers = [plain(x) for x in result.operands if x not in known]
    if strangers:
        label = f"原文公式 {fig.formula}（其中 {'、'.join(strangers)} 不是该行的资金数）"
        return Alternative(label, value, Severity.ERROR)
    return Alternative(f"原文公式 {fig.formula}", value)


def _denominators(facts: Facts, rec: Recorder, matched: dict[str, list[tuple[str, str]]]) -> None:
    """DENOMINATOR_INCONSISTENT: the same kind of rate printed on different bases in one document."""
    for measure, pairs in matched.items():
        bases: dict[str, list[str]] = defaultdict(list)
        for fid, basis in pairs:
            bases[basis].append(fid)
        if len(bases) < 2:
            continue
        parts = []
        for basis, ids in sorted(bases.items()):
            subjects = "、".join(_describe(facts, i) for i in ids)
            parts.append(f"{RATES[basis].formula}：{subjects}")
        first = min(fid for fid, _ in pairs)
        rec.add(
            finding(
                "DENOMINATOR_INCONSISTENT",
                RATES[measure].label,
                f"同一文件中的{RATES[measure].label}用了不同的口径——" + "；".join(parts),
                cell=facts.dept.cell("reported_figures", first, "value"),
            )
        )


def _describe(facts: Facts, fid: str) -> str:
    fig = next(f for f in facts.dept.reported_figures if f.id == fid)
    project = next((p.name for p in facts.dept.projects if p.id == fig.project_id), "整体")
    return f"{project} {fig.value}%（{fid}）"


def _balance_figure(facts: Facts, rec: Recorder, fig: ReportedFigure) -> None:
    row = _row_for(facts, fig)
    cell = facts.reported_cell(fig)
    unit = fig.unit if fig.unit in MONEY_UNITS else facts.unit
    if row is None or row.budget is None or row.executed is None:
        rec.unchecked(
            fig,
            fig.subject,
            "balance",
            "缺少预算数或执行数",
            cell=cell,
        )
        return
    budget, executed = facts.money(row, "budget", unit), facts.money(row, "executed", unit)
    assert budget is not None and executed is not None
    rec.reported(
        fig,
        fig.subject,
        "balance",
        "全年预算数 − 执行数",
        [facts.money_input(row, "budget", unit), facts.money_input(row, "executed", unit)],
        budget - executed,
        cell=cell,
        code="AMOUNT_MISMATCH",
        unit=unit,
    )


def _share(facts: Facts, rec: Recorder, fig: ReportedFigure) -> None:
    cell = facts.reported_cell(fig)
    share, inputs = facts.share(fig.project_id) if fig.project_id else (None, ())
    if share is None:
        rec.unchecked(
            fig,
            fig.subject,
            "share",
            "找不到子项目预算或总预算",
            cell=cell,
        )
        return
    rate = RATES["budget_share"]
    rec.reported(
        fig,
        fig.subject,
        "share",
        rate.formula,
        inputs,
        share * 100,
        cell=cell,
        code="RATE_MISMATCH",
    )


def _amount(facts: Facts, rec: Recorder, fig: ReportedFigure) -> None:
    """An amount: its printed formula when there is one, else the funds cell it repeats."""
    cell = facts.reported_cell(fig)
    printed = fig.number
    assert printed is not None
    if fig.formula:
        try:
            result = evaluate(fig.formula)
        except FormulaError as exc:
            rec.unchecked(
                fig,
                fig.subject,
                "amount",
                f"原文公式无法计算：{exc}",
                cell=cell,
            )
            return
        rec.reported(
            fig,
            fig.subject,
            "amount",
            fig.formula,
            [],
            result.value,
            cell=cell,
            code="AMOUNT_MISMATCH",
        )
        return
    unit = fig.unit if fig.unit in MONEY_UNITS else facts.unit
    matches = []
    for row in facts.dept.funds:
        if row.project_id != fig.project_id:
            continue
        for column in MONEY_COLUMNS:
            value = facts.money(row, column, unit)
            if value is not None and round_half_up(value, 6) == value and _same_at(printed, value):
                matches.append((row, column, value))
    if len(matches) == 1:
        row, column, value = matches[0]
        rec.reported(
            fig,
            fig.subject,
            "amount",
            f"与资金表 {row.id} 的{MONEY_COLUMNS[column]}相同",
            [facts.money_input(row, column, unit)],
            value,
            cell=cell,
            code="AMOUNT_MISMATCH",
            unit=unit,
            note=f"资金表印作 {plain(value)}，此处印 {fig.value}",
        )
        return
    why = "资金表中没有与之对应的数" if not matches else "资金表中有多个数与之相同，无法确定对应哪一个"
    rec.cannot(
        fig.id, fig.subject, "amount", why, reported=fig.value, cell=cell, unit=fig.unit, project_id=fig.project_id
    )


def _same_at(printed: Decimal, value: Decimal) -> bool:
    return compare(printed, value).verdict is Verdict.AGREES


def _count(facts: Facts, rec: Recorder, fig: ReportedFigure, scheme: Scheme) -> None:
    """A count: the number of sub-projects, or of first-level sections, when the subject says which."""
    cell = facts.reported_cell(fig)
    candidates: list[tuple[str, Decimal, list[Input]]] = []
    if any(word in fig.subject for word in ("项目", "类别")) and facts.dept.projects:
        inputs = [Input(p.name, p.id, None, facts.dept.cell("projects", p.id, "id")) for p in facts.dept.projects]
        candidates.append(("projects.csv 中的项目数", Decimal(len(facts.dept.projects)), inputs))
    if "指标" in fig.subject and scheme.sections:
        inputs = [Input(s.name, s.weight or Decimal(0), "分") for s in scheme.sections]
        candidates.append((f"评分方案 {scheme.name} 的一级指标数", Decimal(len(scheme.sections)), inputs))
    if not candidates:
        rec.unchecked(
            fig,
            fig.subject,
            "count",
            "文中计数，资料中没有对应的明细",
            cell=cell,
        )
        return
    label, value, inputs = candidates[-1] if "指标" in fig.subject else candidates[0]
    rec.reported(
        fig,
        fig.subject,
        "count",
        label,
        inputs,
        value,
        cell=cell,
        code="AMOUNT_MISMATCH",
    )
