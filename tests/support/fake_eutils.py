"""An E-utilities-shaped server for the tests: PubMed records behind a real HTTP server.

`/ecitmatch.cgi` answers plain text, one echoed line per citation with the PMID,
NOT_FOUND or AMBIGUOUS; like NCBI's, it keys on journal, volume and first page and
ignores author and year, so it answers look-alikes whose author or year disagree.
`/esearch.fcgi` answers `term=DOI[doi]` as JSON, `/esummary.fcgi` ESummary 2.0 JSON
(`result.uids`, one document per PMID with `articleids`), `/idconv/` the PMC ID
converter's JSON. `fault` injects answers per request; `times` logs when each came.
"""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

Fault = Callable[[Request, int], Response | None]
RATE_LIMITED = json.dumps({"error": "API rate limit exceeded", "api-key": "127.0.0.1",
                           "count": "4", "limit": "3"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+", "".join(c for c in text
                                                     if not unicodedata.combining(c))))


@dataclass
class Article:
    pmid: str
    title: str
    authors: list[tuple[str, str]]  # (given, family)
    year: int
    journal: str  # fulljournalname
    source: str  # NLM abbreviation
    volume: str = ""
    issue: str = ""
    pages: str = ""  # "230-235"
    doi: str = ""
    pmcid: str = ""

    def summary(self) -> dict[str, Any]:
        ids = [{"idtype": "pubmed", "idtypen": 1, "value": self.pmid}]
        if self.doi:
            ids.append({"idtype": "doi", "idtypen": 3, "value": self.doi})
        if self.pmcid:
            ids.append({"idtype": "pmc", "idtypen": 8, "value": self.pmcid})
        return {
            "uid": self.pmid, "pubdate": f"{self.year} Apr", "epubdate": "",
            "source": self.source, "fulljournalname": self.journal,
            "authors": [{"name": f"{family} {''.join(g[0] for g in given.split())}",
                         "authtype": "Author", "clusterid": ""}
                        for given, family in self.authors],
            "title": self.title + ".", "volume": self.volume, "issue": self.issue,
            "pages": _medline_pages(self.pages), "articleids": ids,
            "pubtype": ["Journal Article"], "sortpubdate": f"{self.year}/04/01 00:00",
        }


def _medline_pages(pages: str) -> str:
    """"230-235" → "230-5", as MEDLINE writes page ranges."""
    if "-" not in pages:
        return pages
    start, end = pages.split("-", 1)
    common = 0
    while common < min(len(start), len(end)) - 1 and start[common] == end[common] \
            and len(start) == len(end):
        common += 1
    return f"{start}-{end[common:]}"


class FakeEutils:
    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles = list(articles)
        self.by_pmid = {a.pmid: a for a in self.articles}
        self.fault: Fault | None = None
        self.requests: list[str] = []
        self.times: list[float] = []
        self.params: list[dict[str, str]] = []
        self._lock = threading.Lock()

    def install(self, server: HTTPServer) -> None:
        server.expect_request(re.compile(r"^/(ecitmatch|esearch|esummary|idconv).*")) \
            .respond_with_handler(self.handle)

    def url(self, server: HTTPServer) -> str:
        return server.url_for("/")

    def idconv_url(self, server: HTTPServer) -> str:
        return server.url_for("/idconv/")

    def handle(self, request: Request) -> Response:
        with self._lock:
            self.requests.append(request.full_path)
            self.times.append(time.monotonic())
            self.params.append(dict(request.args))
            number = len(self.requests)
        if self.fault is not None:
            response = self.fault(request, number)
            if response is not None:
                return response
        path = request.path
        if path.startswith("/ecitmatch"):
            return Response(self.citmatch(request.args.get("bdata", "")), status=200,
                            content_type="text/plain")
        if path.startswith("/esearch"):
            body: dict[str, Any] = self.esearch(request.args.get("term", ""))
        elif path.startswith("/esummary"):
            body = self.esummary(request.args.get("id", "").split(","))
        else:
            body = self.idconv(request.args.get("ids", "").split(","))
        return Response(json.dumps(body), status=200, content_type="application/json")

    def citmatch(self, bdata: str) -> str:
        lines = []
        for line in bdata.split("\r"):
            parts = line.split("|")
            if len(parts) < 6:
                continue
            journal, _year, volume, page = _fold(parts[0]), parts[1], parts[2], parts[3]
            found = [a for a in self.articles if volume == a.volume
                     and page == a.pages.split("-")[0]
                     and journal in (_fold(a.journal), _fold(a.source))]
            answer = (found[0].pmid if len(found) == 1 else "AMBIGUOUS" if found
                      else "NOT_FOUND")
            lines.append("|".join(parts[:6]) + "|" + answer)
        return "\n".join(lines) + "\n"

    def esearch(self, term: str) -> dict[str, Any]:
        doi = term.removesuffix("[doi]").strip().lower()
        ids = [a.pmid for a in self.articles if a.doi and a.doi.lower() == doi]
        return {"header": {"type": "esearch", "version": "0.3"},
                "esearchresult": {"count": str(len(ids)), "retmax": str(len(ids)),
                                  "retstart": "0", "idlist": ids, "translationset": [],
                                  "querytranslation": term}}

    def esummary(self, ids: list[str]) -> dict[str, Any]:
        result: dict[str, Any] = {"uids": ids}
        for pmid in ids:
            article = self.by_pmid.get(pmid)
            result[pmid] = article.summary() if article else {
                "uid": pmid, "error": "cannot get document summary"}
        return {"header": {"type": "esummary", "version": "0.3"}, "result": result}

    def idconv(self, ids: list[str]) -> dict[str, Any]:
        records = []
        for pmid in ids:
            article = self.by_pmid.get(pmid)
            if article and article.pmcid:
                records.append({"pmcid": article.pmcid, "pmid": int(pmid), "doi": article.doi,
                                "requested-id": pmid})
            else:
                records.append({"pmid": int(pmid), "requested-id": pmid, "status": "error",
                                "errmsg": "Identifier not found in PMC"})
        return {"status": "ok", "responseDate": "2026-12-02 14:00:00", "records": records}
