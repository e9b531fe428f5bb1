"""``perfnb import``: forms (.xlsx, .docx, text PDF) → one department folder that validates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from perfnb.errors import PerfnbError
from perfnb.forms.department import Imported, ReportLine, build_department
from perfnb.forms.extract import FormProject, extract
from perfnb.forms.grid import Form, read_form
from perfnb.load import LoadResult, load_department
from perfnb.paths import check_dept_id
from perfnb.scaffold import publish_department

__all__ = ["DepartmentExistsError", "ImportResult", "import_forms", "projects_of", "read_projects"]


class DepartmentExistsError(PerfnbError):
    """Raised when the department folder exists and ``--overwrite`` was not given."""


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and how the written department validates."""

    folder: Path
    imported: Imported
    loaded: LoadResult
    projects: int


def read_projects(paths: Sequence[Path]) -> tuple[list[FormProject], list[ReportLine]]:
    """Every project form found in ``paths`` (in order), and report lines for the tables that hold none."""
    return projects_of([read_form(path) for path in paths])


def projects_of(forms: Sequence[Form]) -> tuple[list[FormProject], list[ReportLine]]:
    """:func:`read_projects` for forms already read."""
    projects: list[FormProject] = []
    unread: list[ReportLine] = []
    for form in forms:
        if not form.grids:
            unread.append(ReportLine("未导入", form.file, "", "", "", "文件中没有找到表格"))
        last: FormProject | None = None
        for grid in form.grids:
            project = extract(grid, continues=last)
            if project.continued and last is not None:
                _join(last, project)
                continue
            if project.found:
                projects.append(project)
                last = project
                continue
            cells = sum(1 for row in grid.cells for text in row if text.strip())
            if cells:
                unread.append(ReportLine("未导入", grid.file, grid.label, f"{cells} 个非空单元格", "",
                                         "不是自评表或绩效目标表（没有资金块、绩效指标块或项目名称）"))  # fmt: skip
    return projects, unread


def _join(project: FormProject, rest: FormProject) -> None:
    """Add a table continued from the previous page (its indicator rows, total and grade) to its project."""
    project.indicators.extend(rest.indicators)
    project.total_weight = project.total_weight or rest.total_weight
    project.total_score = project.total_score or rest.total_score
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
) -> ImportResult:
    """Read ``paths`` as one department's forms and write ``data_dir/dept_id``; validate what was written."""
    check_dept_id(dept_id)
    target = data_dir / dept_id
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise DepartmentExistsError("部门文件夹的位置已被别的文件或链接占用", department=dept_id, value=str(target))
    if target.exists() and not overwrite:
        raise DepartmentExistsError(
            f"部门文件夹已存在：{target}", department=dept_id, expected="换一个部门编号，或加 --overwrite 覆盖它"
        )
    projects, unread = read_projects(paths)
    imported = build_department(
        dept_id, projects, files=[p.name for p in paths], region=region, year=year, unread=unread
    )
    folder = publish_department(data_dir, dept_id, imported.files, replace=overwrite)
    return ImportResult(folder, imported, load_department(dept_id, data_dir), len(projects))
