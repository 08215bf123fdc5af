"""A Crossref-shaped server for the tests: a corpus of works behind a real HTTP server.

`/works?query.bibliographic=…&rows=N` ranks the corpus by how many of the query's
words each work contains (weighted by rarity), as a search engine would: it always
answers, and look-alikes come back next to the right work. `/works/{doi}` answers a
work or 404. Faults (429, 500, timeouts, bad JSON, dropped connections) are injected
per request by `fault`.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import socket
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

Fault = Callable[[Request, int], Response | None]


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", text)


def work(doi: str, title: str, authors: Iterable[tuple[str, str]], year: int, *,
         journal: str = "", short_journal: str = "", volume: str = "", issue: str = "",
         page: str = "", type_: str = "journal-article", subtitle: str = "",
         online_year: int | None = None, isbn: str = "", publisher: str = "Test Publisher",
         issn: str = "") -> dict[str, Any]:
    """A Crossref `message` for one work, with the fields Crossref uses."""
    message: dict[str, Any] = {
        "DOI": doi, "type": type_, "title": [title], "publisher": publisher,
        "author": [{"given": given, "family": family, "sequence": "first" if i == 0
                    else "additional"} for i, (given, family) in enumerate(authors)],
        "issued": {"date-parts": [[year]]}, "published-print": {"date-parts": [[year]]},
        "URL": f"https://doi.org/{doi}",
    }
    if subtitle:
        message["subtitle"] = [subtitle]
    if journal:
        message["container-title"] = [journal]
    if short_journal:
        message["short-container-title"] = [short_journal]
    for name, value in (("volume", volume), ("issue", issue), ("page", page)):
        if value:
            message[name] = value
    if online_year is not None:
        message["published-online"] = {"date-parts": [[online_year, 6, 1]]}
        message["issued"] = {"date-parts": [[online_year, 6, 1]]}
    if isbn:
        message["ISBN"] = [isbn]
    if issn:
        message["ISSN"] = [issn]
        message["issn-type"] = [{"type": "print", "value": issn}]
    return message


def _searchable(message: dict[str, Any]) -> str:
    parts = list(message.get("title", [])) + list(message.get("subtitle", []))
    parts += [a.get("family", "") for a in message.get("author", [])]
    parts += list(message.get("container-title", [])) + list(message.get("short-container-title",
                                                                           []))
    parts += [str(message["issued"]["date-parts"][0][0]), message.get("volume", ""),
              message.get("page", "")]
    return " ".join(parts)


class FakeCrossref:
    """The corpus, the search, and the request log of one test."""

    def __init__(self, works: Iterable[dict[str, Any]], *, rate_limit: int = 1000,
                 delay: float = 0.0) -> None:
        self.works = list(works)
        self.by_doi = {w["DOI"].lower(): w for w in self.works}
        self.rate_limit = rate_limit
        self.delay = delay
        self.fault: Fault | None = None
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._index = [Counter(_words(_searchable(w))) for w in self.works]
        documents = Counter(word for index in self._index for word in index)
        self._idf = {word: math.log(1 + len(self.works) / count)
                     for word, count in documents.items()}

    def search(self, query: str, rows: int) -> list[dict[str, Any]]:
        words = set(_words(query))
        scored = []
        for message, index in zip(self.works, self._index, strict=True):
            score = sum(self._idf[w] for w in words if w in index)
            if score > 0:
                scored.append((score, message))
        scored.sort(key=lambda pair: -pair[0])
        return [{**message, "score": round(score, 3)} for score, message in scored[:rows]]

    def install(self, server: HTTPServer) -> None:
        server.expect_request(re.compile(r"^/works.*")).respond_with_handler(self.handle)

    def url(self, server: HTTPServer) -> str:
        return server.url_for("").rstrip("/")

    def handle(self, request: Request) -> Response:
        with self._lock:
            self.requests.append(request.full_path)
            number = len(self.requests)
        if self.delay:
            time.sleep(self.delay)
        if self.fault is not None:
            response = self.fault(request, number)
            if response is not None:
                return response
        headers = {"X-Rate-Limit-Limit": str(self.rate_limit), "X-Rate-Limit-Interval": "1s",
                   "Content-Type": "application/json"}
        if request.path.rstrip("/") == "/works":
            query = request.args.get("query.bibliographic", "")
            rows = int(request.args.get("rows", "20"))
            items = self.search(query, rows)
            body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                    "message": {"total-results": len(items), "items": items,
                                "items-per-page": rows}}
            return Response(json.dumps(body), status=200, headers=headers)
        doi = request.path[len("/works/"):].lower()
        message = self.by_doi.get(doi)
        if message is None:
            return Response("Resource not found.", status=404, headers={
                "Content-Type": "text/plain", **{k: v for k, v in headers.items()
                                                 if k.startswith("X-")}})
        body = {"status": "ok", "message-type": "work", "message-version": "1.0.0",
                "message": message}
        return Response(json.dumps(body), status=200, headers=headers)


# --- faults ----------------------------------------------------------------------------------


def drop_connection(request: Request) -> Response:
    """Close the socket without an answer, as a failing proxy does."""
    connection = request.environ.get("werkzeug.socket")
    if connection is not None:
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_RDWR)
        connection.close()
    return Response("", status=500)
