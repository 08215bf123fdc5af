"""The CSL processor test suite (../shared/csl-test-suite) through the project's engine:
every fixture that passed when tests/csl/suite_expected_passes.txt was written still passes.

Regenerate the list after an improvement with
`python benchmarks/csl_test_suite.py --passes tests/csl/suite_expected_passes.txt`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.tools import REPO, SHARED, require

SUITE = SHARED / "csl-test-suite" / "processor-tests" / "humans"
EXPECTED = REPO / "tests" / "csl" / "suite_expected_passes.txt"
RUNNER = REPO / "benchmarks" / "csl_test_suite.py"


def _passes(tmp_path: Path, *options: str) -> tuple[set[str], str]:
    out = tmp_path / "passes.txt"
    result = subprocess.run([sys.executable, str(RUNNER), "--suite", str(SUITE),
                             "--passes", str(out), *options],
                            capture_output=True, text=True, timeout=900, check=True)
    return set(out.read_text(encoding="utf-8").split()), result.stdout


def test_no_expected_pass_is_lost(tmp_path: Path) -> None:
    require(SUITE.is_dir(), "the CSL test suite (../shared/csl-test-suite)")
    passed, report = _passes(tmp_path)
    expected = set(EXPECTED.read_text(encoding="utf-8").split())
    assert not expected - passed, f"fixtures that stopped passing: {sorted(expected - passed)}"
    assert report.splitlines()[-1].startswith(f"csl test suite: {len(passed)}/")


def test_no_fixture_that_raw_citeproc_py_passes_fails(tmp_path: Path) -> None:
    """The fix layer may not break what plain citeproc-py gets right."""
    require(SUITE.is_dir(), "the CSL test suite (../shared/csl-test-suite)")
    project, _ = _passes(tmp_path)
    raw, _ = _passes(tmp_path, "--raw")
    assert not raw - project, f"raw citeproc-py passes, the project fails: {sorted(raw - project)}"
