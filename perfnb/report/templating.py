"""The Jinja2 environments of perfnb's own templates: autoescaping on, strict about undefined names.

One place decides how templates are loaded and escaped, so every page and fragment escapes
text from data the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import jinja2

__all__ = ["environment"]


@cache
def environment(folder: str) -> jinja2.Environment:
    """The environment for ``perfnb/templates/<folder>`` (e.g. ``fragments``, ``pages``)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("perfnb.report", f"templates/{folder}"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["by_project"] = by_project
    return env


def by_project(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """Rows grouped by their ``项目`` as they come (document order kept; jinja's ``groupby`` sorts)."""
    return [(project, list(group)) for project, group in itertools.groupby(rows, key=lambda r: r["项目"])]
