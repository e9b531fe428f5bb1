"""Charts: SVG text with Chinese labels in the packaged CJK font, escaped, deterministic."""

from __future__ import annotations

import itertools
import unicodedata
import warnings
import xml.etree.ElementTree as ET
from decimal import Decimal

import matplotlib
import matplotlib.text
import pytest
from matplotlib import font_manager
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from perfnb.base.numbers import thousands_text
from perfnb.report import charts
from perfnb.report.charts import Bar, bar_chart, cjk_font, grouped_bar_chart

D = Decimal
SVG_NS = "{http://www.w3.org/2000/svg}"
XSS = "<script>alert(1)</script>"


def grouped(labels: list[str] | None = None) -> str:
    return grouped_bar_chart(
        "预算与执行",
        labels or ["知识产权奖励项目", "知识产权补助项目"],
        [("全年预算数", [D("1471.9961"), D("820.8")]), ("执行数", [D("0.125"), None])],
        "万元",
    )


def bars(*labels: str) -> str:
    return bar_chart(
        "指标完成率",
        [Bar(label, D(90 + 10 * i), f"{90 + 10 * i}%", "#59a14f") for i, label in enumerate(labels)],
        "%",
        reference=D(100),
    )


def texts(svg: str) -> list[str]:
    """The text of every ``<text>`` element (parsing also proves the SVG is well-formed XML)."""
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def test_cjk_font_is_the_packaged_noto() -> None:
    assert cjk_font() == "Noto Sans CJK SC"


@pytest.mark.parametrize("draw", [lambda: grouped(), lambda: bars("知识产权奖励项目", "维权援助")])
def test_charts_are_inline_svg_with_chinese_text(draw) -> None:  # type: ignore[no-untyped-def]
    svg = draw()
    assert svg.startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert "知识产权奖励项目" in texts(svg)
    assert "font-family: 'Noto Sans CJK SC'" in svg
    assert "<dc:date>" not in svg and "Date" not in svg


def test_grouped_chart_text() -> None:
    found = texts(grouped())
    assert "预算与执行" in found
    assert {"知识产权奖励项目", "知识产权补助项目", "全年预算数", "执行数", "万元"} <= set(found)


def test_drawing_emits_no_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        grouped(["知识产权奖励项目", "维权援助：¥、％、“引号”"])
        bars("知识产权保护中心运行经费项目", "满意度≥95%")
    messages = [str(w.message) for w in caught]
    assert not any("Glyph" in m for m in messages)
    assert messages == []


def test_output_is_deterministic() -> None:
    assert grouped() == grouped()
    assert bars("甲", "乙") == bars("甲", "乙")
    assert grouped() != grouped(["知识产权奖励项目", "另一个项目"])


def test_labels_are_escaped() -> None:
    for svg in (grouped([XSS, "A & B"]), bars(XSS, "A & B")):
        assert "<script" not in svg
        assert "&lt;script&gt;" in svg
        assert "A &amp; B" in svg
        assert "A & B" in texts(svg)
        joined = "".join(texts(svg))
        assert "<script>alert(1)" in joined  # the label survives as text, not as markup


def test_dollar_signs_stay_literal() -> None:
    svg = grouped(["$x$ 项目", "知识产权补助项目"])
    assert "$x$ 项目" in texts(svg)
    svg = bars("成本 $x$", "甲")
    assert "成本 $x$" in texts(svg)


def test_long_labels_are_wrapped_or_shortened() -> None:
    name = "知识产权保护中心运行经费项目与知识产权管理费项目合计"  # 26 characters
    found = [t for t in texts(grouped([name, "乙"])) if t.startswith("知识产权保护")]
    assert len(found) == 1 and name not in found and name.startswith(found[0].rstrip("…"))
    assert name[:21] + "…" in texts(bars(name))
    assert "知识产权奖励项目" in texts(bars("知识产权奖励项目"))  # short labels are kept whole


@pytest.mark.parametrize(
    ("value", "text"),
    [(D("1471.9961"), "1,472.00"), (D("820.8"), "820.80"), (D("0.125"), "0.13"), (D("-2.535"), "-2.54"),
     (D("1234567"), "1,234,567.00"), (None, "—")],
)  # fmt: skip
def test_bar_label_numbers(value: Decimal | None, text: str) -> None:
    assert thousands_text(value) == text


def test_grouped_chart_prints_half_up_labels() -> None:
    found = texts(grouped())
    assert {"1,472.00", "820.80", "0.13", "—"} <= set(found)
    assert "1,471.99" not in found and "0.12" not in found


def test_bar_chart_prints_the_given_texts() -> None:
    found = texts(bars("甲", "乙"))
    assert {"90%", "100%"} <= set(found)


# ---- layout: computed once, nothing outside the figure ---------------------------------------------------

LONG = "知识产权保护中心运行经费项目与知识产权管理费项目合计"  # 26 characters: cut to 22 or 24


def size(svg: str) -> tuple[str, str]:
    root = ET.fromstring(svg)
    return root.get("width", ""), root.get("height", "")


def many(n: int, label: str = LONG) -> str:
    return bar_chart(
        "完成率最低的 25 项指标（共 1234 项，全部见指标表；绿：达成，红：未达成）",
        [Bar(f"{i}{label}", D(40 + 7 * i), f"{40 + 7 * i}.0%（图中截断）", "#e15759") for i in range(n)],
        "%",
        reference=D(100),
    )


def budget(n: int, label: str = LONG) -> str:
    names = ("全年预算数", "全年到位数", "全年执行数")
    return grouped_bar_chart(
        "预算与执行",
        [f"{i:02d}{label}" for i in range(n)],
        [(name, [D("1234567.891") * (k + 1) / (i + 1) for i in range(n)]) for k, name in enumerate(names)],
        "万元",
    )


def test_the_size_depends_on_the_rows_not_on_the_labels() -> None:
    """The size is computed, not read off a first drawing: the same for short and long labels, the same
    width for every chart, and the height growing by the same step with each row."""
    for draw in (many, budget):
        assert size(draw(3, "甲")) == size(draw(3)) == size(draw(3, "WWWWWWWWWWWWWWWWWWWWWWWWWWWW"))
        heights = [float(size(draw(n))[1].removesuffix("pt")) for n in (3, 5, 7)]
        assert heights[2] - heights[1] == pytest.approx(heights[1] - heights[0])
    assert {size(svg)[0] for svg in (grouped(), bars("甲", "乙"), many(9), budget(9))} == {"576pt"}


def test_one_drawing_and_no_layout_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """One layout pass: no ``bbox_inches="tight"`` (a second drawing) and no constrained layout."""
    figures: list[Figure] = []
    draws: list[object] = []
    draw, svg = Figure.draw, charts._svg

    def counted(self: Figure, renderer: RendererBase) -> None:
        draws.append(self)
        draw(self, renderer)

    def kept(fig: Figure) -> str:
        figures.append(fig)
        return svg(fig)

    monkeypatch.setattr(Figure, "draw", counted)
    monkeypatch.setattr(charts, "_svg", kept)
    grouped()
    many(25)
    assert len(figures) == 2 and draws == figures
    assert all(fig.get_layout_engine() is None for fig in figures)


def glyph_box(text: ET.Element) -> tuple[float, float, float, float]:
    """An upper bound of where a ``<text>`` element's glyphs can go (x0, y0, x1, y1 in the SVG's units),
    from its anchor, its size and a generous width per character (ideographs and full-width forms 1 em,
    the widest Latin letters 0.95 em, other characters 0.62 em), however the reader's font sets them."""
    style = dict(part.split(":", 1) for part in text.get("style", "").replace(" ", "").split(";") if part)
    em = float(style["font-size"].removesuffix("px"))
    content = "".join(text.itertext())
    wide = sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.95 if c in "%@MWmw" else 0.62 for c in content)
    width = wide * em
    x, y = float(text.get("x", 0)), float(text.get("y", 0))
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[style.get("text-anchor", "start")]
    return x0, y - 0.95 * em, x0 + width, y + 0.3 * em  # from the baseline: ideographs' tops, descenders


def negative() -> str:
    return grouped_bar_chart(
        "负数", ["甲", LONG], [("预算数", [D("-1234567.891"), D(250)]), ("执行数", [None, D(-3)])], "元"
    )


@pytest.mark.parametrize(
    "draw",
    [lambda: many(25), lambda: many(2, "WWWWWWWWWWWWWWWWWWWWWWWWWW"), lambda: budget(12), lambda: budget(2),
     lambda: grouped([LONG, "乙"]), lambda: bars("甲", "乙"),
     negative],
)  # fmt: skip
def test_no_text_leaves_the_svg(draw) -> None:  # type: ignore[no-untyped-def]
    """No text is clipped by the SVG's edges: long Chinese labels, the texts at the bars' ends, the
    x tick labels, the unit, the legend and a long title all lie inside the viewBox."""
    root = ET.fromstring(draw())
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    found = list(root.iter(f"{SVG_NS}text"))
    assert found
    for text in found:
        assert "translate" not in text.get("transform", ""), "x and y are the text's anchor"
        x0, y0, x1, y1 = glyph_box(text)
        assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height, "".join(text.itertext())


def drawn(draw) -> tuple[Figure, RendererBase]:  # type: ignore[no-untyped-def]
    """The figure a chart function drew, drawn again on an Agg canvas, and its renderer, to measure texts."""
    figures: list[Figure] = []
    svg = charts._svg

    def kept(fig: Figure) -> str:
        figures.append(fig)
        return svg(fig)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "_svg", kept)
        draw()
    (fig,) = figures
    canvas = FigureCanvasAgg(fig)
    with matplotlib.rc_context(charts._style()):
        canvas.draw()  # type: ignore[no-untyped-call]
    return fig, canvas.get_renderer()  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("draw", [lambda: budget(12), lambda: budget(2), lambda: many(25), lambda: grouped(), negative])
def test_measured_texts_stay_in_their_place(draw) -> None:  # type: ignore[no-untyped-def]
    """Measured as matplotlib measures them: every text inside the figure, the texts at the bars' ends
    inside the plot area, the row labels left of it, the x tick labels apart, the legend below the
    unit, which is below the tick labels, which are below the plot area."""
    fig, renderer = drawn(draw)
    (ax,) = fig.axes
    page, plot = fig.bbox, ax.get_window_extent(renderer)
    x0, x1 = ax.get_xlim()
    locs = ax.xaxis.get_majorticklocs()
    ticks = zip(ax.xaxis.get_major_ticks(len(locs)), locs, strict=True)
    labels = [tick.label1 for tick, loc in ticks if x0 <= loc <= x1]
    hidden = {tick.label1 for tick in ax.xaxis.get_major_ticks()} - set(labels)  # ticks beyond the x range: not drawn
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text() and t not in hidden]
    assert set(labels) <= set(texts) and ax.xaxis.label in texts and len(texts) > 8
    for t in texts:
        box = t.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, t.get_text()
    title, *rows = fig.texts  # the row labels are the figure's, the texts at the bars' ends the axes'
    ends = [t for t in ax.texts if t.get_text()]
    assert rows and ends and all(t.get_horizontalalignment() == "right" for t in rows)
    assert all(t.get_window_extent(renderer).x1 < plot.x0 for t in rows)
    assert all(plot.x0 < t.get_window_extent(renderer).x0 and t.get_window_extent(renderer).x1 < plot.x1 for t in ends)
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
    assert len(boxes) >= 3
    assert all(a.x1 < b.x0 for a, b in itertools.pairwise(boxes))
    assert all(b.y1 < plot.y0 for b in boxes)
    assert title.get_window_extent(renderer).y0 > plot.y1
    unit = ax.xaxis.label.get_window_extent(renderer)
    assert unit.y1 < min(b.y0 for b in boxes)
    if fig.legends:
        (legend,) = fig.legends
        assert legend.get_window_extent(renderer).y1 < unit.y0  # below the plot area and the unit, over no bar


def test_fonts_are_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The font is registered once per process and its lookups are cached: another chart adds no font
    and misses no cached lookup."""
    grouped()
    bars("甲", "乙")
    monkeypatch.setattr(font_manager.fontManager, "addfont", lambda path: pytest.fail(f"addfont({path}) again"))
    lookups = font_manager.fontManager._findfont_cached  # type: ignore[attr-defined]
    misses = lookups.cache_info().misses
    grouped(["知识产权奖励项目", "另一个项目"])
    bars("丙", "丁")
    assert lookups.cache_info().misses == misses
    assert charts._face.cache_info().currsize == 1


def test_long_inputs_are_deterministic() -> None:
    assert many(6) == many(6)
    assert budget(4) == budget(4)
