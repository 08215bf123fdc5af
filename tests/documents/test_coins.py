"""The course pages saved with Zotero's own web translators (translation-server, COinS.js):
every entry of every syllabus and bibliography page is offered, with the right type,
title, creators, date and identifiers; each page links its own Zotero RDF."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl

import pytest
from pytest_httpserver import HTTPServer

import balint_bib
from balint_bib.bibtex.model import Record
from balint_bib.documents.coins import context_object
from balint_bib.documents.compose import bibliography_document
from balint_bib.documents.html import bibliography_page
from balint_bib.documents.site import render_site
from balint_bib.exporters.items import OTHERS, to_item
from balint_bib.exporters.zotero_fields import has_field
from balint_bib.kinds import kind_of
from balint_bib.syllabus import bundled_syllabi
from tests.support.tools import FIXTURES
from tests.support.zotero_import import TranslationServer

KINDS = FIXTURES / "kinds" / "kinds.bib"
ALL_TYPES = FIXTURES / "export" / "all-types.bib"


@pytest.fixture(scope="module")
def server() -> Iterator[TranslationServer]:
    running = TranslationServer()
    yield running
    running.close()


@pytest.fixture(scope="module")
def pages() -> dict[str, bytes]:
    """The bundled site's pages, and a bibliography page of every entry kind."""
    files = render_site(balint_bib.load(), bundled_syllabi())
    pages = {name: data for name, data in files.items() if name.endswith(".html")}
    fixtures = (*balint_bib.load(KINDS).records, *balint_bib.load(ALL_TYPES).records)
    document = bibliography_document(fixtures, "apa", "html", title="Every kind")
    pages["every-kind.html"] = bibliography_page(document).encode()
    return pages


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.spans: list[str] = []
        self.keys: list[str] = []  # the entries' keys, in page order
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "span" and found.get("class") == "Z3988":
            self.spans.append(found.get("title") or "")
        if tag == "a":
            self._href = found.get("href")
        if (found.get("id") or "").startswith("entry-"):
            self.keys.append((found.get("id") or "").removeprefix("entry-"))

    def handle_data(self, data: str) -> None:
        if self._href is not None and data.strip():
            self.links.append((data.strip(), self._href))
            self._href = None


def _parse(data: bytes) -> _Spans:
    parser = _Spans()
    parser.feed(data.decode("utf-8"))
    return parser


def _records(page: str) -> dict[str, Record]:
    paths = (KINDS, ALL_TYPES) if page == "every-kind.html" else (None,)
    return {record.key: record for path in paths for record in balint_bib.load(path)}


PAGES_WITH_ENTRIES = re.compile(r"(?<!index)\.html\Z")


def test_one_span_per_entry_on_every_page(pages: dict[str, bytes]) -> None:
    assert len([n for n in pages if PAGES_WITH_ENTRIES.search(n)]) == 5
    for name, data in pages.items():
        spans = _parse(data).spans
        entries = data.decode().count(' id="entry-')
        if name == "index.html":
            assert spans == []
            continue
        assert entries and len(spans) == entries, name
        for kev in spans:
            pairs = parse_qsl(kev, strict_parsing=True)
            assert ("ctx_ver", "Z39.88-2004") in pairs
            assert dict(pairs)["rft_val_fmt"].startswith("info:ofi/fmt:kev:mtx:")


def test_context_object_identifiers() -> None:
    article = balint_bib.load(ALL_TYPES)["Scheingold1988"]
    pairs = parse_qsl(context_object(article))
    ids = [value for key, value in pairs if key == "rft_id"]
    assert ids == ["info:doi/10.1000/jfp.1988.26.315", "https://example.org/jfp/26/315"]
    assert ("rft.genre", "article") in pairs
    assert ("rft.jtitle", "The Journal of Family Practice") in pairs
    book = parse_qsl(context_object(balint_bib.load(ALL_TYPES)["Balint1957"]))
    assert ("rft_id", "urn:isbn:978-0-443-06460-9") in book and ("rft.genre", "book") in book


def test_each_page_offers_its_zotero_rdf(pages: dict[str, bytes]) -> None:
    for name, data in pages.items():
        if name == "index.html":
            continue
        links = dict(_parse(data).links)
        target = links.get("Add to Zotero")
        assert target and target.endswith(".rdf"), name
        assert target == (name.replace(".html", ".rdf") if "bibliography" not in name
                          and name != "every-kind.html" else "references.rdf")


@pytest.mark.parametrize("name", ["balint-resource-list.html", "residents-reading-list.html",
                                  "bibliography-apa.html",
                                  "bibliography-american-medical-association.html",
                                  "every-kind.html"])
def test_zotero_saves_every_entry_of_the_page(server: TranslationServer, httpserver: HTTPServer,
                                              pages: dict[str, bytes], name: str) -> None:
    httpserver.expect_request(f"/{name}").respond_with_data(
        pages[name], content_type="text/html; charset=utf-8")
    url = httpserver.url_for(f"/{name}").replace("//localhost:", "//127.0.0.1:")
    page = _parse(pages[name])
    assert len(server.offered(url)) == len(page.spans) == len(page.keys)
    saved = server.web(url)
    assert len(saved) == len(page.keys)
    records = _records(name)
    problems = []
    for key, item in zip(page.keys, saved, strict=True):  # offered and saved in page order
        record = records[key]
        if item["title"] != to_item(record).title:
            problems.append(f"{key}: title {item['title']!r}")
        problems += [f"{key}: {p}" for p in _differences(record, item)]
    assert problems == []


def _differences(record: Record, item: dict[str, Any]) -> Iterator[str]:
    wanted = to_item(record)
    if item["itemType"] != kind_of(record).zotero:
        yield f"type {item['itemType']}"
    people = [c.get("name") or (c.get("lastName"), c.get("firstName")) for c in item["creators"]]
    expected = [c.family if c.corporate or not c.given else (c.family, c.given)
                for c in wanted.authors if c is not OTHERS]
    if people != expected:
        yield f"creators {people} != {expected}"
    if item.get("date", "") != wanted.date:
        yield f"date {item.get('date')!r} != {wanted.date!r}"
    if wanted.url and item.get("url") != wanted.url:
        yield f"url {item.get('url')!r} != {wanted.url!r}"
    if wanted.isbn and item.get("ISBN", "").replace("-", "") != wanted.isbn.replace("-", ""):
        yield f"ISBN {item.get('ISBN')!r} != {wanted.isbn!r}"
    # A type without a DOI field: Zotero reads the rft_id, and translation-server's API JSON
    # drops what the type has no field for (the desktop keeps it in Extra).
    if wanted.doi and has_field(wanted.item_type, "doi") and item.get("DOI") != wanted.doi:
        yield f"DOI {item.get('DOI')!r} != {wanted.doi!r}"
