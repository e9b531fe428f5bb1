"""Header texts of the forms, normalised, and the synonym map (``perfnb/data/forms.yaml``) they are matched with."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from perfnb.base.yamlfile import read_yaml

__all__ = ["FormMap", "Marked", "form_map", "label_value", "marked", "normalise", "title_kind", "unit_in"]

_SPACE: Final = re.compile(r"\s+")
_UNIT: Final = re.compile(
    r"[(\[【]?(?:金额|资金)?单位[:：]?\s*(万元|亿元|元|万兀)[)\]】]?|[(\[【](万元|亿元|元|万兀)[)\]】]"
)  # 万兀: 万元 as OCR often reads it
_LEAD: Final = re.compile(r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.]|[(（]?\d+[)）、.])")
_CIRCLED: Final = re.compile(r"[①-⑳](?:\s*[=＝][①-⑳+\-×*/÷()（）\s]+)?")  # 年中调整金额②, 小计③=①+②, ① 项目支出
#: A bracketed marker: a unit, a weight (10分), a column letter or ratio (A) (B/A), a level name, a percent sign.
_MARKER: Final = re.compile(
    r"[(\[【]\s*(万元|亿元|元|\d+(?:\.\d+)?分[^()\[\]【】]{0,12}|[A-Za-z](?:\s*[/+\-×*]\s*[A-Za-z])*|[一二三]级指标|%)"
    r"\s*[)\]】]"
)
_WEIGHT: Final = re.compile(r"(\d+(?:\.\d+)?)分")
_TRAILING_WEIGHT: Final = re.compile(
    r"^(?P<name>.*?\D)[(（]?(?:(?P<weight>\d+(?:\.\d+)?)|(?P<range>\d+(?:\.\d+)?[-~～]\d+(?:\.\d+)?))[)）]?分[)）]?$"
)
_BARE_WEIGHT: Final = re.compile(r"^(?P<name>.*\D)[(（](?P<weight>\d{1,3}(?:\.\d+)?)[)）]$")  # 决策(10)
_COLON: Final = re.compile(r"[:：]")
_MAX_WEIGHT: Final = 100  # a number in brackets after a category is its weight only up to the whole table's
_HORIZON: Final = re.compile(r"[(（](年度|本年度|当年|长期|中期|中长期|实施期|实施周期)[)）]$")
_REMARK: Final = re.compile(r"[(（]或[^()（）]*[)）]")  # 指标值（或计划水平）
_SINGLE: Final = re.compile(r"[(（][^()（）\d]?[)）]$")
_NUMBERED: Final = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,2}$")


@dataclass(frozen=True)
class Marked:
    """A header as compared (``text``) and the markers taken off it: ``unit`` (万元), ``weight``
    (the 10 of （10分）) and ``letters`` (``A``, ``B/A``)."""

    text: str
    unit: str | None = None
    weight: str | None = None
    letters: str | None = None
    horizon: str | None = None  # "year" for （年度）, "period" for （长期）（中期）（实施期）


@cache
def marked(text: str) -> Marked:
    """A header normalised (see :func:`normalise`), with the bracketed markers it carried."""
    folded = _CIRCLED.sub("", text).translate(_simplified())  # before NFKC makes ① a 1
    flat = _SPACE.sub("", unicodedata.normalize("NFKC", folded))
    unit = weight = letters = horizon = None
    span = _HORIZON.search(flat)
    if span:
        horizon = "year" if span.group(1) in ("年度", "本年度", "当年") else "period"
        flat = _HORIZON.sub("", flat)
    flat = _REMARK.sub("", flat)
    found = _UNIT.search(flat)
    if found:
        unit = (found.group(1) or found.group(2)).replace("兀", "元")
        flat = _UNIT.sub("", flat)
    for match in _MARKER.finditer(flat):
        inner = match.group(1)
        if inner in ("万元", "亿元", "元"):
            unit = unit or inner
        elif _WEIGHT.match(inner):
            weight = weight or _WEIGHT.match(inner).group(1)  # type: ignore[union-attr]
        elif re.fullmatch(r"[A-Za-z].*", inner):
            letters = letters or inner.upper()
    flat = _MARKER.sub("", flat)
    flat = _SINGLE.sub("", flat) if len(flat) > 3 else flat  # 指标值（八）: a misread letter marker
    flat = _LEAD.sub("", flat).strip(":：")
    flat = _NUMBERED.sub("", flat)  # 年度目标1 → 年度目标: a template's numbering of repeated labels
    return Marked(flat, unit, weight, letters, horizon)


def normalise(text: str) -> str:
    """A header as compared: NFKC (full-width to half-width), no spaces or line breaks, no leading
    其中 or list number, no trailing colon, no bracketed marker (``项目资金\\n（万元）`` → ``项目资金``,
    ``全年预算数（A）`` → ``全年预算数``, ``分值（10分）`` → ``分值``)."""
    return marked(text).text


def unit_in(text: str) -> str | None:
    """The money unit a header or note names (``项目资金（万元）``, ``单位：元``), if any."""
    match = _UNIT.search(_SPACE.sub("", unicodedata.normalize("NFKC", text)))
    return (match.group(1) or match.group(2)).replace("兀", "元") if match else None


def category_weight(text: str) -> tuple[str, str | None]:
    """A category cell and the weight it carries: ``产出指标（50分）`` → (``产出指标``, ``50``);
    ``数量指标15分`` → (``数量指标``, ``15``); a cell without a weight → (its text, None)."""
    flat = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    match = _TRAILING_WEIGHT.match(flat)
    if match and match.group("name").rstrip("(（"):  # 产出指标（50分）, 数量指标15分, 项目决策2分
        return match.group("name").rstrip("(（:："), match.group("weight")  # None for a range (0-20)分
    bare = _BARE_WEIGHT.match(flat)
    if bare and Decimal(bare.group("weight")) <= _MAX_WEIGHT:
        return bare.group("name"), bare.group("weight")
    return text, None


def label_value(text: str) -> tuple[str, str] | None:
    """A label and its value written in one cell (``其他资金：585.62`` → (``其他资金``, ``585.62``)),
    the label normalised; None when the cell holds no colon with text after it."""
    flat = unicodedata.normalize("NFKC", text).strip()
    flat = re.sub(r"^其中\s*[:：]?\s*", "", flat)
    parts = _COLON.split(flat, maxsplit=1)
    if len(parts) != 2 or not parts[1].strip() or not parts[0].strip():
        return None
    return normalise(parts[0]), parts[1].strip()


TitleKind = Literal["project_self_evaluation", "department_self_evaluation", "target_table"]


def title_kind(text: str, fmap: FormMap | None = None) -> tuple[TitleKind | None, bool] | None:
    """What a title says: (kind or None when it names neither, whole-department); None when the text is no
    form title. A title holds every word of ``titles.required`` (绩效, 表) and is short."""
    fmap = fmap or form_map()
    flat = _SPACE.sub("", unicodedata.normalize("NFKC", text.translate(_simplified())))
    words = fmap.titles
    if len(flat) > 80 or not all(w in flat for w in words.required) or not any(w in flat for w in words.any):
        return None
    if any(w in flat for w in words.not_a_form):
        return None
    department = any(w in flat for w in words.department)
    if any(w in flat for w in words.self_evaluation):
        return ("department_self_evaluation" if department else "project_self_evaluation"), department
    if any(w in flat for w in words.target_table):
        return "target_table", department
    return None, department


class _Block(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: tuple[str, ...] = ()
    columns: dict[str, tuple[str, ...]] = {}
    placeholders: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    categories: dict[str, tuple[str, ...]] = {}
    items: tuple[str, ...] = ()
    note_words: tuple[str, ...] = ()


class FundsLine(BaseModel):
    """One kind of funds line: the texts naming it and what it is (see forms.yaml)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    names: tuple[str, ...]
    role: Literal["total", "subtotal", "requested", "part"] = "part"
    source: str | None = None
    expense_type: str | None = None
    side: Literal["来源", "支出"] = "来源"
    horizon: str | None = None
    column: Literal["budget", "executed"] = "budget"


class _Funds(_Block):
    total_endings: tuple[str, ...] = ()
    keywords: dict[str, tuple[tuple[str, ...], ...]] = {}
    line_keywords: dict[str, tuple[tuple[str, ...], ...]] = {}
    line_exclude: tuple[str, ...] = ()
    groups: dict[str, tuple[tuple[str, ...], ...]] = {}
    subtotal_of_adjusted: tuple[str, ...] = ()
    rows: dict[str, FundsLine]


class _Goal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: tuple[str, ...]
    period_label: tuple[str, ...]
    expected: tuple[str, ...]
    period: tuple[str, ...]
    actual: tuple[str, ...]
    actual_label: tuple[str, ...]


class _Titles(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    required: tuple[str, ...]
    any: tuple[str, ...]
    self_evaluation: tuple[str, ...]
    target_table: tuple[str, ...]
    department: tuple[str, ...]
    not_a_form: tuple[str, ...]


class FormMap(BaseModel):
    """The synonym map: for each thing a form prints, the header texts that name it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    titles: _Titles
    fields: dict[str, tuple[str, ...]]
    funds: _Funds
    goal: _Goal
    tasks: _Block
    indicators: _Block
    total: _Block
    grades: tuple[str, ...]
    traditional: str
    simplified: str

    @model_validator(mode="after")
    def _pairs(self) -> FormMap:
        if len(self.traditional) != len(self.simplified):
            raise ValueError("traditional 与 simplified 的字数不同")
        return self

    def lookup(self, synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
        """Normalised synonym → key, for one group (e.g. ``self.funds.columns``); the first key naming a text wins."""
        out: dict[str, str] = {}
        for key, texts in synonyms.items():
            for text in texts:
                out.setdefault(normalise(text), key)
        return out

    @staticmethod
    @cache
    def names(texts: tuple[str, ...]) -> frozenset[str]:
        """The normalised texts of one list (e.g. ``self.goal.label``)."""
        return frozenset(normalise(t) for t in texts)

    def funds_rows(self) -> dict[str, str]:
        """Normalised funds line name → its key in ``funds.rows``."""
        return self.lookup({key: line.names for key, line in self.funds.rows.items()})


@cache
def _simplified() -> dict[int, int]:
    """The map that folds the traditional characters of ``forms.yaml`` into their simplified forms."""
    fmap = form_map()
    return str.maketrans(fmap.traditional, fmap.simplified)


@cache
def form_map() -> FormMap:
    """The synonym map shipped with perfnb."""
    text = (resources.files("perfnb") / "data" / "forms.yaml").read_text(encoding="utf-8")
    return FormMap.model_validate(read_yaml(text, "forms.yaml"))
