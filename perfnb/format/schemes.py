"""Scoring schemes as data: YAML files shipped in ``perfnb/data/schemes`` (or a department's own).

A scheme says which sections exist and their points, how each kind of indicator row is
scored, how sub-projects aggregate, how to round, which grade bands apply and which checks
are on. The engine interprets it; changing a band is a one-line change in one file.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from perfnb.base.errors import DataFileError, PerfnbError
from perfnb.base.numbers import normalize_text, round_half_up
from perfnb.base.yamlfile import read_yaml
from perfnb.format.bands import Band, GradeBand
from perfnb.format.columns import error_message
from perfnb.format.kinds import DEFAULT_SCHEMES
from perfnb.format.tables import read_text

__all__ = [
    "Rule",
    "Scheme",
    "SchemeError",
    "Section",
    "available",
    "grade_words",
    "known_grades",
    "load_scheme",
    "national_grades",
    "own_scheme",
    "short",
]


class SchemeError(PerfnbError):
    """Raised when a scoring scheme is unknown or its file is invalid."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Section(_Model):
    """A scoring section (一级 or 二级), its points and its parts."""

    name: str
    weight: Decimal | None = None
    parts: tuple[Section, ...] = ()

    @model_validator(mode="after")
    def _parts_add_up(self) -> Section:
        weights = [p.weight for p in self.parts]
        known = [w for w in weights if w is not None]
        if self.weight is not None and known and len(known) == len(weights) and sum(known) != self.weight:
            raise ValueError(f"“{self.name}”各部分分值之和为 {sum(known)}，不等于该部分的 {self.weight} 分")
        return self


class Rule(_Model):
    """How indicator rows matching ``level2``/``level3`` (substrings; empty matches all) are scored.

    ``method``: ``by_operator`` (≥ proportional with cap, ≤ reverse, = equal, no number →
    qualitative tiers), ``rate`` (w × a rate of the row's funds — its own, else the project's total
    row — capped), ``bands`` (w × the fraction of the band the rate falls in), ``coefficient`` (w × the
    row's printed 得分系数, Chongqing; rows without one fall through to the next rule).
    """

    level2: str = ""
    level3: str = ""
    method: Literal["by_operator", "rate", "bands", "coefficient"]
    rate: str | None = None
    bands: tuple[Band, ...] = ()
    note: str = ""


class Scheme(_Model):
    """A scoring scheme (see the module docstring); ``mode`` chooses the engine's path."""

    name: str
    title: str
    source: str
    region: tuple[str, ...] = Field(default=(), description="place names of the forms it is for (import proposes it)")
    kinds: tuple[Literal["project_self_evaluation", "department_self_evaluation", "target_table"], ...] = Field(
        default=(), description="the document kinds it scores (empty: any)"
    )
    mode: Literal["targets_only", "national_project", "special_fund"]
    total: Decimal = Decimal(100)
    places: int = 2
    totals: Literal["sum_of_rounded", "round_of_sum"] = "sum_of_rounded"
    execution_weight: Decimal | None = None
    execution_cap: bool = True
    execution_basis: Literal["budget", "initial", "received"] = "budget"
    share_basis: Literal["exact", "printed"] = "exact"
    sections: tuple[Section, ...] = ()
    default_weights: bool = False  # the sections' points are defaults: a unit's other split is a note
    fixed_weights: bool = False  # the sections' (and parts') points are the rule: another split is an error
    rules: tuple[Rule, ...] = (Rule(method="by_operator"),)
    grades: tuple[GradeBand, ...] = ()
    over_achievement: Decimal | None = Decimal("1.3")
    low_execution: Decimal | None = Decimal(20)
    budget_adjustment: Decimal | None = Decimal(20)  # |全年 − 年初| / 年初预算数 above this %: a note (assumed)
    score_vs_execution: Decimal | None = None
    require_deviation: bool = False
    assumed: tuple[str, ...] = Field(default=(), description="settings marked 'assumed' in the reference")

    @model_validator(mode="after")
    def _sections_add_up(self) -> Scheme:
        weights = [s.weight for s in self.sections]
        if any(w is None for w in weights):
            return self  # a template without default weights: the form's own weights are checked instead
        added = sum(w for w in weights if w is not None) + (self.execution_weight or 0)
        if self.sections and added != self.total:
            raise ValueError(f"各部分分值（含预算执行）之和为 {added}，不等于总分 {self.total}")
        return self

    def round_score(self, value: Decimal) -> Decimal:
        """A score rounded half-up to the scheme's places (domain-rules §5): the one rounding of scores."""
        return round_half_up(value, self.places)

    @property
    def indicator_weight(self) -> Decimal:
        """The points the indicators share: the total less the execution 分值."""
        return self.total - (self.execution_weight or Decimal(0))

    @property
    def execution_rate(self) -> str:
        """The rate code of the execution score: on budget (E / B) or on money received."""
        return {"budget": "execution_rate", "initial": "execution_rate_initial"}.get(
            self.execution_basis, "execution_rate_received"
        )

    def section(self, path: str) -> Section | None:
        """The section at ``"产出/数量"``-style ``path`` (names normalised by :func:`short`)."""
        parts, found = [short(p) for p in path.split("/") if p], None
        level: tuple[Section, ...] = self.sections
        for name in parts:
            found = next((s for s in level if short(s.name) == name), None)
            if found is None:
                return None
            level = found.parts
        return found

    def rule_for(self, level2: str | None, level3: str | None) -> Rule:
        """The first rule matching an indicator row (the last rule should match everything)."""
        for rule in self.rules:
            if rule.level2 in short(level2) and rule.level3 in (level3 or ""):
                return rule
        return Rule(method="by_operator")


@lru_cache(maxsize=1 << 16)  # pure, and called for the same texts again and again
def short(name: str | None) -> str:
    """A category name without spaces and its trailing 指标 (``产出指标`` → ``产出``; ``指标`` stays)."""
    text = re.sub(r"\s+", "", normalize_text(name or ""))
    return text.removesuffix("指标") or text


def available() -> list[str]:
    """Names of the schemes shipped with perfnb."""
    folder = resources.files("perfnb") / "data" / "schemes"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def known_grades() -> tuple[str, ...]:
    """Every word a shipped scheme prints for a grade (its grades, their aliases and common synonyms)."""
    return tuple(dict.fromkeys(word for name in available() for band in _shipped(name).grades for word in band.names))


def grade_words(scheme: Scheme | None = None) -> tuple[str, ...]:
    """The words a printed grade may be: :func:`known_grades`, then those of ``scheme`` (a department's own may
    name its grades otherwise)."""
    if scheme is None:
        return known_grades()
    return (*known_grades(), *(word for band in scheme.grades for word in band.names))


def national_grades() -> tuple[GradeBand, ...]:
    """The national grade bands (domain-rules §1 rule 11): those of the national project scheme's file,
    ``perfnb/data/schemes/mof-2020-project.yaml`` (the scheme a project self-evaluation gets by default)."""
    return _shipped(DEFAULT_SCHEMES["project_self_evaluation"]).grades


@cache
def _shipped(name: str) -> Scheme:
    if name not in available():
        raise SchemeError(f"评分方案“{name}”不存在", value=name, expected="、".join(available()))
    text = (resources.files("perfnb") / "data" / "schemes" / f"{name}.yaml").read_text(encoding="utf-8")
    return _parse(text, f"perfnb/data/schemes/{name}.yaml")


def load_scheme(name: str, department_dir: Path | None = None) -> Scheme:
    """The scheme ``name``: the department's own ``scheme.yaml`` when present, else a shipped one."""
    if department_dir is not None and (department_dir / "scheme.yaml").is_file():
        own = department_dir / "scheme.yaml"
        try:
            text = read_text(own, "scheme.yaml")[0]  # UTF-8, or GB18030 (the loader reports the warning)
        except DataFileError as exc:
            raise SchemeError(exc.message, file=str(own), row=exc.row, expected=exc.expected) from None
        return own_scheme(name, text, str(own))
    return _shipped(name)


def own_scheme(name: str, text: str, where: str) -> Scheme:
    """A department's own ``scheme.yaml`` from its text (already read); its name must be ``name``."""
    scheme = _parse(text, where)
    if scheme.name != name:
        raise SchemeError(
            f"scheme.yaml 的 name 为“{scheme.name}”，与 department.yaml 的 scheme 不同",
            file=where,
            value=scheme.name,
            expected=name,
        )
    return scheme


def _parse(text: str, where: str) -> Scheme:
    try:
        return Scheme.model_validate(read_yaml(text, where))
    except DataFileError as exc:
        raise SchemeError(f"评分方案文件不是有效的 YAML：{exc.message}", file=where, row=exc.row) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        where_in = f"（{loc}）" if loc else ""
        raise SchemeError(f"评分方案文件有误{where_in}：{error_message(first)}", file=where) from None
