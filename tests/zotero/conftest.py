"""A local Zotero group library for the publish tests (tests/support/fake_zotero.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from tests.support.fake_zotero import SCHEMA, FakeZoteroGroup
from tests.support.tools import require


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", threaded=True)  # the client has 4 requests in flight
    server.start()
    yield server
    server.clear()
    server.stop()


def new_group(server: HTTPServer, **options: bool) -> FakeZoteroGroup:
    require(SCHEMA.is_file(), "Zotero's schema (../shared/zotero)")
    fake = FakeZoteroGroup(**options)
    fake.url = fake.install(server)  # type: ignore[attr-defined]
    return fake


@pytest.fixture
def group(server: HTTPServer) -> FakeZoteroGroup:
    return new_group(server)
