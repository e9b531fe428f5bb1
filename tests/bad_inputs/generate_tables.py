"""Generate the ``t-`` cases of the bad-input corpus: malformed tables and headers.

Each case is the valid synthetic department with one small mutation: a missing or empty
file, a wrong column, a badly typed cell, a negative or zero budget, an absurd magnitude,
NaN/inf spelled out, an unknown unit, an implausible date or a very long text.

Run from the repository root: ``python -m tests.bad_inputs.generate_tables``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bad_inputs.harness import CASES, expect, new_case, read_csv, read_yaml, set_cell, write_csv, write_yaml

Mutation = Callable[[Path], None]

# Rows of the base department as a spreadsheet numbers them (the header is row 1).
FUNDS_ROW = {"f-p1": 2, "f-p1-cur": 3, "f-p1-prev": 4, "f-p1-other": 5}
LONG_NAME = "知识产权公共服务平台运行项目" * 7143  # 100 002 characters
LONG_GOAL = "保障平台全年稳定运行并提供检索咨询服务。" * 5000  # 100 000 characters
LONG_NUMERAL = "abcdefghij" * 10000  # 100 000 characters: not a number, a date or a choice
LONG_COLUMN = "note" * 25000  # a 100 000-character column name
# A reference error about a row that is in its table (only one of its cells is bad) is wrong and
# buries the real problem: cases whose bad row is referenced assert that no such message appears.
DANGLING = "中不存在"


# --- mutations --------------------------------------------------------------------------


def remove(file: str) -> Mutation:
    def mutate(dept: Path) -> None:
        (dept / file).unlink()

    return mutate


def write_bytes(file: str, data: bytes) -> Mutation:
    def mutate(dept: Path) -> None:
        (dept / file).write_bytes(data)

    return mutate


def header_only(file: str) -> Mutation:
    def mutate(dept: Path) -> None:
        write_csv(dept / file, read_csv(dept / file)[:1])

    return mutate


def cell(file: str, row_id: str, column: str, value: str) -> Mutation:
    def mutate(dept: Path) -> None:
        set_cell(dept / file, row_id, column, value)

    return mutate


def cells(file: str, changes: list[tuple[str, str, str]]) -> Mutation:
    def mutate(dept: Path) -> None:
        for row_id, column, value in changes:
            set_cell(dept / file, row_id, column, value)

    return mutate


def every_row(file: str, columns: list[str], value: str) -> Mutation:
    def mutate(dept: Path) -> None:
        rows = read_csv(dept / file)
        for column in columns:
            index = rows[0].index(column)
            for row in rows[1:]:
                row[index] = value
        write_csv(dept / file, rows)

    return mutate


def drop_column(file: str, column: str) -> Mutation:
    def mutate(dept: Path) -> None:
        rows = read_csv(dept / file)
        index = rows[0].index(column)
        write_csv(dept / file, [row[:index] + row[index + 1 :] for row in rows])

    return mutate


def rename_column(file: str, old: str, new: str) -> Mutation:
    def mutate(dept: Path) -> None:
        rows = read_csv(dept / file)
        rows[0][rows[0].index(old)] = new
        write_csv(dept / file, rows)

    return mutate


def add_column(file: str, name: str, value: str) -> Mutation:
    def mutate(dept: Path) -> None:
        rows = read_csv(dept / file)
        write_csv(dept / file, [[*rows[0], name]] + [[*row, value] for row in rows[1:]])

    return mutate


def duplicate_column(file: str, column: str) -> Mutation:
    def mutate(dept: Path) -> None:
        rows = read_csv(dept / file)
        index = rows[0].index(column)
        write_csv(dept / file, [[*row, row[index]] for row in rows])

    return mutate


def header_value(key: str, value: Any) -> Mutation:
    def mutate(dept: Path) -> None:
        header = read_yaml(dept / "department.yaml")
        header[key] = value
        write_yaml(dept / "department.yaml", header)

    return mutate


def case(name: str, mutate: Mutation, **expected: Any) -> None:
    """Make case ``name``: the base department, one mutation, the expected outcome."""
    mutate(new_case(name))
    expect(name, **expected)


def row(n: int) -> str:
    return f"第 {n} 行"


# --- the cases --------------------------------------------------------------------------
#
# Each function returns how many cases it made. Row numbers are those of the base department
# (funds: f-p1 2, f-p1-cur 3, f-p1-prev 4, f-p1-other 5; indicators: i1 2 … i10 11;
# department.yaml as harness.write_yaml dumps it: fiscal_year 5, money_unit 7).


def missing_and_empty_files() -> int:
    case(
        "t-missing-funds-csv",
        remove("funds.csv"),
        contains=["bad-dept/funds.csv", "缺少 funds.csv", "没有数据时也要有列名行", "bad-dept  无效"],
    )
    case(
        "t-missing-department-yaml",
        remove("department.yaml"),
        contains=["bad-dept/department.yaml", "缺少 department.yaml", "bad-dept  无效"],
    )
    case(
        "t-empty-funds-csv",
        write_bytes("funds.csv", b""),
        contains=["bad-dept/funds.csv", "文件是空的", "没有列名行", "bad-dept  无效"],
    )
    case(
        "t-blank-lines-indicators-csv",
        write_bytes("indicators.csv", b"\n\n   \n,,,\n"),
        contains=["bad-dept/indicators.csv", "文件是空的", "没有列名行", "bad-dept  无效"],
    )
    case(
        "t-empty-department-yaml",
        write_bytes("department.yaml", b""),
        contains=["bad-dept/department.yaml", "不是键值对", "bad-dept  无效"],
        note="An empty header file: YAML reads it as nothing, not as a mapping.",
    )
    case(
        "t-header-only-narrative-targets",
        header_only("narrative_targets.csv"),
        exit=0,
        contains=["bad-dept  有效", "文字目标 0"],
        absent=["[错误]"],
        note="A table with only its header row is the documented way to say 'no rows': valid.",
    )
    case(
        "t-header-only-funds-check",
        header_only("funds.csv"),
        command="check",
        exit=0,
        contains=["bad-dept  数字", "无法复核 4"],
        absent=["[错误]"],
        note="No funds rows is valid data; the printed execution rate, its score and the total cannot be checked "
        "(the grade is checked against the printed total), and check must not crash "
        "(tests/format/test_bad_inputs_tables.py reads figures.csv).",
    )
    case(
        "t-header-only-indicators",
        header_only("indicators.csv"),
        contains=[
            "bad-dept/narrative_targets.csv",
            row(2),
            "列 indicator_id",
            "引用的编号在 indicators.csv 中不存在",
            "i2",
        ],
        note="indicators.csv with only its header is valid by itself, but narrative_targets.csv points at i2.",
    )
    return 8


def columns() -> int:
    case(
        "t-funds-missing-column-line",
        drop_column("funds.csv", "line"),
        contains=["bad-dept/funds.csv", row(1), "列 line", "缺少列 line（行名称）"],
    )
    case(
        "t-funds-missing-column-note",
        drop_column("funds.csv", "note"),
        contains=["bad-dept/funds.csv", row(1), "列 note", "缺少列 note（备注）"],
        note="Every documented column must be present, even an optional one (data/raw/README.md: 列名必须与下表一致).",
    )
    case(
        "t-projects-missing-column-id",
        drop_column("projects.csv", "id"),
        contains=["bad-dept/projects.csv", row(1), "列 id", "缺少列 id（编号）"],
    )
    case(
        "t-funds-extra-column",
        add_column("funds.csv", "remark", "x"),
        contains=["bad-dept/funds.csv", row(1), "列 remark", "未知列名"],
    )
    case(
        "t-funds-renamed-column-budgt",
        rename_column("funds.csv", "budget", "budgt"),
        contains=[
            "bad-dept/funds.csv",
            row(1),
            "列 budgt",
            "未知列名（是不是 budget？）",
            "缺少列 budget（全年预算数）",
        ],
    )
    case(
        "t-funds-uppercase-column",
        rename_column("funds.csv", "executed", "Executed"),
        contains=["bad-dept/funds.csv", row(1), "列 Executed", "是不是 executed", "缺少列 executed（执行数）"],
    )
    case(
        "t-funds-duplicate-column",
        duplicate_column("funds.csv", "budget"),
        contains=["bad-dept/funds.csv", row(1), "列 budget", "列名重复"],
    )
    case(
        "t-funds-chinese-column",
        rename_column("funds.csv", "budget", "全年预算数"),
        contains=["bad-dept/funds.csv", row(1), "列 全年预算数", "未知列名", "缺少列 budget（全年预算数）"],
        note="Column names are the English ones of data/raw/README.md; a Chinese title is rejected, "
        "and the missing-column message names the title it stands for.",
    )
    case(
        "t-funds-column-name-100k",
        rename_column("funds.csv", "note", LONG_COLUMN),
        contains=["bad-dept/funds.csv", row(1), "未知列名", "缺少列 note（备注）", "…"],
        absent=[LONG_COLUMN[:200]],
        note="A 100 000-character column name must not be echoed in full (neither as value nor in the location).",
    )
    return 9


def wrong_types() -> int:
    case(
        "t-funds-money-chinese-numerals",
        cell("funds.csv", "f-p1", "budget", "一百万"),
        contains=["bad-dept/funds.csv", row(2), "列 budget", "“一百万”不是数字"],
        absent=[DANGLING],
        note="The total row f-p1 exists: its parts must not be reported as pointing at a missing row.",
    )
    case(
        "t-funds-money-european-decimal",
        cell("funds.csv", "f-p1-cur", "executed", "1.234,5"),
        contains=["bad-dept/funds.csv", row(3), "列 executed", "“1.234,5”像是欧式写法", "1,234.5"],
    )
    case(
        "t-funds-money-thousands-separator",
        cell("funds.csv", "f-p1-cur", "budget_initial", "1,234.5"),
        exit=0,
        contains=["bad-dept  有效"],
        absent=["[错误]"],
        note="`1,234.5` is a number with a thousands separator: accepted (read as 1234.5).",
    )
    case(
        "t-funds-money-fullwidth-digits",
        cell("funds.csv", "f-p1", "budget", "１２０．００"),
        exit=0,
        contains=["bad-dept  有效"],
        absent=["[错误]"],
        note="Full-width digits are read (NFKC) as 120.00, decimals kept.",
    )
    case(
        "t-funds-money-with-unit",
        cell("funds.csv", "f-p1-prev", "budget", "15.00万元"),
        contains=["bad-dept/funds.csv", row(4), "列 budget", "“15.00万元”不是数字"],
        note="The unit belongs in the unit column (or money_unit), not in the number.",
    )
    case(
        "t-funds-no-value-emdash",
        cell("funds.csv", "f-p1-cur", "half_plan", "—"),
        exit=0,
        contains=["bad-dept  有效"],
        absent=["[错误]", "[警告]"],
    )
    case(
        "t-funds-no-value-slash",
        cell("funds.csv", "f-p1-prev", "received", "/"),
        exit=0,
        contains=["bad-dept  有效"],
        absent=["[错误]", "[警告]"],
    )
    case("t-funds-no-value-marks-mixed",
         cells("funds.csv", [("f-p1-cur", "half_plan", "——"), ("f-p1-prev", "half_executed", "－"),
                             ("f-p1-other", "received", "／"), ("f-p1", "quantity", "  ")]),
         exit=0, contains=["bad-dept  有效"], absent=["[错误]", "[警告]"],
         note="——, full-width －, full-width ／ and blanks all mean 'no value'.")  # fmt: skip
    case(
        "t-header-fiscal-year-chinese-numerals",
        header_value("fiscal_year", "二〇二四"),
        contains=["bad-dept/department.yaml", row(5), "列 fiscal_year", "应为整数", "二〇二四"],
    )
    case(
        "t-header-fiscal-year-fullwidth",
        header_value("fiscal_year", "２０２４"),
        contains=["bad-dept/department.yaml", row(5), "列 fiscal_year", "应为整数", "２０２４"],
        note="Debatable: money cells read full-width digits, the YAML year does not; rejected with a clear message.",
    )
    case(
        "t-indicators-weight-chinese-numerals",
        cell("indicators.csv", "i3", "weight", "十"),
        contains=["bad-dept/indicators.csv", row(4), "列 weight", "“十”不是数字"],
    )
    case(
        "t-reported-value-with-percent-sign",
        cell("reported_figures.csv", "r1", "value", "92.00%"),
        contains=["bad-dept/reported_figures.csv", row(2), "列 value", "“92.00%”不是数字"],
        note="reported_figures.value is the number without % (the unit column holds %).",
    )
    return 12


def negative_and_zero() -> int:
    case(
        "t-funds-negative-budget",
        cell("funds.csv", "f-p1-other", "budget", "-10.00"),
        contains=["bad-dept/funds.csv", row(5), "列 budget", "不能为负数", "-10.00"],
    )
    case(
        "t-funds-negative-unicode-minus",
        cell("funds.csv", "f-p1-prev", "executed", "−14.00"),
        contains=["bad-dept/funds.csv", row(4), "列 executed", "不能为负数", "−14.00"],
    )
    case(
        "t-indicators-negative-score",
        cell("indicators.csv", "i2", "score", "-8.33"),
        contains=["bad-dept/indicators.csv", row(3), "列 score", "不能为负数"],
        absent=[DANGLING],
        note="i2 exists: narrative_targets.csv must not be told that it points at a missing indicator.",
    )
    case(
        "t-funds-zero-budget-everywhere",
        every_row("funds.csv", ["budget_initial", "budget"], "0.00"),
        command="check",
        exit=0,
        contains=["bad-dept  数字", "无法复核"],
        absent=["[错误]"],
        note="All budgets 0: rates on a zero base are 'cannot check', never a crash or a division error "
        "(tests/format/test_bad_inputs_tables.py reads figures.csv).",
    )
    case(
        "t-funds-zero-budget-total-row",
        cell("funds.csv", "f-p1", "budget", "0"),
        command="check",
        exit=0,
        contains=["bad-dept  总分 95.03（原文 95.03）", "不符 1", "无法复核 1"],
        absent=["[错误]"],
        note="The total printed as 0 while its parts add up to 120.00: a sum mismatch; the rate and the execution "
        "score are recomputed on the sum of the parts (92.00 %, 9.20) and agree.",
    )
    return 5


def absurd_magnitudes() -> int:
    case(
        "t-funds-money-30-digits",
        cell("funds.csv", "f-p1", "budget", "1" + "0" * 29),
        contains=["bad-dept/funds.csv", row(2), "列 budget", "数额大得不合理"],
        absent=[DANGLING],
    )
    case(
        "t-funds-money-20-nines",
        cell("funds.csv", "f-p1-cur", "executed", "99999999999999999999.99"),
        contains=["bad-dept/funds.csv", row(3), "列 executed", "数额大得不合理", "99999999999999999999.99"],
    )
    case(
        "t-funds-money-just-below-limit",
        cell("funds.csv", "f-p1-other", "received", "999999999999999.99"),
        exit=0,
        contains=["bad-dept  有效"],
        absent=["[错误]"],
        note="Just under 10^15: the loader accepts it (the engine may raise findings).",
    )
    case(
        "t-funds-money-many-decimals",
        cell("funds.csv", "f-p1-cur", "executed", "88.40000000000000000001"),
        command="check",
        exit=0,
        contains=["bad-dept  总分 95.03", "不符 0"],
        absent=["[错误]"],
        note="20 decimals, the most perfnb.base.limits.MAX_DECIMALS accepts: sums must stay exact "
        "(tests/format/test_bad_inputs_tables.py reads figures.csv).",
    )
    case(
        "t-funds-money-31-decimals",
        cell("funds.csv", "f-p1-cur", "executed", "88.4000000000000000000000000000001"),
        contains=["bad-dept/funds.csv", row(3), "列 executed", "小数位数过多（31 位）", "至多 20 位小数"],
        note="Issue 16 §16: absurd precision is refused at validation, naming the cell (check died on it).",
    )
    case(
        "t-indicators-actual-100000-percent",
        cell("indicators.csv", "i3", "actual", "100000%"),
        command="check",
        exit=0,
        contains=["bad-dept  总分", "警告 1"],
        absent=["[错误]"],
        note="A 正常运行率 of 100000% is impossible: VALUE_OUT_OF_RANGE on the actual value "
        "(tests/format/test_bad_inputs_tables.py reads findings.csv).",
    )
    case(
        "t-indicators-target-100000-percent",
        cell("indicators.csv", "i3", "target", "≥100000%"),
        command="check",
        exit=0,
        contains=["bad-dept  总分", "警告 1"],
        absent=["[错误]"],
        note="VALUE_OUT_OF_RANGE on the target (tests/format/test_bad_inputs_tables.py reads findings.csv).",
    )
    case(
        "t-reported-value-18-digits",
        cell("reported_figures.csv", "r1", "value", "9" * 18),
        command="check",
        exit=0,
        contains=["bad-dept  总分 95.03", "不符 1"],
        absent=["[错误]"],
        note="An absurd printed rate is simply wrong: it differs from the recomputed 92.00.",
    )
    case(
        "t-reported-value-30-digits",
        cell("reported_figures.csv", "r1", "value", "9" * 30),
        contains=["bad-dept/reported_figures.csv", "第 2 行", "列 value", "数额大得不合理", "至多 18 位整数"],
        note="30 integer digits are past perfnb.base.limits.MAX_INTEGER_DIGITS: refused at validation.",
    )
    return 9


def nan_and_infinity() -> int:
    spellings = [
        ("nan-titlecase", "f-p1", "budget", "NaN"),
        ("nan-lowercase", "f-p1-cur", "budget", "nan"),
        ("inf", "f-p1-prev", "executed", "inf"),
        ("infinity", "f-p1-other", "budget_initial", "Infinity"),
        ("minus-inf", "f-p1-cur", "received", "-inf"),
        ("exponent", "f-p1-other", "executed", "8E+0"),
    ]
    for label, row_id, column, value in spellings:
        case(
            f"t-funds-money-{label}",
            cell("funds.csv", row_id, column, value),
            contains=["bad-dept/funds.csv", row(FUNDS_ROW[row_id]), f"列 {column}", f"“{value}”不是数字"],
            absent=[DANGLING],
        )
    case(
        "t-indicators-weight-nan",
        cell("indicators.csv", "i1", "weight", "NaN"),
        contains=["bad-dept/indicators.csv", row(2), "列 weight", "“NaN”不是数字"],
    )
    case(
        "t-reported-value-infinity",
        cell("reported_figures.csv", "r3", "value", "Infinity"),
        contains=["bad-dept/reported_figures.csv", row(4), "列 value", "“Infinity”不是数字"],
    )
    return len(spellings) + 2


def units() -> int:
    case(
        "t-header-money-unit-usd-chinese",
        header_value("money_unit", "美元"),
        contains=["bad-dept/department.yaml", row(7), "列 money_unit", "“美元”不是可选值", "元、万元、亿元"],
    )
    case(
        "t-header-money-unit-usd",
        header_value("money_unit", "USD"),
        contains=["bad-dept/department.yaml", row(7), "列 money_unit", "“USD”不是可选值"],
    )
    case(
        "t-funds-unit-qianyuan",
        cell("funds.csv", "f-p1-other", "unit", "千元"),
        contains=["bad-dept/funds.csv", row(5), "列 unit", "“千元”不是可选值", "元、万元、亿元"],
    )
    case(
        "t-projects-unit-rmb",
        cell("projects.csv", "p1", "unit", "RMB"),
        contains=["bad-dept/projects.csv", row(2), "列 unit", "“RMB”不是可选值"],
        absent=[DANGLING],
    )
    case(
        "t-indicators-actual-odd-unit",
        cell("indicators.csv", "i1", "actual", "1620furlongs"),
        exit=0,
        contains=[
            "[警告]",
            "bad-dept/indicators.csv",
            row(2),
            "列 actual",
            "furlongs",
            "不在常见单位表中",
            "bad-dept  有效",
        ],
        absent=["[错误]"],
        note="An indicator value with a unit perfnb does not know is kept with a warning, never an error.",
    )
    case(
        "t-indicators-target-currency-usd",
        cell("indicators.csv", "i6", "target", "≤120万美元"),
        exit=0,
        contains=[
            "[警告]",
            "bad-dept/indicators.csv",
            row(7),
            "列 target",
            "万美元",
            "不在常见单位表中",
            "bad-dept  有效",
        ],
        absent=["[错误]"],
        note="A foreign currency in an indicator value is a warning (kept as written), not an error.",
    )
    return 6


def dates() -> int:
    case(
        "t-header-fiscal-year-1900",
        header_value("fiscal_year", 1900),
        contains=["bad-dept/department.yaml", row(5), "列 fiscal_year", "不能小于 1990", "1900"],
    )
    case(
        "t-header-fiscal-year-2999",
        header_value("fiscal_year", 2999),
        contains=["bad-dept/department.yaml", row(5), "列 fiscal_year", "不能大于 2100", "2999"],
    )
    case(
        "t-projects-start-date-1800",
        cell("projects.csv", "p1", "start_date", "1800-01-01"),
        contains=["bad-dept/projects.csv", row(2), "列 start_date", "日期年份应在 1990 至 2100 之间", "1800-01-01"],
        absent=[DANGLING],
    )
    case(
        "t-projects-date-impossible-day",
        cell("projects.csv", "p1", "end_date", "2024-02-30"),
        contains=["bad-dept/projects.csv", row(2), "列 end_date", "“2024-02-30”不是日期"],
        absent=[DANGLING],
    )
    case(
        "t-projects-date-chinese-format",
        cell("projects.csv", "p1", "start_date", "2024年1月1日"),
        contains=["bad-dept/projects.csv", row(2), "列 start_date", "“2024年1月1日”不是日期", "YYYY-MM-DD"],
        absent=[DANGLING],
        note="Dates are YYYY-MM-DD; the printed wording belongs in the period column.",
    )
    case(
        "t-projects-end-before-start",
        cell("projects.csv", "p1", "end_date", "2023-12-31"),
        exit=0,
        contains=["[警告]", "bad-dept/projects.csv", row(2), "列 end_date", "早于"],
        note="Ends before it starts: a warning naming the cell (the document may print it so; "
        "transcribe as written, flag, do not block).",
    )
    case(
        "t-indicators-deadline-2099",
        cell("indicators.csv", "i5", "target", "2099年12月底前"),
        command="check",
        exit=0,
        contains=["bad-dept  总分 95.03", "警告 1"],
        absent=["[错误]"],
        note="DEADLINE_OUTSIDE_YEAR (tests/format/test_bad_inputs_tables.py reads findings.csv).",
    )
    return 7


def long_texts() -> int:
    case(
        "t-projects-name-100k",
        cell("projects.csv", "p1", "name", LONG_NAME),
        contains=["bad-dept/projects.csv", row(2), "列 name", "文本过长（超过 20000 字）", LONG_NAME[:57] + "…"],
        absent=[LONG_NAME[:200], DANGLING],
    )
    case(
        "t-projects-goal-100k",
        cell("projects.csv", "p1", "goal", LONG_GOAL),
        contains=["bad-dept/projects.csv", row(2), "列 goal", "文本过长（超过 20000 字）", LONG_GOAL[:57] + "…"],
        absent=[LONG_GOAL[:200], DANGLING],
    )
    case(
        "t-header-annual-goal-100k",
        header_value("annual_goal", LONG_GOAL),
        contains=["bad-dept/department.yaml", row(13), "列 annual_goal", "文本过长", LONG_GOAL[:57] + "…"],
        absent=[LONG_GOAL[:200]],
    )
    case(
        "t-funds-money-100k-chars",
        cell("funds.csv", "f-p1-other", "budget_initial", LONG_NUMERAL),
        contains=["bad-dept/funds.csv", row(5), "列 budget_initial", "不是数字", "…"],
        absent=[LONG_NUMERAL[:200]],
        note="The message quotes the value: it must quote it cut (…), not 100 000 characters.",
    )
    case(
        "t-projects-start-date-100k-chars",
        cell("projects.csv", "p1", "start_date", LONG_NUMERAL),
        contains=["bad-dept/projects.csv", row(2), "列 start_date", "不是日期", "…"],
        absent=[LONG_NUMERAL[:200], DANGLING],
        note="The message quotes the value: it must quote it cut (…), not 100 000 characters.",
    )
    case(
        "t-funds-side-100k-chars",
        cell("funds.csv", "f-p1-other", "side", LONG_NUMERAL),
        contains=["bad-dept/funds.csv", row(5), "列 side", "不是可选值", "…"],
        absent=[LONG_NUMERAL[:200]],
        note="The message quotes the value: it must quote it cut (…), not 100 000 characters.",
    )
    case(
        "t-funds-line-5000-chars",
        cell("funds.csv", "f-p1-other", "line", "其他资金" * 1250),
        exit=0,
        contains=["bad-dept  有效"],
        absent=["[错误]"],
        note="5 000 characters is long but under the 20 000-character limit: accepted.",
    )
    return 7


def main() -> None:
    for old in CASES.glob("t-*/expected.yaml"):  # cases dropped from this file go too
        shutil.rmtree(old.parent)
    counts = {
        "missing or empty files": missing_and_empty_files(),
        "columns": columns(),
        "wrong types": wrong_types(),
        "negative and zero": negative_and_zero(),
        "absurd magnitudes": absurd_magnitudes(),
        "NaN and infinity": nan_and_infinity(),
        "units and currencies": units(),
        "dates": dates(),
        "long texts": long_texts(),
    }
    for category, n in counts.items():
        print(f"{category}: {n}")
    print(f"total: {sum(counts.values())} cases")


if __name__ == "__main__":
    main()
