"""The file cases of the bad-input corpus (``f-``), beyond their expected output: what they leave on disk.

Markup, template and code-injection text in a department's data must come out of ``perfnb run``
escaped and literal, and no YAML tag or injected string may execute anything.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.bad_inputs.generate_files import PWNED
from tests.bad_inputs.harness import CASES, ROOT, run_case

pytestmark = pytest.mark.skipif(not (CASES / "f-inject-run").is_dir(), reason="f- cases not generated")


def _nothing_executed(tmp_path: Path, cwd: Path) -> None:
    """No command from the data ran: no file PWNED under tmp_path, the working directory or the repository."""
    assert not list(tmp_path.rglob(PWNED))
    assert not (cwd / PWNED).exists()
    assert not (ROOT / PWNED).exists()
    assert not list(CASES.rglob(PWNED))


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty working directory under tmp_path (where an injected ``touch PWNED`` would land)."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


@pytest.fixture(scope="module")
def injected_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``perfnb run`` of f-inject-run once for this module: (tmp folder with reports/, working directory)."""
    tmp = tmp_path_factory.mktemp("inject-run")
    cwd = tmp / "cwd"
    cwd.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        code, output, _ = run_case(CASES / "f-inject-run", tmp)
    assert code == 0, output
    return tmp, cwd


def test_injected_text_is_escaped_and_literal_in_the_reports(injected_run: tuple[Path, Path]) -> None:
    tmp, cwd = injected_run
    reports = tmp / "reports"
    for name in ("bad-dept.html", "index.html"):
        html = (reports / name).read_text(encoding="utf-8")
        assert "<script>alert" not in html, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, name
        assert "<img src=x" not in html, name
        assert "[[{{ 7*7 }}]]" in html, name  # Jinja syntax from data is text, never rendered
        assert "[[49]]" not in html, name
    report = (reports / "bad-dept.html").read_text(encoding="utf-8")
    assert "{% raw %}{% if %}{% endraw %}" in report
    assert "__import__(&#39;os&#39;)" in report or "__import__('os').system('touch PWNED')" in report
    _nothing_executed(tmp, cwd)


def test_text_that_looks_like_a_formula_is_not_a_formula_in_the_findings_workbook(
    injected_run: tuple[Path, Path],
) -> None:
    tmp, _ = injected_run
    book = openpyxl.load_workbook(tmp / "reports" / "bad-dept.findings.xlsx")
    texts = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (sheet.title, cell.coordinate)
    assert any(t.startswith("'=HYPERLINK(") for t in texts)  # the indicator name is there, defused


def test_a_folder_name_that_is_template_text_is_escaped_on_the_index(tmp_path: Path, work: Path) -> None:
    code, output, _ = run_case(CASES / "f-inject-run-folder", tmp_path)
    assert code == 1, output
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7+7 }} &amp; co" in index
    assert "14 &amp; co" not in index
    report = (tmp_path / "reports" / "bad-dept.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt;" in report and "<b>bold</b>" not in report
    assert "[[{{ 7*7 }}]]" in report and "[[49]]" not in report
    # the invalid folder never became a path: no report, no processed folder of its own
    assert not (tmp_path / "reports" / "{{ 7+7 }} & co.html").exists()
    assert not (tmp_path / "processed" / "{{ 7+7 }} & co").exists()
    _nothing_executed(tmp_path, work)


@pytest.mark.parametrize("case", ["f-yaml-python-tag", "f-scheme-python-tag"])
def test_a_python_tag_in_yaml_executes_nothing(
    case: str, tmp_path: Path, work: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, output, _ = run_case(CASES / case, tmp_path)
    assert code == 1, output
    captured = capfd.readouterr()  # what a command run by the YAML would write to the process's own stdout
    assert "pwned" not in captured.out and "pwned" not in captured.err
    _nothing_executed(tmp_path, work)


@pytest.mark.parametrize("case", ["f-inject-validate", "f-yaml-alias-bomb"])
def test_validating_hostile_text_executes_nothing_and_prints_little(case: str, tmp_path: Path, work: Path) -> None:
    code, output, expected = run_case(CASES / case, tmp_path)
    assert code == expected["exit"], output
    assert len(output) < 20_000  # an alias bomb is never expanded into the output
    _nothing_executed(tmp_path, work)
