"""The project's Crossref client for bulk work: polite, rate-limited, retrying and cached.

Enrichment's requests are sent with `requests`: they must follow `X-Rate-Limit-*`
and `Retry-After` and tell a 429 from a 404, and habanero's transport gives neither
the headers nor the status. Search queries are still checked against habanero's list
of field queries. A single lookup by DOI (`balint-bib add`) goes through habanero
itself (`fetch.py`).
"""

from __future__ import annotations

import email.utils
import json
import random
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import habanero  # type: ignore[import-untyped]
import requests
from habanero.field_queries import validate_field_queries  # type: ignore[import-untyped]

from .._version import __version__
from ..errors import BalintBibError
from .cache import CachedResponse, ResponseCache
from .settings import DEFAULT_ROWS, CrossrefSettings

# Crossref's polite pool, until the answers' headers say otherwise.
_DEFAULT_LIMIT = 10.0
_REQUESTS_VERSION: str = requests.__version__  # type: ignore[attr-defined]
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}


class CrossrefError(BalintBibError):
    """A request that did not give a usable answer, after every try (exit code 1 when it
    reaches the command line)."""


class Cancelled(CrossrefError):
    """The run was interrupted while this request waited."""


class RateLimiter:
    """Spaces request starts `interval / limit` apart, across all threads."""

    def __init__(self, limit: float = _DEFAULT_LIMIT, interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._spacing = interval / limit
        self._next = 0.0
        self._clock = clock
        self._lock = threading.Lock()

    @property
    def spacing(self) -> float:
        return self._spacing

    def update(self, headers: Mapping[str, str]) -> None:
        """Follow `X-Rate-Limit-Limit` and `X-Rate-Limit-Interval` ("1s")."""
        try:
            limit = float(headers.get("X-Rate-Limit-Limit", ""))
        except ValueError:
            return
        match = _INTERVAL.match(headers.get("X-Rate-Limit-Interval", "1s"))
        if limit <= 0 or not match:
            return
        interval = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        with self._lock:
            self._spacing = interval / limit

    def pause(self, seconds: float) -> None:
        """No request starts for `seconds` (a `Retry-After`)."""
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)

    def acquire(self, stop: threading.Event) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self._spacing
        if slot > now and stop.wait(slot - now):
            raise Cancelled("interrupted")


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """`Retry-After` as seconds to wait: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def user_agent(mailto: str | None) -> str:
    contact = f" (mailto:{mailto})" if mailto else ""
    return (f"balint-bib/{__version__}{contact} habanero/{habanero.__version__} "
            f"python-requests/{_REQUESTS_VERSION}")


def _search_shape(payload: Any) -> None:
    message = payload.get("message") if isinstance(payload, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("items"), list):
        raise ValueError("a search answer without message.items")


def _work_shape(payload: Any) -> None:
    message = payload.get("message") if isinstance(payload, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("DOI"), str):
        raise ValueError("a work answer without message.DOI")


class CrossrefClient:
    """Every Crossref call of the project goes through one of these.

    `concurrency` bounds the requests in flight however many threads call it; each
    request is tried `tries` times (429, 5xx, timeouts, dropped connections, bodies
    that are not the JSON Crossref sends) before `CrossrefError` is raised.
    """

    def __init__(self, settings: CrossrefSettings | None = None, *,
                 cache: ResponseCache | None = None) -> None:
        settings = settings or CrossrefSettings()
        self.settings = settings
        self.mailto = settings.mailto
        self.cache = cache
        self.tries = settings.tries
        self.timeout = settings.timeout
        self.backoff = settings.backoff
        self.max_backoff = settings.max_backoff
        self.max_retry_after = settings.max_retry_after
        self.limiter = RateLimiter()
        self.requests_made = 0
        self.cache_hits = 0
        self._headers = {"User-Agent": user_agent(self.mailto), "Accept": "application/json"}
        self._slots = threading.BoundedSemaphore(settings.concurrency)
        self._stop = threading.Event()
        self._local = threading.local()
        self._count_lock = threading.Lock()
        self._sessions: list[requests.Session] = []

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    # --- the two calls the project makes ------------------------------------------------

    def search(self, bibliographic: str, rows: int = DEFAULT_ROWS) -> tuple[list[Any], float]:
        """`/works?query.bibliographic=…`: the items, and when they were retrieved."""
        fields = {"query_bibliographic": bibliographic}
        validate_field_queries([k.replace("query_", "query.", 1) for k in fields])
        params = {"query.bibliographic": bibliographic, "rows": str(rows)}
        response = self._get("/works", params, _search_shape)
        return json.loads(response.body)["message"]["items"], response.retrieved

    def work(self, doi: str) -> dict[str, Any] | None:
        """`/works/{doi}`: Crossref's `message` for the DOI, or None when it has none."""
        message, _ = self.work_with_date(doi)
        return message

    def work_with_date(self, doi: str) -> tuple[dict[str, Any] | None, float]:
        path = "/works/" + urllib.parse.quote(doi.strip(), safe="/:;()<>._-")
        response = self._get(path, {}, _work_shape)
        if response.status == 404:
            return None, response.retrieved
        return json.loads(response.body)["message"], response.retrieved

    # --- lifecycle --------------------------------------------------------------------------

    def cancel(self) -> None:
        """Wake every waiting request and make it raise `Cancelled` (Ctrl-C)."""
        self._stop.set()

    def close(self) -> None:
        for session in self._sessions:
            session.close()

    # --- transport --------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update(self._headers)
            self._local.session = session
            with self._count_lock:
                self._sessions.append(session)
        return session

    def _get(self, path: str, params: Mapping[str, str],
             check_shape: Callable[[Any], None]) -> CachedResponse:
        # The base URL is part of the key: a test server's answers are not api.crossref.org's.
        key = self.base_url + path + (
            "?" + urllib.parse.urlencode(sorted(params.items())) if params else "")
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                with self._count_lock:
                    self.cache_hits += 1
                return cached
        with self._slots:
            response = self._fetch(self.base_url + path, params, check_shape)
        if self.cache is not None:
            return self.cache.put(key, response.status, response.body)
        return response

    def _fetch(self, url: str, params: Mapping[str, str],
               check_shape: Callable[[Any], None]) -> CachedResponse:
        problem = ""
        delay = 0.0
        for attempt in range(1, self.tries + 1):
            self._wait(delay)
            delay = self._backoff(attempt)  # unless the server says how long to wait
            self.limiter.acquire(self._stop)
            with self._count_lock:
                self.requests_made += 1
            try:
                answer = self._session().get(url, params=params, timeout=self.timeout)
            except requests.Timeout:
                problem = f"no answer within {self.timeout:g} s"
                continue
            except requests.RequestException as error:
                problem = f"connection failed ({type(error).__name__})"
                continue
            self.limiter.update(answer.headers)
            if answer.status_code == 404:
                return CachedResponse(404, "", time.time())
            if answer.status_code in _RETRY_STATUSES:
                problem = f"HTTP {answer.status_code}"
                wait = retry_after_seconds(answer.headers.get("Retry-After"))
                if wait is not None:
                    if wait > self.max_retry_after:
                        raise CrossrefError(f"{problem}: asked to retry after {wait:g} s")
                    self.limiter.pause(wait)
                    delay = 0.0
                continue
            if answer.status_code != 200:
                raise CrossrefError(f"HTTP {answer.status_code} from {url}")
            try:
                check_shape(answer.json())
            except ValueError as error:  # JSONDecodeError is a ValueError
                problem = f"not a Crossref answer: {error}"
                continue
            return CachedResponse(200, answer.text, time.time())
        raise CrossrefError(f"{problem} (after {self.tries} tries)")

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)  # jitter keeps retries from bunching

    def _wait(self, seconds: float) -> None:
        if self._stop.is_set() or (seconds > 0 and self._stop.wait(seconds)):
            raise Cancelled("interrupted")


@contextmanager
def open_client(settings: CrossrefSettings) -> Iterator[CrossrefClient]:
    """A client with the cache its settings name; both closed on the way out."""
    cache = ResponseCache(settings.cache_dir) if settings.cache_dir is not None else None
    client = CrossrefClient(settings, cache=cache)
    try:
        yield client
    finally:
        client.close()
        if cache is not None:
            cache.close()
