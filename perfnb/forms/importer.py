"""``perfnb import``: forms (.xlsx, .docx, text PDF) → one department folder that validates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from perfnb.base.errors import PerfnbError
from perfnb.base.files import atomic_write
from perfnb.format.load import LoadResult, load_department
from perfnb.format.paths import check_dept_id
from perfnb.format.scaffold import publish_department
from perfnb.forms.department import (
    KIND_NAMES as _KIND_NAMES,
)
from perfnb.forms.department import REPORT_FILE, FormImportError, Imported, build_department, report_text
from perfnb.forms.extract import extract
from perfnb.forms.form import FormProject, is_number
from perfnb.forms.grid import Form, read_form
from perfnb.forms.rows import ReportLine

__all__ = ["DepartmentExistsError", "Found", "ImportResult", "import_forms", "projects_of", "read_projects"]


_NOT_A_FORM = "不是自评表或绩效目标表（没有资金块、绩效指标块、年度主要任务或项目名称、部门名称），整张表未导入"


_NO_PDF_TABLE = ("PDF 中没有找到带框线的表格（表格可能没有画线），无法按单元格读取："
                 "请用原始的 Excel 或 Word 文件导入")  # fmt: skip


class DepartmentExistsError(PerfnbError):
    """Raised when the department folder exists and ``--overwrite`` was not given."""


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and how the written department validates."""

    folder: Path
    imported: Imported
    loaded: LoadResult
    projects: int


@dataclass
class Found:
    """The forms found in some files, report lines for the tables that hold none, and how many numbers
    those tables print."""

    projects: list[FormProject] = field(default_factory=list)
    unread: list[ReportLine] = field(default_factory=list)
    unread_numbers: int = 0


def read_projects(paths: Sequence[Path]) -> Found:
    """Every form found in ``paths`` (in order), and report lines for the tables that hold none."""
    return projects_of([read_form(path) for path in paths])


def projects_of(forms: Sequence[Form]) -> Found:
    """:func:`read_projects` for forms already read."""
    found = Found()
    for form in forms:
        if not form.grids:
            why = _NO_PDF_TABLE if form.kind == "pdf" else "文件中没有找到表格"
            found.unread.append(ReportLine("未导入", form.file, "", "", "", why))
        last: FormProject | None = None
        for grid in form.grids:
            project = extract(grid, continues=last)
            if project.continued and last is not None:
                _join(last, project)
                continue
            if project.found:
                found.projects.append(project)
                last = project
                continue
            cells = [text for r, row in enumerate(grid.cells) for c, text in enumerate(row)
                     if text.strip() and (r, c) not in grid.merged]  # fmt: skip
            numbers = sum(1 for text in cells if is_number(text))
            found.unread_numbers += numbers
            if cells:
                found.unread.append(ReportLine(
                    "未导入", grid.file, grid.label, f"{len(cells)} 个非空单元格，其中 {numbers} 个数字", "",
                    _NOT_A_FORM))  # fmt: skip
    return found


def describe_found(found: Found) -> list[ReportLine]:
    """One 说明 line per form found: its title and kind, and how much of each block was read."""
    lines = []
    for p in found.projects:
        title = f"标题“{p.title.text}”（{p.title.where}）" if p.title else "没有标题"
        name = p.fields.get("project_name") or p.fields.get("department_name")
        parts = [title, f"按{_KIND_NAMES.get(p.kind or '', '未定类型')}读取",
                 f"年度 {p.year.text}（{p.year.where}）" if p.year else "没有年度",
                 f"名称“{name.text}”（{name.where}）" if name else "没有项目名称或部门名称",
                 f"资金行 {len(p.funds)} 行", f"绩效指标 {len(p.indicators)} 行", f"年度主要任务 {len(p.tasks)} 项",
                 f"总分 {p.total_score.text}（{p.total_score.where}）" if p.total_score else "没有总分"]  # fmt: skip
        lines.append(ReportLine("说明", p.file, p.label, "", "", "找到：" + "；".join(parts)))
    return lines


def _join(project: FormProject, rest: FormProject) -> None:
    """Add a table continued from the previous page (its indicator rows, total and grade) to its project."""
    project.indicators.extend(rest.indicators)
    project.weights.extend(rest.weights)
    project.numbers.extend(rest.numbers)
    project.total_weight = project.total_weight or rest.total_weight
    project.total_score = project.total_score or rest.total_score
    project.total_grade = project.total_grade or rest.total_grade
    for key, value in rest.fields.items():
        project.fields.setdefault(key, value)
    project.ignored.extend(rest.ignored)
    project.notes.append(f"{rest.label}是{project.label}的续表（换页），其指标行并入同一项目")
    project.notes.extend(rest.notes)


def import_forms(
    paths: Sequence[Path],
    dept_id: str,
    data_dir: Path,
    *,
    overwrite: bool = False,
    region: str | None = None,
    year: int | None = None,
    report_dir: Path | None = None,
) -> ImportResult:
    """Read ``paths`` as one department's forms and write ``data_dir/dept_id``; validate what was written.

    When the forms cannot make a department, the :class:`FormImportError` carries what was found (``lines``)
    and, with ``report_dir``, has written them to ``report_dir/dept_id/import_report.csv`` (``report``)."""
    check_dept_id(dept_id)
    target = data_dir / dept_id
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise DepartmentExistsError("部门文件夹的位置已被别的文件或链接占用", department=dept_id, value=str(target))
    if target.exists() and not overwrite:
        raise DepartmentExistsError(
            f"部门文件夹已存在：{target}", department=dept_id, expected="换一个部门编号，或加 --overwrite 覆盖它"
        )
    found = read_projects(paths)
    try:
        imported = build_department(dept_id, found.projects, files=[p.name for p in paths], region=region, year=year,
                                    unread=found.unread, unread_numbers=found.unread_numbers)  # fmt: skip
    except FormImportError as exc:
        exc.lines = [*describe_found(found), *found.unread]
        for project in found.projects:
            exc.lines += [ReportLine("未导入", project.file, i.where, i.text, "", i.reason) for i in project.ignored]
        if report_dir is not None:
            exc.report = report_dir / dept_id / REPORT_FILE
            atomic_write(exc.report, report_text(exc.lines))
        raise
    folder = publish_department(data_dir, dept_id, imported.files, replace=overwrite)
    projects = sum(1 for p in found.projects if not p.department) or len(found.projects)
    return ImportResult(folder, imported, load_department(dept_id, data_dir), projects)
