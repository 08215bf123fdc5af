"""One entry → one neutral, display-ready item that the Zotero RDF and RIS exporters share.

The item type is a Zotero type name (RIS and the pages map from it), chosen from the
entry type and, for `@misc`/`@online`, from what `howpublished`/`type` say the
resource is (slides, a form, a web site…). Every text value is Unicode, cleaned
of characters no output format can carry; URLs are kept only when they are http(s).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..bibtex.names import Name
from ..bibtex.values import month_number
from ..doi import find_doi
from ..model import Record

JOURNAL_ARTICLE = "journalArticle"
BOOK = "book"
BOOK_SECTION = "bookSection"
DOCUMENT = "document"
WEBPAGE = "webpage"
PRESENTATION = "presentation"
REPORT = "report"

ITEM_TYPES = (JOURNAL_ARTICLE, BOOK, BOOK_SECTION, DOCUMENT, WEBPAGE, PRESENTATION, REPORT)

# Zotero types that have a DOI field in every Zotero schema still in use; for the
# others the DOI also goes into Extra ("DOI: …"), Zotero's own convention.
TYPES_WITH_DOI = frozenset({JOURNAL_ARTICLE})

_ENTRY_TYPES = {
    "article": JOURNAL_ARTICLE,
    "book": BOOK, "mvbook": BOOK, "booklet": BOOK, "collection": BOOK, "proceedings": BOOK,
    "incollection": BOOK_SECTION, "inbook": BOOK_SECTION, "inproceedings": BOOK_SECTION,
    "conference": BOOK_SECTION,
    "report": REPORT, "techreport": REPORT,
}  # fmt: skip

# What `howpublished`/`type` may say, most specific first.
_GENRE_HINTS = (
    (re.compile(r"slide|presentation|powerpoint|lecture|talk", re.I), PRESENTATION),
    (re.compile(r"\bform\b|handout|survey|questionnaire|leaflet|brochure|flyer", re.I), DOCUMENT),
    (re.compile(r"web ?site|home ?page|web ?page", re.I), WEBPAGE),
    (re.compile(r"report", re.I), REPORT),
)

# C0/C1 controls (tab, newline and carriage return become spaces), noncharacters and
# the bidi embeddings, overrides and isolates, which can reorder the text around them.
# The plain marks U+200E/U+200F are legitimate in right-to-left text and are kept.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)
UNSAFE_CHARACTERS = _UNSAFE  # the one list of characters no output may carry
_SAFE_URL = re.compile(r"https?://[^\s\"<>\\^`{|}]+\Z", re.I)
_DASHES = re.compile("[\u2010-\u2015]+")  # en/em dashes of decoded `--` ranges


def clean(text: str | None) -> str:
    """Text any format can carry: no control or bidi-override characters, spaces folded."""
    if not text:
        return ""
    # split() and the \s of re agree on what whitespace is; split/join is the faster fold.
    return " ".join(_UNSAFE.sub("", unicodedata.normalize("NFC", text)).split())


def safe_url(url: str | None) -> str:
    """`url` if it is an absolute http(s) URL with nothing that could break out; else ''."""
    url = clean(url)
    return url if _SAFE_URL.match(url) else ""


@dataclass(frozen=True, slots=True)
class Creator:
    family: str  # for an organisation: its whole name
    given: str = ""
    corporate: bool = False

    def display(self) -> str:
        if self.corporate:
            return self.family
        return " ".join(p for p in (self.given, self.family) if p)


@dataclass(frozen=True)
class Item:
    key: str
    item_type: str
    title: str
    authors: tuple[Creator, ...] = ()
    editors: tuple[Creator, ...] = ()
    container_title: str = ""  # journal, book (for a section) or web site
    journal_abbreviation: str = ""
    volume: str = ""
    issue: str = ""  # a report's number too
    pages: str = ""
    edition: str = ""
    series: str = ""
    publisher: str = ""
    place: str = ""
    date: str = ""  # as precise as known: YYYY, YYYY-MM or the `date` field
    genre: str = ""  # howpublished / type: "Slide presentation", "Evaluation form"
    isbn: str = ""
    issn: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    access_date: str = ""  # YYYY-MM-DD
    language: str = ""
    abstract: str = ""
    note: str = ""
    annotation: str = ""
    keywords: tuple[str, ...] = field(default=())

    @property
    def first_page(self) -> str:
        return self.pages.split("-")[0].strip() if self.pages else ""

    @property
    def last_page(self) -> str:
        parts = self.pages.split("-")
        return parts[-1].strip() if len(parts) > 1 else ""

    @property
    def extra_lines(self) -> tuple[str, ...]:
        """What Zotero keeps in Extra: identifiers the item type has no field for."""
        lines = []
        if self.pmid:
            lines.append(f"PMID: {self.pmid}")
        if self.doi and self.item_type not in TYPES_WITH_DOI:
            lines.append(f"DOI: {self.doi}")
        return tuple(lines)


def item_type(record: Record) -> str:
    """The Zotero item type of an entry."""
    genre = " ".join(clean(record.text(name)) for name in ("howpublished", "type", "entrysubtype"))
    for pattern, hinted in _GENRE_HINTS:
        if pattern.search(genre) and record.entry_type in ("misc", "online", "electronic", "www",
                                                           "unpublished", "report", "techreport"):
            return hinted
    if record.entry_type in _ENTRY_TYPES:
        return _ENTRY_TYPES[record.entry_type]
    if record.entry_type in ("online", "electronic", "www"):
        # A text that a body published on its site is a document; the site itself a web page.
        has_issuer = any(record.get(name) for name in ("organization", "publisher", "institution"))
        return DOCUMENT if has_issuer else WEBPAGE
    return DOCUMENT


def to_item(record: Record) -> Item:
    kind = item_type(record)
    text = _texts(record)
    container = {
        JOURNAL_ARTICLE: text("journal", "journaltitle"),
        BOOK_SECTION: text("booktitle"),
        WEBPAGE: text("organization", "publisher"),
    }.get(kind, "")
    issuer_fields = ("publisher", "organization", "institution", "school")
    if kind == REPORT:
        issuer_fields = ("institution", "publisher", "organization")
    return Item(
        key=record.key,
        item_type=kind,
        title=_title(record),
        authors=_creators(record, "author"),
        editors=_creators(record, "editor"),
        container_title=container,
        journal_abbreviation=text("shortjournal", "journalabbrev", "journal-abbrev"),
        volume=text("volume"),
        issue=text("number", "issue"),
        pages=_DASHES.sub("-", text("pages")),
        edition=text("edition"),
        series=text("series"),
        publisher="" if kind == WEBPAGE else text(*issuer_fields),
        place=text("address", "location"),
        date=_date(record),
        genre=text("howpublished", "type"),
        isbn=text("isbn"),
        issn=text("issn"),
        doi=find_doi(record.verbatim("doi")),
        pmid=text("pmid"),
        url=safe_url(record.verbatim("url")),
        access_date=_iso_day(text("urldate")),
        language=text("language", "langid"),
        abstract=text("abstract"),
        note=text("note"),
        annotation=text("annote", "annotation"),
        keywords=tuple(k for k in (clean(k) for k in record.keywords) if k),
    )


def _texts(record: Record):
    def text(*names: str) -> str:
        for name in names:
            value = record.text(name)
            if value:
                value = clean(value)
                if value:
                    return value
        return ""

    return text


def _title(record: Record) -> str:
    title = clean(record.text("title"))
    subtitle = clean(record.text("subtitle"))
    if subtitle:
        separator = " " if title.endswith(("?", "!", ":", ".")) else ": "
        title = f"{title}{separator}{subtitle}"
    return title


def _creators(record: Record, role: str) -> tuple[Creator, ...]:
    creators = (_creator(name) for name in record.names(role) if not name.is_others)
    return tuple(c for c in creators if c.family)


@lru_cache(maxsize=65536)  # the same people recur across a library
def _creator(name: Name) -> Creator:
    if name.is_corporate:
        return Creator(clean(name.literal), corporate=True)
    family = " ".join(p for p in (name.particle, name.family) if p)
    if name.suffix:
        family = f"{family}, {name.suffix}"
    return Creator(clean(family), clean(name.given))


def _date(record: Record) -> str:
    date = clean(record.text("date"))
    if date:
        return date
    year = clean(record.text("year"))
    month = month_number(record.get("month") or "")
    if year and month and year.isdigit():
        return f"{year}-{month:02d}"
    return year


def _iso_day(value: str) -> str:
    match = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return match.group() if match else ""
