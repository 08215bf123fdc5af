"""The project's Crossref client for bulk work: polite, rate-limited, retrying and cached.

Enrichment's requests are sent with `requests`: they must follow `X-Rate-Limit-*`
and `Retry-After` and tell a 429 from a 404, and habanero's transport gives neither
the headers nor the status. Search queries are still checked against habanero's list
of field queries. A single lookup by DOI (`balint-bib add`) goes through habanero
itself (`fetch.py`).
"""

from __future__ import annotations

import datetime
import email.utils
import json
import math
import random
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

import habanero  # type: ignore[import-untyped]
import requests
import urllib3
from habanero.field_queries import validate_field_queries  # type: ignore[import-untyped]

from .._version import __version__
from ..errors import BalintBibError
from .cache import CachedResponse, ResponseCache, cached_client
from .connections import closing_session
from .settings import DEFAULT_ROWS, CrossrefSettings
from .transport import MAX_ANSWER_BYTES, TooLarge, TooSlow, clean_answer, read_body
from .works import candidate_from_message, candidates_from_items

# Crossref's polite pool, until the answers' headers say otherwise.
_DEFAULT_LIMIT = 10.0
# What is obeyed of X-Rate-Limit-*: at most 50 requests a second, at least one every 10 s;
# a server that asks for less is asked again later (the run stops, the cache resumes it).
MIN_SPACING = 0.02
MAX_SPACING = 10.0
_REQUESTS_VERSION: str = requests.__version__  # type: ignore[attr-defined]
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}


class CrossrefError(BalintBibError):
    """A request that did not give a usable answer, after every try (exit code 1 when it
    reaches the command line)."""


class Cancelled(CrossrefError):
    """The run was interrupted while this request waited."""


class Stopped(BalintBibError):
    """Crossref asked for a longer wait than a run makes: the whole run stops (the cache
    keeps what was fetched) and says when to resume."""

    def __init__(self, why: str, wait: float) -> None:
        when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=wait)
        super().__init__(f"stopped: {why}; the cache keeps the answers so far: rerun after "
                         f"{when:%Y-%m-%d %H:%M} UTC to resume")


class RateLimiter:
    """Spaces request starts `interval / limit` apart, across all threads."""

    def __init__(self, limit: float = _DEFAULT_LIMIT, interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._spacing = interval / limit
        self._next = 0.0
        self._paused_until = 0.0
        self._clock = clock
        self._lock = threading.Lock()

    @property
    def spacing(self) -> float:
        return self._spacing

    def update(self, headers: Mapping[str, str]) -> float | None:
        """Follow `X-Rate-Limit-Limit` and `X-Rate-Limit-Interval` ("1s"), clamped to
        [MIN_SPACING, MAX_SPACING]; returns the spacing asked for (None: no usable
        headers), so the caller can stop when it is beyond what a run obeys."""
        try:
            limit = float(headers.get("X-Rate-Limit-Limit", ""))
        except ValueError:
            return None
        match = _INTERVAL.match(headers.get("X-Rate-Limit-Interval", "1s"))
        if not math.isfinite(limit) or limit <= 0 or not match:
            return None  # nan, inf, 0: no limit at all is not a limit to follow
        asked = float(match.group(1)) * _UNIT_SECONDS[match.group(2)] / limit
        if not math.isfinite(asked):
            return None
        with self._lock:
            self._spacing = min(MAX_SPACING, max(MIN_SPACING, asked))
        return asked

    def pause(self, seconds: float) -> None:
        """No request starts for `seconds` (a `Retry-After`), in any thread: also not
        those already waiting for their turn."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)
            self._next = max(self._next, self._paused_until)

    def acquire(self, stop: threading.Event) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self._spacing
        while True:
            if slot > now and stop.wait(slot - now):
                raise Cancelled("interrupted")
            with self._lock:
                now, held = self._clock(), self._paused_until
                if held <= now:
                    return
                # A 429 arrived while this request waited its turn: it takes a new turn after
                # the pause, spaced like the others (not all at once when the pause ends).
                slot = max(held, self._next)
                self._next = slot + self._spacing


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
    """Raises ValueError unless the answer reads as the matcher will read it."""
    message = payload.get("message") if isinstance(payload, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("items"), list):
        raise ValueError("a search answer without message.items")
    candidates_from_items(message["items"])  # WrongShape is a ValueError


def _work_shape(payload: Any) -> None:
    message = payload.get("message") if isinstance(payload, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("DOI"), str):
        raise ValueError("a work answer without message.DOI")
    candidate_from_message(message)


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
        self.halted: Stopped | None = None  # set when the run must stop (see Stopped)
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
            session = closing_session()
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
            cached = _usable(self.cache.get(key), check_shape)
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
            if self.halted is not None:
                raise self.halted
            self._wait(delay)
            delay = self._backoff(attempt)  # unless the server says how long to wait
            self.limiter.acquire(self._stop)
            with self._count_lock:
                self.requests_made += 1
            deadline = time.monotonic() + self.timeout  # for the whole try, not per read
            try:
                answer = self._session().get(url, params=params, timeout=self.timeout,
                                             stream=True)
                with answer:
                    body = read_body(answer, deadline)
            except (requests.Timeout, TooSlow, urllib3.exceptions.TimeoutError):
                problem = f"no answer within {self.timeout:g} s"
                continue
            except TooLarge:
                raise CrossrefError(f"an answer larger than {MAX_ANSWER_BYTES >> 20} MB "
                                    f"from {url}") from None
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
                problem = f"connection failed ({type(error).__name__})"
                continue
            problem, delay, done = self._judge(answer, body, check_shape, url, delay)
            if done is not None:
                return done
        raise CrossrefError(f"{problem} (after {self.tries} tries)")

    def _judge(self, answer: requests.Response, body: bytes, check_shape: Callable[[Any], None],
               url: str, delay: float) -> tuple[str, float, CachedResponse | None]:
        """(problem, next delay, the answer when it is one) for one response."""
        asked = self.limiter.update(answer.headers)
        if asked is not None and asked > MAX_SPACING:  # this answer still counts
            self._halt(f"Crossref allows one request every {asked:g} s", asked, now=False)
        if answer.status_code == 404:
            return "", delay, CachedResponse(404, "", time.time())
        if answer.status_code in _RETRY_STATUSES:
            problem = f"HTTP {answer.status_code}"
            wait = retry_after_seconds(answer.headers.get("Retry-After"))
            if wait is not None:
                if wait > self.max_retry_after:
                    self._halt(f"{problem}, Crossref asked to retry after {wait:g} s", wait)
                self.limiter.pause(wait)
                delay = 0.0
            return problem, delay, None
        if answer.status_code != 200:
            raise CrossrefError(f"HTTP {answer.status_code} from {url}")
        try:
            text = clean_answer(body.decode("utf-8", errors="replace"), check_shape)
        except ValueError as error:  # JSONDecodeError and WrongShape are ValueErrors
            return f"not a Crossref answer: {error}", delay, None
        return "", delay, CachedResponse(200, text, time.time())

    def _halt(self, why: str, wait: float, now: bool = True) -> None:
        with self._count_lock:
            self.halted = self.halted or Stopped(why, wait)
        self._stop.set()  # every other worker stops at its next wait
        if now:
            raise self.halted

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)  # jitter keeps retries from bunching

    def _wait(self, seconds: float) -> None:
        if self._stop.is_set() or (seconds > 0 and self._stop.wait(seconds)):
            raise Cancelled("interrupted")


def _usable(cached: CachedResponse | None,
            check_shape: Callable[[Any], None]) -> CachedResponse | None:
    """A cached answer, if it still reads as one (an old or tampered row is fetched again)."""
    if cached is None:
        return None
    if not isinstance(cached.retrieved, int | float) or not isinstance(cached.body, str):
        return None
    if cached.status == 404:
        return cached
    if cached.status != 200:
        return None
    try:
        return CachedResponse(200, clean_answer(cached.body, check_shape), cached.retrieved)
    except (ValueError, TypeError, RecursionError):
        return None


def open_client(settings: CrossrefSettings) -> AbstractContextManager[CrossrefClient]:
    """A client with the cache its settings name; both closed on the way out."""
    return cached_client(settings.cache_dir,
                         lambda cache: CrossrefClient(settings, cache=cache))
