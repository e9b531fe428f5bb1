"""A real report in headless Chromium: it renders, its charts are there, and its Chinese text shows.

Needs Chromium and a CJK font (``apt-get install chromium fonts-noto-cjk``). Without them the
tests are skipped, except under CI (``CI=true``), where they fail: ``.ci/run`` installs both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import numpy as np
import pytest
from PIL import Image

from perfnb.run.runner import run
from perfnb.run.settings import RunSettings
from tests.conftest import RAW

ROOT = Path(__file__).resolve().parents[2]
DEPT = "nanchang-ip-fund-2020"
INSTALL = "apt-get install chromium fonts-noto-cjk"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-extensions",
    "--window-size=1280,2000",
)
TIMEOUT = 120


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing(problem: str) -> NoReturn:
    """Fail under CI (where .ci/run should have installed what is missing), skip elsewhere."""
    if _in_ci():
        pytest.fail(f"CI: {problem}; .ci/run should install it ({INSTALL})", pytrace=False)
    pytest.skip(f"{problem}; install with: {INSTALL}")


@pytest.fixture(scope="module")
def browser() -> str:
    """The Chromium executable, once a CJK font is known to be installed (no font, no Chinese glyphs)."""
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        _missing(f"Chromium is missing (none of {', '.join(BROWSERS)} on PATH)")
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        _missing("fc-list (fontconfig) is missing, so no CJK font can be found")
    fonts = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, timeout=TIMEOUT)
    if not fonts.stdout.strip():
        _missing("no CJK font is installed (`fc-list :lang=zh` lists none), so Chinese would render as tofu")
    return found


@pytest.fixture(scope="module")
def reports(browser: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reports folder of a real run of one seed department (absolute paths: the notebook resolves
    its parameters against the working directory)."""
    tmp = tmp_path_factory.mktemp("browser")
    settings = RunSettings(
        data_dir=RAW,
        processed_dir=tmp / "processed",
        reports_dir=tmp / "reports",
        notebook=ROOT / "notebooks" / "department_audit.ipynb",
    )
    (entry,) = run([DEPT], settings)
    assert entry.ok, entry.reason
    assert (settings.reports_dir / f"{DEPT}.html").is_file()
    return settings.reports_dir


def _chromium(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"chromium exited {done.returncode}:\n{done.stderr[-2000:]}"
    return done


def _dom(browser: str, tmp_path: Path, page: Path) -> str:
    dom = _chromium(browser, tmp_path, "--dump-dom", page.as_uri()).stdout
    assert dom.strip(), "chromium dumped an empty DOM"
    return dom


def test_screenshot_is_not_blank(browser: str, reports: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    _chromium(browser, tmp_path, f"--screenshot={shot}", (reports / f"{DEPT}.html").as_uri())
    assert shot.is_file() and shot.stat().st_size > 0
    with Image.open(shot) as image:
        pixels = np.asarray(image.convert("RGB"))
    assert pixels.shape[:2] == (2000, 1280)
    inked = (pixels < 245).any(axis=2).mean()
    assert inked > 0.01, f"only {inked:.2%} of the screenshot is not white"
    colours = len(np.unique(pixels.reshape(-1, 3), axis=0))
    assert colours > 20, f"the screenshot has only {colours} colours"


def test_report_dom(browser: str, reports: Path, tmp_path: Path) -> None:
    dom = _dom(browser, tmp_path, reports / f"{DEPT}.html")
    assert "南昌市市场监督管理局（知识产权局）" in dom
    assert "预算绩效自评复核报告" in dom
    assert "93.31" in dom
    assert dom.count("<svg") >= 3, "expected the report's charts as inline SVG"
    assert "<script" not in dom, "reports carry no scripts"


def test_index_dom(browser: str, reports: Path, tmp_path: Path) -> None:
    dom = _dom(browser, tmp_path, reports / "index.html")
    assert f'data-dept="{DEPT}"' in dom
    assert f'href="{DEPT}.html"' in dom
