"""A thin Zotero Web API v3 client on `requests`: transport only.

It sends `Zotero-API-Version: 3` and the key in a header (never in a URL), keeps at most
`in_flight` requests open across threads, waits out a `Backoff` header before the next
request and a `Retry-After` on 429/503, retries connection failures and 5xx, and turns
what it cannot do into the project's errors with the key shown as `****`.
(pyzotero is not used: its releases pin bibtexparser < 2, which this package needs.)
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import requests

from .._version import __version__
from ..errors import BalintBibError
from .settings import ZoteroSettings

PAGE = 100  # the API's largest page


class ZoteroError(BalintBibError):
    """The Zotero API refused or could not be reached."""


class ZoteroConflict(ZoteroError):
    """412: the library (or an object) changed since the version this run read."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    body: Any

    @property
    def version(self) -> int | None:
        value = self.headers.get("Last-Modified-Version", "")
        return int(value) if value.isdigit() else None


def _seconds(value: str | None) -> float | None:
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    return seconds if seconds is not None and 0 <= seconds < float("inf") else None


class ZoteroClient:
    def __init__(self, settings: ZoteroSettings, *, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._session = session or requests.Session()
        self._session.headers.update({
            "Zotero-API-Version": "3", "Zotero-API-Key": settings.api_key,
            "User-Agent": f"balint-bib/{__version__}"})
        self._slots = threading.BoundedSemaphore(settings.in_flight)
        self._sleep, self._clock = sleep, clock
        self._lock = threading.Lock()
        self._not_before = 0.0  # set by a Backoff or Retry-After header, for every thread

    def close(self) -> None:
        self._session.close()

    # --- requests --------------------------------------------------------------------

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Reply:
        return self._checked("GET", path, params=params)

    def get_all(self, path: str, params: Mapping[str, str] | None = None
                ) -> tuple[list[Any], int]:
        """Every object under `path`, page by page (the later pages at once), and the
        library version the first page was read at."""
        # In the order objects were added, and every page at one library version: a change
        # during the read would otherwise shift objects between pages unseen.
        query = {**(params or {}), "limit": str(PAGE), "format": "json",
                 "sort": "dateAdded", "direction": "asc"}
        for _ in range(self.settings.tries):
            first = self._checked("GET", path, params={**query, "start": "0"})
            objects = list(first.body or [])
            total = int(first.headers.get("Total-Results", len(objects)) or 0)
            with ThreadPoolExecutor(max_workers=self.settings.in_flight) as pool:
                pages = list(pool.map(lambda start: self._checked(
                    "GET", path, params={**query, "start": str(start)}), range(PAGE, total, PAGE)))
            if all(page.version == first.version for page in pages):
                for page in pages:
                    objects.extend(page.body or [])
                return objects, first.version or 0
        raise ZoteroError(self._message(f"{path}: the group kept changing while it was read"))

    def write(self, path: str, objects: list[dict[str, Any]], *,
              library_version: int | None) -> Reply:
        """POST objects: versioned (If-Unmodified-Since-Version) for updates, with a fresh
        write token (kept across retries of this one request) for new objects."""
        headers = ({"If-Unmodified-Since-Version": str(library_version)}
                   if library_version is not None
                   else {"Zotero-Write-Token": secrets.token_hex(16)})
        return self._checked("POST", path, json_body=objects, headers=headers)

    # --- transport -------------------------------------------------------------------

    def _checked(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                 json_body: Any = None, headers: Mapping[str, str] | None = None) -> Reply:
        reply = self._send(method, path, params, json_body, headers)
        if reply.status == 412:
            raise ZoteroConflict(self._message(f"{method} {path}: the group changed while "
                                               "publishing (412 Precondition Failed)"))
        if reply.status in (401, 403):
            raise ZoteroError(self._message(
                f"the API key has no {'write' if method != 'GET' else 'read'} access to "
                f"group {self.settings.group_id} ({reply.status})"))
        if 300 <= reply.status < 400:
            raise ZoteroError(self._message(
                f"{method} {path}: the API answered with a redirect ({reply.status}), which "
                "is not followed (the key would go with it)"))
        if reply.status == 404:
            raise ZoteroError(self._message(f"{path}: not found (404); is the group ID right?"))
        if reply.status >= 300:
            detail = reply.body if isinstance(reply.body, str) else ""
            raise ZoteroError(self._message(f"{method} {path}: {reply.status} {detail}".strip()))
        return reply

    def _send(self, method: str, path: str, params: Mapping[str, str] | None,
              json_body: Any, headers: Mapping[str, str] | None) -> Reply:
        url = self.settings.base_url + path
        reason = ""
        for attempt in range(self.settings.tries):
            self._wait_turn()
            try:
                with self._slots:
                    # A redirect would carry the key header to wherever it points.
                    response = self._session.request(
                        method, url, params=params, json=json_body, headers=headers,
                        timeout=self.settings.timeout, allow_redirects=False)
            except requests.RequestException as error:
                reason = f"connection failed ({type(error).__name__})"
                self._sleep(self.settings.backoff * 2 ** attempt)
                continue
            self._hold(_seconds(response.headers.get("Backoff")))
            # 409: the library is locked for a moment; 429/503: asked to wait; 5xx: a fault
            if response.status_code in (409, 429, 503) or response.status_code >= 500:
                reason = f"{response.status_code} {response.reason}"
                wait = (_seconds(response.headers.get("Retry-After"))
                        if response.status_code in (429, 503) else None)
                self._hold(wait if wait is not None else self.settings.backoff * 2 ** attempt)
                continue
            return Reply(response.status_code, response.headers, _body(response))
        raise ZoteroError(self._message(
            f"{method} {path}: {reason} after {self.settings.tries} tries"))

    def _hold(self, seconds: float | None) -> None:
        """Make every thread wait `seconds` before its next request."""
        if seconds is None:
            return
        if seconds > self.settings.max_wait:
            raise ZoteroError(
                f"the Zotero API asks to wait {seconds:.0f} s (more than "
                f"{self.settings.max_wait:.0f} s); run the command again later: it "
                "continues where this run stopped")
        with self._lock:
            self._not_before = max(self._not_before, self._clock() + seconds)

    def _wait_turn(self) -> None:
        with self._lock:
            wait = self._not_before - self._clock()
        if wait > 0:
            self._sleep(wait)

    def _message(self, text: str) -> str:
        return self.settings.redact(text)


def _body(response: requests.Response) -> Any:
    if "json" in response.headers.get("Content-Type", ""):
        try:
            return response.json()
        except ValueError:
            return None
    return response.text
