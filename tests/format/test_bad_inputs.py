"""Every case of the bad-input corpus (tests/bad_inputs) gives its expected outcome, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_inputs.harness import cases, run_case


def test_the_corpus_is_large_enough() -> None:
    assert len(cases()) >= 60


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_bad_input(case: Path, tmp_path: Path) -> None:
    code, output, expected = run_case(case, tmp_path)
    assert code == expected["exit"], output
    assert "Traceback" not in output
    for text in expected["contains"]:
        assert text in output, f"{case.name}: {text!r} not in output:\n{output}"
    for text in expected.get("absent", []):
        assert text not in output, f"{case.name}: {text!r} in output:\n{output}"
