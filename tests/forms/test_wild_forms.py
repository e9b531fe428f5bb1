"""Real published forms from nine provinces and more (``tests/forms/wild``), rebuilt and imported as a user would.

Each form is printed to a file, imported with ``perfnb import`` (no ``--year``: the year is read or
inferred), validated and checked; what its module's ``expect`` says must come back: the kind, year,
money unit, projects, indicators, the printed figures, amounts and targets. Every printed number
is imported or listed as not imported, with a reason.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from perfnb.base.errors import PerfnbError
from perfnb.engine.check import check_department
from perfnb.format.load import load_department
from perfnb.forms.department import REPORT_FILE
from perfnb.forms.form import is_number
from perfnb.forms.grid import read_form
from perfnb.forms.importer import import_forms
from tests.forms.wild import WildForm, all_forms

FORMS = all_forms()


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every wild form imported once into its own department folder."""
    root = tmp_path_factory.mktemp("wild")
    out = {}
    for form in FORMS:
        path = form.write(root)
        try:
            out[form.id] = import_forms([path], form.id.lower(), root / "raw").folder
        except PerfnbError as exc:  # reported by the test of that form; the other forms still run
            out[form.id] = root / "failed" / f"{form.id}：{exc}"
    return out


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_imports_and_validates(form: WildForm, imported: dict[str, Path]) -> None:
    assert imported[form.id].parent.name == "raw", imported[form.id].name
    loaded = load_department(form.id.lower(), imported[form.id].parent)
    assert loaded.errors == (), [str(p) for p in loaded.errors]


def test_there_are_real_forms_from_many_places() -> None:
    assert len([f for f in FORMS if f.id.startswith("R")]) >= 10
    assert len({f.place[:2] for f in FORMS}) >= 8
    kinds = {f.expect.kind for f in FORMS}
    assert kinds == {"project_self_evaluation", "department_self_evaluation", "target_table"}
    for form in FORMS:
        assert form.source.startswith("http"), form.id


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_header(form: WildForm, imported: dict[str, Path]) -> None:
    header = yaml.safe_load((imported[form.id] / "department.yaml").read_text(encoding="utf-8"))
    assert (header["kind"], header["fiscal_year"], header["money_unit"]) == (
        form.expect.kind, form.expect.year, form.expect.money_unit,
    )  # fmt: skip


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_projects_and_indicators(form: WildForm, imported: dict[str, Path]) -> None:
    folder = imported[form.id]
    projects = rows(folder, "projects.csv")
    count = len(projects) or (1 if form.expect.kind == "department_self_evaluation" else 0)
    assert count == form.expect.projects
    indicators = [r for r in rows(folder, "indicators.csv") if r["level3"]]
    assert len(indicators) == form.expect.indicators, [r["level3"] for r in indicators]
    for name, target in form.expect.targets:
        found = [r["target"] for r in indicators if name in r["level3"]]
        assert found[:1] == [target], (name, found)


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_printed_figures(form: WildForm, imported: dict[str, Path]) -> None:
    folder = imported[form.id]
    first = next((r["id"] for r in rows(folder, "projects.csv") if r["kind"] != "重点任务"), "")
    figures = [r for r in rows(folder, "reported_figures.csv") if r["project_id"] == first]
    for measure, value in form.expect.figures.items():
        values = [r["value"] for r in figures if r["measure"] == measure]
        assert values[:1] == [value], (measure, values)
    funds = rows(folder, "funds.csv")
    for line, column, value in form.expect.funds:
        found = [r[column] for r in funds if line in r["line"] and r[column]]
        assert found[:1] == [value], (line, column, [(r["line"], r[column]) for r in funds])


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_every_number_is_accounted_for(form: WildForm, imported: dict[str, Path], tmp_path: Path) -> None:
    """Each cell holding a number is imported (its destination named) or listed with a reason."""
    read = read_form(form.write(tmp_path))
    numbers = {(grid.label, grid.where(r, c)) for grid in read.grids for r, row in enumerate(grid.cells)
               for c, text in enumerate(row) if is_number(text) and (r, c) not in grid.merged}  # fmt: skip
    report = rows(imported[form.id], REPORT_FILE)
    places = {line["位置"] for line in report}
    whole_tables = {line["位置"] for line in report if line["结果"] == "未导入" and "整张表未导入" in line["说明"]}
    for label, where in numbers:
        listed = (
            where in places
            or label in whole_tables
            or any(line["结果"] == "未导入" and _same_row(line, where) for line in report)
        )
        assert listed, where


def _same_row(line: dict[str, str], where: str) -> bool:
    """Whether a report line listing a whole row covers the cell ``where`` (same table and row)."""
    return _row_of(line["位置"]) == _row_of(where) is not None


def _row_of(where: str) -> tuple[str, str] | None:
    """(table, row) of a location: ``工作表“X” D6`` → (工作表“X”, 6); ``表格 1 第 6 行第 3 列`` → (表格 1, 6)."""
    found = re.match(r"^(.*?) 第 (\d+) 行第 \d+ 列$", where) or re.match(r"^(.*) [A-Z]+(\d+)$", where)
    return (found.group(1), found.group(2)) if found else None


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_checks(form: WildForm, imported: dict[str, Path]) -> None:
    folder = imported[form.id]
    loaded = load_department(folder.name, folder.parent)
    assert loaded.department is not None
    result = check_department(loaded.department, department_dir=folder)
    scored = form.expect.kind != "target_table"
    assert (result.scheme.mode != "targets_only") == scored
    if scored and form.expect.figures.get("execution_rate"):
        rates = [f for f in result.figures if f.measure.startswith("execution_rate") and f.project_id in (None, "p1")]
        assert rates, "the printed execution rate was not reconciled"


def _content(folder: Path) -> tuple[list[tuple[str, ...]], ...]:
    """What an import wrote that does not depend on where a cell is: funds, indicators, printed figures."""
    return (
        [(r["line"], r["budget_initial"], r["budget"], r["executed"], r["parent"]) for r in rows(folder, "funds.csv")],
        [
            (r["level1"], r["level2"], r["level3"], r["target"], r["actual"], r["weight"], r["score"])
            for r in rows(folder, "indicators.csv")
        ],
        [(r["measure"], r["section"], r["value"]) for r in rows(folder, "reported_figures.csv")],
    )


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_the_same_form_as_excel_word_and_pdf_imports_the_same(form: WildForm, tmp_path: Path) -> None:
    """Printed as a workbook, a Word document and a text PDF, a form gives the same department (a form whose
    title is printed above its table is compared as Word and PDF only: a workbook holds no text above a sheet)."""
    kinds = ("docx", "pdf") if form.sheets[0].before else ("xlsx", "docx", "pdf")
    got = {}
    for kind in kinds:
        path = dataclasses.replace(form, file_kind=kind).write(tmp_path)
        got[kind] = _content(import_forms([path], f"{form.id.lower()}-{kind}", tmp_path / "raw").folder)
    first = got[kinds[0]]
    assert all(content == first for content in got.values()), {k: v == first for k, v in got.items()}
