"""perfnb.forms.grid: form files (.xlsx, .docx, text-layer .pdf) read into text grids."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from importlib.resources import files
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF
from openpyxl.styles import Alignment
from PIL import Image

from perfnb.base.errors import PerfnbError
from perfnb.format.tables import shown_text
from perfnb.forms.grid import Form, FormFileError, Grid, read_form

FONT = str(files("mplfonts") / "fonts" / "SimHei.ttf")


# --------------------------------------------------------------------------------------------- xlsx


def _workbook(path: Path) -> Path:
    """A 自评表 with merges, formats, a formula, a hidden row and column, a hidden sheet and an empty sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目1"
    sheet["A1"] = "项目支出绩效自评表"
    sheet.merge_cells("A1:D1")
    sheet["B3"] = "项目名称"
    sheet["C3"] = "乡村道路养护"
    sheet.merge_cells("C3:D3")
    sheet["A4"] = "产出指标"
    sheet.merge_cells("A4:A5")
    sheet["B4"] = "数量"
    sheet["C4"] = 12
    sheet["D4"] = 0.92
    sheet["D4"].number_format = "0.00%"
    sheet["B5"] = "  质量\n（合格率） "
    sheet["C5"] = 3
    sheet["C5"].number_format = "0.00"
    sheet["D5"] = True
    sheet["A6"] = date(2024, 3, 1)
    sheet["B6"] = "=C4*2"
    sheet["C6"] = 1234.5
    sheet["C6"].number_format = "#,##0.0"
    sheet.row_dimensions[5].hidden = True
    sheet.row_dimensions[40].hidden = True  # below the form: not worth a note
    sheet.column_dimensions["D"].hidden = True
    sheet["H20"].alignment = Alignment(wrap_text=True)  # a formatted but empty cell does not widen the grid
    hidden = book.create_sheet("隐藏表")
    hidden.sheet_state = "hidden"
    hidden["B3"] = "备注"
    book.create_sheet("空表")
    book.save(path)
    return path


def test_xlsx_cells_as_excel_shows_them(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "自评表.xlsx")
    form = read_form(path)
    assert isinstance(form, Form)
    assert (form.file, form.kind) == ("自评表.xlsx", "xlsx")
    assert form.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [g.label for g in form.grids] == ["工作表“项目1”", "工作表“隐藏表”", "工作表“空表”"]
    grid = form.grids[0]
    title = "项目支出绩效自评表"
    assert grid.cells == (
        (title, title, title, title),
        ("", "", "", ""),
        ("", "项目名称", "乡村道路养护", "乡村道路养护"),
        ("产出指标", "数量", "12", "92.00%"),
        ("产出指标", "  质量\n（合格率） ", "3.00", "是"),
        ("2024-03-01", "24", "1234.5", ""),  # =C4*2, stored without a value: computed from C4
    )
    assert grid.merged == frozenset({(0, 1), (0, 2), (0, 3), (2, 3), (4, 0)})
    assert grid.before == ()
    assert grid.file == "自评表.xlsx"


def test_xlsx_notes_and_where(tmp_path: Path) -> None:
    form = read_form(_workbook(tmp_path / "自评表.xlsx"))
    grid, hidden, empty = form.grids
    assert grid.notes == (
        "第 5 行在 Excel 中是隐藏的（已照常读取）",
        "D 列在 Excel 中是隐藏的（已照常读取）",
        "公式单元格在文件中没有计算结果，已按表中数字算出：B6（=C4*2）= 24",
    )
    assert grid.where(0, 0) == "工作表“项目1” A1"
    assert grid.where(5, 1) == "工作表“项目1” B6"
    assert grid.where(2, 27) == "工作表“项目1” AB3"
    assert hidden.cells == (("", ""), ("", ""), ("", "备注"))  # leading blank rows and columns kept: A1 is [0][0]
    assert hidden.where(2, 1) == "工作表“隐藏表” B3"
    assert hidden.notes == ("工作表是隐藏的（已照常读取）",)
    assert (empty.cells, empty.merged, empty.notes) == ((), frozenset(), ("工作表是空的",))


def _with_cached_value(path: Path, old: bytes, new: bytes) -> None:
    """Rewrite the first sheet's XML, as Excel would have saved a computed formula."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert old in parts[sheet]
    parts[sheet] = parts[sheet].replace(old, new)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_xlsx_formula_with_cached_value_reads_the_value(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表"
    sheet["A1"] = 0.5
    sheet["B1"] = "=A1*2"
    sheet["B1"].number_format = "0.0%"
    sheet["C1"] = "=A1+1"
    path = tmp_path / "cached.xlsx"
    book.save(path)
    _with_cached_value(path, b"<f>A1*2</f><v></v>", b"<f>A1*2</f><v>1</v>")
    (grid,) = read_form(path).grids
    assert grid.cells == (("0.5", "100.0%", "1.5"),)  # C1 has no value in the file: computed
    assert grid.notes == ("公式单元格在文件中没有计算结果，已按表中数字算出：C1（=A1+1）= 1.5",)


def test_xlsx_many_uncached_formulas_share_one_note(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in range(1, 13):
        sheet.cell(row, 1, "=1+1")
    path = tmp_path / "公式.xlsx"
    book.save(path)
    (grid,) = read_form(path).grids
    assert grid.cells == (("2",),) * 12  # computed, each in its place
    computed = "；".join(f"A{n}（=1+1）= 2" for n in range(1, 11))
    assert grid.notes == (f"公式单元格在文件中没有计算结果，已按表中数字算出：{computed} 等 12 个",)


def test_xlsx_hidden_row_runs_and_upper_case_suffix(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in range(1, 6):
        sheet.cell(row, 1, f"行{row}")
    for row in (2, 3, 4):
        sheet.row_dimensions[row].hidden = True
    path = tmp_path / "FORM.XLSX"
    book.save(path)
    form = read_form(path)
    assert form.kind == "xlsx"
    assert form.grids[0].cells == (("行1",), ("行2",), ("行3",), ("行4",), ("行5",))
    assert form.grids[0].notes == ("第 2–4 行在 Excel 中是隐藏的（已照常读取）",)


def test_shown_text() -> None:
    assert shown_text(None) == ""
    assert shown_text(0.992, "0.0%") == "99.2%"
    assert shown_text(0.92, "0.00%") == "92.00%"
    assert shown_text(3, "0.00") == "3.00"
    assert shown_text(2.50, "General") == "2.5"
    assert shown_text(False) == "否"
    assert shown_text(date(2024, 1, 2)) == "2024-01-02"
    assert shown_text(" a\nb ") == " a\nb "


# --------------------------------------------------------------------------------------------- docx


def _document(path: Path) -> Path:
    """Two tables: merged cells across and down, a two-paragraph cell, a nested table, a row starting late."""
    document = docx.Document()
    document.add_paragraph("  项目支出绩效目标表  ")
    document.add_paragraph("")
    document.add_paragraph("（2024 年度）")
    first = document.add_table(rows=3, cols=3)
    first.cell(0, 0).text = "项目名称"
    first.cell(0, 1).merge(first.cell(0, 2)).text = "乡村道路养护"
    first.cell(1, 0).merge(first.cell(2, 0)).text = "产出指标"
    first.cell(1, 1).text = "数量指标"
    first.cell(1, 2).text = "12 公里"
    first.cell(2, 1).text = "质量指标"
    quality = first.cell(2, 2)
    quality.text = "合格率"
    quality.add_paragraph("≥90%")
    document.add_paragraph("说明：")
    second = document.add_table(rows=2, cols=2)
    second.cell(0, 0).text = "甲"
    second.cell(0, 1).text = "乙"
    second.cell(1, 1).text = "丁"
    second.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "嵌套"
    row = second.rows[1]._tr  # Word lets a row start late: drop its first cell, mark one grid column before
    row.remove(row.tc_lst[0])
    row.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    document.add_paragraph("表后的文字")
    document.save(str(path))
    return path


def test_docx_tables_merges_and_before(tmp_path: Path) -> None:
    path = _document(tmp_path / "目标表.docx")
    form = read_form(path)
    assert (form.file, form.kind) == ("目标表.docx", "docx")
    assert form.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    first, second = form.grids
    assert first.label == "表格 1"
    assert first.cells == (
        ("项目名称", "乡村道路养护", "乡村道路养护"),
        ("产出指标", "数量指标", "12 公里"),
        ("产出指标", "质量指标", "合格率\n≥90%"),
    )
    assert first.merged == frozenset({(0, 2), (2, 0)})
    assert first.before == ("项目支出绩效目标表", "（2024 年度）")
    assert first.notes == ()
    assert second.label == "表格 2"
    assert second.cells == (("甲", "乙"), ("", "丁\n"))  # Word ends a cell holding a table with an empty paragraph
    assert second.merged == frozenset()
    assert second.before == ("说明：",)
    assert second.notes == ("第 2 行第 2 列的单元格里有嵌套表格（未读取）",)
    assert first.where(2, 1) == "表格 1 第 3 行第 2 列"


def test_docx_block_merge_copies_every_covered_position(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "合并"
    table.cell(2, 2).text = "末"
    path = tmp_path / "block.docx"
    document.save(str(path))
    (grid,) = read_form(path).grids
    assert grid.cells == (("合并", "合并", ""), ("合并", "合并", ""), ("", "", "末"))
    assert grid.merged == frozenset({(0, 1), (1, 0), (1, 1)})
    assert grid.before == ()


def test_docx_without_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("只有文字")
    path = tmp_path / "text.docx"
    document.save(str(path))
    assert read_form(path).grids == ()


# ---------------------------------------------------------------------------------------------- pdf


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_font("SimHei", fname=FONT)
    pdf.set_font("SimHei", size=11)
    return pdf


def _line(pdf: FPDF, text: str) -> None:
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")


def _pdf_form(path: Path) -> Path:
    """Page 1: a title, a table with a row span and a column span, a remark, a plain table.
    Page 2: text only. Page 3: a table again."""
    pdf = _pdf()
    pdf.add_page()
    _line(pdf, "项目支出绩效自评表")
    _line(pdf, "（2024 年度）")
    with pdf.table(col_widths=(40, 40, 40), text_align="LEFT", first_row_as_headings=False) as table:
        row = table.row()
        row.cell("项目名称")
        row.cell("乡村道路养护", colspan=2)
        row = table.row()
        row.cell("产出指标", rowspan=2)
        row.cell("数量指标")
        row.cell("12 公里")
        row = table.row()
        row.cell("质量指标")
        row.cell("合格率\n92.00%")
    pdf.ln(10)
    _line(pdf, "备注：以上为自评")
    with pdf.table(col_widths=(40, 40), first_row_as_headings=False) as table:
        for texts in (("甲", "乙"), ("丙", "")):
            row = table.row()
            for text in texts:
                row.cell(text)
    pdf.add_page()
    _line(pdf, "第二页只有文字")
    pdf.add_page()
    _line(pdf, "附表")
    with pdf.table(col_widths=(40, 40), first_row_as_headings=False) as table:
        row = table.row()
        row.cell("指标")
        row.cell("分值")
    pdf.output(str(path))
    return path


def test_pdf_tables_merges_and_before(tmp_path: Path) -> None:
    path = _pdf_form(tmp_path / "自评表.pdf")
    form = read_form(path)
    assert (form.file, form.kind) == ("自评表.pdf", "pdf")
    assert form.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [g.label for g in form.grids] == ["第 1 页表格 1", "第 1 页表格 2", "第 3 页表格 1"]
    first, second, third = form.grids
    assert first.cells == (
        ("项目名称", "乡村道路养护", "乡村道路养护"),
        ("产出指标", "数量指标", "12 公里"),
        ("产出指标", "质量指标", "合格率\n92.00%"),
    )
    assert first.merged == frozenset({(0, 2), (2, 0)})
    assert first.before == ("项目支出绩效自评表", "（2024 年度）")
    assert first.where(2, 0) == "第 1 页表格 1 第 3 行第 1 列"
    assert second.cells == (("甲", "乙"), ("丙", ""))
    assert second.merged == frozenset()
    assert second.before == ("备注：以上为自评",)  # not the first table's text, nor the title
    assert third.cells == (("指标", "分值"),)
    assert third.before == ("附表",)
    assert all(g.notes == () for g in form.grids)


def test_pdf_block_merge(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    with pdf.table(col_widths=(30, 30, 30), first_row_as_headings=False) as table:
        row = table.row()
        row.cell("合并", colspan=2, rowspan=2)
        row.cell("右上")
        table.row().cell("右中")
        row = table.row()
        for text in ("左下", "中下", "右下"):
            row.cell(text)
    path = tmp_path / "block.pdf"
    pdf.output(str(path))
    (grid,) = read_form(path).grids
    assert grid.cells == (("合并", "合并", "右上"), ("合并", "合并", "右中"), ("左下", "中下", "右下"))
    assert grid.merged == frozenset({(0, 1), (1, 0), (1, 1)})
    assert grid.before == ()


def test_pdf_with_text_but_no_table_has_no_grids(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    _line(pdf, "没有表格的说明")
    path = tmp_path / "说明.pdf"
    pdf.output(str(path))
    form = read_form(path)
    assert (form.kind, form.grids) == ("pdf", ())


def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    picture = tmp_path / "scan.png"
    Image.new("RGB", (60, 40), "white").save(picture)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(picture), x=10, y=10, w=60)
    path = tmp_path / "扫描件.pdf"
    pdf.output(str(path))
    with pytest.raises(FormFileError) as caught:
        read_form(path)
    assert caught.value.message == (
        "PDF 没有文字层（可能是扫描件），无法读取其中的表格；请先用 OCR 软件生成带文字层的 PDF，或手工录入"
    )
    assert str(caught.value).startswith("扫描件.pdf：PDF 没有文字层")


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    _line(pdf, "机密")
    path = tmp_path / "加密.pdf"
    pdf.output(str(path))
    with pytest.raises(FormFileError) as caught:
        read_form(path)
    assert caught.value.message == "PDF 已加密（设置了打开密码），无法读取"
    assert caught.value.file == "加密.pdf"


# ------------------------------------------------------------------------------------------- errors


def _error(path: Path) -> FormFileError:
    with pytest.raises(FormFileError) as caught:
        read_form(path)
    assert isinstance(caught.value, PerfnbError)
    assert caught.value.file == path.name
    return caught.value


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("旧表.xls", "不支持旧版 .xls 工作簿；请在 Excel 中另存为 .xlsx"),
        ("旧表.XLS", "不支持旧版 .xls 工作簿；请在 Excel 中另存为 .xlsx"),
        ("旧文档.doc", "不支持旧版 .doc 文档；请另存为 .docx"),
        ("表.xlsm", "不支持的文件类型 .xlsm；可导入 .xlsx、.docx 和带文字层的 .pdf"),
        ("表.csv", "不支持的文件类型 .csv；可导入 .xlsx、.docx 和带文字层的 .pdf"),
        ("表", "不支持的文件（文件名没有扩展名）；可导入 .xlsx、.docx 和带文字层的 .pdf"),
    ],
)
def test_unsupported_types(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    error = _error(path)
    assert error.message == message
    assert str(error) == f"{name}：{message}"


def test_missing_file_directory_and_empty_file(tmp_path: Path) -> None:
    missing = tmp_path / "没有.xlsx"
    assert _error(missing).message == f"找不到文件：{missing}"
    folder = tmp_path / "文件夹.pdf"
    folder.mkdir()
    assert _error(folder).message == f"这是一个文件夹，不是文件：{folder}"
    empty = tmp_path / "空.docx"
    empty.write_bytes(b"")
    assert _error(empty).message == "文件是空的（0 字节）"


@pytest.mark.parametrize(
    ("name", "data", "message", "expected"),
    [
        ("坏.xlsx", b"not a zip file", "无法作为 Excel 工作簿读取（BadZipFile）", ".xlsx 工作簿"),
        ("坏.docx", b"not a zip file", "无法作为 Word 文档读取（BadZipFile）", ".docx 文档"),
        ("坏.pdf", b"%PDF-1.4\nnot really a pdf\n", "无法作为 PDF 读取（PDFSyntaxError）", "带文字层的 PDF"),
        ("坏.pdf", b"plain text", "无法作为 PDF 读取（PDFSyntaxError）", "带文字层的 PDF"),
    ],
)
def test_corrupt_files(tmp_path: Path, name: str, data: bytes, message: str, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    error = _error(path)
    assert (error.message, error.expected) == (message, expected)


def test_zip_that_is_not_a_workbook_or_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    for name, start in (("压缩包.xlsx", "无法作为 Excel 工作簿读取（"), ("压缩包.docx", "无法作为 Word 文档读取（")):
        path = tmp_path / name
        path.write_bytes(buffer.getvalue())
        assert _error(path).message.startswith(start)


def test_renamed_old_formats(tmp_path: Path) -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    book = tmp_path / "改名.xlsx"
    book.write_bytes(ole2)
    error = _error(book)
    assert error.message == "文件实际上是旧版 .xls 工作簿或设置了打开密码的工作簿，只是扩展名为 .xlsx"
    assert error.expected == "请在 Excel 中去除打开密码并另存为 .xlsx"
    document = tmp_path / "改名.docx"
    document.write_bytes(ole2)
    assert _error(document).message == "文件实际上是旧版 .doc 文档或设置了打开密码的文档，只是扩展名为 .docx"


def test_errors_pickle_and_name_the_file(tmp_path: Path) -> None:
    import pickle

    path = tmp_path / "旧表.xls"
    error = _error(path)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is FormFileError
    assert str(again) == str(error) == "旧表.xls：不支持旧版 .xls 工作簿；请在 Excel 中另存为 .xlsx"


# --------------------------------------------------------------------------------------------- Grid


def test_grid_checks_its_shape() -> None:
    with pytest.raises(ValueError, match="rows of different lengths"):
        Grid("f.xlsx", "工作表“表”", (("a", "b"), ("c",)), frozenset())
    with pytest.raises(ValueError, match="merged positions outside"):
        Grid("f.xlsx", "工作表“表”", (("a",),), frozenset({(0, 1)}))
    grid = Grid("f.docx", "表格 1", (("a", "a"),), frozenset({(0, 1)}), style="docx")
    assert grid.where(0, 1) == "表格 1 第 1 行第 2 列"
