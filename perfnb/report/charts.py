"""Charts for the audit report, drawn with matplotlib (object API, no pyplot) as compact SVG text.

Chinese labels: matplotlib lays text out with Noto Sans CJK SC, which the ``mplfonts``
package installs with perfnb, so no system font is needed and no glyph goes missing. The
SVG keeps text as text (``svg.fonttype = none``: small, sharp, searchable); the report's
stylesheet gives it a CJK font stack. SVG output is deterministic: no date, fixed ids.

Cost: one drawing per chart. The figure's size and the plot area's place in it are computed here,
in points, from the widths of the texts (the font's advance widths, read once per character and
process), so matplotlib lays the figure out once: no ``bbox_inches="tight"`` (which draws twice)
and no constrained layout (more passes, each measuring every text). The size depends only on the
number of rows and series and on the texts, never on a trial drawing.
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
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.ft2font import FT2Font, LoadFlags
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation

from perfnb.base.errors import PerfnbError
from perfnb.base.numbers import thousands_text

__all__ = ["Bar", "ChartError", "bar_chart", "cjk_font", "grouped_bar_chart"]

FONT_FILE = "NotoSansCJKsc-Regular.otf"
COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759")

# Sizes in points (the SVG's user unit). Every size the layout below relies on is fixed here or
# passed explicitly, so a user's matplotlibrc cannot move a text out of the room kept for it.
_TITLE_SIZE = 12.0  # the title
_AXIS_SIZE = 10.0  # the x tick labels and the unit below them
_SMALL_SIZE = 8.0  # the y tick labels, the texts at the bars' ends, the legend
_TICK = 3.5  # tick length, and again the gap between a tick and its label
_LABEL_PAD = 4.0  # between the x tick labels and the unit
_LINE = 1.3  # ems kept for one line of text (the font's glyphs span about 1.1)
_PAD = 6.0  # around the figure's edge, and between the title, the plot area and the legend
_BAR_TEXT_PAD = 2.0  # between a bar's end and its text
_SLACK = 1.05  # a reader's fallback CJK font may set Latin letters a little wider than Noto
_WIDTH = 576.0  # 8 in: wider only when a title or a bar's text could not fit otherwise
_MARGIN = 0.15 / 1.15  # at least this share of the plot area is kept beyond the longest bar
_MAX_MARGINS = 0.6  # at most this share goes to the texts at the bars' ends; else the figure widens
_BAR_ROW = 20.0  # points per bar of :func:`bar_chart`
_SERIES_ROW = 11.0  # points per series in a group of :func:`grouped_bar_chart` (8.8 pt per bar)
_MIN_GROUP = 22.0  # points per group at least: one series' bar no fatter than a bar of bar_chart
_MIN_PLOT = 44.0  # the plot area's least height
_TICKS = 9  # at most so many intervals between x ticks (matplotlib's default), fewer where labels would touch
# legend geometry, in ems of _SMALL_SIZE (matplotlib's defaults, passed explicitly)
_LEGEND = {"borderpad": 0.4, "labelspacing": 0.5, "handlelength": 2.0, "handletextpad": 0.8, "columnspacing": 2.0}

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "perfnb",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": _TITLE_SIZE,
    "font.size": _AXIS_SIZE,
    "xtick.labelsize": _AXIS_SIZE,
    "axes.labelsize": _AXIS_SIZE,
    "xtick.major.size": _TICK,
    "xtick.major.pad": _TICK,
    "ytick.major.size": _TICK,
    "ytick.major.pad": _TICK,
    "axes.unicode_minus": False,
    "text.parse_math": False,  # a "$" in a project name is text, not mathtext
}


_THOUSANDS = FuncFormatter(lambda x, _: f"{x:,.0f}" if x == int(x) else f"{x:,g}")  # never 1e7 offsets


class ChartError(PerfnbError):
    """Raised when the CJK font that charts need is not installed."""


@cache
def _font_path() -> str:
    try:
        path = resources.files("mplfonts") / "fonts" / FONT_FILE
    except ModuleNotFoundError:  # pragma: no cover - mplfonts is a dependency
        raise ChartError("缺少中文字体包 mplfonts：请运行 make reports 重新安装依赖") from None
    if not path.is_file():  # pragma: no cover
        raise ChartError(f"mplfonts 中没有 {FONT_FILE}：请重新安装 mplfonts")
    return str(path)


@cache
def cjk_font() -> str:
    """Register the packaged Noto Sans CJK SC with matplotlib (once per process) and return its family name."""
    path = _font_path()
    font_manager.fontManager.addfont(path)
    return str(font_manager.FontProperties(fname=path).get_name())


@cache
def _face() -> FT2Font:
    """The CJK font, opened once for :func:`_advance` (not matplotlib's shared copy, whose size it would set)."""
    face = FT2Font(_font_path())
    face.set_size(100, 72)  # 100 pt at 72 dpi: advances in hundredths of an em
    return face


@cache
def _advance(char: str) -> float:
    """The advance width of ``char`` in ems (1 for a character the font lacks)."""
    face = _face()
    if not face.get_char_index(ord(char)):
        return 1.0
    return float(face.load_char(ord(char), flags=LoadFlags.NO_HINTING).linearHoriAdvance) / 65536 / 100


def _width(text: str, size: float) -> float:
    """The width of ``text`` in points at ``size``: the advances (a little wider for another font)."""
    return size * _SLACK * sum(_advance(c) for c in text)


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
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    text = out.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and doctype: the SVG goes inline


def _shorten(label: str, width: int = 22) -> str:
    """One-line labels: at most ``width`` characters, an ellipsis where cut."""
    return label if len(label) <= width else label[: width - 1] + "…"


def _legend_size(names: Sequence[str], width: float) -> tuple[int, float]:
    """Columns and height (points) of the legend: one row, or as few rows as fit in ``width``."""
    em = _SMALL_SIZE
    entries = [(_LEGEND["handlelength"] + _LEGEND["handletextpad"]) * em + _width(n, em) for n in names]
    for ncols in range(len(entries), 0, -1):
        rows, extra = divmod(len(entries), ncols)  # as matplotlib splits them: the first columns one longer
        sizes = [rows + (c < extra) for c in range(ncols)]
        starts = [sum(sizes[:c]) for c in range(ncols)]
        wide = sum(max(entries[i : i + k]) for i, k in zip(starts, sizes, strict=True))
        wide += (ncols - 1) * _LEGEND["columnspacing"] * em + 2 * _LEGEND["borderpad"] * em
        if wide <= width or ncols == 1:
            break
    rows = max(sizes)
    return ncols, rows * _LINE * em + (rows - 1) * _LEGEND["labelspacing"] * em + 2 * _LEGEND["borderpad"] * em


def _plot(
    title: str, labels: Sequence[str], plot_height: float, ends: Sequence[tuple[float, str]], unit: str,
    *, legend: Sequence[tuple[str, str]] = (), reference: float | None = None,
) -> tuple[MplFigure, Axes]:  # fmt: skip
    """A figure with its title, the unit, the legend (``(name, colour)`` entries, below the unit) and a
    plot area for rows ``0 .. len(labels)-1`` (top to bottom, labelled), ready for the bars.

    All is placed from computed widths, so that drawing the figure once lays it out: the left margin
    holds the longest label, the x range leaves room beyond each bar's end for its text (``ends``: the
    bar's value and text) and takes in the reference line, the margins hold the outer x tick labels.
    The figure is :data:`_WIDTH` wide unless the title or the bars' texts need more."""
    left = _PAD + max((_width(t, _SMALL_SIZE) for t in labels), default=0.0) + 2 * _TICK
    right = _PAD + _width("0,000", _AXIS_SIZE) / 2  # a first guess: the last x tick label is centred on its tick
    xs = [x for x, _ in ends] + ([reference] if reference is not None else [])
    lo, hi = min([0.0, *xs]), max([0.0, *xs])
    if hi == lo:
        hi = lo + 1.0
    room_r = max([0.0, *(_BAR_TEXT_PAD + _width(t, _SMALL_SIZE) for x, t in ends if x >= 0 and t)])
    room_l = max([0.0, *(_BAR_TEXT_PAD + _width(t, _SMALL_SIZE) for x, t in ends if x < 0 and t)])
    width = max(_WIDTH, 2 * _PAD + _width(title, _TITLE_SIZE), left + right + (room_l + room_r) / _MAX_MARGINS)
    legend_cols, legend_h = _legend_size([name for name, _ in legend], width - 2 * _PAD) if legend else (0, 0.0)
    top = _PAD + _LINE * _TITLE_SIZE + _PAD
    label_y = 2 * _TICK + _LINE * _AXIS_SIZE + _LABEL_PAD  # below the plot area: ticks, tick labels, gap
    bottom = label_y + _LINE * _AXIS_SIZE + (_PAD + legend_h if legend else 0.0) + _PAD
    plot_h = max(_MIN_PLOT, plot_height)
    height = top + plot_h + bottom

    fig = MplFigure(figsize=(width / 72, height / 72))
    fig.text(_PAD / width, 1 - _PAD / height, title, fontsize=_TITLE_SIZE, ha="left", va="top")
    ax = fig.add_axes((0, 0, 1, 1))  # placed below, once the x tick labels' width is known
    ax.xaxis.set_major_formatter(_THOUSANDS)
    ax.set_ylim(max(1, len(labels)) - 0.5, -0.5)  # row 0 at the top
    bins = _TICKS
    for _ in range(8):  # the x tick labels' widths set the margins and the ticks' number; settles in a step or two
        plot_w = width - left - right
        share_r = max(_MARGIN, room_r / plot_w) if hi > 0 or room_r else 0.0
        share_l = max(_MARGIN, room_l / plot_w) if lo < 0 else 0.0
        span = (hi - lo) / max(0.2, 1 - share_l - share_r)
        x0, x1 = lo - share_l * span, hi + share_r * span
        ax.set_position((left / width, bottom / height, plot_w / width, plot_h / height))
        ax.set_xlim(x0, x1)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10]))  # matplotlib's, at most ``bins``
        ticks = [t for t in ax.xaxis.get_majorticklocs() if x0 <= t <= x1]  # the locator only: nothing measured
        at = [left + (t - x0) / (x1 - x0) * plot_w for t in ticks]
        half = [_width(_THOUSANDS(t), _AXIS_SIZE) / 2 for t in ticks]
        crowded = any(a2 - a1 < h1 + h2 + _PAD for a1, a2, h1, h2 in zip(at, at[1:], half, half[1:], strict=False))
        need_l = max([left, *(_PAD + h - a for a, h in zip(at, half, strict=True))])
        need_r = max([right, *(_PAD + h - (width - right - a) for a, h in zip(at, half, strict=True))])
        if crowded and bins > 1:
            bins -= 1
        elif (need_l, need_r) != (left, right):
            left, right = need_l, need_r
        else:
            break
    ax.set_xlabel(unit)
    ax.xaxis.set_label_coords(0.5, -label_y / plot_h)  # placed, not measured from the tick labels
    _row_labels(fig, ax, labels)
    if legend:
        _legend(fig, legend, legend_cols, height)
    return fig, ax


def _legend(fig: MplFigure, legend: Sequence[tuple[str, str]], columns: int, height: float) -> None:
    """The legend below the plot area and the unit, never over a bar or its text, filled row by row
    (matplotlib fills it column by column)."""
    order = [k for c in range(columns) for k in range(c, len(legend), columns)]
    handles = [Patch(color=legend[k][1], label=legend[k][0]) for k in order]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, _PAD / height), ncols=columns,
               frameon=False, fontsize=_SMALL_SIZE, borderaxespad=0, **_LEGEND)  # fmt: skip


def _row_labels(fig: MplFigure, ax: Axes, labels: Sequence[str]) -> None:
    """The rows' labels and tick marks, drawn as tick labels are but without an axis tick per row (a
    tick is four artists and a copy of the axis' properties; here a text per row and one marker line).
    The labels are the figure's texts: the axes' own texts are the bars' (callers look for them there)."""
    ax.set_yticks([])
    rows = range(len(labels))
    marks = Line2D([0] * len(labels), rows, transform=ax.get_yaxis_transform(), marker=0, linestyle="none",
                   markersize=_TICK, markeredgewidth=matplotlib.rcParams["ytick.major.width"],
                   color=matplotlib.rcParams["ytick.color"], clip_on=False)  # fmt: skip
    ax.add_artist(marks)  # marker 0 is matplotlib.markers.TICKLEFT, the y axis' own tick mark
    shift = ax.get_yaxis_transform() + ScaledTranslation(-2 * _TICK / 72, 0, fig.dpi_scale_trans)
    for y, label in zip(rows, labels, strict=True):
        fig.text(0, y, label, transform=shift, ha="right", va="center", fontsize=_SMALL_SIZE)


def _bars(
    fig: MplFigure, ax: Axes, ys: Sequence[float], xs: Sequence[float], texts: Sequence[str], colours: Sequence[str],
    thickness: float,
) -> None:  # fmt: skip
    """Bars from 0 to each x, centred on each y (one collection: far cheaper than a patch per bar), and
    each text just beyond its bar's end (left of it for a negative bar), centred on the bar."""
    half = thickness / 2
    rects = [((0, y - half), (0, y + half), (x, y + half), (x, y - half)) for y, x in zip(ys, xs, strict=True)]
    ax.add_collection(PolyCollection(rects, facecolors=list(colours), edgecolors="none", linewidths=0), autolim=False)
    after = ax.transData + ScaledTranslation(_BAR_TEXT_PAD / 72, 0, fig.dpi_scale_trans)
    before = ax.transData + ScaledTranslation(-_BAR_TEXT_PAD / 72, 0, fig.dpi_scale_trans)
    for y, x, text in zip(ys, xs, texts, strict=True):
        if text:
            ax.text(x, y, text, transform=after if x >= 0 else before, ha="left" if x >= 0 else "right",
                    va="center", fontsize=_SMALL_SIZE)  # fmt: skip


def grouped_bar_chart(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal | None]]], unit: str
) -> str:
    """Horizontal bars, one group per label and one bar per series (e.g. 预算 / 到位 / 执行); the legend
    is drawn below the plot area, outside it, so it never covers a bar or a value label."""
    with matplotlib.rc_context(_style()):
        n = max(1, len(series))
        step = 0.8 / n
        colours = [COLOURS[k % len(COLOURS)] for k in range(len(series))]
        numbers = [[float(v) if v is not None else 0.0 for v in values] for _, values in series]
        texts = [[thousands_text(v) for v in values] for _, values in series]
        fig, ax = _plot(
            title,
            [_shorten(label, 24) for label in labels],
            len(labels) * max(_MIN_GROUP, _SERIES_ROW * n),
            [(x, t) for xs, ts in zip(numbers, texts, strict=True) for x, t in zip(xs, ts, strict=True)],
            unit,
            legend=[(name, colour) for (name, _), colour in zip(series, colours, strict=True)],
        )
        for k, (xs, ts, colour) in enumerate(zip(numbers, texts, colours, strict=True)):
            ys = [i + (k - (n - 1) / 2) * step for i in range(len(labels))]
            _bars(fig, ax, ys, xs, ts, [colour] * len(xs), step * 0.9)
        return _svg(fig)


def bar_chart(title: str, bars: Sequence[Bar], unit: str, *, reference: Decimal | None = None) -> str:
    """Horizontal bars with a text at each end and an optional vertical reference line (e.g. 100%)."""
    with matplotlib.rc_context(_style()):
        xs = [float(b.value) if b.value is not None else 0.0 for b in bars]
        ref = float(reference) if reference is not None else None
        fig, ax = _plot(
            title,
            [_shorten(b.label) for b in bars],
            len(bars) * _BAR_ROW,
            [(x, b.text) for x, b in zip(xs, bars, strict=True)],
            unit,
            reference=ref,
        )
        _bars(fig, ax, range(len(bars)), xs, [b.text for b in bars], [b.colour or COLOURS[0] for b in bars], 0.7)
        if ref is not None:
            ax.axvline(ref, color="#555555", linewidth=0.8, linestyle="--")
        return _svg(fig)
