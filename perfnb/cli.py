"""The ``perfnb`` command line: a thin layer over the Python API.

Exit codes: 0 ok, 1 data problems (an invalid department), 2 usage errors.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from perfnb.base.errors import PerfnbError, PerfnbWarning, printable
from perfnb.base.version import __version__
from perfnb.format.kinds import DOC_KINDS
from perfnb.format.load import LoadResult, validate
from perfnb.run.entries import Entry
from perfnb.run.settings import DEFAULT_PROCESSED_DIR

__all__ = ["main"]

_DATA_DIR = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data/raw"),
    show_default=True,
    envvar="PERFNB_DATA_DIR",
    help="Folder holding one sub-folder per department.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="perfnb")
def cli() -> None:
    """perfnb — reproduce budget performance self-evaluations (预算绩效自评) and audit them."""


@cli.command("validate")
@click.argument("departments", nargs=-1)
@_DATA_DIR
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, not warnings.")
def validate_cmd(departments: tuple[str, ...], data_dir: Path, quiet: bool) -> None:
    """Check departments' data (all of them when none is named) and list every problem."""
    try:
        results = validate(list(departments) or None, data_dir)
    except PerfnbError as exc:
        raise click.ClickException(str(exc)) from None
    for result in results:
        for problem in result.errors if quiet else result.problems:
            click.echo(str(problem))
    for result in results:
        click.echo(_summary(result))
    invalid = sum(not r.ok for r in results)
    if not results:
        click.echo(f"{data_dir} 下没有部门文件夹")
    click.echo(f"共 {len(results)} 个部门：{len(results) - invalid} 个有效，{invalid} 个无效")
    sys.exit(1 if invalid else 0)


def _summary(result: LoadResult) -> str:
    dept = result.department
    if dept is None or not result.ok:
        return f"{result.dept_id}  无效  错误 {len(result.errors)} 处，警告 {len(result.warnings)} 处"
    h = dept.header
    return (
        f"{result.dept_id}  有效  {printable(h.name, 80)} {h.fiscal_year} {DOC_KINDS[h.kind]}："
        f"项目 {len(dept.projects)}，资金行 {len(dept.funds)}，指标 {len(dept.indicators)}，"
        f"文字目标 {len(dept.narrative_targets)}，报告数字 {len(dept.reported_figures)}；"
        f"警告 {len(result.warnings)} 处"
    )


@cli.command("check")
@click.argument("departments", nargs=-1)
@_DATA_DIR
@click.option(
    "--processed-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_PROCESSED_DIR,
    show_default=True,
    envvar="PERFNB_PROCESSED_DIR",
    help="Where figures.csv, findings.csv and summary.json are written, one folder per department.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes checking departments at once.",
)
def check_cmd(departments: tuple[str, ...], data_dir: Path, processed_dir: Path, jobs: int) -> None:
    """Validate, recompute and reconcile departments (all when none is named) and write their results."""
    from perfnb.format.paths import check_output_dirs
    from perfnb.run.lock import output_lock
    from perfnb.run.runner import check_all

    lines: list[str] = []
    failed = 0
    try:
        check_output_dirs(data_dir, processed_dir)  # before the lock creates anything
        with output_lock(processed_dir):
            for checked in check_all(list(departments) or None, data_dir, processed_dir, jobs=jobs):
                for message in checked.messages:
                    click.echo(message)
                lines.append(checked.line)
                failed += not checked.ok
    except PerfnbError as exc:
        raise click.ClickException(str(exc)) from None
    for line in lines:
        click.echo(line)
    click.echo(f"共 {len(lines)} 个部门：{len(lines) - failed} 个已核对，{failed} 个失败；结果在 {processed_dir}")
    sys.exit(1 if failed else 0)


@cli.command("run")
@click.argument("departments", nargs=-1)
@click.option("--all", "run_all", is_flag=True, help="Run every department under the data directory.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Departments run at once (processes).",
)
@click.option("--force", is_flag=True, help="Re-run departments whose inputs have not changed since the last run.")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where departments run: local worker processes, or a Dask cluster.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler address (e.g. tcp://host:8786); a local Dask cluster when omitted.",
)
@_DATA_DIR
@click.option(
    "--processed-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_PROCESSED_DIR,
    show_default=True,
    envvar="PERFNB_PROCESSED_DIR",
    help="Where results and the executed notebooks are written, one folder per department.",
)
@click.option(
    "--reports-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    envvar="PERFNB_REPORTS_DIR",
    help="Where the HTML reports and the index are written.",
)
@click.option(
    "--notebook",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The parameterized audit notebook to execute for each department "
    "[default: the one shipped with perfnb, notebooks/department_audit.ipynb].",
)
def run_cmd(departments: tuple[str, ...], run_all: bool, jobs: int, force: bool, executor: str,
            scheduler: str | None, data_dir: Path, processed_dir: Path, reports_dir: Path,
            notebook: Path | None) -> None:  # fmt: skip
    """Check departments, execute the audit notebook for each and write HTML reports and the index."""
    from perfnb.run.runner import run
    from perfnb.run.settings import DEFAULT_NOTEBOOK, RunSettings

    if bool(departments) == run_all:
        raise click.UsageError("请给出部门编号，或用 --all 运行全部部门（二者选一）")
    settings = RunSettings(data_dir, processed_dir, reports_dir, notebook or DEFAULT_NOTEBOOK, force, executor,
                           scheduler)  # fmt: skip
    with _Progress() as progress, _warnings_printed():
        try:
            entries = run(list(departments) or None, settings, jobs=jobs, on_done=progress.done)
        except PerfnbError as exc:
            raise click.ClickException(str(exc)) from None
    for entry in entries:
        click.echo(entry.line())
    failed = sum(not e.ok for e in entries)
    index = reports_dir / "index.html"
    where = f"；索引 {index}" if index.is_file() else "；没有写任何文件"
    click.echo(f"共 {len(entries)} 个部门：{len(entries) - failed} 个完成，{failed} 个失败{where}")
    sys.exit(1 if failed else 0)


@contextmanager
def _warnings_printed() -> Iterator[None]:
    """perfnb's warnings (e.g. a run.json it ignored) as ``[警告]`` lines, once each; other warnings as usual."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PerfnbWarning)
        try:
            yield
        finally:
            ours = [w for w in caught if issubclass(w.category, PerfnbWarning)]
            others = [w for w in caught if not issubclass(w.category, PerfnbWarning)]
    for w in others:
        warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    for message in dict.fromkeys(str(w.message) for w in ours):
        click.echo(f"[警告] {printable(message, 300)}")


class _Progress:
    """A progress bar on a terminal; plain lines elsewhere (CI, pipes)."""

    def __init__(self) -> None:
        import os

        from tqdm import tqdm  # type: ignore[import-untyped]

        self.count = 0
        self.bar = None
        if sys.stderr.isatty() and not os.environ.get("CI"):
            self.bar = tqdm(desc="perfnb run", unit="部门", leave=False)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def done(self, entry: Entry) -> None:
        """One department finished."""
        self.count += 1
        if self.bar is not None:
            self.bar.set_postfix_str(entry.dept_id)
            self.bar.update()
        else:
            click.echo(f"[{self.count}] {entry.dept_id} {'完成' if entry.ok else '失败'}", err=True)


@cli.command("new")
@click.argument("dept_id")
@_DATA_DIR
@click.option("--kind", type=click.Choice(list(DOC_KINDS)), default="target_table", show_default=True,
              help="Kind of source document.")  # fmt: skip
def new_cmd(dept_id: str, data_dir: Path, kind: str) -> None:
    """Create an empty department folder (header template and empty tables) to fill in."""
    from perfnb.format.scaffold import new_department

    try:
        folder = new_department(data_dir, dept_id, kind)
    except PerfnbError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已创建 {folder}：填写 department.yaml 和各表后运行 perfnb validate {dept_id}")


@cli.command("export")
@click.argument("notebook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write (default: the notebook's name with .html, beside it).")  # fmt: skip
def export_cmd(notebook: Path, output: Path | None) -> None:
    """Export a notebook you ran by hand (make lab) as an audit report, with perfnb's template: code hidden,
    one inline stylesheet, no script and no network reference."""
    from perfnb.report.render import export_notebook

    target = output or notebook.with_suffix(".html")
    try:
        export_notebook(notebook, target)
    except PerfnbError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已导出 {target}")


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dept-id", required=True, help="Id of the department folder to create (lowercase letters, digits, -).")
@_DATA_DIR
@click.option("--overwrite", is_flag=True, help="Replace the department folder if it exists (only that one).")
@click.option("--region", help="地区 for department.yaml (the forms do not print it).")
@click.option("--year", type=click.IntRange(1990, 2100), help="Fiscal year, when the forms do not print one.")
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_PROCESSED_DIR,
    show_default=True,
    envvar="PERFNB_PROCESSED_DIR",
    help="Where a failed import writes what it found (<dir>/<dept-id>/import_report.csv); never data/raw.",
)
def import_cmd(files: tuple[Path, ...], dept_id: str, data_dir: Path, overwrite: bool, region: str | None,
               year: int | None, report_dir: Path) -> None:  # fmt: skip
    """Import 自评表 / 绩效目标表 forms (.xlsx, .docx, text PDF) as one department folder."""
    from perfnb.forms.department import REPORT_FILE, FormImportError
    from perfnb.forms.importer import import_forms

    try:
        result = import_forms(list(files), dept_id, data_dir, overwrite=overwrite, region=region, year=year,
                              report_dir=report_dir)  # fmt: skip
    except FormImportError as exc:
        for line in exc.lines:
            _echo_line(line)
        if exc.report is not None:
            click.echo(f"找到的内容和未导入的原因已写入 {exc.report}")
        raise click.ClickException(str(exc)) from None
    except PerfnbError as exc:
        raise click.ClickException(str(exc)) from None
    imported = result.imported
    for line in imported.report:
        if line.result != "已导入" and line.note not in imported.warnings:
            _echo_line(line)
    for problem in result.loaded.problems:
        click.echo(str(problem))
    for warning in imported.warnings:
        click.echo(f"[警告] {printable(warning, 300)}")
    mapped = sum(line.result == "已导入" for line in imported.report)
    what = "部门表" if imported.kind == "department_self_evaluation" else "项目"
    click.echo(
        f"已导入 {result.folder}：{result.projects} 个{what}，"
        f"{mapped} 个值；表中数字 {imported.numbers_imported + imported.numbers_ignored} 个，已导入 "
        f"{imported.numbers_imported} 个，未导入 {imported.numbers_ignored} 个；未导入 {len(imported.ignored)} 处"
        f"（逐项见 {result.folder / REPORT_FILE}）；校验：错误 {len(result.loaded.errors)}、"
        f"警告 {len(result.loaded.warnings)}"
    )
    sys.exit(0 if result.loaded.ok else 1)


def _echo_line(line: object) -> None:
    """One line of the import report, for the terminal."""
    result, file, where, text, _, note = line.row()  # type: ignore[attr-defined]
    place = " ".join(printable(p, 80) for p in (file, where) if p)
    shown = f"“{printable(text, 60)}”" if text else ""
    click.echo(f"{result}  {place} {shown}：{printable(note, 300)}")


@cli.command("synth")
@click.option(
    "--n", "count", type=click.IntRange(min=0), required=True, help="Number of synthetic departments to write."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write them into, one synth-NNNNN sub-folder each (empty or from an earlier synth run).",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Random seed: the same seed writes byte-identical files."
)
@click.option(
    "--anomalies",
    type=click.FloatRange(0, 1),
    default=0.2,
    show_default=True,
    help="Share of departments that get planted mistakes for perfnb to find.",
)
def synth_cmd(count: int, out: Path, seed: int, anomalies: float) -> None:
    """Write synthetic departments (self-evaluations and target tables) for benchmarks and scale tests."""
    from perfnb.synth import synthesize

    try:
        ids = synthesize(count, out, seed=seed, anomalies=anomalies)
    except PerfnbError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已生成 {len(ids)} 个合成部门（种子 {seed}）：{out}")


@cli.command("schema")
def schema_cmd() -> None:
    """Print the data-format guide (the same text as data/raw/README.md)."""
    from perfnb.format.schemadoc import render

    click.echo(render(), nl=False)


def main() -> None:
    """Entry point of the ``perfnb`` console script."""
    cli(prog_name="perfnb")


if __name__ == "__main__":
    main()
