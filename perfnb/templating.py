"""The Jinja2 environments of perfnb's own templates: autoescaping on, strict about undefined names.

One place decides how templates are loaded and escaped, so every page and fragment escapes
text from data the same way.
"""

from __future__ import annotations

from functools import cache

import jinja2

__all__ = ["environment"]


@cache
def environment(folder: str) -> jinja2.Environment:
    """The environment for ``perfnb/templates/<folder>`` (e.g. ``fragments``, ``pages``)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("perfnb", f"templates/{folder}"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
