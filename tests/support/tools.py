"""Helpers shared by the tests: where things are, running the CLI as a user does, and
requiring an external tool (skip locally, fail in CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"


def run_cli(*args: str | Path, cwd: Path | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`balint-bib ARGS` in a separate process, as a user (or CI) runs it."""
    return subprocess.run(
        [sys.executable, "-m", "balint_bib", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=timeout, check=False,
    )


def require_tool(name: str) -> str:
    """The path of an external program; skip without it, but fail in CI (CI is set there)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed, and CI must run this test")
        pytest.skip(f"{name} is not installed")
    return path


def require(available: bool, what: str) -> None:
    """Skip when a tool the test needs is missing locally; fail in CI (CI=true), where the
    tests must never be skipped silently."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but missing")
    pytest.skip(f"{what} is not installed")
