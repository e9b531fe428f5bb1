"""What the target-quality checks share: no check lives here.

The categories of an indicator (``产出/数量`` …) and how they are recognised, the target columns and their
Chinese names, parsing a target with the department's fiscal year, how messages name an indicator, and the
finding on one indicator cell.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Final

from perfnb.base.numbers import normalize_text
from perfnb.base.units import to_yuan
from perfnb.engine.figures import plain
from perfnb.engine.findings import Finding, FindingCode, finding
from perfnb.format.model import Department
from perfnb.format.problems import Severity
from perfnb.format.schema import Indicator, Project
from perfnb.format.schemes import short
from perfnb.format.targets import ParsedValue, ValueKind, parse_value

__all__ = [
    "COLUMN_NAMES",
    "COST",
    "EFFECT",
    "OUTPUT",
    "QUALITY",
    "QUANTITY",
    "SATISFACTION",
    "TARGET_COLUMNS",
    "TIMELINESS",
    "category",
    "find_project",
    "indicator_finding",
    "is_rate",
    "label",
    "magnitude",
    "name_key",
    "num",
    "parse",
    "subject",
    "targets",
]

# --- categories ------------------------------------------------------------------------

OUTPUT: Final = "产出"
EFFECT: Final = "效益"
SATISFACTION: Final = "满意度"
QUANTITY: Final = "数量"
QUALITY: Final = "质量"
TIMELINESS: Final = "时效"
COST: Final = "成本"

#: Level-1 categories recognised by a word they contain (决策, 过程, 履职 … stay as written).
LEVEL1_WORDS: Final[tuple[tuple[str, str], ...]] = (
    (OUTPUT, OUTPUT),
    ("效益", EFFECT),
    ("效果", EFFECT),
    ("满意", SATISFACTION),
)

#: Level-2 categories of each level 1, recognised by a word they contain.
LEVEL2_WORDS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    OUTPUT: ((QUANTITY, QUANTITY), (QUALITY, QUALITY), (TIMELINESS, TIMELINESS), (COST, COST)),
    EFFECT: (("经济", "经济效益"), ("社会", "社会效益"), ("生态", "生态效益"), ("可持续", "可持续影响")),
    SATISFACTION: (("服务对象", "服务对象满意度"), ("满意", "服务对象满意度")),
}

# --- words and columns ------------------------------------------------------------------

#: Names that contain 率 without being a rate.
NOT_RATES: Final[tuple[str, ...]] = ("效率", "频率")

_NAME_NOISE = re.compile(r"[\s\"'“”‘’《》（）()【】\[\]、，,。.;；:：·\-—_/]+")

TARGET_COLUMNS: Final[tuple[str, ...]] = ("target", "target_half", "target_period")
#: The Chinese names of the value columns, as the schema declares them (one place for each label).
COLUMN_NAMES: Final[dict[str, str]] = {c: Indicator.title_of(c) for c in (*TARGET_COLUMNS, "actual")}

# --- helpers ----------------------------------------------------------------------------


@lru_cache(maxsize=1 << 12)
def category(level1: str, level2: str | None) -> tuple[str, str]:
    """The (level 1, level 2) category of an indicator, normalised (``("产出", "数量")``)."""
    l1_raw, l2_raw = short(level1), short(level2)
    l1 = next((canon for word, canon in LEVEL1_WORDS if word in l1_raw), l1_raw)
    if l1 == EFFECT and "满意" in l2_raw:
        l1 = SATISFACTION  # 效益指标 / 服务对象满意度指标: older templates file satisfaction under 效益
    l2 = next((canon for word, canon in LEVEL2_WORDS.get(l1, ()) if word in l2_raw), l2_raw)
    return l1, l2


def label(ind: Indicator) -> str:
    """The category as written, for messages (``产出指标/质量指标``)."""
    return "/".join(part for part in (ind.level1, ind.level2) if part)


def subject(ind: Indicator) -> str:
    """The indicator's name: level 3, else level 2, else level 1."""
    return ind.level3 or ind.level2 or ind.level1


@lru_cache(maxsize=1 << 12)
def name_key(name: str) -> str:
    """A level-3 name for comparison: NFKC, no spaces or punctuation."""
    return _NAME_NOISE.sub("", normalize_text(name))


def parse(dept: Department, text: str | None) -> ParsedValue | None:
    """Parse a value with the department's fiscal year (for dates written without one)."""
    return parse_value(text, year=dept.header.fiscal_year)


def targets(dept: Department, ind: Indicator) -> tuple[tuple[str, str, ParsedValue], ...]:
    """Each filled target column of ``ind``: (column, text as written, parsed value)."""
    return _parsed_targets((ind.target, ind.target_half, ind.target_period), dept.header.fiscal_year)


@lru_cache(maxsize=1 << 14)
def _parsed_targets(texts: tuple[str | None, ...], year: int) -> tuple[tuple[str, str, ParsedValue], ...]:
    """:func:`targets` for the texts of :data:`TARGET_COLUMNS` (cached: the checks ask for each row often)."""
    out = []
    for column, text in zip(TARGET_COLUMNS, texts, strict=True):
        parsed = parse_value(text, year=year)
        if text is not None and parsed is not None:
            out.append((column, text, parsed))
    return tuple(out)


def indicator_finding(
    dept: Department,
    code: FindingCode,
    ind: Indicator,
    column: str,
    message: str,
    *,
    severity: Severity | None = None,
    reported: str | None = None,
    recomputed: str | None = None,
) -> Finding:
    """A finding on one cell of an indicator row."""
    return finding(
        code,
        subject(ind),
        message,
        severity=severity,
        cell=dept.cell("indicators", ind.id, column),
        reported=reported,
        recomputed=recomputed,
        project_id=ind.project_id,
    )


@lru_cache(maxsize=1 << 12)
def is_rate(name: str) -> bool:
    """True for a rate (完成率, 满意率), not for 效率 or 频率."""
    for word in NOT_RATES:
        name = name.replace(word, "")
    return "率" in name


def num(number: Decimal) -> str:
    """A Decimal as plain text without trailing zeros (``1562486.40`` → ``1562486.4``)."""
    return plain(number.normalize())


def magnitude(p: ParsedValue, *, high: bool = False) -> Decimal:
    """The number of ``p`` (its upper bound when ``high``), in 元 for money."""
    number = p.upper if high and p.upper is not None else p.value
    assert number is not None
    return to_yuan(number, p.unit) if p.kind is ValueKind.MONEY and p.unit else number


def find_project(dept: Department, project_id: str | None) -> Project | None:
    """The project with id ``project_id``, if any."""
    return next((p for p in dept.projects if p.id == project_id), None)
