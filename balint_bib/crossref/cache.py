"""A persistent cache of Crossref answers, so that a rerun makes no requests.

One SQLite file: every answer is committed as soon as it arrives, so a run that is
interrupted or killed keeps what it fetched and the next run resumes from there.
Only answers that mean something are stored: a JSON body, or "no such DOI".
Failures are not, so a rerun tries them again.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from ..errors import UsageError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    retrieved REAL NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class CachedResponse:
    status: int  # 200, or 404 for a DOI Crossref does not have
    body: str
    retrieved: float  # seconds since the epoch


class ResponseCache:
    """Thread-safe: the enrichment workers share one instance."""

    def __init__(self, directory: str | Path) -> None:
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(directory / "crossref.sqlite3",
                                               check_same_thread=False, timeout=30)
            self._connection.execute("PRAGMA journal_mode=WAL")
            # Each answer survives the process being killed; a power cut may lose the last.
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.execute(_SCHEMA)
            self._connection.commit()
        except (OSError, sqlite3.Error) as error:
            raise UsageError(f"cannot use the cache directory: {error}", path=directory) from None
        self.path = directory / "crossref.sqlite3"
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedResponse | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT status, body, retrieved FROM responses WHERE key = ?", (key,)).fetchone()
        return CachedResponse(*row) if row else None

    def put(self, key: str, status: int, body: str) -> CachedResponse:
        response = CachedResponse(status, body, time.time())
        with self._lock:
            self._connection.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)",
                (key, response.status, response.body, response.retrieved))
            self._connection.commit()
        return response

    def __len__(self) -> int:
        with self._lock:
            count: int = self._connection.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
            return count

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class _Closable(Protocol):
    def close(self) -> None: ...


ClientT = TypeVar("ClientT", bound=_Closable)


@contextmanager
def cached_client(cache_dir: Path | None,
                  make: Callable[[ResponseCache | None], ClientT]) -> Iterator[ClientT]:
    """A client made with the cache at `cache_dir` (None: no cache); both closed on the way
    out, the client first."""
    cache = ResponseCache(cache_dir) if cache_dir is not None else None
    client = make(cache)
    try:
        yield client
    finally:
        client.close()
        if cache is not None:
            cache.close()
