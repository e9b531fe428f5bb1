"""The findings workbook is written by XlsxWriter: it must say what a plain openpyxl cell-by-cell writer says
(the reference below: the workbook as perfnb wrote it before) — same sheets, cells, values, types, number formats,
alignment, bold header, column widths, frozen header and filter — read back as Excel reads it, stay byte-identical
run to run, and leave nothing behind when it fails."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from perfnb.base import files
from perfnb.base.errors import OutputWriteError
from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.findings import finding
from perfnb.format.load import load
from perfnb.format.location import Cell
from perfnb.format.paths import department_dir
from perfnb.report import workbook as excel
from tests.conftest import RAW

SEED = "nanchang-ip-fund-2020"
#: (subject, message, reported, recomputed) of odd findings put before the seed's own.
ODD_TEXTS = (
    ("=cmd|' /C calc'!A0", '=HYPERLINK("http://x")', "+1+1", "-20%"),
    ("a\x00b\x1fc", "第一行\n第二行\r\n第三行" + "很长" * 40, "1,097.01", "12345678901234567890.5"),
    (" lead", "trail ", "#N/A", "≥95%"),
    ("&<>\"' &amp;", "x" * 40_000, "\x01", "-0%"),
    ("ｆｕｌｌ　ｗｉｄｔｈ", "第一行\u2028第二行\x0b三\x1c四", "+5", "0.0000000001"),
    ("lone\rreturn", "a literal _x0041_ and _x000D_ stay text", "9" * 400, "-0.00"),
    ("\t=1", "emoji 😀 and 𠀋", "", "1e5"),
)
SHARED_STRINGS_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def seed() -> CheckResult:
    dept = load(SEED, RAW)
    return check_department(dept, department_dir=department_dir(RAW, dept.id))


@pytest.fixture(scope="module")
def result(seed: CheckResult) -> CheckResult:
    return with_findings(seed, ODD_TEXTS)


def with_findings(base: CheckResult, texts: Any) -> CheckResult:
    """``base`` with a finding for each (subject, message, reported, recomputed) before its own."""
    odd = tuple(
        finding(
            "SUM_MISMATCH",
            subject,
            message,
            reported=reported,
            recomputed=recomputed,
            figure_id=subject,
            cell=Cell(f"{subject}.csv", i, message[:5], reported) if i % 2 else None,
        )
        for i, (subject, message, reported, recomputed) in enumerate(texts)
    )
    return dataclasses.replace(base, findings=odd + base.findings)


def reference_xlsx(result: CheckResult, path: Path) -> Path:
    """The workbook through openpyxl's cell-by-cell API, as perfnb wrote it before XlsxWriter: an int is a number;
    in a figures column a plain number (one a float holds) is a number with the format of its printed decimals;
    other text is text, control characters dropped, neutralised; every body cell aligned to the top, long text
    wrapped; the header bold, frozen and filtered; each column as wide as its widest value, within bounds."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, headers, rows in excel._tables(result):
        sheet = book.create_sheet(title)
        widths = [naive_width(h) for h in headers]
        for c, header in enumerate(headers, 1):
            sheet.cell(1, c, header).font = Font(bold=True)
        for r, values in enumerate(rows, 2):
            for c, value in enumerate(values, 1):
                cell = sheet.cell(r, c)
                if isinstance(value, int):
                    cell.value = value
                elif value:
                    parsed = excel.number_cell(value) if headers[c - 1] in excel.NUMBER_HEADERS else None
                    if parsed is not None and abs(parsed[0]) < 10**308:
                        cell.value, cell.number_format = parsed
                    else:
                        cell.value = excel.neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
                        cell.data_type = "s"
                cell.alignment = Alignment(vertical="top", wrap_text=headers[c - 1] in excel.WRAP_HEADERS or None)
                widths[c - 1] = max(widths[c - 1], naive_width(value))
        for c, width in enumerate(widths, 1):
            limit = 50 if headers[c - 1] in excel.WRAP_HEADERS else 60
            sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 6), limit)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    book.save(path)
    return path


def naive_width(value: Any) -> int:
    """Display width of a value's longest line, character by character: wide (CJK) ones count two."""
    if value is None:
        return 0
    lines = str(value).splitlines() or [""]
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)


def view(path: Path, *, escaped_returns: bool = False) -> dict[str, Any]:
    """What a workbook says, as openpyxl reads it (and, for the used range, as its read-only mode does).

    Column widths are per column (a ``<col>`` range of equal widths counts for each of its columns); an empty
    cell has no type. ``escaped_returns``: a carriage return read as ``_x000D_`` — the escape Excel itself writes
    for one in a string, which Excel reads back as a carriage return but openpyxl leaves as it is (what Excel
    reads is checked by :func:`excel_strings`)."""
    book = openpyxl.load_workbook(path)
    seen: dict[str, Any] = {"sheets": book.sheetnames}
    for sheet in book.worksheets:
        seen[sheet.title] = {
            "frame": (sheet.freeze_panes, sheet.auto_filter.ref, sheet.max_row, sheet.max_column),
            "widths": {
                get_column_letter(i): d.width for d in sheet.column_dimensions.values() for i in range(d.min, d.max + 1)
            },
            "cells": [
                [
                    (
                        c.coordinate,
                        c.value.replace("\r", "_x000D_") if escaped_returns and isinstance(c.value, str) else c.value,
                        c.data_type if c.value is not None else None,
                        c.number_format,
                        bool(c.alignment.wrap_text),
                        c.alignment.vertical,
                        bool(c.font.bold),
                    )
                    for c in row
                ]
                for row in sheet.iter_rows()
            ],
        }
    lazy = openpyxl.load_workbook(path, read_only=True)
    seen["read-only"] = [(s.title, s.max_row, s.max_column) for s in lazy.worksheets]
    return seen


def excel_strings(path: Path) -> list[str]:
    """The workbook's strings as Excel reads them: each ``_xHHHH_`` is the character HHHH (``_x005F_`` a literal
    underscore, so ``_x005F_x0041_`` is the text ``_x0041_``), decoded left to right in one pass."""
    with zipfile.ZipFile(path) as archive:
        table = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    texts = ["".join(t.text or "" for t in si.iter(SHARED_STRINGS_NS + "t")) for si in table]
    return [re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text) for text in texts]


def test_the_workbook_says_what_a_plain_openpyxl_writer_says(result: CheckResult, tmp_path: Path) -> None:
    new = view(excel.write_findings_xlsx(result, tmp_path / "new.xlsx"))
    reference = view(reference_xlsx(result, tmp_path / "reference.xlsx"), escaped_returns=True)
    assert new.keys() == reference.keys()
    for key in new:
        assert new[key] == reference[key], key
    findings = {c[0]: c for row in new["发现"]["cells"] for c in row}
    assert len(new["发现"]["cells"]) == len(result.findings) + 1 and len(new["复核表"]["cells"]) == 261
    assert findings["D2"][1:3] == ("'=cmd|' /C calc'!A0", "s")  # a formula-like subject stays quoted text
    assert findings["J2"][1:3] == ("'+1+1", "s") and findings["K2"][1:4] == (-0.2, "n", "0%")
    assert findings["D3"][1] == "abc" and findings["J5"][1:3] == (None, None)  # control characters dropped
    assert findings["J3"][1:4] == (1097.01, "n", "#,##0.00") and findings["K3"][1] == 1.234567890123457e19  # 16 digits
    assert len(findings["M5"][1]) == 32767  # a message too long for a cell is cut
    assert findings["J7"][1:3] == ("9" * 400, "s")  # a number no float holds is kept as printed, as text
    assert findings["D8"][1] == "'\t=1" and findings["J8"][1:3] == (None, None)
    assert findings["M2"][4:] == (True, "top", False) and findings["A1"][4:] == (False, None, True)
    widths = new["发现"]["widths"]
    assert (widths["M"], widths["J"]) == (50, 60)  # a wrapped column and another at their limits


def test_an_empty_sheet_keeps_its_header_and_frame(seed: CheckResult, tmp_path: Path) -> None:
    empty = dataclasses.replace(seed, findings=())
    new = view(excel.write_findings_xlsx(empty, tmp_path / "new.xlsx"))
    assert new == view(reference_xlsx(empty, tmp_path / "reference.xlsx"))
    assert new["发现"]["frame"] == ("A2", "A1:M1", 1, 13)
    assert new["read-only"][0] == ("发现", 1, 13)


def test_excel_reads_every_text_as_written_and_no_cell_is_a_formula(result: CheckResult, tmp_path: Path) -> None:
    odd = with_findings(result, [("a\ufffeb\uffffc", "first\r\nsecond", "x", "y")])
    path = excel.write_findings_xlsx(odd, tmp_path / "new.xlsx")
    strings = set(excel_strings(path))
    for text in (
        "第一行\n第二行\r\n第三行" + "很长" * 40,
        "lone\rreturn",
        "a literal _x0041_ and _x000D_ stay text",
        "emoji 😀 and 𠀋",
        "第一行\u2028第二行三四",
        "ｆｕｌｌ　ｗｉｄｔｈ",
        "a\ufffeb\uffffc",  # noncharacters: Excel's escape, not a refusal
        "first\r\nsecond",
        " lead",
        "trail ",
    ):
        assert text in strings, text
    with zipfile.ZipFile(path) as archive:
        for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            sheet = archive.read(name)
            assert b"<f>" not in sheet and b"<f " not in sheet, name
            assert set(re.findall(rb' t="(\w+)"', sheet)) == {b"s"}, name  # text is a shared string; else a number


def test_text_longer_than_a_cell_is_cut_where_excel_counts(seed: CheckResult, tmp_path: Path) -> None:
    """32 767 characters, counted as Excel counts them (UTF-16 units: a character beyond the BMP counts two)."""
    long = with_findings(seed, [("a" * 40_000, "𠀋" * 20_000, "", "")])
    strings = excel_strings(excel.write_findings_xlsx(long, tmp_path / "new.xlsx"))
    assert "a" * 32767 in strings and "𠀋" * 16383 in strings


def test_text_no_workbook_can_hold_is_refused_and_nothing_is_written(seed: CheckResult, tmp_path: Path) -> None:
    bad = dataclasses.replace(seed, findings=(finding("SUM_MISMATCH", "a\ud800b", "m"),))  # a lone surrogate
    with pytest.raises(ValueError, match="surrogates not allowed"):
        excel.write_findings_xlsx(bad, tmp_path / "bad.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_two_writes_are_byte_identical_and_carry_no_clock(result: CheckResult, tmp_path: Path) -> None:
    first = excel.write_findings_xlsx(result, tmp_path / "a" / "one.xlsx")
    second = excel.write_findings_xlsx(result, tmp_path / "b" / "two.xlsx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # XlsxWriter's fixed stamp
        core = archive.read("docProps/core.xml")
    assert b">2000-01-01T00:00:00Z</dcterms:created>" in core
    assert b">2000-01-01T00:00:00Z</dcterms:modified>" in core
    book = openpyxl.load_workbook(first)
    assert book.properties.created == book.properties.modified == excel._FIXED_TIME


def test_a_failed_build_leaves_nothing_and_keeps_the_previous_file(
    result: CheckResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", fail)
    with pytest.raises(OSError, match="disk full"):
        excel.write_findings_xlsx(result, tmp_path / "new.xlsx")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()

    path = excel.write_findings_xlsx(result, tmp_path / "findings.xlsx")
    before = path.read_bytes()

    def boom(*args: Any, **kwargs: Any) -> None:
        raise OSError("boom")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", boom)  # XlsxWriter's own error for it is raised as the OSError
    with pytest.raises(OSError, match="boom"):
        excel.write_findings_xlsx(dataclasses.replace(result, findings=()), path)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_a_full_disk_leaves_the_previous_file(
    result: CheckResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = excel.write_findings_xlsx(result, tmp_path / "findings.xlsx")
    before = path.read_bytes()

    def full(path: Path, handle: Any, payload: bytes) -> None:
        handle.write(payload[: len(payload) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_write", full)
    with pytest.raises(OutputWriteError):
        excel.write_findings_xlsx(dataclasses.replace(result, findings=()), path)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_control_characters_dropped_are_those_openpyxl_drops() -> None:
    for code in range(0x3000):
        ch = chr(code)
        assert bool(excel._CONTROL.match(ch)) == bool(ILLEGAL_CHARACTERS_RE.match(ch)), hex(code)


_TEXT = st.text(alphabet=st.sampled_from("ab 1\n\r\u2028中文ｆ，—·é\x0b"), max_size=80)


@given(header=_TEXT, values=st.lists(st.one_of(st.none(), st.integers(-(10**20), 10**20), _TEXT), max_size=30))
def test_column_width_is_the_widest_value_within_bounds(header: str, values: list[Any]) -> None:
    for limit in (50, 60):
        expected = min(max(max(map(naive_width, [header, *values])) + 2, 6), limit)
        assert excel._column_width(header, set(values), limit) == expected
