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


def require_tool(name: str) -> str:
    """The path of an external program; skip without it, but fail in CI (CI is set there)."""
    import os
    import shutil

    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed, and CI must run this test")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def threaded_httpserver():
    """A real HTTP server on 127.0.0.1 that answers requests concurrently (for the
    Crossref tests: slow answers, timeouts and a bounded number in flight)."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def require(available: bool, what: str) -> None:
    """Skip when a tool the test needs is missing locally; fail in CI (CI=true), where the
    tests must never be skipped silently."""
    import os

    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but missing")
    pytest.skip(f"{what} is not installed")
