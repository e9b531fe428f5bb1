"""The notebook's view: perfnb.report.notebook.Report tables and autoescaped HTML fragments."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from perfnb.report.notebook import Html, Report
from tests.conftest import RAW, ROOT

D = Decimal
NANCHANG = "nanchang-ip-fund-2020"
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"
XSS_NAME = '<script>alert("x")</script>南通{{ 7*7 }}{% raw %}{%{% endraw %} if %}'
XSS_PROJECT = "<img src=x onerror=alert(1)>"
XSS_INDICATOR = "<script>evil()</script>提升南通地区专利质量"


@pytest.fixture(scope="module")
def nanchang() -> Report:
    return Report.build(NANCHANG, RAW)


@pytest.fixture(scope="module")
def nantong() -> Report:
    return Report.build("nantong-ipc-2025", RAW)


def counts(html: str, attribute: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(rf'<b {attribute}="(\w+)">(\d+)</b>', html)}


# --- summary and tables ---------------------------------------------------------------------


def test_summary_score_grade_and_counts(nanchang: Report) -> None:
    html = nanchang.summary()
    assert isinstance(html, Html)
    score = re.search(r'data-field="score">(.*?)</div>', html)
    assert score is not None
    assert score.group(1) == '93.31 <span class="pn-muted">/ 93.31</span>'  # recomputed / reported
    assert '<div class="pn-badge v-agrees">相符</div>' in html
    grade = re.search(r'data-field="grade">(.*?)</div>', html)
    assert grade is not None and grade.group(1) == '优 <span class="pn-muted">/ 优</span>'
    assert counts(html, "data-verdict") == {"agrees": 153, "differs": 8, "cannot_check": 99, "derived": 0}
    assert counts(html, "data-severity") == {"error": 2, "warning": 13, "info": 15}
    assert "南昌市市场监督管理局（知识产权局）（nanchang-ip-fund-2020）" in html


def test_figures_table(nanchang: Report) -> None:
    table = nanchang.figures_table()
    assert len(table) == 260
    assert table["verdict"].value_counts().to_dict() == {"agrees": 153, "cannot_check": 99, "differs": 8}
    row = table[table["编号"] == "score:i-g1"].iloc[0]
    assert (row["原文"], row["复算"], row["差额"], row["结论"]) == ("2.57分", "2.57分", "0", "相符")
    assert row["项目"] == "整体"
    assert row["公式"] == "分值 × 资金到位率（封顶）"
    # relative to the department folder, then where the row was printed in the document (its ref)
    assert row["出处"] == "indicators.csv 第 9 行 score（原表：四、（2）项目过程情况 1.资金管理 a. L186-L188）"


def test_findings_table(nanchang: Report) -> None:
    table = nanchang.findings_table()
    assert len(table) == 30
    assert table["严重程度"].iloc[0] == "错误"
    assert list(table["severity"]) == ["error"] * 2 + ["warning"] * 13 + ["info"] * 15
    first = table.iloc[0]
    assert (first["代码"], first["项目"]) == ("SCORE_MISMATCH", "知识产权补助项目")


def test_indicators_table_completion(nanchang: Report) -> None:
    table = nanchang.indicators_table()
    assert len(table) == 71

    def row(name: str, target: str) -> dict:
        rows = table[(table["三级指标"] == name) & (table["年度指标值"] == target)].to_dict("records")
        assert len(rows) >= 1, name
        return rows[0]

    granted = row("受理专利授权奖励", "2500项")
    assert (granted["实际完成值"], granted["完成率"], granted["达成"], granted["met"]) == (
        "4609项",
        "184.4%",
        "达成",
        True,
    )
    assert granted["completion"] == D(4609) * 100 / D(2500)
    assert granted["项目"] == "知识产权奖励项目"
    case = row("维权案件资金案件", "1起")
    assert (case["实际完成值"], case["完成率"], case["达成"], case["met"]) == ("0起", "0.0%", "未达成", False)
    firms = row("企业贯标补助项目", "10家")
    assert (firms["完成率"], firms["达成"]) == ("370.0%", "达成")
    words = row("培育南昌市知识产权示范企业、优势企业", "5家")
    assert (words["完成率"], words["达成"], words["完成率说明"]) == ("", "", "定性指标或单位不同，不计算完成率")
    blank = table[table["三级指标"] == "资金到位率"].iloc[0]
    assert (blank["完成率"], blank["完成率说明"]) == ("", "未填目标值")
    assert int(table["completion"].notna().sum()) == 27


def test_indicators_html(nanchang: Report) -> None:
    html = nanchang.indicators()
    assert "<h2>绩效指标（71 项）</h2>" in html
    assert re.search(r'<td[^>]*>184\.4%</td>\s*<td[^>]*><span class="pn-badge v-agrees">达成</span>', html)
    assert re.search(r'<td[^>]*>0\.0%</td>\s*<td[^>]*><span class="pn-badge v-differs">未达成</span>', html)


def test_section_scores(nanchang: Report) -> None:
    assert nanchang.section_scores() == [
        ("决策", D(15), D("13.78"), D("13.78")),
        ("过程", D(15), D("14.28"), D("14.28")),
        ("产出", D(40), D("35.25"), D("35.25")),
        ("效益", D(20), D(20), D("19.98")),  # 7 + 7 + 6 printed; 6.99 + 6.99 + 6.00 recomputed
        ("满意度", D(10), D(10), D(10)),
    ]


def test_reconciliation_groups_in_order(nanchang: Report) -> None:
    html = nanchang.reconciliation()
    groups = re.findall(r'<summary><span class="pn-badge v-(\w+)">(.+?)</span> (\d+) 个</summary>', html)
    # the 14 indicator scores that agree are shown in the indicator table, not twice
    assert groups == [("differs", "不符", "8"), ("agrees", "相符", "139"), ("cannot_check", "无法复核", "99")]
    assert html.count('<tr class="v-row-') == 8 + 99  # differences and what cannot be checked in full
    assert html.count('<li data-figure="') == 139  # agreeing figures one line each
    assert '<li data-figure="r030">' in html
    assert "另有 14 项指标得分与复算相符，列在下面的指标表中" in html
    first = re.search(r"<details[^>]*>", html)
    assert first is not None and first.group(0).endswith(" open>")  # the first group (不符) is open


def test_findings_html(nanchang: Report) -> None:
    html = nanchang.findings()
    assert "<h2>发现的问题（30 条）</h2>" in html
    assert html.count('<tr class="s-row-error">') == 2
    assert html.count('<tr class="s-row-warning">') == 13
    assert html.count('<tr class="s-row-info">') == 15


def test_title(nanchang: Report) -> None:
    assert re.search(
        r"<h1[^>]*>南昌市市场监督管理局（知识产权局） · 2020 年度预算绩效自评复核报告</h1>", nanchang.title()
    )


# --- charts -------------------------------------------------------------------------------


def test_charts_nanchang(nanchang: Report) -> None:
    html = nanchang.charts()
    assert html.count("<svg") == 3
    assert "<figcaption>" not in html
    title = "未达成及完成率最低的 25 项指标（共 27 项，全部见指标表；绿：达成，红：未达成）"
    for text in ("预算与执行", title, "各部分得分", "知识产权奖励项目"):
        assert f">{text}</text>" in html
    assert ">0.0%</text>" in html and ">184.4%</text>" in html
    assert ">370.0%（图中截断）</text>" not in html  # the two highest (370%) are left to the indicator table
    assert ">决策（15分）</text>" in html


def test_charts_target_table(nantong: Report) -> None:
    html = nantong.charts()
    assert html.count("<svg") == 0  # one budget figure: a chart of one bar compares nothing
    assert "<figcaption>预算与执行：只有一个数字（整体全年预算数 879.12 万元），不作图。</figcaption>" in html
    assert nantong.budget_chart() is None
    assert "<figcaption>指标完成率：没有可计算完成率的指标（目标表或定性指标）。</figcaption>" in html
    assert "<figcaption>各部分得分：文件没有按部分印出的得分。</figcaption>" in html
    assert nantong.completion_chart() is None
    assert nantong.section_chart() is None
    assert nantong.section_scores() == []


# --- provenance ---------------------------------------------------------------------------


def test_provenance_lists_inputs_with_hashes(nanchang: Report) -> None:
    html = nanchang.provenance({"dept_id": NANCHANG, "flag": "<b>"}, str(NOTEBOOK))
    files = sorted(p for p in (RAW / NANCHANG).iterdir() if p.is_file())
    assert len(files) == 6
    shown = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        if len(cells) == 4:
            shown[cells[0]] = cells[1:]
    assert shown == {
        f"{NANCHANG}/{p.name}": [hashlib.sha256(p.read_bytes()).hexdigest(), str(p.stat().st_size), "utf-8"]
        for p in files
    }
    assert "<span>perfnb 0.1.0</span>" in html
    assert "<tr><th>dept_id</th><td>nanchang-ip-fund-2020</td></tr>" in html
    assert "<td>&lt;b&gt;</td>" in html
    nb_hash = hashlib.sha256(NOTEBOOK.read_bytes()).hexdigest()
    assert f'department_audit.ipynb <span class="hash">SHA-256 {nb_hash}</span>' in html


def test_provenance_without_notebook(nanchang: Report) -> None:
    html = nanchang.provenance({})
    assert "执行的笔记本" not in html
    assert "nanchang-special-fund-2020，模式 special_fund" in html


def test_html_repr() -> None:
    assert Html("x")._repr_html_() == "x"
    assert Html("<b>x</b>")._repr_html_() == "<b>x</b>"
    assert isinstance(Html("x"), str)


# --- escaping data ------------------------------------------------------------------------


def _rewrite_csv(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Rewrite a CSV after ``edit(rows)``, keeping its BOM (if any) and line endings."""
    raw = path.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    newline = "\r\n" if b"\r\n" in raw else "\n"
    rows = list(csv.reader(io.StringIO(raw.decode(encoding), newline="")))
    edit(rows)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator=newline).writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


@pytest.fixture(scope="module")
def xss(tmp_path_factory: pytest.TempPathFactory) -> Report:
    raw = tmp_path_factory.mktemp("xss") / "raw"
    folder = Path(shutil.copytree(RAW / "nantong-ipc-2025", raw / "xss-dept"))
    header = yaml.safe_load((folder / "department.yaml").read_text(encoding="utf-8"))
    header.update(id="xss-dept", name=XSS_NAME)
    (folder / "department.yaml").write_text(yaml.safe_dump(header, allow_unicode=True, sort_keys=False), "utf-8")

    # nantong's projects.csv has a header only: add a project and give it an indicator.
    def add_project(rows: list[list[str]]) -> None:
        assert len(rows) == 1 and rows[0][:3] == ["id", "name", "kind"]
        rows.append(["p1", XSS_PROJECT, "项目"] + [""] * (len(rows[0]) - 3))

    def edit_indicators(rows: list[list[str]]) -> None:
        head = rows[0]
        rows[1][head.index("project_id")] = "p1"
        vague = next(r for r in rows if r[head.index("level3")] == "提升南通地区专利质量")
        vague[head.index("level3")] = XSS_INDICATOR  # also the subject of a VAGUE_TARGET finding

    _rewrite_csv(folder / "projects.csv", add_project)
    _rewrite_csv(folder / "indicators.csv", edit_indicators)
    return Report.build("xss-dept", raw)


def test_xss_data_is_read(xss: Report) -> None:
    assert xss.summary_data["department"]["name"] == XSS_NAME
    assert set(xss.indicators_table()["项目"]) >= {XSS_PROJECT}
    assert XSS_INDICATOR in set(xss.findings_table()["对象"])


def test_data_is_escaped_everywhere(xss: Report) -> None:
    parts = {
        "title": xss.title(),
        "summary": xss.summary(),
        "findings": xss.findings(),
        "reconciliation": xss.reconciliation(),
        "indicators": xss.indicators(),
        "charts": xss.charts(),
        "provenance": xss.provenance({"name": XSS_NAME}),
    }
    for name, html in parts.items():
        assert "<script" not in html, name
        assert "<img src=x" not in html, name
        assert "南通49" not in html, name
    html = "".join(parts.values())
    assert "&lt;script&gt;" in html
    assert str(escape(XSS_NAME)) in parts["title"]
    assert str(escape(XSS_NAME)) in parts["summary"]
    assert "南通{{ 7*7 }}{% raw %}{%{% endraw %} if %}" in parts["title"]  # Jinja syntax in data stays text
    assert re.search(r"<td[^>]*>&lt;img src=x onerror=alert\(1\)&gt;</td>", parts["indicators"])
    assert re.search(r"<td[^>]*>&lt;script&gt;evil\(\)&lt;/script&gt;提升南通地区专利质量</td>", parts["findings"])
    assert "&lt;script&gt;evil()&lt;/script&gt;" in parts["indicators"]
