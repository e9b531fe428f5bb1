"""perfnb installs and runs where POSIX-only modules do not exist (Windows): CI runs Linux only, so these tests
take ``fcntl``, ``resource``, ``termios``, ``pwd`` and ``grp`` away from a fresh interpreter and import every
module of the package there, then take and release the run lock."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSIX_ONLY = ("fcntl", "resource", "termios", "pwd", "grp")

_CHILD = textwrap.dedent(
    """
    import sys

    for name in {posix_only!r}:
        sys.modules[name] = None  # `import fcntl` now raises ImportError, as on Windows

    import importlib
    import pkgutil
    from pathlib import Path

    import perfnb

    failed = []
    names = [m.name for m in pkgutil.walk_packages(perfnb.__path__, "perfnb.", onerror=failed.append)]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:
            failed.append(f"{{name}}: {{type(exc).__name__}}: {{exc}}")
    print("imported", len(names))
    print("failed", failed)

    from perfnb.run.lock import LOCK_FILE, OutputsBusyError, output_lock

    a, b = Path("processed"), Path("reports")
    with output_lock(a, b):
        print("held", (a / LOCK_FILE).is_file(), (b / LOCK_FILE).is_file())
        try:
            with output_lock(b):
                print("second run: allowed")
        except OutputsBusyError:
            print("second run: refused")
    print("released", (a / LOCK_FILE).exists(), (b / LOCK_FILE).exists())
    with output_lock(a):
        print("again", (a / LOCK_FILE).is_file())
    """
)


def test_every_module_imports_and_the_lock_works_without_posix_only_modules(tmp_path: Path) -> None:
    code = _CHILD.format(posix_only=POSIX_ONLY)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=300
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "failed []", done.stdout
    assert int(lines[0].split()[1]) >= 40  # every module of the package was walked (not just perfnb/__init__.py)
    assert lines[2:] == ["held True True", "second run: refused", "released False False", "again True"]
    assert not (tmp_path / "processed" / ".perfnb.lock").exists()


def test_no_module_of_perfnb_imports_a_posix_only_module() -> None:
    """Not even inside a function (where importing the module would not show it)."""
    found = []
    for path in sorted((ROOT / "perfnb").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {n}" for n in names if n.split(".")[0] in POSIX_ONLY]
    assert found == []
