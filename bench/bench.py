"""perfnb's benchmark (``make bench``): perfnb against the naive way, on synthetic departments.

Measured in one run on the same synthetic set, each timing the median of ``--reps`` repetitions:

1. the naive loop: ``papermill`` CLI + ``jupyter nbconvert --to html --no-input`` CLI per department
   (the same notebook), on ``--naive`` departments (it costs seconds each);
2. ``perfnb run --jobs 1`` and ``perfnb run --jobs <cores>`` on ``--n`` departments (forced);
3. a no-op re-run of ``--noop`` unchanged departments;
4. the engine alone (``perfnb check --jobs <cores>``) on ``--engine`` departments;
5. the peak memory of ``perfnb run --jobs <cores>`` on ``--big`` departments.

It prints seconds per department, ratios against (1), the median report size and the peak
memory (the whole process tree, sampled), and writes ``bench/results.json``. Never part of
``make test``: timings belong here, not in tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "department_audit.ipynb"
BIN = Path(sys.executable).parent
WORK = ROOT / "bench" / "work"


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


def synth(n: int, out: Path, seed: int) -> list[str]:
    if out.exists():
        shutil.rmtree(out)
    subprocess.run(perfnb("synth", "--n", str(n), "--out", str(out), "--seed", str(seed)), check=True, cwd=ROOT)
    return sorted(p.name for p in out.iterdir() if p.is_dir())


def naive(depts: list[str], data: Path, out: Path) -> tuple[float, int]:
    """papermill CLI + nbconvert CLI, one department after another; (seconds, peak bytes)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
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


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="departments for perfnb run")
    parser.add_argument("--naive", type=int, default=10, help="departments for the naive loop")
    parser.add_argument("--noop", type=int, default=100, help="departments for the no-op re-run")
    parser.add_argument("--engine", type=int, default=10_000, help="departments for the engine alone")
    parser.add_argument("--big", type=int, default=500, help="departments for the peak-memory run (0: skip)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions (the median is reported)")
    parser.add_argument("--seed", type=int, default=1)
    a = parser.parse_args()
    cores = os.cpu_count() or 1
    results: dict[str, Any] = {"cores": cores, "reps": a.reps, "seed": a.seed, "python": _interpreter()}

    data = WORK / "raw"
    depts = synth(max(a.n, a.naive, a.noop), data, a.seed)
    run_set = WORK / "run-set"
    if run_set.exists():
        shutil.rmtree(run_set)
    run_set.mkdir(parents=True)
    for dept in depts[: a.n]:  # copies: perfnb refuses department folders linking out of the data directory
        shutil.copytree(data / dept, run_set / dept)

    print(f"bench: {cores} cores, {a.reps} repetitions (median), seed {a.seed}; {results['python']}", flush=True)
    naive_runs = [naive(depts[: a.naive], data, WORK / "naive") for _ in range(a.reps)]
    naive_per = median([t for t, _ in naive_runs]) / a.naive
    results["naive"] = {
        "departments": a.naive,
        "seconds_per_department": naive_per,
        "peak_bytes": max(m for _, m in naive_runs),
    }
    print(f"1. naive (papermill CLI + nbconvert CLI): {naive_per:.3f} s/department on {a.naive}", flush=True)

    for jobs in sorted({1, cores}):
        runs = [run_perfnb(run_set, WORK / f"run-{jobs}", jobs) for _ in range(a.reps)]
        per = median([t for t, _ in runs]) / a.n
        results[f"run_jobs_{jobs}"] = {
            "departments": a.n,
            "seconds_per_department": per,
            "ratio_vs_naive": naive_per / per,
            "peak_bytes": max(m for _, m in runs),
        }
        print(
            f"2. perfnb run --jobs {jobs}: {per:.3f} s/department on {a.n}; {naive_per / per:.1f}× the naive loop; "
            f"peak {max(m for _, m in runs) / 2**20:.0f} MiB",
            flush=True,
        )

    sizes = sorted(p.stat().st_size for p in (WORK / f"run-{cores}" / "reports").glob("synth-*.html"))
    results["report_bytes_median"] = statistics.median(sizes)
    print(f"   median report size {statistics.median(sizes) / 1024:.0f} KB (largest {sizes[-1] / 1024:.0f} KB)")

    noop_set = WORK / "noop-set"
    if noop_set.exists():
        shutil.rmtree(noop_set)
    noop_set.mkdir()
    for dept in depts[: a.noop]:
        shutil.copytree(data / dept, noop_set / dept)
    run_perfnb(noop_set, WORK / "noop", cores)  # the first run does the work
    noops = [run_perfnb(noop_set, WORK / "noop", cores, force=False) for _ in range(a.reps)]
    results["noop"] = {"departments": a.noop, "seconds": median([t for t, _ in noops])}
    print(f"3. no-op re-run of {a.noop} unchanged departments: {results['noop']['seconds']:.2f} s", flush=True)

    engine_data = WORK / "engine-raw"
    synth(a.engine, engine_data, a.seed + 1)
    engines = [
        timed(
            perfnb(
                "check", "--data-dir", str(engine_data), "--processed-dir", str(WORK / "engine"), "--jobs", str(cores)
            )
        )
        for _ in range(max(1, a.reps if a.engine <= 1000 else 1))
    ]
    results["engine"] = {
        "departments": a.engine,
        "seconds": median([t for t, _ in engines]),
        "peak_bytes": max(m for _, m in engines),
    }
    print(
        f"4. engine alone (perfnb check --jobs {cores}) on {a.engine}: {results['engine']['seconds']:.1f} s, "
        f"peak {results['engine']['peak_bytes'] / 2**20:.0f} MiB",
        flush=True,
    )

    if a.big:
        big_data = WORK / "big-raw"
        synth(a.big, big_data, a.seed + 2)
        seconds, peak = run_perfnb(big_data, WORK / "big", cores)
        results["big_run"] = {"departments": a.big, "jobs": cores, "seconds": seconds, "peak_bytes": peak}
        print(
            f"5. perfnb run --jobs {cores} on {a.big}: {seconds:.0f} s, peak memory {peak / 2**20:.0f} MiB", flush=True
        )

    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"bench: figures written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
