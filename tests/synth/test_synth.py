"""``perfnb synth``: synthetic departments that validate, reconcile, and carry the mistakes planted in them."""

from __future__ import annotations

import csv
import random
import shutil
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from perfnb.base.numbers import round_half_up
from perfnb.cli import cli
from perfnb.engine.check import CheckResult, check_department
from perfnb.engine.figures import Verdict
from perfnb.format.load import LoadResult, load, validate
from perfnb.format.problems import Severity
from perfnb.synth import SynthError, dept_id, planted_codes, synthesize
from perfnb.synth.generate import _department
from perfnb.synth.model import MAX_INDICATORS, MAX_PROJECTS, MIN_INDICATORS, MIN_PROJECTS, _Department, _Rng
from perfnb.synth.plant import _PLANTS
from perfnb.synth.write import _write
from tests.conftest import ROOT

SET_SIZE = 20  # the department set every department of which is validated and checked


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20-department set, half of it with planted mistakes."""
    out = tmp_path_factory.mktemp("synth") / "raw"
    assert synthesize(SET_SIZE, out, seed=2024, anomalies=0.5) == [dept_id(i) for i in range(1, SET_SIZE + 1)]
    return out


@pytest.fixture(scope="module")
def checked(synthetic: Path) -> dict[str, tuple[LoadResult, CheckResult]]:
    results = {}
    for result in validate(None, synthetic):
        assert result.department is not None, result.problems
        results[result.dept_id] = (result, check_department(result.department))
    return results


# --- determinism ----------------------------------------------------------------------------------


def test_same_seed_writes_identical_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synthesize(6, first, seed=7)
    synthesize(6, second, seed=7)
    synthesize(6, other, seed=8)
    files = _files(first)
    assert len(files) == 6 * 6
    assert files == _files(second)
    different = _files(other)
    assert different.keys() == files.keys()
    assert all(different[name] != files[name] for name in files if name.endswith(("department.yaml", "projects.csv")))


def test_a_department_does_not_depend_on_how_many_are_generated(tmp_path: Path) -> None:
    synthesize(3, tmp_path / "few", seed=5, anomalies=0)
    synthesize(5, tmp_path / "more", seed=5, anomalies=0)
    for i in (1, 2, 3):
        assert _files(tmp_path / "few" / dept_id(i)) == _files(tmp_path / "more" / dept_id(i))


# --- sizes and kinds --------------------------------------------------------------------------------


def test_sizes_units_and_kinds_within_bounds(tmp_path: Path) -> None:
    synthesize(30, tmp_path, seed=1)
    kinds, units = set(), set()
    for folder in sorted(tmp_path.iterdir()):
        header = (folder / "department.yaml").read_text(encoding="utf-8")
        kind = next(line.split(": ")[1] for line in header.splitlines() if line.startswith("kind: "))
        unit = next(line.split(": ")[1] for line in header.splitlines() if line.startswith("money_unit: "))
        kinds.add(kind)
        units.add(unit)
        projects = _csv(folder / "projects.csv")
        assert MIN_PROJECTS <= len(projects) <= MAX_PROJECTS
        indicators = _csv(folder / "indicators.csv")
        for project in projects:
            own = [row for row in indicators if row["project_id"] == project["id"]]
            assert MIN_INDICATORS <= len(own) <= MAX_INDICATORS
            assert all(row["target"] for row in own)
            assert all(bool(row["actual"]) == (kind == "project_self_evaluation") for row in own)
        totals = [row for row in _csv(folder / "funds.csv") if not row["parent"]]
        assert len(totals) == len(projects)
        for row in totals:
            yuan = Decimal(row["budget"]) * (10_000 if unit == "万元" else 1)
            assert Decimal(50_000) <= yuan <= Decimal(50_000_000), (folder.name, row)
    assert kinds == {"project_self_evaluation", "target_table"}
    assert units == {"元", "万元"}


# --- the 20-department set: valid, consistent, mistakes found --------------------------------------


def test_every_department_validates_without_problems(synthetic: Path) -> None:
    results = validate(None, synthetic)
    assert [r.dept_id for r in results] == [dept_id(i) for i in range(1, SET_SIZE + 1)]
    for result in results:
        assert result.ok, result.errors
        assert not result.problems, result.problems  # not even a warning


def test_the_share_of_departments_with_planted_mistakes(checked: dict[str, tuple[LoadResult, CheckResult]]) -> None:
    planted = [name for name, (result, _) in checked.items() if planted_codes(_notes(result))]
    assert len(planted) == SET_SIZE // 2


def _notes(result: LoadResult) -> str | None:
    assert result.department is not None
    return result.department.header.notes


def test_departments_without_planted_mistakes_raise_no_error_and_reconcile(
    checked: dict[str, tuple[LoadResult, CheckResult]],
) -> None:
    clean = 0
    for name, (result, check) in checked.items():
        if planted_codes(_notes(result)):
            continue
        clean += 1
        severe = [f for f in check.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
        assert not severe, (name, [(f.code, f.message) for f in severe])
        assert not [f for f in check.figures if f.verdict is Verdict.DIFFERS], name
        dept = result.department
        assert dept is not None
        if dept.header.kind != "project_self_evaluation":
            assert check.total is None
            continue
        totals = {f.project_id: f for f in check.figures if f.measure == "total_score"}
        assert set(totals) == {p.id for p in dept.projects}
        for figure in totals.values():
            assert figure.verdict is Verdict.AGREES
            assert isinstance(figure.recomputed, Decimal) and figure.reported is not None
            assert round_half_up(figure.recomputed, 2) == Decimal(figure.reported), (name, figure.id)
        grades = [f for f in check.figures if f.measure == "grade"]
        assert len(grades) == len(dept.projects) and all(f.verdict is Verdict.AGREES for f in grades)
    assert clean == SET_SIZE // 2


def test_departments_with_planted_mistakes_have_each_of_them_found(
    checked: dict[str, tuple[LoadResult, CheckResult]],
) -> None:
    for name, (result, check) in checked.items():
        wanted = planted_codes(_notes(result))
        if wanted:
            found = {f.code for f in check.findings}
            assert check.findings and set(wanted) <= found, (name, wanted, sorted(found))


@cache
def _small(scored: bool) -> int:
    """The index of a small synthetic department of the given kind (seed 0)."""
    return next(
        i for i in range(1, 200) if (d := _department(i, 0)).scored == scored and len(d.projects) <= MIN_PROJECTS + 1
    )


@pytest.mark.parametrize(
    ("code", "who", "plant"), _PLANTS, ids=[p[2].__name__.removeprefix("_plant_") for p in _PLANTS]
)
def test_each_kind_of_planted_mistake_is_found(
    code: str, who: str, plant: Callable[[_Rng, _Department], str | None], tmp_path: Path
) -> None:
    dept = _department(_small(who != "targets"), 0)
    assert plant(_Rng("test"), dept) is not None
    dept.planted.append((code, "test"))
    _write(tmp_path / dept.id, dept)
    check = check_department(load(dept.id, tmp_path))
    assert code in {f.code for f in check.findings}


# --- the command line ---------------------------------------------------------------------------


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["synth", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_cli_writes_departments_that_validate(tmp_path: Path) -> None:
    out = tmp_path / "raw"
    code, output = _invoke("--n", "3", "--out", str(out), "--seed", "9", "--anomalies", "0")
    assert code == 0, output
    assert "已生成 3 个合成部门" in output
    assert sorted(p.name for p in out.iterdir()) == [dept_id(i) for i in (1, 2, 3)]
    done = CliRunner().invoke(cli, ["validate", "--data-dir", str(out)])
    assert done.exit_code == 0, done.output


def test_cli_n_0_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "raw"
    code, output = _invoke("--n", "0", "--out", str(out))
    assert code == 0, output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("intruder", ["file", "folder", "link"])
def test_cli_refuses_a_folder_holding_anything_else(tmp_path: Path, intruder: str) -> None:
    out = tmp_path / "raw"
    out.mkdir()
    if intruder == "file":
        (out / "notes.txt").write_text("mine", encoding="utf-8")
    elif intruder == "folder":
        (out / "nantong-ipc-2025").mkdir()
    else:
        (tmp_path / "elsewhere").mkdir()
        (out / "synth-00001").symlink_to(tmp_path / "elsewhere")
    before = _files(tmp_path)
    code, output = _invoke("--n", "2", "--out", str(out))
    assert code == 1
    assert "拒绝写入" in output and "synth-*" in output and "Traceback" not in output
    assert _files(tmp_path) == before


def test_a_rerun_replaces_an_earlier_run(tmp_path: Path) -> None:
    synthesize(4, tmp_path, seed=1)
    (tmp_path / dept_id(2) / "stray.csv").write_text("x", encoding="utf-8")
    assert synthesize(2, tmp_path, seed=3) == [dept_id(1), dept_id(2)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [dept_id(1), dept_id(2)]
    fresh = tmp_path.parent / f"{tmp_path.name}-fresh"
    synthesize(2, fresh, seed=3)
    assert _files(tmp_path) == _files(fresh)
    shutil.rmtree(fresh)


def test_api_refuses_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="non-negative"):
        synthesize(-1, tmp_path)
    with pytest.raises(ValueError, match="anomalies"):
        synthesize(1, tmp_path, anomalies=1.5)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(SynthError, match="不是文件夹"):
        synthesize(1, tmp_path / "file")
    with pytest.raises(SynthError, match="拒绝写入"):
        synthesize(1, tmp_path)


def test_planted_codes_reads_the_notes_line() -> None:
    assert planted_codes("x\n植入问题：SUM_MISMATCH、VAGUE_TARGET") == ("SUM_MISMATCH", "VAGUE_TARGET")
    assert planted_codes("植入问题：无") == ()
    assert planted_codes(None) == ()


# --- each project's grade against its own total ----------------------------------------


def test_projects_with_different_grades_raise_no_grade_mismatch(tmp_path: Path) -> None:
    source = ROOT / "tests" / "fixtures" / "raw" / "synthetic-national-2024"
    folder = Path(shutil.copytree(source, tmp_path / "two-grades"))
    header = (folder / "department.yaml").read_text(encoding="utf-8")
    (folder / "department.yaml").write_text(header.replace("id: synthetic-national-2024", "id: two-grades"), "utf-8")
    # p2: a copy of p1 that gives 500 of 1500 consultations, 10 × 500/1500 = 3.33 instead of 10: total 88.36, 良
    copy: dict[str, Callable[[str], str]] = {
        "projects.csv": lambda line: line.replace("p1", "p2"),
        "funds.csv": lambda line: line.replace("p1", "p2"),
        "indicators.csv": lambda line: ("j" + line[1:]).replace(",p1,", ",p2,"),
    }
    for name, rename in copy.items():
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        copies = [rename(line) for line in lines[1:]]
        if name == "indicators.csv":
            copies[0] = copies[0].replace("1620人次,10,10,,", "500人次,10,3.33,需求下降；改进措施：加强宣传,")
        (folder / name).write_text("\n".join([*lines, *copies]) + "\n", encoding="utf-8")
    rows = (folder / "reported_figures.csv").read_text(encoding="utf-8")
    rows += (
        "r6,p2,,execution_rate,,预算执行率,92.00,%,,,\n"
        "r7,p2,,score,预算执行,预算执行率得分,9.20,分,,,\n"
        "r8,p2,,total_score,,总分,88.36,分,,,\n"
        "r9,p2,,grade,,评价等级,良,,,,\n"
    )
    (folder / "reported_figures.csv").write_text(rows, encoding="utf-8")
    check = check_department(load("two-grades", tmp_path))
    totals = {f.project_id: f.verdict for f in check.figures if f.measure == "total_score"}
    assert totals == {"p1": Verdict.AGREES, "p2": Verdict.AGREES}  # the document is consistent
    assert "GRADE_MISMATCH" not in {f.code for f in check.findings}


def test_random_module_is_only_seeded_never_global() -> None:
    state = random.getstate()
    _department(1, 0)
    assert random.getstate() == state
