"""What a form says, as read: values with the cell they came from, funds lines, indicator rows, key tasks, and
one form's whole content (:class:`FormProject`), with the text helpers that tell a number from a label."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "FILE_YEAR",
    "YEAR",
    "FormProject",
    "FundRow",
    "Ignored",
    "IndicatorRow",
    "TaskRow",
    "Value",
    "date_month",
    "date_year",
    "file_year",
    "filled_on",
    "is_amount",
    "is_number",
    "split_amount",
]

_AMOUNT_UNIT: Final = re.compile(r"^\s*([-+]?[0-9,，.．０-９]+)\s*(万元|亿元|元|万)?\s*(?:[(（][^()（）]*[)）])?\s*$")
_NUMBER: Final = re.compile(r"^[-+]?(?:[0-9０-９][0-9０-９,，]*)(?:[.．][0-9０-９]+)?\s*(?:%|％|万元|亿元|元|万|分)?$")
YEAR: Final = re.compile(r"((?:19|20)[0-9]{2})\s*年")  # 2022年 in a title, band or header
FILE_YEAR: Final = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_DATE: Final = re.compile(r"((?:19|20)[0-9]{2})\s*(?:年|[-/.])")


def is_number(text: str) -> bool:
    """Whether a cell holds a number (``1,000,000``, ``96``, ``100%``, ``20万元``)."""
    return bool(text) and bool(_NUMBER.match(text.strip())) and any(ch.isdigit() for ch in text)


def split_amount(text: str) -> tuple[str, str | None]:
    """An amount cell as (number as printed, unit written in the cell): ``120.00万元`` → ``("120.00", "万元")``."""
    match = _AMOUNT_UNIT.match(text)
    if not match or not any(ch.isdigit() for ch in match.group(1)):
        return text, None
    return match.group(1).strip(), "万元" if match.group(2) == "万" else match.group(2)


def is_amount(text: str) -> bool:
    """Whether a cell holds an amount, possibly with its unit and a remark in brackets (``854万（其中…）``)."""
    return is_number(text) or split_amount(text)[0] != text


@dataclass(frozen=True)
class Value:
    """A cell's text as printed (spaces at the ends removed) and where it was read."""

    text: str
    where: str


@dataclass(frozen=True)
class Ignored:
    """A filled row or cell that was not imported, and why."""

    where: str
    text: str
    reason: str
    cells: tuple[str, ...] = ()  # every cell of a row listed as one item


@dataclass
class FundRow:
    """One line of the funds block: its kind (a key of ``funds.rows`` in forms.yaml), label and figures.

    ``values`` by column key (budget_initial, budget, executed, weight, rate, score, method);
    ``parent``: the index of the row it is a part of; ``assumed``: why an amount went to its column
    when the form does not say (a label and a number in one cell).
    """

    key: str
    line: Value
    values: dict[str, Value] = field(default_factory=dict)
    unit: str | None = None  # a unit written in the amount cells themselves (120.00万元)
    parent: int | None = None
    column: int = 0  # the label's column: parts belong to the total or subtotal above them in it
    assumed: str = ""
    inline: bool = False  # its amount was written in its label's cell (其他资金：98.35): no column says which
    group: str | None = None  # the heading it was printed under when that heading is not a row (按收入性质分：)


@dataclass
class IndicatorRow:
    """One row of the indicator block, by column key (level1 … method); ``parts``: the printed cells a split
    target was put together from."""

    where: str
    values: dict[str, Value] = field(default_factory=dict)
    parts: tuple[Value, ...] = ()


@dataclass
class TaskRow:
    """One key task (年度主要任务) of a whole-department form."""

    where: str
    values: dict[str, Value] = field(default_factory=dict)


@dataclass
class FormProject:
    """What one table of a form says: a project's form, or a whole department's."""

    file: str
    label: str
    style: str = "xlsx"
    kind: str | None = None  # project_self_evaluation | department_self_evaluation | target_table
    department: bool = False  # a whole-department form (部门整体)
    title: Value | None = None
    year: Value | None = None
    money_unit: Value | None = None
    fields: dict[str, Value] = field(default_factory=dict)
    funds: list[FundRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    goal_expected: Value | None = None
    goal_actual: Value | None = None
    goal_period: Value | None = None
    indicators: list[IndicatorRow] = field(default_factory=list)
    weights: list[tuple[str, Value]] = field(default_factory=list)  # (产出 or 产出/数量, printed weight)
    total_weight: Value | None = None
    total_score: Value | None = None
    total_grade: Value | None = None
    ignored: list[Ignored] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numbers: list[Value] = field(default_factory=list)  # every cell of the table holding a number
    indicator_columns: dict[int, str] = field(default_factory=dict)  # column → level1 … method
    width: int = 0
    continued: bool = False  # the rest of the previous table's indicator block (a PDF page break)

    @property
    def found(self) -> bool:
        """True when the table holds a form (a funds block, indicators, tasks or a name)."""
        names = ("project_name", "department_name")
        return bool(self.funds or self.indicators or self.tasks or any(n in self.fields for n in names))

    @property
    def scored(self) -> bool:
        """Whether the form prints a score (a self-evaluation, whatever its title says)."""
        if self.total_score is not None or any("score" in f.values for f in self.funds):
            return True
        return any("score" in i.values or "review" in i.values for i in self.indicators)


def filled_on(project: FormProject) -> Value | None:
    """The 填报日期 a form prints (a field, or a line such as “填表人：… 填报日期：2023年3月”)."""
    if "filled_on" in project.fields and _DATE.search(project.fields["filled_on"].text):
        return project.fields["filled_on"]
    for item in project.ignored:
        found = re.search(r"(?:填报|填表|报送)日期\s*[:：]\s*((?:19|20)\d{2}[^\s，,；;|]*)", item.text)
        if found:
            return Value(found.group(1), item.where)
    return None


def date_year(text: str) -> int | None:
    """The year of a date as printed (``2022年2月3日`` → 2022)."""
    found = _DATE.search(text) or FILE_YEAR.search(text)
    return int(found.group(1)) if found else None


def date_month(text: str) -> int | None:
    """The month of a date as printed (``2022年2月3日``, ``2021.5.18``, ``2021-01-28`` → 2, 5, 1), if any."""
    found = re.search(r"(?:19|20)\d{2}\s*(?:年|[-/.])\s*(\d{1,2})(?!\d)", text)
    month = int(found.group(1)) if found else None
    return month if month is not None and 1 <= month <= 12 else None


def file_year(name: str) -> int | None:
    """A year in a file's name (``自评表-2021.xlsx`` → 2021), if exactly one."""
    years = set(FILE_YEAR.findall(name))
    return int(years.pop()) if len(years) == 1 else None
