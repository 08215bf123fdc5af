"""The E-utilities client: one rate limit for every worker, retries, a cache per item.

NCBI allows 3 requests a second without an API key and 10 with one; the limiter spaces
request starts across all threads, and a 429 (NCBI's "API rate limit exceeded") pauses
every worker, not only the one that got it. Answers are cached per item (one citation,
one DOI, one PMID), so a rerun or a resumed run asks only for what it lacks, however the
batches fall. `tool`, `email` and `api_key` go with every request but not into the cache
key: they do not change the answer.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any, TypeVar

import requests

from .._version import __version__
from ..crossref.cache import ResponseCache, cached_client
from ..crossref.client import RateLimiter, retry_after_seconds
from ..crossref.connections import closing_session
from ..errors import BalintBibError
from .records import (
    CitMatch,
    parse_citmatch,
    parse_esearch,
    parse_esummary,
    parse_idconv,
)
from .settings import TOOL, PubMedSettings

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CITMATCH_BATCH = 100
SUMMARY_BATCH = 200
IDCONV_BATCH = 200  # the ID converter's limit
Parsed = TypeVar("Parsed")


class EutilsError(BalintBibError):
    """A request that gave no usable answer after every try."""


class Cancelled(EutilsError):
    """The run was interrupted while this request waited."""


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class EutilsClient:
    def __init__(self, settings: PubMedSettings, *, cache: ResponseCache | None = None) -> None:
        self.settings = settings
        self.cache = cache
        self.limiter = RateLimiter(settings.rate_limit)
        self.requests_made = 0
        self.cache_hits = 0
        self._identity = {"tool": TOOL, **({"email": settings.email} if settings.email else {}),
                          **({"api_key": settings.api_key} if settings.api_key else {})}
        self._slots = threading.BoundedSemaphore(settings.concurrency)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._hold = 0.0  # monotonic time before which no request starts (a 429)

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    # --- the four look-ups ----------------------------------------------------------------

    def citmatch(self, queries: Mapping[str, CitMatch]) -> dict[str, str]:
        """key → PMID, "NOT_FOUND" or "AMBIGUOUS", in batches of `CITMATCH_BATCH` lines."""
        def key_of(key: str) -> str:
            return "ecitmatch:" + queries[key].line("")

        def fetch(keys: list[str]) -> dict[str, str]:
            bdata = "\r".join(queries[k].line(k) for k in keys)
            text = self._get(self.base_url + "ecitmatch.cgi",
                             {"db": "pubmed", "retmode": "xml", "bdata": bdata},
                             lambda answer: parse_citmatch(answer.text))
            missing = [k for k in keys if k not in text]
            if missing:
                raise EutilsError(f"ECitMatch did not answer for {', '.join(missing[:3])}")
            return {k: text[k] for k in keys}

        return self._items(list(queries), key_of, fetch, CITMATCH_BATCH, str, str)

    def search_doi(self, doi: str) -> list[str]:
        """The PMIDs PubMed files under `doi`."""
        def fetch(keys: list[str]) -> dict[str, list[str]]:
            ids = self._get(self.base_url + "esearch.fcgi",
                            {"db": "pubmed", "retmode": "json", "term": f"{doi}[doi]"},
                            lambda answer: parse_esearch(answer.json()))
            return {doi: ids}

        found: list[str] = self._items([doi], lambda d: "esearch-doi:" + d.lower(), fetch, 1,
                                       json.dumps, json.loads)[doi]
        return found

    def summaries(self, pmids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """PMID → ESummary 2.0 document; {} for a PMID PubMed does not know."""
        def fetch(keys: list[str]) -> dict[str, dict[str, Any]]:
            found = self._get(self.base_url + "esummary.fcgi",
                              {"db": "pubmed", "retmode": "json", "version": "2.0",
                               "id": ",".join(keys)},
                              lambda answer: parse_esummary(answer.json()))
            return {k: found.get(k, {}) for k in keys}

        return self._items(sorted(set(pmids)), lambda p: "esummary:" + p, fetch, SUMMARY_BATCH,
                           json.dumps, json.loads)

    def pmcids(self, pmids: Iterable[str]) -> dict[str, str]:
        """PMID → PMCID, "" for an article not in PubMed Central."""
        def fetch(keys: list[str]) -> dict[str, str]:
            found = self._get(self.settings.idconv_url,
                              {"ids": ",".join(keys), "idtype": "pmid", "format": "json"},
                              lambda answer: parse_idconv(answer.json()))
            return {k: found.get(k, "") for k in keys}

        return self._items(sorted(set(pmids)), lambda p: "idconv:" + p, fetch, IDCONV_BATCH,
                           str, str)

    # --- cache per item ----------------------------------------------------------------------

    def _items(self, keys: list[str], cache_key: Callable[[str], str],
               fetch: Callable[[list[str]], Mapping[str, Parsed]], batch: int,
               dump: Callable[[Parsed], str], load: Callable[[str], Parsed],
               ) -> dict[str, Parsed]:
        found: dict[str, Parsed] = {}
        missing = []
        for key in keys:
            cached = self.cache.get(self.base_url + cache_key(key)) if self.cache else None
            if cached is None:
                missing.append(key)
                continue
            with self._lock:
                self.cache_hits += 1
            found[key] = load(cached.body)
        for chunk in _chunks(missing, batch):
            answers = fetch(chunk)
            for key in chunk:
                if self.cache is not None:
                    self.cache.put(self.base_url + cache_key(key), 200, dump(answers[key]))
                found[key] = answers[key]
        return found

    # --- transport ---------------------------------------------------------------------------

    def cancel(self) -> None:
        self._stop.set()

    def close(self) -> None:
        for session in self._sessions:
            session.close()

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = closing_session()
            session.headers["User-Agent"] = f"balint-bib/{__version__}"
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def _get(self, url: str, params: Mapping[str, str],
             parse: Callable[[requests.Response], Parsed]) -> Parsed:
        with self._slots:
            return self._fetch(url, {**params, **self._identity}, parse)

    def _fetch(self, url: str, params: Mapping[str, str],
               parse: Callable[[requests.Response], Parsed]) -> Parsed:
        problem = ""
        settings = self.settings
        delay = 0.0
        for attempt in range(1, settings.tries + 1):
            self._wait(delay)
            delay = self._backoff(attempt)
            self._acquire()
            try:
                answer = self._session().get(url, params=params, timeout=settings.timeout)
            except requests.Timeout:
                problem = f"no answer within {settings.timeout:g} s"
                continue
            except requests.RequestException as error:
                problem = f"connection failed ({type(error).__name__})"
                continue
            if answer.status_code in _RETRY_STATUSES:
                problem = f"HTTP {answer.status_code}" + _ncbi_error(answer)
                wait = retry_after_seconds(answer.headers.get("Retry-After"))
                if wait is not None and wait > settings.max_retry_after:
                    raise EutilsError(f"{problem}: asked to retry after {wait:g} s")
                if wait is not None or answer.status_code == 429:
                    # Everyone waits: the limit is NCBI's for the user, not for one thread.
                    self._pause(delay if wait is None else wait)
                    delay = 0.0
                continue
            if answer.status_code != 200:
                raise EutilsError(f"HTTP {answer.status_code} from {url}")
            try:
                return parse(answer)
            except ValueError as error:  # WrongShape and JSONDecodeError are ValueErrors
                problem = f"not an E-utilities answer: {error}"
        raise EutilsError(f"{problem} (after {settings.tries} tries)")

    def _pause(self, seconds: float) -> None:
        """No request starts for `seconds`, including those already given a slot."""
        with self._lock:
            self._hold = max(self._hold, time.monotonic() + seconds)
        self.limiter.pause(seconds)

    def _acquire(self) -> None:
        try:
            while True:
                self.limiter.acquire(self._stop)
                # A 429 that came while this request waited for its slot: take a new
                # slot, after the pause (the limiter spaces those out again).
                if time.monotonic() >= self._hold:
                    break
        except BalintBibError:
            raise Cancelled("interrupted") from None
        with self._lock:
            self.requests_made += 1

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.settings.max_backoff, self.settings.backoff * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)

    def _wait(self, seconds: float) -> None:
        if self._stop.is_set() or (seconds > 0 and self._stop.wait(seconds)):
            raise Cancelled("interrupted")


def _ncbi_error(answer: requests.Response) -> str:
    """NCBI's reason, from its JSON error body ({"error": "API rate limit exceeded", …})."""
    try:
        body = answer.json()
    except ValueError:
        return ""
    return f" ({body['error']})" if isinstance(body, dict) and isinstance(
        body.get("error"), str) else ""


def open_client(settings: PubMedSettings) -> AbstractContextManager[EutilsClient]:
    """A client with the cache its settings name; both closed on the way out."""
    return cached_client(settings.cache_dir,
                         lambda cache: EutilsClient(settings, cache=cache))
