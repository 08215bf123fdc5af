"""One Record → one normalised item: the content every output shows, decided once.

The CSL mapping (CSL-JSON, formatted text, the pages) and the Zotero/RIS item are thin
projections of `NormalItem`: the same kind, the same title join, the same publisher,
the same cleaned text and the same safe URL. Titles keep their case-protected runs
(`{AIDS}`), which CSL marks as nocase and plain outputs simply join.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .bibtex.latex import split_case_protected, to_unicode, verbatim
from .bibtex.model import Record
from .bibtex.names import Name
from .doi import bare_doi, find_doi
from .journals import abbreviation
from .kinds import KINDS, Kind, kind_of, names_a_body, thesis_genre
from .text import clean, safe_url, strip_unsafe

Runs = tuple[tuple[str, bool], ...]  # (text, case-protected)

# Kinds whose issuing body comes before a commercial publisher.
_ISSUED_BY_INSTITUTION = frozenset({"thesis", "report", "manual"})
# Kinds whose `howpublished` says what the work is ("Slide presentation", "Handout").
_HOWPUBLISHED_IS_GENRE = frozenset({"presentation", "slides", "handout", "document", "report",
                                    "webpage"})
# Entry types whose `organization`, when nobody else is named, is the author.
_ORGANISATION_AUTHORS = frozenset({"online", "misc", "manual"})
_HTTP = ("http://", "https://")


@dataclass(frozen=True)
class RichText:
    """Text with BibTeX's case-protected runs marked."""

    runs: Runs = ()

    @cached_property
    def plain(self) -> str:
        return clean("".join(text for text, _ in self.runs))

    def __bool__(self) -> bool:
        return bool(self.runs)  # never only spaces: see `_rich`


def rich(value: str | None) -> RichText:
    """A LaTeX value as rich text, cleaned of characters no output may carry."""
    return _rich(value) if value else _NO_TEXT


@lru_cache(maxsize=65536)  # journal and book titles recur across a library
def _rich(value: str) -> RichText:
    if "{" not in value:  # nothing protected: one run
        text = strip_unsafe(to_unicode(value))
        return RichText(((text, False),)) if text and not text.isspace() else _NO_TEXT
    runs = ((strip_unsafe(text), protected) for text, protected in split_case_protected(value))
    kept = tuple((text, protected) for text, protected in runs if text)
    return RichText(kept) if any(not text.isspace() for text, _ in kept) else _NO_TEXT


_NO_TEXT = RichText()


def joined_title(title: RichText, subtitle: RichText) -> RichText:
    """Title and subtitle as one: "What is a group? A guide", "Balint groups: A history"."""
    if not subtitle:
        return title
    separator = " " if title.plain.endswith(("?", "!", ":", ".")) else ": "
    return RichText((*title.runs, (separator, False), *subtitle.runs))


@dataclass(frozen=True)
class NormalItem:
    key: str
    entry_type: str
    kind: Kind
    title: RichText
    short_title: RichText
    container: RichText  # journal, book (for a part) or web site
    container_short: RichText
    series: RichText
    event_title: RichText
    authors: tuple[Name, ...]
    editors: tuple[Name, ...]
    translators: tuple[Name, ...]
    organisation_is_author: bool
    publisher: str
    place: str
    edition: str
    volume: str
    chapter: str
    number: str
    issue: str
    pages: str
    page_total: str
    year: str
    month: str
    day: str
    date: str
    accessed: str
    genre: str
    url: str
    doi: str
    isbn: str
    issn: str
    pmid: str
    pmcid: str
    language: str
    abstract: str
    keywords_text: str
    keywords: tuple[str, ...] = field(default=())
    # Roles whose list ends in "and others": the work has more authors than listed.
    truncated: frozenset[str] = frozenset()
    note: str = ""
    annotation: str = ""
    # The `booktitle` of an entry whose container is its journal (a special issue's title).
    volume_title: RichText = _NO_TEXT
    howpublished: str = ""  # as written, when it is not a URL


def normalise(record: Record) -> NormalItem:
    """The one normalised item of an entry."""
    kind = kind_of(record)
    fields = _Fields(record)
    text, first = fields.text, fields.rich
    authors = _persons(record, "author")
    organisation = text("organization")
    by_organisation = (not authors and bool(organisation) and kind.name != "webpage"
                       and record.entry_type in _ORGANISATION_AUTHORS)
    if by_organisation:
        authors = (Name(literal=organisation),)
    return NormalItem(
        key=record.key, entry_type=record.entry_type, kind=kind,
        title=joined_title(first("title"), first("subtitle")), short_title=first("shorttitle"),
        container=_container(fields, kind),
        container_short=_container_short(fields),
        series=first("series"), event_title=first("eventtitle"),
        volume_title=first("booktitle") if first("journal", "journaltitle") else _NO_TEXT,
        authors=authors, editors=_persons(record, "editor"),
        translators=_persons(record, "translator"), organisation_is_author=by_organisation,
        publisher=_publisher(fields, kind, by_organisation), place=text("address", "location"),
        edition=text("edition"), volume=text("volume"), chapter=text("chapter"),
        number=text("number"), issue=text("issue"), pages=text("pages"),
        page_total=text("pagetotal"), year=text("year"), month=text("month"), day=text("day"),
        date=text("date"), accessed=text("urldate"), genre=_genre(fields, record, kind),
        url=_url(fields), doi=_doi(fields), isbn=fields.verbatim("isbn"),
        issn=fields.verbatim("issn"), pmid=fields.verbatim("pmid"),
        pmcid=fields.verbatim("pmcid"), language=text("language", "langid"),
        abstract=text("abstract"), keywords_text=text("keywords"),
        keywords=tuple(k for k in (clean(k) for k in record.keywords) if k),
        note=text("note"), annotation=text("annote", "annotation"),
        truncated=frozenset(role for role in ("author", "editor", "translator")
                            if _ends_in_others(record, role)),
        howpublished=_howpublished(fields),
    )


class _Fields:
    """An entry's values (the first of repeated fields, as BibTeX keeps), read as text."""

    __slots__ = ("values",)

    def __init__(self, record: Record) -> None:
        self.values: dict[str, str] = {}
        for item in record.fields:
            self.values.setdefault(item.name, item.value)

    def text(self, *names: str) -> str:
        """The first of `names` with a value, decoded and cleaned; '' if none."""
        for name in names:
            value = self.values.get(name)
            if value:
                cleaned = clean(to_unicode(value))
                if cleaned:
                    return cleaned
        return ""

    def rich(self, *names: str) -> RichText:
        """The first of `names` with a value, as rich text."""
        for name in names:
            value = rich(self.values.get(name))
            if value:
                return value
        return _NO_TEXT

    def verbatim(self, name: str) -> str:
        """A URL or identifier as written, cleaned."""
        return clean(verbatim(self.values.get(name)))


def _persons(record: Record, role: str) -> tuple[Name, ...]:
    return tuple(name for name in record.names(role) if not name.is_others)


def _ends_in_others(record: Record, role: str) -> bool:
    """`Sternlieb, J. and others`: names listed, and more not listed."""
    names = record.names(role)
    return len(names) > 1 and names[-1].is_others and not names[0].is_others


def _howpublished(fields: _Fields) -> str:
    how = fields.text("howpublished")
    return "" if "://" in how else how


def _container(fields: _Fields, kind: Kind) -> RichText:
    container = fields.rich("journal", "journaltitle", "booktitle")
    if not container and kind is KINDS["webpage"]:
        return fields.rich("organization", "publisher")  # the body that runs the site
    return container


def _container_short(fields: _Fields) -> RichText:
    """The entry's own short journal title, else the journal's NLM abbreviation."""
    own = fields.rich("shortjournal", "journalabbrev", "journal-abbrev")
    if own:
        return own
    journal = fields.rich("journal", "journaltitle")
    found = abbreviation(journal.plain) if journal else ""
    return RichText(((found, False),)) if found else _NO_TEXT


def _publisher(fields: _Fields, kind: Kind, organisation_is_author: bool) -> str:
    if kind is KINDS["webpage"]:
        return ""  # its body is the site (the container), not a publisher
    issuers = ["publisher", "school", "institution"]
    if kind.name in _ISSUED_BY_INSTITUTION:
        issuers = ["school", "institution", "publisher"]
    if not organisation_is_author:
        issuers.append("organization")
    issuer = fields.text(*issuers)
    how = fields.text("howpublished")
    if not issuer and names_a_body(how):
        return how  # `howpublished = {The Balint Society}`: who issued it
    return issuer


def _genre(fields: _Fields, record: Record, kind: Kind) -> str:
    genre = fields.text("type") or thesis_genre(record)
    how = fields.text("howpublished")
    if not genre and how and kind.name in _HOWPUBLISHED_IS_GENRE and "://" not in how \
            and not names_a_body(how):
        genre = how
    return genre


def _url(fields: _Fields) -> str:
    url = verbatim(fields.values.get("url"))
    if url is None:
        url = verbatim(fields.values.get("howpublished")) or ""  # `\url{…}` unwrapped
        if not url.startswith(_HTTP):
            return ""
    return safe_url(url)


def _doi(fields: _Fields) -> str:
    """The DOI found in the field (which may hold a resolver URL), else the field as written."""
    value = fields.verbatim("doi")
    return bare_doi(find_doi(value) or value)

