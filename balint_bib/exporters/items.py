"""One entry → one neutral, display-ready item that the Zotero RDF and RIS exporters share.

A thin projection of the normalised item (`balint_bib.normal`): the item type is the
Zotero type of the entry's kind (`balint_bib.kinds`), RIS and the pages map from it; every
text value is Unicode, cleaned of characters no output format can carry; URLs are kept
only when they are http(s).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..bibtex.latex import to_unicode
from ..bibtex.model import Record
from ..bibtex.names import Name
from ..bibtex.values import month_number
from ..kinds import kind_of
from ..normal import NormalItem, normalise
from ..text import clean
from . import zotero_fields

JOURNAL_ARTICLE = "journalArticle"
BOOK = "book"
BOOK_SECTION = "bookSection"
DOCUMENT = "document"
WEBPAGE = "webpage"
PRESENTATION = "presentation"
REPORT = "report"
THESIS = "thesis"
MANUSCRIPT = "manuscript"

# Zotero types that have a DOI field in every Zotero schema still in use; for the
# others the DOI also goes into Extra ("DOI: …"), Zotero's own convention.
TYPES_WITH_DOI = frozenset({JOURNAL_ARTICLE})

_DASHES = re.compile("[\u2010-\u2015]+")  # en/em dashes of decoded `--` ranges


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
    item_type: str  # the Zotero type of the entry's kind
    ris_type: str  # its RIS TY
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
    publisher: str = ""  # a thesis's university, a report's institution
    place: str = ""
    date: str = ""  # as precise as known: YYYY, YYYY-MM or the `date` field
    genre: str = ""  # howpublished / type: "Slide presentation", "Evaluation form"
    isbn: str = ""
    issn: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    url: str = ""
    access_date: str = ""  # YYYY-MM-DD
    language: str = ""
    abstract: str = ""
    note: str = ""
    annotation: str = ""
    keywords: tuple[str, ...] = field(default=())
    genre_is_howpublished: bool = False
    leftovers: tuple[tuple[str, str], ...] = ()  # (label, value) of fields no output uses

    @property
    def first_page(self) -> str:
        return self.pages.split("-")[0].strip() if self.pages else ""

    @property
    def last_page(self) -> str:
        parts = self.pages.split("-")
        return parts[-1].strip() if len(parts) > 1 else ""

    @property
    def extra_lines(self) -> tuple[str, ...]:
        """What Zotero keeps in Extra: the citation key, and the identifiers and values the
        item type has no field for (`balint_bib.exporters.zotero_fields`)."""
        return tuple(zotero_fields.extra_lines(self))


def item_type(record: Record) -> str:
    """The Zotero item type of an entry (its kind's)."""
    return kind_of(record).zotero


def to_item(record: Record) -> Item:
    item = from_normal(normalise(record))
    leftovers = tuple(_leftovers(record, item))
    return replace(item, leftovers=leftovers) if leftovers else item


# Fields the item reads whole (people, dates, identifiers, text) or that say nothing to a
# reader (cross-references, sort keys).
_READ = frozenset({
    "author", "editor", "title", "subtitle", "year", "month", "day", "date", "urldate",
    "keywords", "annote", "annotation", "note", "pmid", "pmcid", "doi", "isbn", "issn", "url",
    "abstract", "language", "langid", "shortjournal", "journalabbrev", "journal-abbrev",
    "pages", "crossref", "xref", "sortkey", "sortname", "presort", "file",
})  # fmt: skip
# Extra's names for them (CSL variable names where there is one).
_LEFTOVER_LABELS = {"chapter": "Chapter Number", "eventtitle": "Event Title",
                    "pagetotal": "Number of Pages", "translator": "Translator"}


def _leftovers(record: Record, item: Item) -> Iterator[tuple[str, str]]:
    """The entry's values that no field of the item holds (an organisation besides an
    institution, a chapter number, translators): Extra keeps them as `Label: value`."""
    held: set[str] | None = None
    for field_ in record.fields:
        name = field_.name
        if name in _READ or name.startswith("_"):
            continue
        label = _LEFTOVER_LABELS.get(name, name.replace("-", " ").title())
        if name == "translator":
            for person in record.names(name):  # Zotero's Extra syntax for a creator
                creator = _creator(person)
                yield label, " || ".join(p for p in (creator.family, creator.given) if p)
            continue
        value = clean(to_unicode(field_.value))
        if held is None:
            held = _held(item)
        if value and value not in held:
            yield label, value


def _held(item: Item) -> set[str]:
    values = {v for v in vars(item).values() if isinstance(v, str)}
    values.update(c.family for c in (*item.authors, *item.editors))
    return values


def from_normal(normal: NormalItem) -> Item:
    kind = normal.kind.zotero
    return Item(
        key=normal.key,
        item_type=kind,
        ris_type=normal.kind.ris,
        title=normal.title.plain,
        authors=_creators(normal.authors, "author" in normal.truncated),
        editors=_creators(normal.editors, "editor" in normal.truncated),
        container_title=normal.container.plain,
        journal_abbreviation=normal.container_short.plain,
        volume=normal.volume,
        issue=normal.number or normal.issue,
        pages=_DASHES.sub("-", normal.pages),
        edition=normal.edition,
        series=normal.series.plain,
        publisher=normal.publisher,
        place=normal.place,
        date=_date(normal),
        genre=normal.genre,
        isbn=normal.isbn,
        issn=normal.issn,
        doi=normal.doi,
        pmid=normal.pmid,
        pmcid=normal.pmcid,
        url=normal.url,
        access_date=_iso_day(normal.accessed),
        language=normal.language,
        abstract=normal.abstract,
        note=normal.note,
        annotation=normal.annotation,
        keywords=normal.keywords,
        genre_is_howpublished=bool(normal.genre) and normal.genre == normal.howpublished,
    )


# "and others": Zotero has no such creator; its own BibTeX import makes one single-field
# creator "others", which its BibTeX export writes back as "and others".
OTHERS = Creator("others", corporate=True)


def _creators(names: tuple[Name, ...], more: bool = False) -> tuple[Creator, ...]:
    creators = (_creator(name) for name in names)
    kept = tuple(c for c in creators if c.family)
    return (*kept, OTHERS) if more else kept


@lru_cache(maxsize=65536)  # the same people recur across a library
def _creator(name: Name) -> Creator:
    if name.is_corporate:
        return Creator(clean(name.literal), corporate=True)
    family = " ".join(p for p in (name.particle, name.family) if p)
    if name.suffix:
        family = f"{family}, {name.suffix}"
    return Creator(clean(family), clean(name.given))


def _date(normal: NormalItem) -> str:
    if normal.date:
        return normal.date
    month = month_number(normal.month)
    if normal.year and month and normal.year.isdigit():
        return f"{normal.year}-{month:02d}"
    return normal.year


def _iso_day(value: str) -> str:
    match = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return match.group() if match else ""
