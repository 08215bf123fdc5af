"""COinS: an OpenURL ContextObject (Z39.88-2004, KEV) per entry, in a `span.Z3988`, so the
Zotero Connector (and other reference managers) can save every entry of a page.

The object follows the one Zotero itself writes and reads back (its `openurl.js`): the
journal format for articles, the book format for books, parts of books and reports
(`rft.genre` book, bookitem, report), the dissertation format for theses and Dublin Core
for the rest, with the Zotero item type in `rft.type`. Identifiers are `rft_id`s
(`info:doi/…`, `urn:isbn:…`, the URL). People are `rft.au` as "Family, Given", which Zotero
splits at the comma; organisations are `rft.aucorp`, kept whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from ..bibtex.model import Record
from ..exporters.items import OTHERS, Item, to_item
from ..exporters.zotero_fields import has_field
from ..text import escape_html

FORMAT = "info:ofi/fmt:kev:mtx:"
_BOOK_GENRES = {"book": "book", "bookSection": "bookitem", "report": "report"}


def _kev_value(value: str) -> str:
    # As JavaScript's encodeURIComponent; `+` too, which OpenURL readers take for a space.
    return quote(value, safe="-_.!~*'()")


def context_object(record: Record) -> str:
    """The entry's ContextObject as a KEV string (`url_ver=Z39.88-2004&…`)."""
    item = to_item(record)
    return "&".join(f"{key}={_kev_value(value)}" for key, value in _pairs(item) if value)


def _pairs(item: Item) -> Iterator[tuple[str, str]]:
    yield "url_ver", "Z39.88-2004"
    yield "ctx_ver", "Z39.88-2004"
    yield "rfr_id", "info:sid/balint-bib"
    if item.doi:
        yield "rft_id", f"info:doi/{item.doi}"
    if item.isbn:
        yield "rft_id", f"urn:isbn:{item.isbn}"
    if item.url:
        yield "rft_id", item.url
    kind = item.item_type
    if kind == "journalArticle":
        yield "rft_val_fmt", FORMAT + "journal"
        yield from (("rft.genre", "article"), ("rft.atitle", item.title),
                    ("rft.jtitle", item.container_title),
                    ("rft.stitle", item.journal_abbreviation), ("rft.volume", item.volume),
                    ("rft.issue", item.issue), ("rft.issn", item.issn))
    elif kind in _BOOK_GENRES:
        yield "rft_val_fmt", FORMAT + "book"
        yield "rft.genre", _BOOK_GENRES[kind]
        if kind == "bookSection":
            yield from (("rft.atitle", item.title), ("rft.btitle", item.container_title))
        else:
            yield "rft.btitle", item.title
        yield from (("rft.place", item.place), ("rft.pub", item.publisher),
                    ("rft.edition", item.edition), ("rft.series", item.series),
                    ("rft.isbn", item.isbn))
    elif kind == "thesis":
        yield "rft_val_fmt", FORMAT + "dissertation"
        yield from (("rft.title", item.title), ("rft.inst", item.publisher),
                    ("rft.degree", item.genre))
    else:  # Dublin Core, with Zotero's own type name (which Zotero reads back)
        yield "rft_val_fmt", FORMAT + "dc"
        yield from (("rft.type", kind), ("rft.title", item.title),
                    ("rft.source", item.container_title if kind == "webpage" else ""),
                    ("rft.publisher", item.publisher if has_field(kind, "publisher") else ""),
                    ("rft.description", item.abstract))
    yield from _people(item)
    yield "rft.date", item.date
    if item.pages and has_field(kind, "pages"):
        yield "rft.pages", item.pages
        first, _, last = item.pages.partition("-")
        yield from (("rft.spage", first), ("rft.epage", last))
    yield "rft.language", item.language


def _people(item: Item) -> Iterator[tuple[str, str]]:
    for creator in item.authors:
        if creator is OTHERS:
            continue  # "and others" names nobody
        if creator.corporate or not creator.given:
            yield "rft.aucorp", creator.family
        else:
            yield "rft.au", f"{creator.family}, {creator.given}"


def coins_span(kev: str) -> str:
    """The empty span that carries it (the KEV is escaped for the attribute)."""
    return f'<span class="Z3988" title="{escape_html(kev)}"></span>' if kev else ""
