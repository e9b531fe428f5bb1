"""environment.yml (conda users) lists every dependency of pyproject.toml, pinned as requirements.lock pins it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from typing import Any

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

EXTRAS = ("test", "lab", "dask")  # what a conda user runs: the tests, JupyterLab, Dask (not the lint tools)


def required(pyproject: dict[str, Any]) -> set[str]:
    """Canonical names of the project's dependencies and of the extras conda users need."""
    project = pyproject["project"]
    requirements = [*project["dependencies"], *(r for extra in EXTRAS for r in project["optional-dependencies"][extra])]
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def listed(environment: dict[str, Any]) -> dict[str, str]:
    """environment.yml's packages, conda-forge's and pip's, by canonical name: their pinned versions."""
    found: dict[str, str] = {}
    for entry in environment["dependencies"]:
        for spec in entry["pip"] if isinstance(entry, dict) else [entry]:
            match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:==?(\S+))?", spec)
            if match:  # not "-e ."
                found[canonicalize_name(match.group(1))] = match.group(2) or ""
    return found


def missing(pyproject: dict[str, Any], environment: dict[str, Any]) -> list[str]:
    return sorted(required(pyproject) - set(listed(environment)))


def test_environment_yml_lists_every_dependency_pinned_as_the_lock() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert missing(pyproject, environment) == [], "run `make conda-env`"
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("==") for line in lock if "==" in line]
    pins: dict[str, str] = {canonicalize_name(name): version for name, version in pairs}
    versions = listed(environment)
    assert {n: versions[n] for n in required(pyproject)} == {n: pins[n] for n in required(pyproject)}
    assert {"pdfplumber", "python-docx", "filelock", "mplfonts", "fpdf2"} <= set(versions)
    assert "-e ." in next(e for e in environment["dependencies"] if isinstance(e, dict))["pip"]


def test_a_dependency_left_out_of_environment_yml_is_found() -> None:
    pyproject = {"project": {"dependencies": ["PyYAML>=6.0", "python-docx>=1.1", "filelock>=3"],
                             "optional-dependencies": {"test": ["pytest"], "lab": [], "dask": []}}}  # fmt: skip
    environment = {"dependencies": ["python=3.11", "pyyaml=6.0.3", "pytest=9.2.0", {"pip": ["python_docx==1.2.0"]}]}
    assert missing(pyproject, environment) == ["filelock"]


def test_environment_yml_is_what_the_script_writes() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "condaenv.py")], capture_output=True, text=True,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == (ROOT / "environment.yml").read_text(encoding="utf-8"), "run `make conda-env`"
