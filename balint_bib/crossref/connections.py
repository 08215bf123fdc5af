"""HTTP sessions whose connections count as closed only once the server has closed its end.

A request that gives up (its try's deadline, a read timeout) closes its connection and then
frees its concurrency slot. A plain close only sends our FIN: the server may go on working
on the abandoned request, so under `--concurrency 3` it could see a fourth connection open
before it noticed the first was gone. Here a close half-closes the socket, waits (briefly,
bounded) for the server's own FIN, and only then returns, so the slot is freed after the
connection is closed on both sides.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import time
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# How long a close waits for the server's FIN before it resets the connection instead.
CLOSE_WAIT_SECONDS = 1.0


def _close_both_ways(sock: socket.socket | None, wait: float = CLOSE_WAIT_SECONDS) -> None:
    if sock is None or getattr(sock, "_io_refs", False):
        return  # a response still reads from it (http.client's will-close): not ours to end
    try:
        sock.shutdown(socket.SHUT_WR)
        until = time.monotonic() + wait
        while (left := until - time.monotonic()) > 0:
            sock.settimeout(left)
            if not sock.recv(65536):
                return  # the server's FIN: closed on both sides
    except OSError:
        return  # reset or already closed: nothing is open
    # No FIN in time: a reset (linger 0) ends the connection for the server at once.
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


class _ClosingHTTPConnection(HTTPConnection):
    def close(self) -> None:
        _close_both_ways(self.sock)
        super().close()


class _ClosingHTTPSConnection(HTTPSConnection):
    def close(self) -> None:
        _close_both_ways(self.sock)
        super().close()


class _ClosingHTTPPool(HTTPConnectionPool):
    ConnectionCls = _ClosingHTTPConnection


class _ClosingHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _ClosingHTTPSConnection


class _ClosingAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _ClosingHTTPPool,
                                                   "https": _ClosingHTTPSPool}


def closing_session() -> requests.Session:
    """A requests session whose connections close on both sides before `close` returns."""
    session = requests.Session()
    adapter = _ClosingAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
