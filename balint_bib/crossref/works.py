"""The two sides of a match: what an entry says about its work (`Citation`), and a
Crossref work as far as matching needs it (`Candidate`), both folded for comparison.
Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..bibtex.model import Record
from ..doi import doi_key
from ..kinds import kind_of
from .normalize import first_page, fold, from_crossref, from_latex

_YEAR_FIELDS = ("issued", "published-print", "published-online", "published", "created")


@dataclass(frozen=True, slots=True)
class Person:
    family: str  # folded
    initial: str  # folded first letter of the given name, or ""
    corporate: bool = False


@dataclass(frozen=True)
class Citation:
    """What an entry says about its work, folded for comparison."""

    key: str
    entry_type: str
    title: str  # Unicode, not folded
    authors: tuple[Person, ...]
    has_others: bool
    year: int | None
    container: str
    volume: str
    issue: str
    page: str
    isbn: str
    doi: str
    # The Crossref work types the entry's kind may be (`kinds`); none: Crossref has no such
    # works (web pages, slides, forms), so the entry is not looked up at all.
    crossref_types: frozenset[str] = frozenset()

    def query(self) -> str:
        """The `query.bibliographic` text: the reference as a person would write it."""
        parts = [p.family for p in self.authors[:3] if not p.corporate]
        parts += [self.title, self.container, str(self.year or ""), self.volume, self.page]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Candidate:
    """A Crossref work, as far as matching needs it."""

    doi: str
    type: str
    titles: tuple[str, ...]  # full titles: "title: subtitle"
    authors: tuple[Person, ...]
    years: tuple[int, ...]
    containers: tuple[str, ...]
    volume: str
    issue: str
    page: str
    isbns: tuple[str, ...]
    message: Mapping[str, Any] = field(repr=False, compare=False)

    def summary(self) -> dict[str, Any]:
        return {"doi": self.doi, "type": self.type, "title": self.titles[0] if self.titles
                else "", "year": min(self.years) if self.years else None,
                "container": self.containers[0] if self.containers else ""}


# --- building them ----------------------------------------------------------------


def citation_from_record(record: Record) -> Citation:
    persons = record.names("author") or (record.names("editor")
                                         if record.entry_type in ("book", "proceedings") else ())
    authors = tuple(
        Person(fold(n.literal), "", corporate=True) if n.is_corporate
        else Person(fold(" ".join(p for p in (n.particle, n.family) if p)), fold(n.given)[:1])
        for n in persons if not n.is_others
    )
    container = record.get("journal") or record.get("journaltitle") or record.get("booktitle")
    doi = doi_key(from_latex(record.get("doi")))
    return Citation(
        key=record.key, entry_type=record.entry_type, title=from_latex(record.get("title")),
        authors=authors, has_others=any(n.is_others for n in persons), year=record.year,
        container=from_latex(container), volume=fold(from_latex(record.get("volume"))),
        issue=fold(from_latex(record.get("number") or record.get("issue"))),
        page=first_page(from_latex(record.get("pages"))),
        isbn=_isbn_digits(from_latex(record.get("isbn"))), doi=doi,
        crossref_types=kind_of(record).crossref,
    )


class WrongShape(ValueError):
    """A Crossref answer that is JSON but not the JSON Crossref sends."""


def candidate_from_message(message: Any) -> Candidate:
    """A Crossref work `message`; raises `WrongShape` when it is not one."""
    if not isinstance(message, Mapping):
        raise WrongShape("a work is not a JSON object")
    doi = message.get("DOI")
    if not isinstance(doi, str) or not doi.strip():
        raise WrongShape("a work without a DOI")
    main_titles = [from_crossref(t) for t in _strings(message.get("title"))]
    subtitles = [from_crossref(t) for t in _strings(message.get("subtitle"))]
    titles = [f"{t}: {s}" for t in main_titles for s in subtitles] or main_titles
    persons = message.get("author") or message.get("editor") or []
    if not isinstance(persons, list):
        raise WrongShape("'author' is not a list")
    authors = []
    for person in persons:
        if not isinstance(person, Mapping):
            raise WrongShape("an author is not a JSON object")
        if person.get("family"):
            authors.append(Person(fold(str(person["family"])), fold(str(person.get("given")
                                                                       or ""))[:1]))
        elif person.get("name"):
            authors.append(Person(fold(str(person["name"])), "", corporate=True))
    return Candidate(
        doi=doi_key(doi), type=str(message.get("type") or ""), titles=tuple(titles),
        authors=tuple(authors), years=tuple(sorted(set(_years(message)))),
        containers=tuple(from_crossref(c) for c in _strings(message.get("container-title"))
                         + _strings(message.get("short-container-title"))),
        volume=fold(str(message.get("volume") or "")),
        issue=fold(str(message.get("issue") or "")),
        page=first_page(str(message.get("page") or "")),
        isbns=tuple(_isbn_digits(i) for i in _strings(message.get("ISBN"))),
        message=message,
    )


def candidates_from_items(items: Iterable[Any]) -> list[Candidate]:
    """The works of a search answer, each DOI once."""
    seen: set[str] = set()
    candidates = []
    for item in items:
        candidate = candidate_from_message(item)
        if candidate.doi not in seen:
            seen.add(candidate.doi)
            candidates.append(candidate)
    return candidates


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise WrongShape(f"expected a list of strings, got {type(value).__name__}")


def _years(message: Mapping[str, Any]) -> Iterable[int]:
    for name in _YEAR_FIELDS[:4]:  # "created" is the deposit date, not publication
        date = message.get(name)
        if not isinstance(date, Mapping):
            continue
        parts = date.get("date-parts")
        if (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]
                and isinstance(parts[0][0], int)):
            yield parts[0][0]


def _isbn_digits(value: str) -> str:
    return "".join(c for c in value.upper() if c.isdigit() or c == "X")
