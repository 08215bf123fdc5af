"""Fixtures shared by every test module; plain helpers live in tests/support/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tools import FIXTURES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


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
