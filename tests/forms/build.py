"""Build the form files the ``perfnb import`` tests read, in many layout variants, from ``content.py``.

Every form is first laid out as a :class:`Grid` — anchored cells with row/column spans, one role per
row — and the grid is then printed by one renderer per format, so an .xlsx, a .docx and a .pdf of the
same content and variant hold the same cells at the same places.  Tests may call
:func:`self_evaluation_grid` / :func:`target_table_grid` to know exactly where a value sits.

Coordinates
-----------
Grid rows and columns are 0-based.  In .xlsx the grid is the sheet itself: grid (r, c) is sheet cell
row r+1, column c+1, and the two title rows are sheet rows 1–2.  In .docx and .pdf the two title rows
are printed as text above the table (docx paragraphs, pdf text lines), so table row i is grid row i+2.

Self-evaluation grid (项目支出绩效自评表,财预〔2020〕10号), 9 columns A–I, standard variant
--------------------------------------------------------------------------------------------
==========  ==================  ======================================================================
sheet row   role                cells
==========  ==================  ======================================================================
1           title               A1:I1 项目支出绩效自评表
2           year                A2:I2 （2024年度）
3           name                A3 项目名称 | B3:I3 project name
4           departments         A4 主管部门 | B4:E4 department | F4 实施单位 | G4:I4 unit
5           funds_header        A5:A9 项目资金（万元） | B5:C5 blank | D 年初预算数 | E 全年预算数 |
                                F 全年执行数 | G 分值 | H 执行率 | I 得分
6–9         funds               B:C row label (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金) |
                                D–F amounts | G 分值 | H 执行率 | I 得分 (rows 7–9: "—", "", "—")
10          goal_header         A10:A11 年度总体目标 | B10:E10 预期目标 | F10:I10 实际完成情况
11          goal                B11:E11 expected text | F11:I11 actual text
12          indicator_header    A12:A(12+n) 绩效指标 | B 一级指标 | C 二级指标 | D 三级指标 | E 年度指标值 |
                                F 实际完成值 | G 分值 | H 得分 | I 偏差原因分析及改进措施
13…12+n     indicator           B 一级 (merged down over its group) | C 二级 (merged down over its group) |
                                D 三级 | E target | F actual | G weight | H score | I deviation
13+n        total               A:F 总分 | G 100 | H 95.03 | I blank
14+n        grade               A 自评等级 | B:I 优
==========  ==================  ======================================================================

For P1 (n = 10) the indicator rows are 13–22, 总分 is row 23 and 自评等级 row 24.

Target-table grid (项目支出绩效目标表), 5 columns A–E
--------------------------------------------------
==========  ==================  ======================================================================
1           title               A1:E1 项目支出绩效目标表
2           year                A2:E2 （2025年度）
3           name                A3 项目名称 | B3:E3 project name
4           departments         A4 主管部门 | B4 department | C4 实施单位 | D4:E4 unit
5           funds_header        A5:A8 项目资金（万元） | B5:C5 blank | D5:E5 年度金额
6–8         funds               B:C label (年度资金总额, 其中：财政拨款, 其他资金) | D:E amount
9           goal                A9 年度目标 | B9:E9 goal text
10          indicator_header    A10:A(10+n) 绩效指标 | B 一级指标 | C 二级指标 | D 三级指标 | E 指标值
11…10+n     indicator           B 一级 (merged by group) | C 二级 (merged by group) | D 三级 | E 指标值
==========  ==================  ======================================================================

Self-evaluation variants (``SELF_EVALUATION_VARIANTS``; xlsx all; docx all but numeric_cells; pdf all but
numeric_cells and no_merge)
-------------------------------------------------------------------------------------------------
- ``standard``: the grid above; merged cells; every value a text cell.
- ``messy_headers``: labels as in :data:`MESSY_LABELS` (line breaks, stray ASCII/ideographic spaces,
  评价等级 for 自评等级, 其中: with a half-width colon), year line with full-width digits （２０２４年度）.
- ``units_in_cells``: the funds label is 项目资金 (no unit anywhere in a header); the amounts of the
  funds block carry their unit ("120.00万元").
- ``filler_rows``: blank rows after the year row, after the funds block, after the goal block and one
  inside the indicator block (after the first 一级指标 group, covered by the 绩效指标 label merge); after
  the grade row a blank row and the two :data:`FILLER_LINES` rows (merged across A–I).  Row roles
  ``blank`` / ``filler``.
- ``no_merge``: no merged cells; every spanned value only in its anchor (top-left) cell, blanks
  elsewhere (一级/二级 on the first row of their group, 项目资金/绩效指标/年度总体目标 on their first row).
- ``numeric_cells`` (xlsx only): as standard, but amounts, 分值, 得分, the totals are numbers whose
  number format prints the canonical text ("0.00", "General"), the execution rate is 0.92 as "0.00%".
- ``multi``: standard layout, at least two projects required.

Every builder takes one project or a sequence: xlsx puts one project per sheet (sheet title =
``sheet_name``), docx one table per project (each after its title paragraphs, page break between),
pdf one page per project.  Target tables support ``standard`` and ``no_merge``.

Output is reproducible: fixed document dates (:data:`FIXED_DATE`), fixed zip member timestamps, fixed
PDF creation date.
"""

from __future__ import annotations

import importlib.resources
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt
from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos
from fpdf.fonts import FontFace
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from PIL import Image, ImageDraw, ImageFont

from tests.forms.content import SelfEvaluation, TargetTable

_Form = TypeVar("_Form", SelfEvaluation, TargetTable)

FIXED_DATE = datetime(2025, 3, 1, 9, 0, 0)  # naive UTC: openpyxl/python-docx core properties
FIXED_ZIP_TIME = (2025, 3, 1, 9, 0, 0)
FONT_PATH = Path(str(importlib.resources.files("mplfonts") / "fonts" / "SimHei.ttf"))

SELF_EVALUATION_VARIANTS = (
    "standard",
    "messy_headers",
    "units_in_cells",
    "filler_rows",
    "no_merge",
    "numeric_cells",
    "multi",
)
XLSX_VARIANTS = SELF_EVALUATION_VARIANTS
DOCX_VARIANTS = tuple(v for v in SELF_EVALUATION_VARIANTS if v != "numeric_cells")
# no_merge would put the goal texts into one narrow column each: the page would overflow to a second one.
PDF_VARIANTS = tuple(v for v in DOCX_VARIANTS if v != "no_merge")
TARGET_VARIANTS = ("standard", "no_merge")

SE_COLS = 9  # self-evaluation grid: A–I
TT_COLS = 5  # target-table grid: A–E

FILLER_LINES = ("填表人：张三　联系电话：12345678", "填报日期：2025年3月1日")

# canonical label → printed label in the messy_headers variant; "funds:"/"indicators:" tell apart the
# 分值/得分 headers of the two blocks.
MESSY_LABELS: dict[str, str] = {
    "项目名称": " 项目名称",
    "主管部门": "主管\n部门",
    "实施单位": "实施单位　",
    "项目资金（万元）": "项目资金\n（万元）",
    "年初预算数": "年初\n预算数",
    "全年预算数": "全 年 预 算 数",
    "全年执行数": "全年\n执行数",
    "funds:分值": " 分值 ",
    "执行率": "执 行 率",
    "funds:得分": "得　分",
    "其中：当年财政拨款": "其中: 当年财政拨款",
    "年度总体目标": "年度\n总体目标",
    "实际完成情况": "实际完成\n情况",
    "绩效指标": "绩\n效\n指\n标",
    "一级指标": "一级\n指标",
    "二级指标": "二级指标 ",
    "三级指标": "三级指标　",
    "年度指标值": "年度\n指标值",
    "实际完成值": "实际\n完成值",
    "indicators:分值": "分　值",
    "indicators:得分": " 得分",
    "偏差原因分析及改进措施": "偏差原因分析\n及改进措施",
    "总分": "总　分",
    "自评等级": "评价等级",
}

_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?(%?)$")


# --------------------------------------------------------------------------- grid


@dataclass(frozen=True)
class GridCell:
    """An anchored cell: its text and how many rows/columns it spans.

    ``kind`` says what the cell holds: title, label (a printed header), text, long (wrapping text),
    amount (funds amount), number (weight/score/total), rate (execution rate).
    """

    text: str
    kind: str = "text"
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    """A form laid out as anchored cells; ``roles`` names each row (see the module docstring)."""

    n_cols: int
    title_rows: int = 2
    roles: list[str] = field(default_factory=list)
    cells: dict[tuple[int, int], GridCell] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return len(self.roles)

    def text(self, row: int, col: int) -> str:
        """The text anchored at (row, col); "" for an empty or covered position."""
        cell = self.cells.get((row, col))
        return cell.text if cell else ""

    def covering(self, row: int, col: int) -> tuple[int, int] | None:
        """The anchor whose span covers (row, col), or None."""
        for (r, c), cell in self.cells.items():
            if r <= row < r + cell.rowspan and c <= col < c + cell.colspan:
                return (r, c)
        return None

    def merges(self) -> list[tuple[int, int, int, int]]:
        """Merged ranges as (first row, first col, last row, last col), inclusive, 0-based."""
        return sorted(
            (r, c, r + cell.rowspan - 1, c + cell.colspan - 1)
            for (r, c), cell in self.cells.items()
            if cell.rowspan > 1 or cell.colspan > 1
        )

    def rows(self, role: str) -> list[int]:
        """The indices of the rows with this role."""
        return [i for i, name in enumerate(self.roles) if name == role]

    def row_texts(self, row: int) -> list[str]:
        """The anchored texts of one row, one per column ("" where empty or covered)."""
        return [self.text(row, c) for c in range(self.n_cols)]


class _GridWriter:
    """Appends rows to a grid; drops every span when ``merge`` is false (no_merge variant)."""

    def __init__(self, n_cols: int, merge: bool) -> None:
        self.grid = Grid(n_cols)
        self.merge = merge

    def row(self, role: str) -> int:
        self.grid.roles.append(role)
        return self.grid.n_rows - 1

    def put(self, row: int, col: int, text: str, kind: str = "text", *, rowspan: int = 1, colspan: int = 1) -> None:
        if not self.merge:
            rowspan = colspan = 1
        self.grid.cells[(row, col)] = GridCell(text, kind, rowspan, colspan)


def _group_spans(keys: Sequence[tuple[str, ...]]) -> list[int]:
    """For each row, the length of the run of equal keys it starts, or 0 if it continues one."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            spans[start] = i - start
            start = i
    return spans


def _layout(variant: str, allowed: Sequence[str]) -> str:
    if variant not in allowed:
        raise ValueError(f"unknown or unsupported variant {variant!r}; expected one of {', '.join(allowed)}")
    return "standard" if variant in ("multi", "numeric_cells") else variant


def self_evaluation_grid(project: SelfEvaluation, variant: str = "standard") -> Grid:
    """Lay out one project's 项目支出绩效自评表 (see the module docstring for rows and columns)."""
    layout = _layout(variant, SELF_EVALUATION_VARIANTS)
    messy = layout == "messy_headers"
    filler = layout == "filler_rows"
    in_cells = layout == "units_in_cells"

    def label(key: str) -> str:
        return MESSY_LABELS.get(key, key.split(":")[-1]) if messy else key.split(":")[-1]

    def amount(text: str) -> str:
        return f"{text}{project.money_unit}" if in_cells and text else text

    w = _GridWriter(SE_COLS, merge=layout != "no_merge")
    year = f"（{project.year}年度）"
    w.put(w.row("title"), 0, project.title, "title", colspan=SE_COLS)
    w.put(w.row("year"), 0, year.translate(_FULL_WIDTH_DIGITS) if messy else year, "title", colspan=SE_COLS)
    if filler:
        w.row("blank")

    r = w.row("name")
    w.put(r, 0, label("项目名称"), "label")
    w.put(r, 1, project.project_name, colspan=8)
    r = w.row("departments")
    w.put(r, 0, label("主管部门"), "label")
    w.put(r, 1, project.department, colspan=4)
    w.put(r, 5, label("实施单位"), "label")
    w.put(r, 6, project.unit, colspan=3)

    r = w.row("funds_header")
    funds_label = "项目资金" if in_cells else label(f"项目资金（{project.money_unit}）")
    w.put(r, 0, funds_label, "label", rowspan=1 + len(project.funds))
    w.put(r, 1, "", "label", colspan=2)
    for col, key in enumerate(("年初预算数", "全年预算数", "全年执行数", "funds:分值", "执行率", "funds:得分"), 3):
        w.put(r, col, label(key), "label")
    for funds in project.funds:
        r = w.row("funds")
        w.put(r, 1, label(funds.label), "label", colspan=2)
        w.put(r, 3, amount(funds.budget_initial), "amount")
        w.put(r, 4, amount(funds.budget), "amount")
        w.put(r, 5, amount(funds.executed), "amount")
        w.put(r, 6, funds.weight, "number")
        w.put(r, 7, funds.rate, "rate")
        w.put(r, 8, funds.score, "number")
    if filler:
        w.row("blank")

    r = w.row("goal_header")
    w.put(r, 0, label("年度总体目标"), "label", rowspan=2)
    w.put(r, 1, label("预期目标"), "label", colspan=4)
    w.put(r, 5, label("实际完成情况"), "label", colspan=4)
    r = w.row("goal")
    w.put(r, 1, project.goal_expected, "long", colspan=4)
    w.put(r, 5, project.goal_actual, "long", colspan=4)
    if filler:
        w.row("blank")

    indicators = project.indicators
    level1_spans = _group_spans([(i.level1,) for i in indicators])
    level2_spans = _group_spans([(i.level1, i.level2) for i in indicators])
    blank_after = level1_spans[0] - 1 if filler else -1  # last row of the first 一级指标 group
    r = w.row("indicator_header")
    w.put(r, 0, label("绩效指标"), "label", rowspan=1 + len(indicators) + (1 if filler else 0))
    headers = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "indicators:分值", "indicators:得分")
    for col, key in enumerate((*headers, "偏差原因分析及改进措施"), 1):
        w.put(r, col, label(key), "label")
    for i, indicator in enumerate(indicators):
        r = w.row("indicator")
        if level1_spans[i]:
            w.put(r, 1, indicator.level1, rowspan=level1_spans[i])
        if level2_spans[i]:
            w.put(r, 2, indicator.level2, rowspan=level2_spans[i])
        w.put(r, 3, indicator.level3)
        w.put(r, 4, indicator.target)
        w.put(r, 5, indicator.actual)
        w.put(r, 6, indicator.weight, "number")
        w.put(r, 7, indicator.score, "number")
        w.put(r, 8, indicator.deviation, "long")
        if i == blank_after:
            w.row("blank")

    r = w.row("total")
    w.put(r, 0, label("总分"), "label", colspan=6)
    w.put(r, 6, project.total_weight, "number")
    w.put(r, 7, project.total_score, "number")
    w.put(r, 8, "")
    r = w.row("grade")
    w.put(r, 0, label("自评等级"), "label")
    w.put(r, 1, project.grade, colspan=8)
    if filler:
        w.row("blank")
        for line in FILLER_LINES:
            w.put(w.row("filler"), 0, line, "long", colspan=SE_COLS)
    return w.grid


def target_table_grid(table: TargetTable, variant: str = "standard") -> Grid:
    """Lay out one 项目支出绩效目标表 (see the module docstring for rows and columns)."""
    layout = _layout(variant, TARGET_VARIANTS)
    w = _GridWriter(TT_COLS, merge=layout != "no_merge")
    w.put(w.row("title"), 0, table.title, "title", colspan=TT_COLS)
    w.put(w.row("year"), 0, f"（{table.year}年度）", "title", colspan=TT_COLS)
    r = w.row("name")
    w.put(r, 0, "项目名称", "label")
    w.put(r, 1, table.project_name, colspan=4)
    r = w.row("departments")
    w.put(r, 0, "主管部门", "label")
    w.put(r, 1, table.department)
    w.put(r, 2, "实施单位", "label")
    w.put(r, 3, table.unit, colspan=2)
    r = w.row("funds_header")
    w.put(r, 0, f"项目资金（{table.money_unit}）", "label", rowspan=1 + len(table.funds))
    w.put(r, 1, "", "label", colspan=2)
    w.put(r, 3, table.amount_header, "label", colspan=2)
    for funds in table.funds:
        r = w.row("funds")
        w.put(r, 1, funds.label, "label", colspan=2)
        w.put(r, 3, funds.amount, "amount", colspan=2)
    r = w.row("goal")
    w.put(r, 0, "年度目标", "label")
    w.put(r, 1, table.goal, "long", colspan=4)
    indicators = table.indicators
    level1_spans = _group_spans([(i.level1,) for i in indicators])
    level2_spans = _group_spans([(i.level1, i.level2) for i in indicators])
    r = w.row("indicator_header")
    w.put(r, 0, "绩效指标", "label", rowspan=1 + len(indicators))
    for col, key in enumerate(("一级指标", "二级指标", "三级指标", "指标值"), 1):
        w.put(r, col, key, "label")
    for i, indicator in enumerate(indicators):
        r = w.row("indicator")
        if level1_spans[i]:
            w.put(r, 1, indicator.level1, rowspan=level1_spans[i])
        if level2_spans[i]:
            w.put(r, 2, indicator.level2, rowspan=level2_spans[i])
        w.put(r, 3, indicator.level3)
        w.put(r, 4, indicator.target)
    return w.grid


# --------------------------------------------------------------------------- helpers


def _as_sequence(items: _Form | Sequence[_Form], kind: type[_Form]) -> tuple[_Form, ...]:
    result: tuple[_Form, ...] = (items,) if isinstance(items, kind) else tuple(items)  # type: ignore[arg-type]
    if not result:
        raise ValueError("no form content given")
    return result


def _self_evaluation_grids(
    projects: SelfEvaluation | Sequence[SelfEvaluation], variant: str, allowed: Sequence[str]
) -> list[Grid]:
    items = _as_sequence(projects, SelfEvaluation)
    _layout(variant, allowed)
    if variant == "multi" and len(items) < 2:
        raise ValueError("variant 'multi' needs at least two projects")
    return [self_evaluation_grid(p, variant) for p in items]


def _target_grids(tables: TargetTable | Sequence[TargetTable], variant: str) -> list[Grid]:
    return [target_table_grid(t, variant) for t in _as_sequence(tables, TargetTable)]


def _numeric(text: str, kind: str) -> tuple[int | float, str] | None:
    """A number and the Excel number format that prints it as ``text``, or None if it is no number."""
    match = _NUMBER.match(text)
    if not match or kind not in ("amount", "number", "rate"):
        return None
    decimals = len(match.group(1) or "")
    pattern = "0." + "0" * decimals if decimals else "0"
    if match.group(2):
        return float(Decimal(text[:-1]) / 100), pattern + "%"
    if decimals:
        return float(Decimal(text)), pattern
    return int(text), "General"


def _normalize_zip(path: Path) -> None:
    """Rewrite a zip package with fixed member timestamps, so the file is byte-for-byte reproducible."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)


# --------------------------------------------------------------------------- xlsx

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SE_XLSX_WIDTHS = (12, 12, 16, 24, 14, 14, 8, 8, 40)
_TT_XLSX_WIDTHS = (14, 14, 20, 30, 16)


def _write_sheet(sheet: Worksheet, grid: Grid, widths: Sequence[float], numeric: bool) -> None:
    for c, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    table_rows = {i for i, role in enumerate(grid.roles) if role not in ("title", "year", "blank", "filler")}
    for r in table_rows:  # borders first: merging keeps the anchor's border on the range's edges
        for c in range(grid.n_cols):
            sheet.cell(r + 1, c + 1).border = _BORDER
    for (r, c), spec in sorted(grid.cells.items()):
        cell = sheet.cell(r + 1, c + 1)
        if r in table_rows or spec.rowspan > 1:
            cell.border = _BORDER
        if spec.text:
            converted = _numeric(spec.text, spec.kind) if numeric else None
            if converted is None:
                cell.value = spec.text
                cell.number_format = "@"
            else:
                cell.value, cell.number_format = converted
        horizontal = "left" if spec.kind == "long" else "center"
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        if spec.kind == "title":
            cell.font = Font(bold=grid.roles[r] == "title", size=16 if grid.roles[r] == "title" else 11)
    for r0, c0, r1, c1 in grid.merges():
        sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)


def _save_workbook(
    path: Path, grids: Sequence[Grid], names: Sequence[str], widths: Sequence[float], numeric: bool
) -> Path:
    book = openpyxl.Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    for grid, name in zip(grids, names, strict=True):
        _write_sheet(book.create_sheet(name), grid, widths, numeric)
    book.properties.creator = "perfnb tests"
    book.properties.created = FIXED_DATE
    book.properties.modified = FIXED_DATE
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()  # save_workbook() would stamp the current time
    _normalize_zip(path)
    return path


def xlsx_self_evaluation(
    path: Path | str, projects: SelfEvaluation | Sequence[SelfEvaluation], variant: str = "standard"
) -> Path:
    """Write 项目支出绩效自评表 workbook: one sheet per project, titled by its ``sheet_name``."""
    grids = _self_evaluation_grids(projects, variant, XLSX_VARIANTS)
    items = _as_sequence(projects, SelfEvaluation)
    names = [p.sheet_name for p in items]
    return _save_workbook(Path(path), grids, names, _SE_XLSX_WIDTHS, numeric=variant == "numeric_cells")


def xlsx_target_table(path: Path | str, tables: TargetTable | Sequence[TargetTable], variant: str = "standard") -> Path:
    """Write a 项目支出绩效目标表 workbook: one sheet per table, titled by its ``sheet_name``."""
    items = _as_sequence(tables, TargetTable)
    return _save_workbook(
        Path(path), _target_grids(items, variant), [t.sheet_name for t in items], _TT_XLSX_WIDTHS, numeric=False
    )


# --------------------------------------------------------------------------- docx

_SE_DOCX_WIDTHS_MM = (16, 20, 24, 34, 26, 26, 14, 14, 73)
_TT_DOCX_WIDTHS_MM = (30, 55, 50, 80, 62)


def _save_document(path: Path, grids: Sequence[Grid], widths_mm: Sequence[float]) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(10))
    for index, grid in enumerate(grids):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for r in range(grid.title_rows):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(grid.text(r, 0))
            run.bold = r == 0
            run.font.size = Pt(16 if r == 0 else 11)
        body = grid.n_rows - grid.title_rows
        table = document.add_table(rows=body, cols=grid.n_cols)
        table.style = "Table Grid"
        for c, width in enumerate(widths_mm):
            table.columns[c].width = Mm(width)
        for (r, c), spec in sorted(grid.cells.items()):
            if r < grid.title_rows:
                continue
            row = r - grid.title_rows
            cell = table.cell(row, c)
            if spec.rowspan > 1 or spec.colspan > 1:
                cell = cell.merge(table.cell(row + spec.rowspan - 1, c + spec.colspan - 1))
            if spec.text:
                cell.text = spec.text  # "\n" becomes a <w:br/> and reads back as "\n"
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if spec.kind != "long":
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    properties = document.core_properties
    properties.author = properties.last_modified_by = "perfnb tests"
    properties.title = grids[0].text(0, 0)
    properties.created = properties.modified = properties.last_printed = FIXED_DATE
    properties.revision = 1
    document.save(str(path))
    _normalize_zip(path)
    return path


def docx_self_evaluation(
    path: Path | str, projects: SelfEvaluation | Sequence[SelfEvaluation], variant: str = "standard"
) -> Path:
    """Write a Word 项目支出绩效自评表: per project two title paragraphs then its table (grid rows 2…)."""
    return _save_document(Path(path), _self_evaluation_grids(projects, variant, DOCX_VARIANTS), _SE_DOCX_WIDTHS_MM)


def docx_target_table(path: Path | str, tables: TargetTable | Sequence[TargetTable], variant: str = "standard") -> Path:
    """Write a Word 项目支出绩效目标表: per table two title paragraphs then its table."""
    return _save_document(Path(path), _target_grids(tables, variant), _TT_DOCX_WIDTHS_MM)


# --------------------------------------------------------------------------- pdf

_SE_PDF_WIDTHS_MM = (24, 20, 26, 38, 28, 28, 14, 14, 85)  # 277 mm: A4 landscape less 10 mm margins
_TT_PDF_WIDTHS_MM = (30, 55, 50, 80, 62)


def _new_pdf() -> FPDF:
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(auto=True, margin=8)
    pdf.set_creation_date(FIXED_DATE.replace(tzinfo=UTC))
    pdf.set_creator("perfnb tests")
    pdf.set_producer("perfnb tests")
    return pdf


def _save_pdf(path: Path, grids: Sequence[Grid], widths_mm: Sequence[float], *, borders: bool = True) -> Path:
    pdf = _new_pdf()
    pdf.add_font("SimHei", "", FONT_PATH)
    for grid in grids:
        pdf.add_page()
        for r in range(grid.title_rows):
            pdf.set_font("SimHei", size=15 if r == 0 else 10)
            pdf.cell(0, 8 if r == 0 else 6, grid.text(r, 0), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
        pdf.set_font("SimHei", size=7)
        covered = {
            (r + dr, c + dc)
            for (r, c), spec in grid.cells.items()
            for dr in range(spec.rowspan)
            for dc in range(spec.colspan)
            if dr or dc
        }
        with pdf.table(
            col_widths=widths_mm,
            width=sum(widths_mm),
            first_row_as_headings=False,
            headings_style=FontFace(),
            line_height=3.6,
            padding=1,
            wrapmode=WrapMode.CHAR,
            text_align="CENTER",
            borders_layout="ALL" if borders else "NONE",
        ) as table:
            for r in range(grid.title_rows, grid.n_rows):
                row = table.row(min_height=5)
                for c in range(grid.n_cols):
                    if (r, c) in covered:
                        continue
                    spec = grid.cells.get((r, c), GridCell(""))
                    row.cell(
                        spec.text,
                        align=Align.L if spec.kind == "long" else Align.C,
                        rowspan=spec.rowspan,
                        colspan=spec.colspan,
                    )
    pdf.output(str(path))
    return path


def pdf_self_evaluation(
    path: Path | str, projects: SelfEvaluation | Sequence[SelfEvaluation], variant: str = "standard"
) -> Path:
    """Write a text-layer PDF 项目支出绩效自评表: per project one A4 landscape page, title lines above
    a bordered table (merged cells drawn as one box)."""
    return _save_pdf(Path(path), _self_evaluation_grids(projects, variant, PDF_VARIANTS), _SE_PDF_WIDTHS_MM)


def pdf_target_table(path: Path | str, tables: TargetTable | Sequence[TargetTable], variant: str = "standard") -> Path:
    """Write a text-layer PDF 项目支出绩效目标表, one page per table."""
    return _save_pdf(Path(path), _target_grids(tables, variant), _TT_PDF_WIDTHS_MM)


def scan_image(project: SelfEvaluation | None = None) -> Image.Image:
    """A grey-scale 'scan' of a form: ruled grid and, drawn as pixels, the title and project name."""
    image = Image.new("L", (1400, 990), 255)
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.truetype(str(FONT_PATH), 36)
    font = ImageFont.truetype(str(FONT_PATH), 20)
    title = project.title if project else "项目支出绩效自评表"
    draw.text((700, 60), title, fill=0, font=title_font, anchor="mm")
    draw.text((700, 110), f"（{project.year if project else 2024}年度）", fill=0, font=font, anchor="mm")
    left, right, top, row_height = 60, 1340, 150, 32
    for i in range(25):
        y = top + i * row_height
        draw.line((left, y, right, y), fill=0, width=2)
    for x in (left, 160, 260, 380, 560, 700, 840, 920, 1000, right):
        draw.line((x, top, x, top + 24 * row_height), fill=0, width=2)
    if project:
        draw.text((170, top + 2 * row_height + 16), project.project_name, fill=0, font=font, anchor="lm")
    return image


def scanned_pdf(path: Path | str, project: SelfEvaluation | None = None) -> Path:
    """Write a PDF whose only page is an image of a form: no text layer at all (the importer must refuse it)."""
    pdf = _new_pdf()
    pdf.add_page()
    buffer = io.BytesIO()
    scan_image(project).save(buffer, format="PNG")
    buffer.seek(0)
    pdf.image(buffer, x=0, y=0, w=297, h=210)
    path = Path(path)
    pdf.output(str(path))
    return path
