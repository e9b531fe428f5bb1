"""Writing synthetic departments: ``department.yaml`` and the five tables, and :func:`synthesize`."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
from pathlib import Path
from typing import Final

from perfnb.format.schema import TABLES
from perfnb.synth.generate import _department
from perfnb.synth.model import ID_PREFIX, SynthError, _cents, _Department, _money, _points, _Project, dept_id
from perfnb.synth.plant import _plant
from perfnb.synth.vocabulary import _CATEGORIES, _EXECUTION_POINTS, _LEVEL1_POINTS

_OWN_FOLDER: Final = re.compile(r"synth-[0-9]{5,}")
_PLANTED_LINE: Final = re.compile(r"^植入问题：(.*)$", re.MULTILINE)
_NONE: Final = "无"

_COLUMNS: Final[dict[str, tuple[str, ...]]] = {spec.name: spec.columns for spec in TABLES}


def planted_codes(notes: str | None) -> tuple[str, ...]:
    """The finding codes planted in a synthetic department, read from its ``notes``.

    Parameters
    ----------
    notes
        ``department.yaml``'s ``notes`` as loaded.

    Returns
    -------
    tuple[str, ...]
        The codes (sorted) on the line ``植入问题：…``; empty for a department without planted
        mistakes or for notes without such a line.
    """
    match = _PLANTED_LINE.search(notes or "")
    if match is None or match.group(1).strip() == _NONE:
        return ()
    return tuple(code for code in match.group(1).split("、") if code)


def _yaml_text(value: str) -> str:
    """A one-line YAML scalar: a JSON string is a valid double-quoted YAML scalar."""
    return json.dumps(value, ensure_ascii=False)


def _header(dept: _Department) -> str:
    kind, scheme = ("project_self_evaluation", "mof-2020-project") if dept.scored else ("target_table", "targets-only")
    count = len(dept.projects)
    title = (
        f"{dept.year}年{dept.name}项目支出绩效自评表（{count}个项目）"
        if dept.scored
        else f"{dept.year}年{dept.name}项目绩效目标表（{count}张）"
    )
    codes = sorted({code for code, _ in dept.planted})
    notes = [
        f"【虚构】本部门由 perfnb synth 生成（种子 {dept.seed}，第 {dept.index} 个），不是真实文件，"
        "供基准测试和规模测试使用。",
        f"金额单位{dept.unit}；每个项目一张表，依次录为 p1—p{count}。",
        *(f"- {code}：{text}" for code, text in dept.planted),
        f"植入问题：{'、'.join(codes) if codes else _NONE}",
    ]
    topics = "、".join(p.name.removeprefix(f"{dept.year}年") for p in dept.projects[:3])
    goal = f"围绕{topics}等{count}个项目，完成年度各项工作任务，资金使用规范高效，服务对象满意。"
    lines = [
        "schema_version: 1",
        f"id: {dept.id}",
        f"name: {_yaml_text(dept.name)}",
        f"region: {_yaml_text(dept.region)}",
        f"fiscal_year: {dept.year}",
        f"kind: {kind}",
        f"money_unit: {dept.unit}",
        f"scheme: {scheme}",
        "source:",
        f"  file: {_yaml_text(f'synthetic（虚构，perfnb synth 种子 {dept.seed}）')}",
        f"  title: {_yaml_text(title)}",
        f"  section: {_yaml_text('全文')}",
        f"annual_goal: {_yaml_text(goal)}",
        "notes: |-",
        *(f"  {line}" for line in notes),
        "reconstructions: []",
    ]
    return "\n".join(lines) + "\n"


def _tables(dept: _Department) -> dict[str, list[tuple[str, ...]]]:
    """The five tables' rows, in the column order of :data:`perfnb.format.schema.TABLES`."""
    projects: list[tuple[str, ...]] = []
    funds: list[tuple[str, ...]] = []
    indicators: list[tuple[str, ...]] = []
    narratives: list[tuple[str, ...]] = []
    reported: list[tuple[str, ...]] = []
    year, unit, scored = dept.year, dept.unit, dept.scored
    period = f"{year}年1月1日-{year}年12月31日"
    for p in dept.projects:
        pid, table = p.pid, f"表{p.index}"
        projects.append((pid, p.name, "项目", p.unit_name, "", "", "", f"{year}-01-01", f"{year}-12-31", period,
                         p.content, p.goal, f"{table} 表头", ""))  # fmt: skip
        budget = p.budget
        if scored:
            initial = sum(part[3] for part in p.parts)
            funds.append((f"f-{pid}", pid, "来源", "", "年度资金总额", "", "", "", _money(initial, unit),
                          _money(budget, unit), "", "", "", _money(p.executed, unit), "", "", "", "", "",
                          f"{table} 资金块 第1行", ""))  # fmt: skip
        else:
            funds.append((f"f-{pid}", pid, "来源", "预算规模", "预算数", "", "", "", "", _money(budget, unit),
                          "", "", "", "", "", "", "", "", "", f"{table} 预算规模及资金用途", ""))  # fmt: skip
        for n, (fid, line, source, b0, b, e) in enumerate(p.parts, 2):
            if scored:
                funds.append((fid, pid, "来源", "资金来源", line, source, "", f"f-{pid}", _money(b0, unit),
                              _money(b, unit), "", "", "", _money(e, unit), "", "", "", "", "",
                              f"{table} 资金块 第{n}行", ""))  # fmt: skip
            else:
                funds.append((fid, pid, "来源", "资金来源", line, source, "", f"f-{pid}", "", _money(b, unit),
                              "", "", "", "", "", "", "", "", "", f"{table} 预算规模及资金用途", ""))  # fmt: skip
        labels = {key: f"{table} {c.label} 第" for key, c in _CATEGORIES.items()}
        for n, r in enumerate(p.rows, 1):
            c = r.category
            w = r.w
            score = "" if not w else _points(w) if r.score == w else _cents(r.score)
            indicators.append((r.id, pid, c.level1, c.level2, r.name, "", "", "", "", r.target_half, r.target,
                               r.actual, _points(w) if w else "", score, r.deviation,
                               f"{labels[c.key]}{n}行", ""))  # fmt: skip
        for nid, text, quantity, ind in p.narratives:
            narratives.append((nid, pid, "年度", text, quantity, ind, f"{table} 绩效目标", ""))
        if scored:
            reported.extend(_reported(dept, p, table))
    return {
        "projects": projects,
        "funds": funds,
        "indicators": indicators,
        "narrative_targets": narratives,
        "reported_figures": reported,
    }


def _reported(dept: _Department, p: _Project, table: str) -> list[tuple[str, ...]]:
    """The printed rate, scores, total and grade of one self-evaluated project."""
    pid = p.pid
    out: list[tuple[str, ...]] = [
        (f"r{p.index}-1", pid, "", "execution_rate", "", "预算执行率", _cents(p.printed_rate), "%", "",
         f"{table} 资金块 执行率栏", ""),
        (f"r{p.index}-2", pid, "", "weight", "预算执行", "预算执行率分值", str(_EXECUTION_POINTS), "分", "",
         f"{table} 资金块 分值栏", ""),
        (f"r{p.index}-3", pid, "", "score", "预算执行", "预算执行率得分", _cents(p.printed_execution), "分", "",
         f"{table} 资金块 得分栏", ""),
    ]  # fmt: skip
    if dept.sections:
        for level1, points in _LEVEL1_POINTS:
            section = level1.removesuffix("指标")
            got = sum(r.score for r in p.rows if r.category.level1 == level1)
            n = len(out) + 1
            out.append((f"r{p.index}-{n}", pid, "", "weight", section, f"{level1}分值", str(points), "分", "",
                        f"{table} 指标块 {level1}", ""))  # fmt: skip
            out.append((f"r{p.index}-{n + 1}", pid, "", "score", section, f"{level1}得分", _cents(got), "分", "",
                        f"{table} 指标块 {level1}", ""))  # fmt: skip
    n = len(out) + 1
    out.append((f"r{p.index}-{n}", pid, "", "total_score", "", "总分", _cents(p.printed_total), "分", "",
                f"{table} 总分栏", ""))  # fmt: skip
    out.append((f"r{p.index}-{n + 1}", pid, "", "grade", "", "评价等级", p.printed_grade, "", "",
                f"{table} 总分栏", ""))  # fmt: skip
    return out


def _write(folder: Path, dept: _Department) -> None:
    """Write one department's six files into ``folder`` (created empty)."""
    folder.mkdir()
    (folder / "department.yaml").write_text(_header(dept), encoding="utf-8", newline="\n")
    for name, rows in _tables(dept).items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_COLUMNS[name])
        writer.writerows(rows)
        (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode("utf-8"))


# --------------------------------------------------------------------------- entry point


def _check_out(out: Path) -> None:
    """Refuse an ``out`` that is not a folder, or holds anything besides synthetic department folders.

    Only real folders named ``synth-*`` may be there (an earlier run); a file, a link or any
    other folder means the folder is someone else's, and nothing is written.
    """
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise SynthError(f"输出位置 {out} 不是文件夹，拒绝写入", expected="一个空文件夹或不存在的路径")
    foreign = sorted(
        entry.name
        for entry in out.iterdir()
        if not (entry.name.startswith(ID_PREFIX) and entry.is_dir() and not entry.is_symlink())
    )
    if foreign:
        shown = "、".join(foreign[:5]) + ("等" if len(foreign) > 5 else "")
        raise SynthError(
            f"输出文件夹 {out} 不是空的，含有合成部门（synth-*）以外的内容：{shown}；为免覆盖，拒绝写入",
            expected="一个空文件夹，或只含 synth-* 部门文件夹的文件夹（上次生成的结果）",
        )


def synthesize(n: int, out: Path, seed: int = 0, anomalies: float = 0.2) -> list[str]:
    """Write ``n`` synthetic departments under ``out``, one folder each, and return their ids.

    Parameters
    ----------
    n
        How many departments; 0 writes nothing (not even ``out``).
    out
        The data directory to write into: created when missing; otherwise it may hold only
        ``synth-*`` folders (an earlier run): the departments of an earlier run
        (``synth-<digits>``) are removed first, so ``out`` then holds exactly these ``n``.
        Nothing is written outside ``out``.
    seed
        The same seed writes byte-identical files.
    anomalies
        Share of departments (0–1) that get planted mistakes; ``round(n × anomalies)`` of them,
        chosen by the seed.

    Returns
    -------
    list[str]
        The department ids, ``synth-00001`` … in order.

    Raises
    ------
    SynthError
        ``out`` is not a folder or holds anything besides ``synth-*`` folders.
    ValueError
        ``n`` negative or ``anomalies`` outside [0, 1].
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    if not 0 <= anomalies <= 1:
        raise ValueError(f"anomalies must lie in [0, 1], got {anomalies!r}")
    out = Path(out)
    _check_out(out)
    if n == 0:
        return []
    out.mkdir(parents=True, exist_ok=True)
    count = int(n * anomalies + 0.5)
    planted = set(random.Random(f"perfnb-synth:{seed}").sample(range(1, n + 1), count))
    ids = [dept_id(i) for i in range(1, n + 1)]
    for entry in sorted(out.iterdir()):  # an earlier run's departments: replaced, or removed when not generated now
        if _OWN_FOLDER.fullmatch(entry.name):
            shutil.rmtree(entry)
    for index, name in enumerate(ids, 1):
        dept = _department(index, seed)
        if index in planted:
            _plant(dept)
        _write(out / name, dept)
    return ids
