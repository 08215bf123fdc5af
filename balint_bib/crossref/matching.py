"""Deciding whether a Crossref record is the work a BibTeX entry cites. Pure: no I/O.

Crossref's search always answers and its score grows with the query's length, so
neither the top hit nor a score threshold says anything. Each candidate is checked
field by field against the entry instead; a DOI is accepted only when the evidence
agrees strongly and no other candidate could equally be the work.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..doi import doi_key
from ..kinds import kind_of
from ..model import Record
from .normalize import (
    edit_similarity,
    first_page,
    fold,
    from_crossref,
    from_latex,
    numbers_in,
    same_journal,
    title_prefixes,
)

ADDED = "added"
ALREADY_HAD = "already-had"
AMBIGUOUS = "ambiguous"
NOT_FOUND = "not-found"
FAILED = "failed"
MISMATCH = "mismatch"
DECISIONS = (ADDED, ALREADY_HAD, AMBIGUOUS, NOT_FOUND, FAILED, MISMATCH)

_YEAR_FIELDS = ("issued", "published-print", "published-online", "published", "created")
_FUZZY_TITLE = 0.9  # edit similarity of whole folded titles that still counts as a typo
_FUZZY_NAME = 0.8
# Evidence weights: what the score in the report is made of.
_WEIGHTS = {"title": 4.0, "title-main": 3.0, "title-fuzzy": 2.5, "authors": 3.0,
            "first-author": 2.0, "year": 2.0, "year±1": 1.0, "container": 2.0, "volume": 1.0,
            "issue": 0.5, "page": 1.5, "isbn": 3.0, "type": 1.0}


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

    @property
    def searchable(self) -> bool:
        return bool(self.crossref_types) and bool(fold(self.title))

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


@dataclass(frozen=True)
class Assessment:
    """One candidate checked against a citation."""

    candidate: Candidate
    evidence: dict[str, str]  # field → "agree", "abbreviated", "±1", "absent", "conflict: …"
    score: float
    conflicts: tuple[str, ...]
    plausible: bool  # nothing contradicts: it could be the work
    accepted: bool  # plausible, and enough agrees to say it is

    def to_json(self) -> dict[str, Any]:
        return {**self.candidate.summary(), "score": round(self.score, 2),
                "plausible": self.plausible, "accepted": self.accepted,
                "evidence": self.evidence}


@dataclass(frozen=True)
class Match:
    """The decision for one entry."""

    decision: str
    doi: str | None
    chosen: Assessment | None
    assessments: tuple[Assessment, ...]
    reason: str

    def to_json(self, top: int = 3) -> dict[str, Any]:
        return {"decision": self.decision, "doi": self.doi, "reason": self.reason,
                "evidence": self.chosen.evidence if self.chosen else {},
                "score": round(self.chosen.score, 2) if self.chosen else None,
                "candidates": [a.to_json() for a in self.assessments[:top]]}


# --- building the two sides -------------------------------------------------------------


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


# --- comparing ---------------------------------------------------------------------------


def _title_evidence(citation: Citation, candidate: Candidate) -> str:
    """"agree", "main-title" (one side leaves a subtitle out), "fuzzy" (a typo),
    "partial" (a shared main title too short to tell) or "conflict"."""
    if not candidate.titles:
        return "absent"
    cited = fold(citation.title)
    cited_prefixes = title_prefixes(citation.title)
    best = "conflict"
    for title in candidate.titles:
        recorded = fold(title)
        if recorded == cited:
            return "agree"
        prefixes = title_prefixes(title)
        if cited in prefixes or recorded in cited_prefixes:
            # The shorter side must still say enough to identify the work.
            if len(min(cited, recorded, key=len).split()) >= 3:
                best = "main-title"
            elif best == "conflict":
                best = "partial"
            continue
        if best != "conflict":
            continue
        pairs = [(cited, recorded)] + [(cited, p) for p in prefixes] + [
            (p, recorded) for p in cited_prefixes]
        if any(len(a.split()) >= 3 and numbers_in(a) == numbers_in(b)
               and edit_similarity(a, b, _FUZZY_TITLE) >= _FUZZY_TITLE for a, b in pairs):
            best = "fuzzy"
    return best


def _same_person(a: Person, b: Person) -> str:
    """"exact", "approx" (a typo) or "" (different people)."""
    if a.corporate or b.corporate:
        return "exact" if a.family == b.family else ""
    if a.initial and b.initial and a.initial != b.initial:
        return ""
    if a.family == b.family:
        return "exact"
    # Compound and particle names: "van der berg" ~ "berg", "garcia marquez" ~ "garcia".
    a_words, b_words = a.family.split(), b.family.split()
    if a_words and b_words and (a_words[-1] == b_words[-1] or a_words[0] == b_words[0]) and (
            len(a_words) > 1 or len(b_words) > 1):
        return "exact"
    if min(len(a.family), len(b.family)) >= 5 and edit_similarity(a.family, b.family) >= \
            _FUZZY_NAME:
        return "approx"
    return ""


def _author_evidence(citation: Citation, candidate: Candidate) -> str:
    cited = citation.authors
    if not cited:
        return "absent"
    if not candidate.authors:
        return "absent"
    found = [next((_same_person(person, other) for other in candidate.authors
                   if _same_person(person, other)), "") for person in cited]
    first = next((_same_person(cited[0], other) for other in candidate.authors[:2]
                  if _same_person(cited[0], other)), "")
    if not first:
        return "conflict: first author not among the record's first authors"
    matched = sum(1 for f in found if f)
    if matched < math.ceil(0.6 * len(cited)):
        return f"conflict: {matched} of {len(cited)} authors in the record"
    if len(candidate.authors) < len(cited) - 1:
        return f"conflict: the record has {len(candidate.authors)} authors, the entry {len(cited)}"
    return "agree" if len(cited) > 1 and matched >= 2 else "first-author"


def _year_evidence(citation: Citation, candidate: Candidate) -> str:
    if citation.year is None or not candidate.years:
        return "absent"
    if citation.year in candidate.years:
        return "agree"
    if min(abs(citation.year - y) for y in candidate.years) == 1:
        return "±1"
    return f"conflict: {citation.year} vs {'/'.join(map(str, candidate.years))}"


def _container_evidence(citation: Citation, candidate: Candidate) -> str:
    if not citation.container or not candidate.containers:
        return "absent"
    cited = fold(citation.container)
    if any(fold(c) == cited for c in candidate.containers):
        return "agree"
    if any(same_journal(citation.container, c) for c in candidate.containers):
        return "abbreviated"
    return "conflict: " + candidate.containers[0]


def _equal_evidence(cited: str, recorded: str) -> str:
    if not cited or not recorded:
        return "absent"
    return "agree" if cited == recorded else f"conflict: {cited} vs {recorded}"


def assess(citation: Citation, candidate: Candidate) -> Assessment:
    evidence: dict[str, str] = {}
    evidence["type"] = ("agree" if candidate.type in citation.crossref_types
                        else f"conflict: @{citation.entry_type} vs {candidate.type or '?'}")
    evidence["title"] = _title_evidence(citation, candidate)
    evidence["authors"] = _author_evidence(citation, candidate)
    evidence["year"] = _year_evidence(citation, candidate)
    evidence["container"] = _container_evidence(citation, candidate)
    evidence["volume"] = _equal_evidence(citation.volume, candidate.volume)
    evidence["issue"] = _equal_evidence(citation.issue, candidate.issue)
    evidence["page"] = _equal_evidence(citation.page, candidate.page)
    evidence["isbn"] = ("absent" if not citation.isbn or not candidate.isbns
                        else "agree" if citation.isbn in candidate.isbns
                        else "conflict: " + "/".join(candidate.isbns))
    conflicts = tuple(name for name, value in evidence.items()
                      if value.startswith("conflict"))
    score = _score(evidence)
    plausible = not conflicts and evidence["title"] in ("agree", "main-title", "fuzzy")
    return Assessment(candidate, evidence, score, conflicts, plausible,
                      plausible and _corroborated(citation, evidence))


def _score(evidence: Mapping[str, str]) -> float:
    keys = {"title": {"agree": "title", "main-title": "title-main", "fuzzy": "title-fuzzy"},
            "authors": {"agree": "authors", "first-author": "first-author"},
            "year": {"agree": "year", "±1": "year±1"},
            "container": {"agree": "container", "abbreviated": "container"}}
    total = 0.0
    for name, value in evidence.items():
        weight_key = keys.get(name, {"agree": name}).get(value)
        if weight_key:
            total += _WEIGHTS[weight_key]
        elif value.startswith("conflict"):
            total -= 3.0
    return total


def _corroborated(citation: Citation, evidence: Mapping[str, str]) -> bool:
    """Enough independent agreement, beyond a title, to put a DOI on the entry."""
    agrees = {name for name, value in evidence.items()
              if value in ("agree", "abbreviated", "first-author", "main-title", "fuzzy")}
    if "title" not in agrees:
        return False
    if citation.authors and "authors" not in agrees:
        return False  # the entry names authors and the record cannot confirm them
    locators = agrees & {"volume", "page", "isbn"}
    if evidence["year"] == "±1":
        # Online-first and print years differ by one; only a locator tells it from a
        # same-titled work of the next year.
        return bool(locators)
    if evidence["year"] != "agree":
        return False
    if citation.entry_type == "article":
        return "container" in agrees or bool(locators)
    if citation.entry_type == "incollection" or citation.entry_type == "inbook":
        return "container" in agrees or "page" in agrees
    # Books, theses, reports: title, authors and exact year together, or an ISBN.
    return bool(citation.authors) or "isbn" in agrees


def decide(citation: Citation, candidates: Sequence[Candidate]) -> Match:
    """Pick the one candidate that is the work, or none. `candidates` come from a search."""
    assessments = sorted((assess(citation, c) for c in candidates),
                         key=lambda a: a.score, reverse=True)
    plausible = [a for a in assessments if a.plausible]
    accepted = [a for a in plausible if a.accepted]
    if not plausible:
        reason = "no candidate agrees" if assessments else "Crossref returned no works"
        return Match(NOT_FOUND, None, None, tuple(assessments), reason)
    if len(plausible) > 1:
        names = ", ".join(a.candidate.doi for a in plausible[:3])
        return Match(AMBIGUOUS, None, None, tuple(assessments),
                     f"{len(plausible)} candidates could be the work: {names}")
    if not accepted:
        return Match(AMBIGUOUS, None, None, tuple(assessments),
                     f"{plausible[0].candidate.doi} does not contradict the entry, "
                     "but too little agrees to be sure")
    chosen = accepted[0]
    decision = ALREADY_HAD if citation.doi and citation.doi == chosen.candidate.doi else ADDED
    return Match(decision, chosen.candidate.doi, chosen, tuple(assessments),
                 "every field present agrees and no other candidate could be the work")


def check_doi(citation: Citation, candidate: Candidate | None) -> Match:
    """`--recheck`: does the record of the entry's own DOI describe the entry?"""
    if candidate is None:
        return Match(NOT_FOUND, citation.doi, None, (),
                     f"Crossref has no record of the DOI {citation.doi}")
    assessment = assess(citation, candidate)
    if assessment.conflicts:
        return Match(MISMATCH, citation.doi, None, (assessment,),
                     "the DOI's record disagrees on " + ", ".join(assessment.conflicts))
    return Match(ALREADY_HAD, citation.doi, assessment, (assessment,),
                 "the DOI's record agrees with the entry")
