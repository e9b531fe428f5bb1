"""perfnb's benchmark (``make bench``): perfnb against the naive way, on the same departments.

Two sets of departments are timed, each by every method in the same run (the median of ``--reps``
repetitions): the synthetic set (``perfnb synth --n <n> --seed <seed>``: by default the ten departments
of ``perfnb synth --n 10 --seed 7``) and the seed set (the four departments of ``data/raw``, copied).

1. per set, on the same departments: the naive loop (``papermill`` CLI + ``jupyter nbconvert --to html
   --no-input`` CLI per department, the same notebook, one after another), ``perfnb run --all --jobs 1
   --force`` and ``perfnb run --all --jobs <cores> --force``; the ratio naive ÷ perfnb per set;
2. per department, in this process, the stages ``perfnb run`` goes through, each timed by calling
   perfnb's own functions (``runner.check``, ``results.write_report_data``, ``render.execute_warm``,
   ``render.notebook_html``, ``workbook.write_findings_xlsx``) and the notebook's cells replayed
   (``Report.build`` from the handed-over report.json, each chart, the tables), beside
   ``runner.run_department`` whole; nothing is added to the package;
3. one large department (``--large-projects`` projects of ``--per-project`` indicators, by default
   40 × 50 = 2 000) next to a small one (``--small-projects``, same indicators per project): stages,
   ``perfnb run`` and the naive loop;
4. a no-op re-run of ``--noop`` unchanged departments;
5. the engine alone (``perfnb check --jobs <cores>``) on ``--engine`` departments;
6. the peak memory of ``perfnb run --jobs <cores>`` on ``--big`` departments.

It writes ``bench/results.json`` (``--results``), after each part so that a stopped run keeps what it
measured: every figure, which departments were used (ids, kind, projects, indicators, input and report
sizes), the load average, and the code measured (commit, changed files, a digest of perfnb's sources at
start and end: a change mid-bench is reported). ``--quick`` is a smoke run (2 synthetic departments,
1 repetition, no seed set, small 4–6, about 2 minutes). Never part of ``make test``: timings belong here.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import psutil

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"
SEEDS = ROOT / "data" / "raw"
BIN = Path(sys.executable).parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.json"


class PeakMemory:
    """Samples the summed RSS of a process and all its descendants; ``peak`` in bytes."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd: list[str], *, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run ``cmd``; return (seconds, peak memory in bytes of its process tree). Raise on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    memory = PeakMemory(proc.pid)
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    peak = memory.stop()
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd[:3])} … exited {proc.returncode}:\n{out[-2000:]}")
    return seconds, peak


def perfnb(*args: str) -> list[str]:
    return [str(BIN / "perfnb"), *args]


def fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def synth(n: int, out: Path, seed: int) -> list[str]:
    if out.exists():
        shutil.rmtree(out)
    subprocess.run(perfnb("synth", "--n", str(n), "--out", str(out), "--seed", str(seed)), check=True, cwd=ROOT)
    return sorted(p.name for p in out.iterdir() if p.is_dir())


def copy_seeds(out: Path) -> list[str]:
    """The seed departments of data/raw, copied (folders only; README.md stays behind)."""
    fresh(out)
    depts = sorted(p.name for p in SEEDS.iterdir() if p.is_dir() and (p / "department.yaml").is_file())
    for dept in depts:
        shutil.copytree(SEEDS / dept, out / dept)
    return depts


def describe(data: Path, depts: list[str]) -> list[dict[str, Any]]:
    """Each department as perfnb loads it: id, kind, projects, indicators, input bytes."""
    from perfnb.format.load import load

    rows = []
    for dept in depts:
        d = load(dept, data)
        rows.append(
            {
                "id": dept,
                "kind": d.header.kind,
                "projects": len(d.projects),
                "indicators": len(d.indicators),
                "input_bytes": sum(p.stat().st_size for p in (data / dept).rglob("*") if p.is_file()),
            }
        )
    return rows


def naive(depts: list[str], data: Path, out: Path) -> tuple[float, int]:
    """papermill CLI + nbconvert CLI, one department after another; (seconds, peak bytes)."""
    fresh(out)
    total, peak = 0.0, 0
    for dept in depts:
        executed = out / f"{dept}.ipynb"
        t1, m1 = timed(
            [
                str(BIN / "papermill"),
                str(NOTEBOOK),
                str(executed),
                "--log-level",
                "ERROR",
                "-p",
                "dept_id",
                dept,
                "-p",
                "data_dir",
                str(data),
                "-p",
                "processed_dir",
                str(out),
                "-p",
                "notebook",
                str(NOTEBOOK),
            ]
        )
        t2, m2 = timed(
            [
                str(BIN / "jupyter"),
                "nbconvert",
                "--to",
                "html",
                "--no-input",
                str(executed),
                "--output-dir",
                str(out),
                "--log-level",
                "ERROR",
            ]
        )
        total += t1 + t2
        peak = max(peak, m1, m2)
    return total, peak


def run_perfnb(data: Path, base: Path, jobs: int, *, force: bool = True) -> tuple[float, int]:
    args = [
        "run",
        "--all",
        "--data-dir",
        str(data),
        "--processed-dir",
        str(base / "processed"),
        "--reports-dir",
        str(base / "reports"),
        "--notebook",
        str(NOTEBOOK),
        "--jobs",
        str(jobs),
    ]
    return timed(perfnb(*args, *(["--force"] if force else [])), env={**os.environ, "CI": "true"})


def _interpreter() -> str:
    """The Python that runs perfnb: the engine's speed depends on how it was built (e.g. pyenv's
    default build, without PGO/LTO and with a shared libpython, is slower than Debian's python3.11)."""
    return f"Python {platform.python_version()} at {Path(sys.executable).resolve()}"


def code_state() -> dict[str, Any]:
    """What code is measured: the commit, files changed from it (read-only git), and a digest of perfnb's
    sources (``perfnb run``'s re-run check hashes the same files: a change mid-bench re-runs everything)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "perfnb").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".css", ".yaml", ".json", ".ipynb"}:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True).stdout
    return {"commit": commit, "changed_files": sorted(line[3:] for line in status.splitlines()),
            "perfnb_digest": digest.hexdigest()}  # fmt: skip


def median(values: list[float]) -> float:
    return statistics.median(values)


def mib(n: float) -> str:
    return f"{n / 2**20:.0f} MiB"


def _summary(rows: list[dict[str, Any]]) -> str:
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    projects = [r["projects"] for r in rows]
    indicators = [r["indicators"] for r in rows]
    return (
        f"{len(rows)} departments ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); "
        f"projects {min(projects)}–{max(projects)} (Σ {sum(projects)}), "
        f"indicators {min(indicators)}–{max(indicators)} (Σ {sum(indicators)})"
    )


# ---- 1. the same departments, three ways -----------------------------------------------------


def compare(name: str, data: Path, depts: list[str], cores: int, reps: int) -> dict[str, Any]:
    """Naive loop, perfnb --jobs 1 and --jobs <cores> on the same departments; ratios naive ÷ perfnb."""
    n = len(depts)
    runs = [naive(depts, data, WORK / name / "naive") for _ in range(reps)]
    naive_s = median([t for t, _ in runs])
    out: dict[str, Any] = {
        "naive": {"seconds": naive_s, "seconds_per_department": naive_s / n, "peak_bytes": max(m for _, m in runs)}
    }
    print(
        f"   naive loop (papermill CLI + nbconvert CLI, one after another): {naive_s:.1f} s, "
        f"{naive_s / n:.2f} s/department",
        flush=True,
    )
    for jobs in sorted({1, cores}):
        base = WORK / name / f"run-{jobs}"
        if base.exists():
            shutil.rmtree(base)
        runs = [run_perfnb(data, base, jobs) for _ in range(reps)]
        seconds = median([t for t, _ in runs])
        peak = max(m for _, m in runs)
        out[f"run_jobs_{jobs}"] = {
            "seconds": seconds,
            "seconds_per_department": seconds / n,
            "ratio_vs_naive": naive_s / seconds,
            "peak_bytes": peak,
        }
        print(
            f"   perfnb run --all --jobs {jobs} --force: {seconds:.1f} s, {seconds / n:.2f} s/department; "
            f"naive ÷ perfnb = {naive_s / seconds:.1f}×; peak {mib(peak)}",
            flush=True,
        )
    reports = WORK / name / f"run-{cores}" / "reports"
    sizes = {d: (reports / f"{d}.html").stat().st_size for d in depts}
    books = {d: (reports / f"{d}.findings.xlsx").stat().st_size for d in depts}
    out["report_bytes"] = sizes
    out["workbook_bytes"] = books
    out["report_bytes_median"] = statistics.median(sizes.values())
    print(
        f"   reports: median {statistics.median(sizes.values()) / 1024:.0f} KB, "
        f"largest {max(sizes.values()) / 1024:.0f} KB",
        flush=True,
    )
    return out


# ---- 2. stages, in this process ------------------------------------------------------------------

#: Stage keys in the order a department goes through them, with the column heads printed.
STAGES = (
    ("load_check", "load+chk"),
    ("report_data", "rep-data"),
    ("notebook", "notebook"),
    ("save_notebook", "save-nb"),
    ("html_export", "html"),
    ("write_html", "save-htm"),
    ("workbook", "workbook"),
)
#: The notebook's cells replayed in this process (what ``notebook`` spends its time on).
CELLS = (
    ("build", "open-json"),
    ("title_summary", "title+sum"),
    ("indicator_rows", "ind-rows"),
    ("budget_chart", "ch-budget"),
    ("completion_chart", "ch-compl"),
    ("section_chart", "ch-sect"),
    ("findings", "findings"),
    ("reconciliation", "reconcil"),
    ("indicators", "ind-table"),
    ("provenance", "provenance"),
)


@contextlib.contextmanager
def clock(times: dict[str, float], key: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    times[key] = time.perf_counter() - start


def stage_pass(dept: str, data: Path, work: Path) -> dict[str, float]:
    """One department through ``perfnb run``'s stages, each timed; then ``run_department`` whole.

    The stages are those of ``runner.run_department`` (check, what the report shows written to report.json
    and indicators.csv, notebook in the warm kernel rendering that report.json, HTML, workbook); the
    notebook's cells are replayed here (``Report``, opened from the same report.json) to see what the kernel
    spends its time on: ``kernel`` is the notebook's time the replay does not account for (papermill's
    parameterizing, the namespace reset, messages to and from the kernel, outputs).
    """
    from perfnb.base.files import atomic_write
    from perfnb.report.data import ReportData
    from perfnb.report.notebook import Report
    from perfnb.report.render import execute_warm, notebook_html, notebook_text
    from perfnb.report.results import write_report_data
    from perfnb.report.workbook import write_findings_xlsx
    from perfnb.run import runner
    from perfnb.run.settings import RunSettings

    processed, reports = work / "processed", work / "reports"
    t: dict[str, float] = {}
    with clock(t, "load_check"):
        outcome = runner.check([dept], data, processed)[0]
    if not outcome.ok or outcome.result is None:
        raise SystemExit(f"bench: {dept} does not check: {outcome.line()}")
    result = outcome.result
    with clock(t, "report_data"):
        handed = write_report_data(ReportData.of(result), processed / dept)
    parameters = {"dept_id": dept, "data_dir": str(data), "processed_dir": str(processed), "notebook": str(NOTEBOOK),
                  "handed_over": str(handed)}  # fmt: skip
    with clock(t, "notebook"):
        nb = execute_warm(NOTEBOOK, parameters, cwd=ROOT)
    with clock(t, "save_notebook"):
        atomic_write(processed / dept / NOTEBOOK.name, notebook_text(nb))
    with clock(t, "html_export"):
        html = notebook_html(nb, title=result.department.header.report_title, notebook_name=NOTEBOOK.name)
    with clock(t, "write_html"):
        atomic_write(reports / f"{dept}.html", html)
    with clock(t, "workbook"):
        write_findings_xlsx(result, reports / f"{dept}.findings.xlsx")
    t["stages_total"] = sum(t[k] for k, _ in STAGES)

    # the notebook's cells, in its order (charts → indicator rows are built there and reused by the table)
    with clock(t, "build"):
        report = Report.build(dept, data, handed)
    with clock(t, "title_summary"):
        report.title()
        report.summary()
    with clock(t, "indicator_rows"):
        report.indicators_table()
    with clock(t, "budget_chart"):
        report.budget_chart()
    with clock(t, "completion_chart"):
        report.completion_chart()
    with clock(t, "section_chart"):
        report.section_chart()
    with clock(t, "charts_cell"):  # the cell as the notebook runs it: the three charts again, and the fragment
        report.charts()
    with clock(t, "findings"):
        report.findings()
    with clock(t, "reconciliation"):
        report.reconciliation()
    with clock(t, "indicators"):
        report.indicators()
    with clock(t, "provenance"):
        report.provenance(parameters, str(NOTEBOOK))
    cells = ("build", "title_summary", "indicator_rows", "charts_cell", "findings", "reconciliation", "indicators",
             "provenance")  # fmt: skip
    t["cells_total"] = sum(t[k] for k in cells)
    t["kernel"] = t["notebook"] - t["cells_total"]

    settings = RunSettings(
        data_dir=data,
        processed_dir=work / "rd-processed",
        reports_dir=fresh_dir(work / "rd-reports"),
        notebook=NOTEBOOK,
    )
    with clock(t, "run_department"):
        entry = runner.run_department(dept, settings)
    if not entry.ok:
        raise SystemExit(f"bench: run_department({dept}) failed: {entry.reason}")
    return t


def fresh_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stages(
    groups: list[tuple[str, Path, list[dict[str, Any]]]], reps: int, *, cold: dict[str, Any]
) -> dict[str, dict[str, dict[str, float]]]:
    """Stage times (median of ``reps``) of every department of every group, all in this process.

    The first pass (the warm kernel's start, imports, fonts, templates) is timed apart, on the first
    department, and recorded in ``cold``: ``perfnb run`` pays it once per worker process."""
    from perfnb.report.render import kill_kernels

    _, first_data, first_rows = groups[0]
    start = time.perf_counter()
    stage_pass(first_rows[0]["id"], first_data, WORK / "stages" / "cold")
    cold["first_department_seconds"] = time.perf_counter() - start
    cold["department"] = first_rows[0]["id"]
    print(f"   (first department in a fresh process, not counted: {cold['first_department_seconds']:.1f} s)")
    out: dict[str, dict[str, dict[str, float]]] = {}
    try:
        for name, data, rows in groups:
            out[name] = {}
            for row in rows:
                passes = [stage_pass(row["id"], data, WORK / "stages" / name) for _ in range(reps)]
                out[name][row["id"]] = {k: median([p[k] for p in passes]) for k in passes[0]}
    finally:
        kill_kernels()
    return out


def print_stages(title: str, entries: list[tuple[str, dict[str, Any], dict[str, float]]]) -> None:
    """A table: one line per (label, department, times), milliseconds per stage; then each stage's share."""
    heads = [h for _, h in STAGES] + ["= sum", "run_dept"]
    cell_heads = [h for _, h in CELLS] + ["kernel"]
    width = max(len("department"), *(len(label) for label, _, _ in entries))
    print(f"   {title}: milliseconds per stage (median of the repetitions); run_dept = runner.run_department whole")
    print(f"   {'department':<{width}} {'proj':>4} {'ind':>5} │" + "".join(f"{h:>9}" for h in heads))
    for label, r, t in entries:
        values = [t[k] for k, _ in STAGES] + [t["stages_total"], t["run_department"]]
        print(
            f"   {label:<{width}} {r['projects']:>4} {r['indicators']:>5} │"
            + "".join(f"{v * 1000:9.0f}" for v in values)
        )
    print("   … the notebook's time, its cells replayed in this process (kernel: what the replay does not account for)")
    print(f"   {'department':<{width}} {'':>10} │" + "".join(f"{h:>11}" for h in cell_heads))
    for label, _, t in entries:
        values = [t[k] for k, _ in CELLS] + [t["kernel"]]
        print(f"   {label:<{width}} {'':>10} │" + "".join(f"{v * 1000:11.0f}" for v in values))
    total = sum(t["stages_total"] for _, _, t in entries)
    shares = ", ".join(f"{h} {100 * sum(t[k] for _, _, t in entries) / total:.0f} %" for k, h in STAGES)
    print(f"   share of the summed stage time: {shares}", flush=True)


# ---- 3. one large department next to a small one -----------------------------------------------


def sized_department(out: Path, seed: int, projects: int, per_project: int) -> str:
    """One synthetic department of exactly ``projects`` projects of ``per_project`` indicators each.

    ``perfnb synth`` draws sizes (5–40 projects, 10–60 indicators each, skewed small: a 40-project
    department has about 900 indicators, never 2 000), and has no option to choose them; so the
    department is drawn by synth's own generator (``perfnb.synth.synthesize``) with its size draw
    (``perfnb.synth.generate._size``) answering the sizes asked for, no planted mistakes. The package is not
    changed.
    """
    import perfnb.synth.generate as s
    from perfnb.synth import synthesize

    if not hasattr(s, "_size"):
        raise SystemExit("bench: perfnb.synth.generate no longer has _size; skip this part with --large-projects 0")
    original = s._size

    def size(rng: Any, low: int, high: int) -> int:
        if (low, high) == (s.MIN_PROJECTS, s.MAX_PROJECTS):
            return projects
        if (low, high) == (s.MIN_INDICATORS, s.MAX_INDICATORS):
            return per_project
        return int(original(rng, low, high))

    if out.exists():
        shutil.rmtree(out)
    with mock.patch.object(s, "_size", size):
        (dept,) = synthesize(1, out, seed=seed, anomalies=0.0)
    return str(dept)


def sizes(a: argparse.Namespace) -> tuple[dict[str, Any], list[tuple[str, Path, list[dict[str, Any]]]]]:
    """The large and the small department (both self-evaluations, the heavier kind): data and descriptions."""
    found: list[tuple[str, Path, list[dict[str, Any]]]] = []
    for seed in range(a.seed, a.seed + 50):  # the first seed whose department is a self-evaluation
        found = []
        for label, projects in (("large", a.large_projects), ("small", a.small_projects)):
            data = WORK / f"size-{label}"
            dept = sized_department(data, seed, projects, a.per_project)
            found.append((label, data, describe(data, [dept])))
        if all(rows[0]["kind"] == "project_self_evaluation" for _, _, rows in found):
            break
    record = {label: {"seed": seed, **rows[0]} for label, _, rows in found}
    return record, found


# ---- main ------------------------------------------------------------------------------------


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=10, help="synthetic departments in the compared set (default 10)")
    parser.add_argument("--seed", type=int, default=7, help="perfnb synth seed of the compared set (default 7); "
                        "the engine and peak-memory sets use seed+1 and seed+2")  # fmt: skip
    parser.add_argument("--no-seeds", action="store_true", help="skip the second set (the data/raw seed departments)")
    parser.add_argument("--large-projects", type=int, default=40, help="projects of the large department (0: skip)")
    parser.add_argument("--small-projects", type=int, default=5, help="projects of the small department")
    parser.add_argument("--per-project", type=int, default=50, help="indicators per project of both (10–60)")
    parser.add_argument("--noop", type=int, default=100, help="departments for the no-op re-run (0: skip)")
    parser.add_argument("--engine", type=int, default=10_000, help="departments for the engine alone (0: skip)")
    parser.add_argument("--big", type=int, default=1000, help="departments for the peak-memory run (0: skip)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions (the median is reported)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run (2–3 minutes): --n 2 --reps 1 --no-seeds --noop 4 --engine 100 --big 0, the large and "
        "small department in this process only; figures to bench/work/results-quick.json",
    )
    parser.add_argument("--results", type=Path, default=None, help=f"where to write the figures (default {RESULTS})")
    a = parser.parse_args(argv)
    if a.quick:
        a.n, a.reps, a.noop, a.engine, a.big, a.no_seeds = 2, 1, 4, 100, 0, True
        a.results = a.results or WORK / "results-quick.json"
    a.results = a.results or RESULTS
    if a.n < 1 or a.reps < 1:
        parser.error("--n and --reps must be at least 1")
    return a


def main(argv: list[str] | None = None) -> None:
    a = options(argv)
    cores = os.cpu_count() or 1
    began = time.perf_counter()
    results: dict[str, Any] = {
        "cores": cores,
        "reps": a.reps,
        "seed": a.seed,
        "python": _interpreter(),
        "quick": a.quick,
        "load_average_at_start": list(os.getloadavg()),
        "code_at_start": code_state(),
    }
    print(f"bench: {cores} cores, {a.reps} repetitions (median), {results['python']}", flush=True)
    print(f"       load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())} (the cores are shared)")

    groups: list[tuple[str, Path, list[dict[str, Any]]]] = []
    data = WORK / "synth-raw"
    depts = synth(a.n, data, a.seed)
    groups.append(("synth", data, describe(data, depts)))
    if not a.no_seeds:
        data = WORK / "seeds-raw"
        groups.append(("seeds", data, describe(data, copy_seeds(data))))

    def save(complete: bool) -> None:  # after every part: a bench stopped half-way keeps what it measured
        results["complete"] = complete
        results["bench_seconds"] = time.perf_counter() - began
        a.results.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        a.results.write_text(text, encoding="utf-8")

    labels = {"synth": f"perfnb synth --n {a.n} --seed {a.seed}", "seeds": "the seed departments of data/raw (copied)"}
    results["sets"] = {}

    print("1. the same departments, three ways (naive ÷ perfnb: how many times faster perfnb is)", flush=True)
    for name, data, rows in groups:
        print(f"   set {name}: {labels[name]}: {_summary(rows)}", flush=True)
        results["sets"][name] = {
            "source": labels[name],
            "departments": rows,
            **compare(name, data, [r["id"] for r in rows], cores, a.reps),
        }
        save(False)

    print("2. per department, the stages of perfnb run, timed in this process", flush=True)
    size_record: dict[str, Any] = {}
    size_groups: list[tuple[str, Path, list[dict[str, Any]]]] = []
    if a.large_projects:
        size_record, size_groups = sizes(a)
    cold: dict[str, Any] = {}
    times = stages(groups + size_groups, a.reps, cold=cold)
    results["stages_cold"] = cold
    for name, _, rows in groups:
        results["sets"][name]["stages_seconds"] = times[name]
        print_stages(f"set {name}", [(r["id"], r, times[name][r["id"]]) for r in rows])
    save(False)

    if size_groups:
        print(
            f"3. a large department next to a small one ({a.per_project} indicators per project each, "
            "drawn by perfnb synth's generator with its size draw fixed: perfnb synth cannot choose sizes)",
            flush=True,
        )
        for label, data, rows in size_groups:
            r = rows[0]
            entry = size_record[label]
            entry["stages_seconds"] = times[label][r["id"]]
            entry["report_bytes"] = (WORK / "stages" / label / "reports" / f"{r['id']}.html").stat().st_size
            line = (
                f"   {label}: {r['projects']} projects, {r['indicators']} indicators ({r['kind']}, synth seed "
                f"{entry['seed']}, report {entry['report_bytes'] / 1024:.0f} KB): stages in this process "
                f"{entry['stages_seconds']['stages_total']:.2f} s"
            )
            if not a.quick:  # whole runs, each in new processes (interpreter start-up and a new kernel included)
                runs = [run_perfnb(data, WORK / f"size-{label}-run", 1) for _ in range(a.reps)]
                entry["run_jobs_1_seconds"] = median([t for t, _ in runs])
                entry["run_jobs_1_peak_bytes"] = max(m for _, m in runs)
                nv = [naive([r["id"]], data, WORK / f"size-{label}-naive") for _ in range(a.reps)]
                entry["naive_seconds"] = median([t for t, _ in nv])
                line += (
                    f"; perfnb run --jobs 1 --force {entry['run_jobs_1_seconds']:.1f} s "
                    f"(peak {mib(entry['run_jobs_1_peak_bytes'])}); naive loop {entry['naive_seconds']:.1f} s"
                )
            print(line, flush=True)
        print_stages(
            "large and small", [(label, rows[0], times[label][rows[0]["id"]]) for label, _, rows in size_groups]
        )
        results["department_size"] = size_record
        save(False)

    if a.noop:
        noop_data = WORK / "noop-raw"
        synth(a.noop, noop_data, a.seed)
        run_perfnb(noop_data, WORK / "noop", cores)  # the first run does the work
        reports = WORK / "noop" / "reports"
        noops, rerun = [], 0
        for _ in range(a.reps):  # a report rewritten means the department ran again: not a no-op
            before = {p.name: p.stat().st_mtime_ns for p in reports.glob("synth-*.html")}
            noops.append(run_perfnb(noop_data, WORK / "noop", cores, force=False))
            after = {p.name: p.stat().st_mtime_ns for p in reports.glob("synth-*.html")}
            rerun = max(rerun, sum(before.get(name) != mtime for name, mtime in after.items()))
        results["noop"] = {"departments": a.noop, "seconds": median([t for t, _ in noops]), "departments_rerun": rerun}
        print(f"4. no-op re-run of {a.noop} unchanged departments: {results['noop']['seconds']:.2f} s", flush=True)
        if rerun:
            print(f"   WARNING: {rerun} of them ran again (perfnb's code changed during the bench?): not a no-op")
        save(False)

    if a.engine:
        engine_data = WORK / "engine-raw"
        synth(a.engine, engine_data, a.seed + 1)
        engine_cmd = perfnb(
            "check", "--data-dir", str(engine_data), "--processed-dir", str(WORK / "engine"), "--jobs", str(cores)
        )
        engines = [timed(engine_cmd) for _ in range(max(1, a.reps if a.engine <= 1000 else 1))]
        results["engine"] = {
            "departments": a.engine,
            "seconds": median([t for t, _ in engines]),
            "peak_bytes": max(m for _, m in engines),
        }
        print(
            f"5. engine alone (perfnb check --jobs {cores}) on {a.engine}: {results['engine']['seconds']:.1f} s, "
            f"peak {mib(results['engine']['peak_bytes'])}",
            flush=True,
        )
        save(False)

    if a.big:
        big_data = WORK / "big-raw"
        synth(a.big, big_data, a.seed + 2)
        seconds, peak = run_perfnb(big_data, WORK / "big", cores)
        results["big_run"] = {"departments": a.big, "jobs": cores, "seconds": seconds, "peak_bytes": peak}
        print(f"6. perfnb run --jobs {cores} on {a.big}: {seconds:.0f} s, peak memory {mib(peak)}", flush=True)

    results["load_average_at_end"] = list(os.getloadavg())
    results["code_at_end"] = code_state()
    if results["code_at_end"]["perfnb_digest"] != results["code_at_start"]["perfnb_digest"]:
        print("bench: WARNING: perfnb's code changed while the bench ran: the figures span more than one version")
    save(True)
    shown = a.results.relative_to(ROOT) if a.results.is_relative_to(ROOT) else a.results
    print(
        f"bench: {results['bench_seconds'] / 60:.1f} min; load average at end "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; figures written to {shown}"
    )


if __name__ == "__main__":
    main()
