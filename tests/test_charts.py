"""Charts: SVG text with Chinese labels in the packaged CJK font, escaped, deterministic."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from perfnb import charts
from perfnb.charts import Bar, bar_chart, cjk_font, grouped_bar_chart

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
    assert charts._number(value) == text


def test_grouped_chart_prints_half_up_labels() -> None:
    found = texts(grouped())
    assert {"1,472.00", "820.80", "0.13", "—"} <= set(found)
    assert "1,471.99" not in found and "0.12" not in found


def test_bar_chart_prints_the_given_texts() -> None:
    found = texts(bars("甲", "乙"))
    assert {"90%", "100%"} <= set(found)
