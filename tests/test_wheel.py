"""The package installs anywhere: the built wheel holds every file perfnb reads, and perfnb runs from it.

The wheel is built offline from a clean copy of the source (``pip wheel --no-build-isolation`` with this
environment's setuptools, so no stale ``build/`` folder leaks in), installed (not editable) into a fresh virtual
environment that sees this environment's packages only for the dependencies, and run from an empty folder: the
version, ``perfnb import`` of a workbook (which reads data/forms.yaml) and ``perfnb run --all`` on a seed and the
imported department (schemes, templates, the shipped notebook). About 15 s.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import RAW, ROOT
from tests.forms import build
from tests.forms.content import P1

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
_JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")


@dataclass(frozen=True)
class Installed:
    """The built wheel, the copied source it was built from and the fresh environment it is installed in."""

    wheel: Path
    source: Path
    prefix: Path
    python: Path
    perfnb: Path
    env: dict[str, str]

    def command(self, cwd: Path, *args: str | Path) -> str:
        """The installed ``perfnb`` command's output, run in ``cwd``."""
        return _call([self.perfnb, *args], self.env, cwd)


def _call(args: list[str | Path], env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    """Run a command; fail the test with its output if it exits non-zero."""
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=600, check=False)
    assert done.returncode == 0, f"{' '.join(map(str, args))} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _build(tmp: Path) -> tuple[Path, Path]:
    """Copy the source (without caches) and build its wheel with this environment's setuptools, offline."""
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "perfnb", source / "perfnb", ignore=_JUNK)
    dist = tmp / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    try:
        _call([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", dist, source], cwd=tmp)
    except AssertionError as error:
        hint = "the offline build uses this environment's setuptools, which must be >=77 (make test installs it)"
        raise AssertionError(f"{hint}\n{error}") from None
    (wheel,) = dist.glob("perfnb-*.whl")
    return wheel, source


def _environment(prefix: Path) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment whose ``.pth`` file adds this environment's packages after its own.

    The dependencies' data files (nbconvert's base templates, the kernel spec) live under this
    environment's ``share/jupyter``, which ``JUPYTER_PATH`` points at.
    """
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(prefix)
    python = prefix / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(_call([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    ours = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        ours.append(site.getusersitepackages())
    (purelib / "perfnb_test_dependencies.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}}
    jupyter = [str(Path(sys.prefix) / "share" / "jupyter"), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    env["JUPYTER_PATH"] = os.pathsep.join(jupyter)
    return python, env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """perfnb built into a wheel and installed from it in a fresh virtual environment."""
    tmp = tmp_path_factory.mktemp("wheel")
    wheel, source = _build(tmp)
    python, env = _environment(tmp / "venv")
    _call([python, "-m", "pip", "--disable-pip-version-check", "install", "-q", "--no-deps", "--no-index",
           "--ignore-installed", wheel], env=env, cwd=tmp)  # fmt: skip
    script = python.parent / ("perfnb.exe" if os.name == "nt" else "perfnb")
    return Installed(wheel, source, tmp / "venv", python, script, env)


def test_the_wheel_holds_every_file_of_the_package(installed: Installed) -> None:
    """Each module and data file under perfnb/ is in the wheel (and nothing else is): a data file
    perfnb reads at run time cannot be left out by the package-data rules."""
    package = installed.source / "perfnb"
    expected = {f"perfnb/{p.relative_to(package).as_posix()}" for p in package.rglob("*") if p.is_file()}
    with zipfile.ZipFile(installed.wheel) as archive:
        shipped = {name for name in archive.namelist() if not name.startswith(f"perfnb-{VERSION}.dist-info/")}
    assert shipped == expected, f"missing from the wheel: {sorted(expected - shipped)}, extra: {shipped - expected}"
    assert {"perfnb/data/forms.yaml", "perfnb/notebooks/department_audit.ipynb", "perfnb/py.typed"} <= shipped
    assert "perfnb/report/templates/nbconvert/perfnb/index.html.j2" in shipped
    assert "perfnb/data/schemes/nanchang-special-fund-2020.yaml" in shipped


def test_the_installed_package_is_the_wheels_one(installed: Installed, tmp_path: Path) -> None:
    code = "import importlib.metadata as m, perfnb as p; print(p.__file__, p.__version__, m.version('perfnb'), sep='|')"
    where, *versions = _call([installed.python, "-c", code], env=installed.env, cwd=tmp_path).rstrip("\n").split("|")
    assert Path(where).is_relative_to(installed.prefix) and not Path(where).is_relative_to(ROOT)
    assert versions == [VERSION, VERSION]
    shipped = Path(where).parent / "notebooks" / "department_audit.ipynb"
    assert shipped.read_bytes() == (ROOT / "notebooks" / "department_audit.ipynb").read_bytes()
    out = installed.command(tmp_path, "--version")
    assert out == f"perfnb, version {VERSION}\n"


def test_the_installed_package_imports_and_runs_from_an_empty_folder(installed: Installed, tmp_path: Path) -> None:
    """perfnb import then perfnb run --all, both from an empty working folder, with the installed package only."""
    work, data = tmp_path / "work", tmp_path / "raw"
    work.mkdir()
    shutil.copytree(RAW / "nanchang-ip-fund-2020", data / "nanchang-ip-fund-2020")
    form = build.xlsx_self_evaluation(tmp_path / "form-standard.xlsx", P1, variant="standard")

    out = installed.command(work, "import", form, "--dept-id", "from-form", "--data-dir", data)
    assert f"已导入 {data / 'from-form'}：1 个项目" in out
    assert "校验：错误 0、警告 0" in out

    reports, processed = tmp_path / "reports", tmp_path / "processed"
    out = installed.command(
        work, "run", "--all", "--data-dir", data, "--processed-dir", processed, "--reports-dir", reports
    )
    assert "nanchang-ip-fund-2020  完成：总分 93.31（原文 93.31），等级 优" in out
    assert "from-form  完成：总分 95.03（原文 95.03），等级 优" in out
    assert "共 2 个部门：2 个完成，0 个失败" in out
    html = (reports / "nanchang-ip-fund-2020.html").read_text(encoding="utf-8")
    assert 'data-field="score">93.31' in html and "南昌市市场监督管理局（知识产权局）" in html
    html = (reports / "from-form.html").read_text(encoding="utf-8")
    assert 'data-field="score">95.03' in html and P1.project_name in html and "form-standard.xlsx" in html
    assert "nanchang-ip-fund-2020" in (reports / "index.html").read_text(encoding="utf-8")
    assert list(work.iterdir()) == []  # nothing written in the working folder
