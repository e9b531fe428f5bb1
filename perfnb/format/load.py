"""Load and validate departments: gather every problem of every file, then build the model.

``validate()`` never stops at the first problem: each is a ``Problem`` naming file, row,
column, value and what was expected. ``load()`` returns a ``Department`` or raises
``InvalidDepartmentError`` carrying the problems.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from perfnb.base.errors import DataFileError, InvalidDepartmentError, PerfnbError, printable, reveal
from perfnb.base.limits import MAX_FILE_BYTES
from perfnb.base.yamlfile import key_lines, read_yaml
from perfnb.format.columns import error_message
from perfnb.format.crosscheck import CrossChecks
from perfnb.format.kinds import DEFAULT_SCHEMES, DOC_KINDS
from perfnb.format.model import Department, Location
from perfnb.format.paths import DEFAULT_DATA_DIR, check_dept_id, department_dir, discover
from perfnb.format.problems import Problem, ProblemCode, Severity, problem_from_error
from perfnb.format.schema import LATER_COLUMNS, TABLES, DepartmentHeader, Row, TableSpec
from perfnb.format.tables import RawTable, SourceFile, read_csv, read_text, read_xlsx

__all__ = ["HEADER_FILE", "WORKBOOK_FILE", "LoadResult", "load", "load_department", "validate"]

HEADER_FILE = "department.yaml"
SCHEME_FILE = "scheme.yaml"
WORKBOOK_FILE = "department.xlsx"

# error codes whose message says what is wrong but not what the column should hold
_STATES_NO_EXPECTATION = frozenset({ProblemCode.REQUIRED, ProblemCode.MISSING, ProblemCode.STRING_TYPE})


@dataclass(frozen=True)
class LoadResult:
    """The outcome for one department: the model (when valid) and every problem found."""

    dept_id: str
    department: Department | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that make the department invalid."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems worth a look that do not make the department invalid."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when the department loaded without errors."""
        return self.department is not None and not self.errors


def load(dept_id: str, data_dir: Path = DEFAULT_DATA_DIR) -> Department:
    """Load one department; raise ``InvalidDepartmentError`` (with ``.problems``) if invalid."""
    result = load_department(dept_id, data_dir)
    if result.department is None:
        raise InvalidDepartmentError(
            f"部门数据有 {len(result.errors)} 处错误", department=dept_id, problems=result.problems
        )
    return result.department


def validate(dept_ids: Sequence[str] | None = None, data_dir: Path = DEFAULT_DATA_DIR) -> list[LoadResult]:
    """Validate the given departments (all under ``data_dir`` when none), gathering every problem."""
    results: list[LoadResult] = []
    if not dept_ids:
        valid, invalid = discover(data_dir)
        results.extend(invalid_folder(name) for name in invalid)
        dept_ids = valid
    results.extend(load_department(d, data_dir) for d in dept_ids)
    return sorted(results, key=lambda r: r.dept_id)


def invalid_folder(name: str) -> LoadResult:
    """The load result of a folder whose name is not a department id (never used in a path)."""
    problem = Problem(name, None, None, None, name, ProblemCode.DEPT_ID, "文件夹名不是有效的部门编号",
                      "小写英文字母、数字和 -，以字母或数字开头，最长 64 个字符")  # fmt: skip
    return LoadResult(name, None, (problem,))


def load_department(dept_id: str, data_dir: Path = DEFAULT_DATA_DIR) -> LoadResult:
    """Read, validate and cross-check one department; never raises for bad data."""
    try:
        check_dept_id(dept_id)
        folder = department_dir(data_dir, dept_id)
    except PerfnbError as exc:
        exc.department = exc.department or str(dept_id)
        return LoadResult(str(dept_id), None, (problem_from_error(exc, ProblemCode.DEPT_ID),))
    return _Loader(dept_id, folder, data_dir).run()


class _Loader(CrossChecks):
    """One department's load: reads files, collects problems, builds the model if clean."""

    def __init__(self, dept_id: str, folder: Path, data_dir: Path) -> None:
        self.dept_id = dept_id
        self.folder = folder  # resolved once in run(); every file is then opened inside the resolved folder
        self.root = data_dir.resolve()
        self.problems: list[Problem] = []
        self.sources: list[SourceFile] = []
        self.rows: dict[str, list[tuple[int, Any]]] = {spec.name: [] for spec in TABLES}
        self.files: dict[str, str] = {}
        self.readable: set[str] = set()  # tables whose rows could be read (their header is usable)
        self.failed_ids: dict[str, set[str]] = {spec.name: set() for spec in TABLES}  # ids of rows with bad cells
        self.grade_words: tuple[str, ...] = ()  # the grade words the schemes know, once the scheme is read
        self.section_names: tuple[str, ...] = ()  # the scheme's section and part names (short), once it is read

    def add(self, file: str | None, row: int | None, column: str | None, value: Any, code: ProblemCode,
            message: str, expected: str | None = None, severity: Severity = Severity.ERROR) -> None:  # fmt: skip
        shown = None if value is None else reveal(str(value))  # U+202E … shown as its code, in HTML too
        column = None if column is None else reveal(column)
        self.problems.append(Problem(self.dept_id, file, row, column, shown, code, message, expected, severity))

    @cached_property
    def entries(self) -> dict[str, os.DirEntry[str]]:
        """The folder's entries by name, listed once (its files need no stat call each)."""
        try:
            with os.scandir(self.folder) as listing:
                return {entry.name: entry for entry in listing}
        except OSError as exc:
            self.add(
                None, None, None, None, ProblemCode.FOLDER, f"无法读取部门文件夹（{_os_reason(exc)}）", "可读的文件夹"
            )
            return {}

    def read_file(self, name: str) -> bytes:
        """The bytes of the folder's file ``name``, read only where it was checked to be.

        The file is looked at (``stat``), its path resolved and checked to stay inside the data directory,
        then opened, and the opened file must be the one looked at (same device and inode, by ``fstat``): a
        link swapped in between makes a ``DataFileError``, and the file it leads to is never read. Portable
        (no ``dir_fd``); an ``OSError`` becomes a ``DataFileError`` too."""
        path = self.folder / name
        try:
            looked = os.stat(path)
            real = path.resolve(strict=True)
            if not real.is_relative_to(self.root):
                raise DataFileError("文件是指向数据目录之外的链接，拒绝读取", file=name, value=str(real),
                                    expected="数据目录之内的普通文件")  # fmt: skip
            if not stat.S_ISREG(looked.st_mode):
                raise DataFileError("不是普通文件", file=name, expected="普通文件")
            if looked.st_size > MAX_FILE_BYTES:
                raise DataFileError(f"文件过大（{looked.st_size // (1024 * 1024)} MB），不像是部门数据", file=name,
                                    expected=f"不超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的文件")  # fmt: skip
            with open(real, "rb") as handle:
                opened = os.fstat(handle.fileno())
                if (opened.st_dev, opened.st_ino) != (looked.st_dev, looked.st_ino):
                    raise DataFileError("文件在检查之后被替换（可能是链接被改动），拒绝读取", file=name,
                                        expected="读取期间不被改动的数据目录之内的文件")  # fmt: skip
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise DataFileError(f"无法读取文件（{_os_reason(exc)}）", file=name, expected="可读的普通文件") from None
        if len(data) > MAX_FILE_BYTES:
            raise DataFileError("文件过大，不像是部门数据", file=name,
                                expected=f"不超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的文件")  # fmt: skip
        return data

    def resolve_folder(self) -> bool:
        """Resolve the department folder once and check it is a folder of the data directory (a link swapped
        in after ``department_dir`` checked it is caught here); False (and a problem) when it is not."""
        try:
            real = self.folder.resolve(strict=True)
        except OSError as exc:
            self.add(
                None, None, None, None, ProblemCode.FOLDER, f"无法读取部门文件夹（{_os_reason(exc)}）", "可读的文件夹"
            )
            return False
        if real.parent != self.root or not real.is_dir():
            self.add(None, None, None, str(real), ProblemCode.DEPT_ID, "部门文件夹是指向数据目录之外的链接，拒绝读取",
                     "数据目录之内的文件夹")  # fmt: skip
            return False
        self.folder = real
        return True

    def exists(self, name: str) -> bool:
        """Like ``Path.exists`` for a file of the folder (a dangling link does not exist)."""
        entry = self.entries.get(name)
        return entry is not None and (not entry.is_symlink() or os.path.exists(entry.path))

    def is_file(self, name: str) -> bool:
        """Like ``Path.is_file`` for a file of the folder."""
        entry = self.entries.get(name)
        return entry is not None and entry.is_file()

    def linked_out(self, path: Path, display: str) -> bool:
        """True (and a problem) when ``path`` is a link leading out of the data directory."""
        entry = self.entries.get(path.name)
        if entry is None or not entry.is_symlink():  # a file of a folder inside the data directory (department_dir)
            return False
        if path.resolve().is_relative_to(self.root):
            return False
        self.add(display, None, None, str(path.resolve()), ProblemCode.SYMLINK,
                                                       "文件是指向数据目录之外的链接，拒绝读取",
                 "数据目录之内的普通文件")  # fmt: skip
        return True

    def run(self) -> LoadResult:
        if not self.resolve_folder():
            return LoadResult(self.dept_id, None, tuple(self.problems))
        header = self.read_header()
        for spec, raw in self.read_tables():
            self.read_rows(spec, raw)
        if header is not None:
            self.check_scheme(header.scheme, header.kind)  # first: its grade words and sections serve the cross-check
        self.cross_check(header.fiscal_year if header is not None else None)
        department = None
        if header is not None and not any(p.severity is Severity.ERROR for p in self.problems):
            department = self.build(header)
        return LoadResult(self.dept_id, department, tuple(self.problems))

    def check_scheme(self, name: str, kind: str) -> None:
        """The scheme named in the header exists (shipped, or the department's own scheme.yaml, which
        is read like the other files: hashed, its encoding checked, never through a link out)."""
        from perfnb.format.schemes import SchemeError, grade_words, load_scheme, own_scheme, short

        own = self.folder / SCHEME_FILE
        text = None
        if self.exists(SCHEME_FILE):
            if self.linked_out(own, SCHEME_FILE):
                return
            try:
                text, source, warnings = read_text(own, SCHEME_FILE, self.read_file(SCHEME_FILE))
            except DataFileError as exc:
                self.add(SCHEME_FILE, exc.row, None, exc.value, ProblemCode.FILE, exc.message, exc.expected)
                return
            self.sources.append(_relative(source, self.dept_id))
            for warning in warnings:
                self.add(SCHEME_FILE, None, None, None, ProblemCode.ENCODING, warning, severity=Severity.WARNING)
        try:
            scheme = load_scheme(name) if text is None else own_scheme(name, text, str(own))  # the text read above
        except SchemeError as exc:
            if exc.file:
                self.add(Path(exc.file).name, exc.row, None, None, ProblemCode.SCHEME, exc.message, exc.expected)
            else:
                self.add(HEADER_FILE, None, "scheme", name, ProblemCode.SCHEME, exc.message, exc.expected)
            return
        self.grade_words = grade_words(scheme)
        self.section_names = tuple(short(s.name) for top in scheme.sections for s in (top, *top.parts))
        scoring_kind = kind in ("project_self_evaluation", "department_self_evaluation")
        fits = (not scheme.kinds or kind in scheme.kinds) and (scheme.mode != "targets_only" or not scoring_kind)
        if not fits or (scheme.mode != "targets_only" and kind in ("target_table", "department_target_application")):
            why = f"评分方案“{scheme.title}”不是为{DOC_KINDS[kind]}定的"
            if scoring_kind and scheme.mode == "targets_only":
                why = "自评表按不评分的方案核对，得分、总分和等级都不会复算"
            self.add(HEADER_FILE, None, "scheme", name, ProblemCode.SCHEME_KIND, why, f"{DOC_KINDS[kind]}的方案，如 "
                     f"{DEFAULT_SCHEMES[kind]}", Severity.WARNING)  # fmt: skip

    # --- header ---------------------------------------------------------------------

    def read_header(self) -> DepartmentHeader | None:
        path = self.folder / HEADER_FILE
        if self.exists(HEADER_FILE) and self.linked_out(path, HEADER_FILE):
            return None
        if not self.is_file(HEADER_FILE):
            self.add(HEADER_FILE, None, None, None, ProblemCode.MISSING_FILE, f"缺少 {HEADER_FILE}",
                     "部门信息文件（perfnb new 可生成模板）")  # fmt: skip
            return None
        try:
            text, source, warnings = read_text(path, HEADER_FILE, self.read_file(HEADER_FILE))
        except DataFileError as exc:
            self.add(HEADER_FILE, None, None, exc.value, ProblemCode.FILE, exc.message, exc.expected)
            return None
        self.sources.append(_relative(source, self.dept_id))
        for warning in warnings:
            self.add(HEADER_FILE, None, None, None, ProblemCode.ENCODING, warning, severity=Severity.WARNING)
        try:
            data = read_yaml(text, HEADER_FILE)
        except DataFileError as exc:
            self.add(HEADER_FILE, exc.row, None, None, ProblemCode.YAML, exc.message, exc.expected)
            return None
        lines = key_lines(text)
        if not isinstance(data, dict):
            self.add(HEADER_FILE, None, None, None, ProblemCode.YAML, "内容不是键值对", "YAML 映射（键: 值）")
            return None
        try:
            header = DepartmentHeader.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = [str(p) for p in err["loc"]]
                value = err["input"] if err["type"] != "missing" else None
                shown = value if not isinstance(value, dict | list) else None
                code = ProblemCode.of_pydantic(err["type"])
                self.add(HEADER_FILE, lines.get(loc[0]) if loc else None, ".".join(loc), shown, code,
                         error_message(err))  # fmt: skip
            return None
        if header.id != self.dept_id:
            self.add(HEADER_FILE, lines.get("id"), "id", header.id, ProblemCode.DEPT_ID_MISMATCH,
                     "部门编号与文件夹名不一致", self.dept_id)  # fmt: skip
            return None
        return header

    # --- tables ---------------------------------------------------------------------

    def read_tables(self) -> Iterable[tuple[TableSpec, RawTable]]:
        workbook = self.folder / WORKBOOK_FILE
        csvs = [spec for spec in TABLES if self.exists(spec.file)]
        if self.exists(WORKBOOK_FILE) and csvs:
            self.add(WORKBOOK_FILE, None, None, None, ProblemCode.TWO_FORMS,
                     f"同时存在 {WORKBOOK_FILE} 和 CSV 文件（{'、'.join(s.file for s in csvs)}），无法确定以哪个为准",
                     "只保留一种形式：五个 CSV 文件，或一个 department.xlsx")  # fmt: skip
            return
        if self.exists(WORKBOOK_FILE):
            if not self.linked_out(workbook, WORKBOOK_FILE):
                yield from self._workbook_tables(workbook)
            return
        for spec in TABLES:
            path = self.folder / spec.file
            if self.exists(spec.file) and self.linked_out(path, spec.file):
                continue
            if not self.is_file(spec.file):
                self.add(spec.file, None, None, None, ProblemCode.MISSING_FILE, f"缺少 {spec.file}",
                         f"{spec.title}表（没有数据时也要有列名行）")  # fmt: skip
                continue
            try:
                raw, source = read_csv(path, spec.file, self.read_file(spec.file))
            except DataFileError as exc:
                self.add(spec.file, exc.row, exc.column, exc.value, ProblemCode.FILE, exc.message, exc.expected)
                continue
            self.sources.append(_relative(source, self.dept_id))
            yield spec, raw

    def _workbook_tables(self, workbook: Path) -> Iterable[tuple[TableSpec, RawTable]]:
        try:
            sheets, source = read_xlsx(workbook, WORKBOOK_FILE, [spec.name for spec in TABLES],
                                       self.read_file(WORKBOOK_FILE))  # fmt: skip
        except DataFileError as exc:
            self.add(WORKBOOK_FILE, None, None, exc.value, ProblemCode.FILE, exc.message, exc.expected)
            return
        self.sources.append(_relative(source, self.dept_id))
        for spec in TABLES:
            sheet = sheets[spec.name]
            if isinstance(sheet, DataFileError):
                self.add(
                    sheet.file, sheet.row, sheet.column, sheet.value, ProblemCode.FILE, sheet.message, sheet.expected
                )
            else:
                yield spec, sheet

    def read_rows(self, spec: TableSpec, raw: RawTable) -> None:
        file = raw.file
        self.files[spec.name] = file
        for warning in raw.warnings:
            self.add(file, None, None, None, ProblemCode.ENCODING, warning, severity=Severity.WARNING)
        if not self._header_ok(spec, raw):
            return
        self.readable.add(spec.name)
        bad = {(cell.row, cell.column) for cell in raw.bad_cells}
        for cell in raw.bad_cells:
            self.add(file, cell.row, cell.column, cell.value, ProblemCode.FORMULA, cell.message, cell.expected)
        for n in raw.hidden_rows:
            self.add(file, n, None, None, ProblemCode.HIDDEN_ROW, "该行在 Excel 中是隐藏的（已照常读取）", "可见的行",
                     severity=Severity.WARNING)  # fmt: skip
        for n in raw.extra_cells:
            self.add(file, n, None, None, ProblemCode.EXTRA_CELLS, "本行的单元格多于列名，多出的内容会被忽略",
                     f"{len(raw.header)} 列")  # fmt: skip
        columns, rows, validate = spec.columns, self.rows[spec.name], spec.model.model_validate
        exact = raw.header == columns  # the usual case: each row's cells are already the model's fields
        for n, cells in raw.rows:
            try:
                rows.append((n, validate(cells if exact else {c: cells.get(c, "") for c in columns})))
            except ValidationError as exc:
                row_id = str(cells.get("id") or "").strip()
                if row_id:  # the row exists: a reference to it is not "missing" because another cell is bad
                    self.failed_ids[spec.name].add(row_id)
                for err in exc.errors():
                    column = str(err["loc"][0]) if err["loc"] else None
                    if (n, column) in bad:
                        continue
                    code = ProblemCode.of_pydantic(err["type"])
                    self.add(file, n, column, cells.get(column or "", None), code, error_message(err),
                             _expected(spec, column, code))  # fmt: skip

    def _header_ok(self, spec: TableSpec, raw: RawTable) -> bool:
        seen: set[str] = set()
        usable = True
        for name in raw.header:
            if name in seen:
                self.add(
                    raw.file, raw.header_row, name, name, ProblemCode.DUPLICATE_COLUMN, "列名重复", "每个列名只出现一次"
                )
                usable = False
            seen.add(name)
            if name and name not in spec.columns:
                close = difflib.get_close_matches(name, spec.columns, n=1)
                hint = f"（是不是 {close[0]}？）" if close else ""
                self.add(raw.file, raw.header_row, name, name, ProblemCode.UNKNOWN_COLUMN, f"未知列名{hint}",
                         "列名：" + ", ".join(spec.columns))  # fmt: skip
            elif not name:
                self.add(raw.file, raw.header_row, None, None, ProblemCode.BLANK_COLUMN, "有空白列名", "每列都有列名")
        for name in spec.columns:
            if name not in seen and name not in LATER_COLUMNS.get(spec.name, ()):
                title = spec.model.title_of(name)
                self.add(raw.file, raw.header_row, name, None, ProblemCode.MISSING_COLUMN, f"缺少列 {name}（{title}）",
                         "列名：" + ", ".join(spec.columns))  # fmt: skip
                usable = usable and name not in spec.required
        return usable

    # --- the model ------------------------------------------------------------------

    def build(self, header: DepartmentHeader) -> Department:
        locations = {
            (table, row.id): Location(f"{self.dept_id}/{self.files[table]}", n, getattr(row, "ref", None))
            for table, rows in self.rows.items()
            for n, row in rows
        }
        tables: dict[str, tuple[Row, ...]] = {t: tuple(r for _, r in rows) for t, rows in self.rows.items()}
        return Department(header=header, sources=tuple(self.sources), locations=locations, **tables)  # type: ignore[arg-type]


def _os_reason(exc: OSError) -> str:
    """Why reading failed, for a message."""
    if isinstance(exc, FileNotFoundError):
        return "文件不存在或已被移走"
    if isinstance(exc, PermissionError):
        return "没有读取权限（或文件正被其他程序占用）"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    return printable(exc.strerror or type(exc).__name__, 200)


def _relative(source: SourceFile, dept_id: str) -> SourceFile:
    return SourceFile(f"{dept_id}/{source.path}", source.sha256, source.size, source.encoding)


def _expected(spec: TableSpec, column: str | None, code: ProblemCode) -> str | None:
    """The column's guidance, where the message does not already say what was expected."""
    if column is None or column not in spec.model.model_fields or code not in _STATES_NO_EXPECTATION:
        return None
    field = spec.model.model_fields[column]
    return f"{field.title}（{field.description}）"
