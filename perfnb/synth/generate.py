"""One synthetic department drawn consistent: projects, funds, indicators, goals and a score plan."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from perfnb.synth.model import (
    MAX_BUDGET,
    MAX_INDICATORS,
    MAX_PROJECTS,
    MIN_INDICATORS,
    MIN_PROJECTS,
    _Department,
    _grade,
    _half_up,
    _money,
    _Project,
    _Rng,
    _Row,
    _tenths,
    _wan,
    dept_id,
)
from perfnb.synth.vocabulary import (
    _BANDS,
    _BUREAUS,
    _CATEGORIES,
    _CITIES,
    _DEVIATIONS,
    _EXECUTION_POINTS,
    _LEVEL1_POINTS,
    _SUFFIXES,
    _TOPICS,
    _UNITS,
    _USES,
)


def _size(rng: _Rng, low: int, high: int) -> int:
    """A size in ``[low, high]`` skewed towards ``low`` like real documents: mean ``low + (high − low + 1)/4``."""
    u = rng.random()
    return min(high, low + int((high - low + 1) * u * u * u))


def _budget(rng: _Rng) -> int:
    """A project budget in hundreds of 元, 5万元 … 5000万元, most between 10万 and 1000万元."""
    exponent: int = rng.choices((0, 1, 2, 3), weights=(15, 40, 35, 10))[0]
    low, high = (500, 999) if exponent == 0 else (100, 499 if exponent == 3 else 999)
    scale: int = 10**exponent
    return min(MAX_BUDGET, rng.between(low, high) * scale + rng.below(scale))


def _split(rng: _Rng, total: int, count: int, *, even: bool) -> list[int]:
    """``total`` units in ``count`` positive parts: nearly equal (``even``) or random cuts."""
    if even:
        base, extra = divmod(total, count)
        bonus = set(rng.draw(range(count), extra))
        return [base + (i in bonus) for i in range(count)]
    cuts = sorted(rng.sample(range(1, total), count - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _category_counts(rng: _Rng, n: int) -> dict[str, int]:
    """How many indicators each category gets in a project of ``n``."""
    satisfaction = 1 + (n >= 25) + (n >= 45)
    effect = max(2, (n * rng.between(18, 30) + 50) // 100)
    output = n - satisfaction - effect
    timing = 1 + (output >= 15) + (output >= 30)
    cost = 1 + rng.below(min(4, 1 + output // 8))
    quality = max(1, (output * rng.between(15, 30) + 50) // 100)
    counts = {"数量": output - timing - cost - quality, "质量": quality, "时效": timing, "成本": cost}
    effects = {
        "经济效益": effect * rng.between(10, 30) // 100,
        "生态效益": effect * rng.between(0, 12) // 100,
        "可持续影响": effect * rng.between(10, 25) // 100,
    }
    effects["社会效益"] = effect - sum(effects.values())
    for key in ("经济效益", "可持续影响", "生态效益"):  # more than the vocabulary has: move the rest on
        spare = len(_CATEGORIES["社会效益"].items)
        over = max(0, effects["社会效益"] - spare)
        room = len(_CATEGORIES[key].items) - effects[key]
        effects[key] += min(over, room)
        effects["社会效益"] -= min(over, room)
    counts.update(effects)
    counts["服务对象满意度"] = satisfaction
    overflow = max(0, counts["数量"] - len(_CATEGORIES["数量"].items))
    counts["数量"] -= overflow
    counts["质量"] += overflow
    return counts


_COUNT_FORMS: Final = ("≥{}{}", "≥{}{}", "不少于{}{}", "{}{}以上", "{}{}")
_PCT_FORMS: Final = ("≥{}%", "≥{}%", "不低于{}%", "{}%以上", "达到{}%")
_MONEY_FORMS: Final = ("≥{}万元", "不少于{}万元")
_CAP_FORMS: Final = ("≤{}", "≤{}", "不超过{}", "控制在{}以内")
_MONTHS: Final = (6, 9, 10, 11, 12, 12, 12)
_DEADLINES: Final = ("{0}年{1}月底前", "{0}年{1}月底前", "{1}月底前")
_YEAR_ENDS: Final = ("{0}年12月31日前", "{0}年12月底前", "12月底前")
_ACHIEVED: Final = "达成年度指标"
_PARTLY: Final = "部分达成年度指标并具有一定效果"


def _render_actual(row: _Row) -> None:
    """Write ``row.actual`` from ``row.a``."""
    kind = row.item.kind
    if kind == "count" or kind == "lower":
        row.actual = f"{row.a}{row.item.unit}"
    elif kind == "pct":
        row.actual = f"{_tenths(row.a)}%"
    elif kind == "money":
        row.actual = f"{_money(row.a, '万元')}万元"
    elif kind == "cost":
        row.actual = f"{_wan(row.a)}万元" if row.money_unit == "万元" else f"{row.a * 100}元"


def _fill(rand: Callable[[], float], row: _Row, year: int, scored: bool, cap: int) -> None:
    """Target (and, when ``scored``, a full-marks actual) of one row; ``cap`` is a cost row's cap.

    ``rand`` is the department generator's ``random``; draws are inlined (``seq[int(rand() *
    len(seq))]``) because this runs for every one of millions of rows.
    """
    item = row.item
    kind = item.kind
    targets = item.targets
    if kind == "count":
        t = row.t = targets[int(rand() * len(targets))]
        row.target = _COUNT_FORMS[int(rand() * 5)].format(t, item.unit)
        row.a = t + int(rand() * (t * 29 // 100 + 1)) if rand() < 0.6 else t
    elif kind == "pct":
        t = targets[int(rand() * len(targets))]
        row.t = t * 10
        row.target = "100%" if t == 100 and rand() < 0.5 else _PCT_FORMS[int(rand() * 5)].format(t)
        row.a = row.t + int(rand() * (min(1000 - row.t, row.t * 29 // 100) + 1))
    elif kind == "money":
        t = targets[int(rand() * len(targets))]
        row.t = t * 100
        row.target = _MONEY_FORMS[int(rand() * 2)].format(t)
        row.a = row.t + int(rand() * (row.t * 29 // 100 + 1))
    elif kind == "lower":
        t = row.t = targets[int(rand() * len(targets))]
        row.target = f"{t}{item.unit}" if t == 0 else _CAP_FORMS[int(rand() * 4)].format(f"{t}{item.unit}")
        row.a = int(rand() * (t + 1))
    elif kind == "qual":
        row.target = item.words[int(rand() * len(item.words))]
        row.actual = _ACHIEVED
    elif kind == "date":
        month = _MONTHS[int(rand() * 7)]
        row.target = (_DEADLINES if month < 12 else _YEAR_ENDS)[int(rand() * 3)].format(year, month)
        done = month - int(rand() * min(4, month))
        row.actual = f"{year}年{done}月{1 + int(rand() * 28)}日"
    else:  # cost
        row.t = cap
        shown = f"{_wan(cap)}万元" if row.money_unit == "万元" else f"{cap * 100}元"
        row.target = _CAP_FORMS[int(rand() * 4)].format(shown)
        row.a = cap * (85 + int(rand() * 16)) // 100
    row.a0 = row.a
    if not scored:
        row.actual = ""
    elif kind == "count":
        row.actual = f"{row.a}{item.unit}"
    elif kind != "qual" and kind != "date":
        _render_actual(row)


def _rows(rng: _Rng, project: _Project, n: int, dept: _Department) -> None:
    """The indicator rows of a project: categories, names, targets, actual values and weights."""
    counts = _category_counts(rng, n)
    cost_unit = "万元" if dept.unit == "万元" or rng.random() < 0.5 else "元"
    caps = _split(rng, project.budget * rng.between(90, 100) // 100, counts["成本"], even=False)
    number, rand, year, scored, rows = 0, rng.random, dept.year, dept.scored, project.rows
    prefix = f"i{project.index}-"
    for key, category in _CATEGORIES.items():
        for item in rng.draw(category.items, counts[key]):
            number += 1
            row = _Row(f"{prefix}{number:02d}", category, item)
            if item.kind == "cost":
                row.money_unit = cost_unit
            _fill(rand, row, year, scored, caps.pop() if item.kind == "cost" else 0)
            rows.append(row)
    if dept.scored:
        step = 50 if rng.random() < 0.3 else 100  # half points or whole points
        even = rng.random() < 0.6
        start = 0
        for level1, points in _LEVEL1_POINTS:  # the rows are in category order: each level 1 is a slice
            size = sum(counts[c.key] for c in _CATEGORIES.values() if c.level1 == level1)
            units = _split(rng, points * 100 // step, size, even=even)
            for row, unit in zip(rows[start : start + size], units, strict=True):
                row.w = row.score = unit * step
            start += size
    elif dept.half_targets:
        for row in project.rows:
            if row.item.kind == "count" and row.t >= 2 and rng.random() < 0.5:
                row.target_half = f"≥{row.t // 2}{row.item.unit}"


def _narratives(rng: _Rng, project: _Project) -> None:
    """Quantities stated in the project's goal text, each linked to a 数量 indicator."""
    counted = [r for r in project.rows if r.category.key == "数量" and r.t > 0]
    clauses = []
    for row in rng.draw(counted, min(len(counted), rng.pick((0, 1, 1, 2, 3)))):
        quantity = rng.pick((f"{row.t}{row.item.unit}", f"不少于{row.t}{row.item.unit}"))
        text = f"全年{row.name}{quantity}"
        project.narratives.append((f"n{project.index}-{len(project.narratives) + 1}", text, quantity, row.id))
        row.narrated = True
        clauses.append(text)
    topic = project.name
    clauses.append(f"保障{topic}顺利实施，资金使用规范，服务对象满意")
    project.goal = "；".join(clauses) + "。"


def _funds(rng: _Rng, project: _Project, scored: bool) -> None:
    """The project's funds block: a total and its parts (execution comes with the score plan)."""
    b = project.budget
    shares = [("cur", "本年财政拨款" if scored else "其中：财政资金", "财政拨款")]
    if scored and rng.random() < 0.4:
        shares.append(("prev", "上年结转资金", "上年结转"))
    if rng.random() < 0.35:
        shares.append(("other", "其他资金", "其他资金"))
    amounts = [b]
    if len(shares) > 1:
        amounts = [0] * len(shares)
        for i in range(1, len(shares)):
            amounts[i] = max(1, b * rng.between(5, 30) // 100)
        amounts[0] = b - sum(amounts[1:])
    for (suffix, line, source), amount in zip(shares, amounts, strict=True):
        initial = amount
        if scored and rng.random() < 0.2:
            initial = amount - amount * rng.between(5, 20) // 100  # raised during the year
        project.parts.append((f"f-p{project.index}-{suffix}", line, source, initial, amount, 0))  # executed: planned


def _plan_scores(rng: _Rng, project: _Project, band: tuple[str, int, int, int]) -> None:
    """Execution rate and indicator deductions that put the project's total inside ``band``.

    Scores follow mof-2020-project: ≥ rows ``w × a/t``, ≤ rows ``w × (2t − a)/t``, qualitative
    rows in their tier, each rounded half-up to 2 places; total = execution score + Σ rows.
    The indicator score rate stays within 5 % of the execution score rate (no SCORE_VS_EXECUTION).
    """
    grade, low, high, _ = band
    for _attempt in range(50):
        rate_floor = 955 if grade == "优" else 820
        rate = rng.between(rate_floor, 1000)
        parts = []
        for pid, line, source, initial, amount, _ in project.parts:
            parts.append((pid, line, source, initial, amount, amount * rate // 1000))
        executed = sum(p[5] for p in parts)
        execution = _half_up(_EXECUTION_POINTS * 100 * executed, project.budget)
        ceiling = min(9000, 180 * execution // 19 - 5)
        wanted = min(rng.between(low, high) - execution, ceiling)
        for row in project.rows:
            row.score, row.deviation = row.w, ""
            _render_back(row)
        _deduct(rng, project.rows, 9000 - wanted, deep=grade == "中")
        total = execution + project.indicator_score
        if _grade(total) == grade and 19 * project.indicator_score <= 180 * execution:
            project.parts, project.executed, project.execution = parts, executed, execution
            project.rate = _half_up(10000 * executed, project.budget)
            project.total, project.grade = total, grade
            return
    raise RuntimeError(f"no consistent score plan for {project.pid}")  # pragma: no cover


def _render_back(row: _Row) -> None:
    """Undo a deduction: the row's full-marks actual value (as drawn)."""
    if row.item.kind == "qual":
        row.actual = _ACHIEVED
    elif row.a != row.a0:
        row.a = row.a0
        _render_actual(row)


def _deduct(rng: _Rng, rows: Sequence[_Row], lost: int, *, deep: bool) -> None:
    """Take about ``lost`` hundredths of a point off the rows: under-achieved targets with a reason."""
    smallest = 2 if deep else 4
    candidates = [
        r
        for r in rows
        if (r.item.kind in ("count", "pct", "money") and r.t >= smallest)
        or (r.item.kind in ("lower", "cost") and r.t >= 2)
        or r.item.kind == "qual"
    ]
    rng.shuffle(candidates)
    deepest = 70 if deep else 50
    for row in candidates:
        if lost < 5:
            return
        want = min(lost, row.w * rng.between(3, deepest) // 100)
        kind = row.item.kind
        if kind == "qual":
            low, high = -(-6 * row.w // 10), -(-8 * row.w // 10) - 1  # [0.6w, 0.8w)
            score = max(low, row.w - want)
            if score > high or row.w - score > lost + 5:
                continue
            row.actual = _PARTLY
        else:
            short = want * row.t // row.w
            if short < 1:
                continue
            if kind in ("lower", "cost"):
                row.a = row.t + min(short, row.t - 1)
                score = _half_up(row.w * (2 * row.t - row.a), row.t)
            else:
                row.a = row.t - short
                score = _half_up(row.w * row.a, row.t)
            _render_actual(row)
        lost -= row.w - score
        row.score = score
        row.deviation = rng.pick(_DEVIATIONS)


def _department(index: int, seed: int) -> _Department:
    """Draw one department (without planted mistakes) from its own seeded generator."""
    rng = _Rng(f"perfnb-synth:{seed}:{index}")
    scored = rng.random() < 0.5
    city = rng.pick(_CITIES)
    dept = _Department(
        id=dept_id(index),
        index=index,
        seed=seed,
        year=rng.between(2020, 2025),
        scored=scored,
        unit=("万元" if rng.random() < 0.75 else "元") if scored else rng.pick(("元", "万元")),
        name=f"{city}市{rng.pick(_BUREAUS)}",
        region=f"某省{city}市",
        sections=scored and rng.random() < 0.4,
        half_targets=not scored and rng.random() < 0.3,
    )
    band = rng.choices(_BANDS, weights=[b[3] for b in _BANDS])[0]
    topics = rng.draw(_TOPICS, _size(rng, MIN_PROJECTS, MAX_PROJECTS))
    for p, topic in enumerate(topics, 1):
        project = _Project(
            index=p,
            name=f"{dept.year}年{topic}{rng.pick(_SUFFIXES)}",
            unit_name=dept.name if rng.random() < 0.5 else f"{city}市{rng.pick(_UNITS)}",
            content=f"用于{topic}相关的{'、'.join(rng.draw(_USES, 3))}等支出。",
            budget=_budget(rng),
        )
        _funds(rng, project, scored)
        _rows(rng, project, _size(rng, MIN_INDICATORS, MAX_INDICATORS), dept)
        _narratives(rng, project)
        if scored:
            _plan_scores(rng, project, band)
            project.printed_rate, project.printed_execution = project.rate, project.execution
            project.printed_total, project.printed_grade = project.total, project.grade
        dept.projects.append(project)
    return dept
