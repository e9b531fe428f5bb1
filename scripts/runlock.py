"""Write requirements-run.lock: the pins of requirements.lock that `perfnb run` needs (no test, lab, dask, dev).

`make reports` installs only these; `make test` / `make lab` install the whole requirements.lock. The closure of
the package's own `dependencies` is read from the installed environment's metadata (markers evaluated for this
interpreter), and every name is pinned as requirements.lock pins it. Run by `make lock`; deterministic.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def closure(names: list[str]) -> set[str]:
    """Every distribution the given requirements pull in (markers evaluated here, extras not followed)."""
    seen: set[str] = set()
    todo = [Requirement(n) for n in names]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen or (req.marker is not None and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        for sub in metadata.requires(req.name) or []:
            todo.append(Requirement(sub))
    return seen


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = closure(list(project["dependencies"]))
    out = []
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==", line)
        if match and canonicalize_name(match.group(1)) in needed:
            out.append(line)
    missing = needed - {canonicalize_name(re.match(r"^([^=]+)==", x).group(1)) for x in out}  # type: ignore[union-attr]
    if missing:
        print(f"not pinned in requirements.lock: {sorted(missing)}", file=sys.stderr)
        return 1
    sys.stdout.write("".join(f"{x}\n" for x in out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
