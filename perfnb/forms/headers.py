"""Header texts of the forms, normalised, and the synonym map (``perfnb/data/forms.yaml``) they are matched with."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Final

from pydantic import BaseModel, ConfigDict

from perfnb.yamlfile import read_yaml

__all__ = ["FormMap", "form_map", "normalise", "unit_in"]

_SPACE: Final = re.compile(r"\s+")
_UNIT: Final = re.compile(r"[(\[]?(?:金额)?单位[:：]?\s*(万元|亿元|元)[)\]]?|[(\[](万元|亿元|元)[)\]]")
_LEAD: Final = re.compile(r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.]|\d+[、.])")


@cache
def normalise(text: str) -> str:
    """A header as compared: NFKC (full-width to half-width), no spaces or line breaks, no
    leading 其中 or list number, no unit in brackets (``项目资金\\n（万元）`` → ``项目资金``)."""
    flat = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    flat = _UNIT.sub("", flat)
    return _LEAD.sub("", flat).strip(":：")


def unit_in(text: str) -> str | None:
    """The money unit a header or note names (``项目资金（万元）``, ``单位：元``), if any."""
    match = _UNIT.search(_SPACE.sub("", unicodedata.normalize("NFKC", text)))
    return (match.group(1) or match.group(2)) if match else None


class _Block(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: tuple[str, ...] = ()
    columns: dict[str, tuple[str, ...]] = {}
    rows: dict[str, tuple[str, ...]] = {}


class _Goal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: tuple[str, ...]
    expected: tuple[str, ...]
    actual: tuple[str, ...]


class FormMap(BaseModel):
    """The synonym map: for each thing a form prints, the header texts that name it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    titles: dict[str, tuple[str, ...]]
    fields: dict[str, tuple[str, ...]]
    funds: _Block
    goal: _Goal
    indicators: _Block
    total: _Block

    def lookup(self, synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
        """Normalised synonym → key, for one group (e.g. ``self.funds.columns``)."""
        return {normalise(text): key for key, texts in synonyms.items() for text in texts}

    @staticmethod
    def names(texts: tuple[str, ...]) -> frozenset[str]:
        """The normalised texts of one list (e.g. ``self.goal.label``)."""
        return frozenset(normalise(t) for t in texts)


@cache
def form_map() -> FormMap:
    """The synonym map shipped with perfnb."""
    text = (resources.files("perfnb") / "data" / "forms.yaml").read_text(encoding="utf-8")
    return FormMap.model_validate(read_yaml(text, "forms.yaml"))
