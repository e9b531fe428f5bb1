"""Charts for the audit report, drawn with matplotlib (object API, no pyplot) as compact SVG text.

Chinese labels: matplotlib lays text out with Noto Sans CJK SC, which the ``mplfonts``
package installs with perfnb, so no system font is needed and no glyph goes missing. The
SVG keeps text as text (``svg.fonttype = none``: small, sharp, searchable); the report's
stylesheet gives it a CJK font stack. SVG output is deterministic: no date, fixed ids.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import FuncFormatter

from perfnb.errors import PerfnbError
from perfnb.numbers import round_half_up

__all__ = ["Bar", "ChartError", "bar_chart", "cjk_font", "grouped_bar_chart", "number_text"]

FONT_FILE = "NotoSansCJKsc-Regular.otf"
COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759")
_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "perfnb",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "font.size": 10,
    "axes.unicode_minus": False,
    "text.parse_math": False,  # a "$" in a project name is text, not mathtext
}


_THOUSANDS = FuncFormatter(lambda x, _: f"{x:,.0f}" if x == int(x) else f"{x:,g}")  # never 1e7 offsets


class ChartError(PerfnbError):
    """Raised when the CJK font that charts need is not installed."""


@cache
def cjk_font() -> str:
    """Register the packaged Noto Sans CJK SC with matplotlib and return its family name."""
    try:
        path = resources.files("mplfonts") / "fonts" / FONT_FILE
    except ModuleNotFoundError:  # pragma: no cover - mplfonts is a dependency
        raise ChartError("缺少中文字体包 mplfonts：请运行 make reports 重新安装依赖") from None
    if not path.is_file():  # pragma: no cover
        raise ChartError(f"mplfonts 中没有 {FONT_FILE}：请重新安装 mplfonts")
    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


@dataclass(frozen=True)
class Bar:
    """One labelled bar (``None`` draws nothing) with an optional text printed at its end."""

    label: str
    value: Decimal | None
    text: str = ""
    colour: str | None = None


def _style() -> Any:
    return {**_RC, "font.family": [cjk_font()]}


def _svg(fig: MplFigure) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = out.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and doctype: the SVG goes inline


def _height(n: float) -> float:
    """Figure height (inches) for ``n`` rows of one-line labels."""
    return max(1.8, 0.9 + 0.3 * n)


def _shorten(label: str, width: int = 22) -> str:
    """One-line labels: at most ``width`` characters, an ellipsis where cut."""
    return label if len(label) <= width else label[: width - 1] + "…"


def grouped_bar_chart(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal | None]]], unit: str
) -> str:
    """Horizontal bars, one group per label and one bar per series (e.g. 预算 / 到位 / 执行); the legend
    is drawn below the plot area, outside it, so it never covers a bar or a value label."""
    with matplotlib.rc_context(_style()):
        fig = MplFigure(figsize=(8, _height(len(labels) * (0.35 + 0.3 * len(series)) + 0.6)), layout="constrained")
        ax = fig.subplots()
        n = max(1, len(series))
        step = 0.8 / n
        for k, (name, values) in enumerate(series):
            ys = [i + (k - (n - 1) / 2) * step for i in range(len(labels))]
            xs = [float(v) if v is not None else 0.0 for v in values]
            bars = ax.barh(ys, xs, height=step * 0.9, label=name, color=COLOURS[k % len(COLOURS)])
            ax.bar_label(bars, labels=[number_text(v) for v in values], padding=2, fontsize=8)
        ax.set_yticks(range(len(labels)), [_shorten(label, 24) for label in labels], fontsize=8)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(_THOUSANDS)
        ax.set_xlabel(unit)
        ax.set_title(title, loc="left")
        ax.margins(x=0.15)
        # below the plot area, never over a bar or its value label
        fig.legend(loc="outside lower center", ncols=n, frameon=False, fontsize=8)
        return _svg(fig)


def bar_chart(title: str, bars: Sequence[Bar], unit: str, *, reference: Decimal | None = None) -> str:
    """Horizontal bars with a text at each end and an optional vertical reference line (e.g. 100%)."""
    with matplotlib.rc_context(_style()):
        fig = MplFigure(figsize=(8, _height(len(bars))))
        ax = fig.subplots()
        xs = [float(b.value) if b.value is not None else 0.0 for b in bars]
        colours = [b.colour or COLOURS[0] for b in bars]
        drawn = ax.barh(range(len(bars)), xs, color=colours, height=0.7)
        ax.bar_label(drawn, labels=[b.text for b in bars], padding=2, fontsize=8)
        ax.set_yticks(range(len(bars)), [_shorten(b.label) for b in bars], fontsize=8)
        ax.invert_yaxis()
        if reference is not None:
            ax.axvline(float(reference), color="#555555", linewidth=0.8, linestyle="--")
        ax.xaxis.set_major_formatter(_THOUSANDS)
        ax.set_xlabel(unit)
        ax.set_title(title, loc="left")
        ax.margins(x=0.15)
        return _svg(fig)


def number_text(value: Decimal | None) -> str:
    """A bar's label: the value half-up to 2 places, thousands separated."""
    if value is None:
        return "—"
    return f"{round_half_up(value, 2):,f}"


_number = number_text  # the name tests and older callers use
