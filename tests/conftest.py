"""Shared helpers: run the CLI as a user would, find fixtures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def run_cli(*args: str | Path, cwd: Path | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`balint-bib ARGS` in a separate process, as a user (or CI) runs it."""
    return subprocess.run(
        [sys.executable, "-m", "balint_bib", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=timeout, check=False,
    )


def require_tool(available: bool, what: str) -> None:
    """Skip when a tool the test needs is missing locally; fail in CI (CI=true), where the
    tests must never be skipped silently."""
    import os

    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but missing")
    pytest.skip(f"{what} is not installed")
