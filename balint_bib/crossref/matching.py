"""Deciding whether a Crossref record is the work a BibTeX entry cites. Pure: no I/O.

Crossref's search always answers and its score grows with the query's length, so
neither the top hit nor a score threshold says anything. Each candidate is checked
field by field against the entry instead; a DOI is accepted only when the evidence
agrees strongly and no other candidate could equally be the work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .evidence import (
    author_evidence,
    container_evidence,
    equal_evidence,
    title_evidence,
    year_evidence,
)
from .normalize import fold
from .titles import foreign
from .works import (
    Candidate,
    Citation,
    Person,
    WrongShape,
    candidate_from_message,
    candidates_from_items,
    citation_from_record,
)

__all__ = ["ADDED", "ALREADY_HAD", "AMBIGUOUS", "DECISIONS", "FAILED",
           "MISMATCH", "NOT_FOUND", "Assessment", "Candidate", "Citation", "Match", "Person",
           "WrongShape", "assess", "candidate_from_message", "candidates_from_items",
           "check_doi", "citation_from_record", "decide", "doi_conflicts", "searchable"]

ADDED = "added"
ALREADY_HAD = "already-had"
AMBIGUOUS = "ambiguous"
NOT_FOUND = "not-found"
FAILED = "failed"
MISMATCH = "mismatch"
DECISIONS = (ADDED, ALREADY_HAD, AMBIGUOUS, NOT_FOUND, FAILED, MISMATCH)

# Evidence weights: what the score in the report is made of.
_WEIGHTS = {"title": 4.0, "title-main": 3.0, "title-fuzzy": 2.5, "title-reworded": 2.0,
            "title-translated": 1.0, "authors": 3.0,
            "first-author": 2.0, "year": 2.0, "year±1": 1.0, "container": 2.0, "volume": 1.0,
            "issue": 0.5, "page": 1.5, "isbn": 3.0, "type": 1.0}


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
    conflicts: tuple[str, ...] = ()  # check_doi: the fields the record contradicts

    def to_json(self, top: int = 3) -> dict[str, Any]:
        return {"decision": self.decision, "doi": self.doi, "reason": self.reason,
                "evidence": self.chosen.evidence if self.chosen else {},
                "score": round(self.chosen.score, 2) if self.chosen else None,
                "candidates": [a.to_json() for a in self.assessments[:top]]}


# --- comparing ---------------------------------------------------------------------------


def searchable(citation: Citation) -> bool:
    """Worth a search: Crossref has works of the entry's type, and it has a title."""
    return bool(citation.crossref_types) and bool(fold(citation.title))


def _type_evidence(citation: Citation, candidate: Candidate) -> str:
    if not candidate.type:
        return "absent"  # a record that does not say is no evidence either way
    compatible = citation.crossref_types
    return ("agree" if candidate.type in compatible
            else f"conflict: @{citation.entry_type} vs {candidate.type}")


def assess(citation: Citation, candidate: Candidate) -> Assessment:
    evidence: dict[str, str] = {}
    evidence["type"] = _type_evidence(citation, candidate)
    evidence["title"] = title_evidence(citation, candidate)
    evidence["authors"] = author_evidence(citation, candidate)
    evidence["year"] = year_evidence(citation, candidate)
    evidence["container"] = container_evidence(citation, candidate)
    evidence["volume"] = equal_evidence(citation.volume, candidate.volume)
    evidence["issue"] = equal_evidence(citation.issue, candidate.issue)
    evidence["page"] = equal_evidence(citation.page, candidate.page)
    evidence["isbn"] = ("absent" if not citation.isbn or not candidate.isbns
                        else "agree" if citation.isbn in candidate.isbns
                        else "conflict: " + "/".join(candidate.isbns))
    _grade_weak_title(citation, candidate, evidence)
    conflicts = tuple(name for name, value in evidence.items()
                      if value.startswith("conflict"))
    score = _score(evidence)
    plausible = not conflicts and evidence["title"] in _TITLE_AGREES
    return Assessment(candidate, evidence, score, conflicts, plausible,
                      plausible and _corroborated(citation, evidence))


_TITLE_AGREES = ("agree", "main-title", "fuzzy", "reworded", "translated")


def _grade_weak_title(citation: Citation, candidate: Candidate,
                      evidence: dict[str, str]) -> None:
    """A reworded title counts only with authors, year, container and a locator agreeing;
    a title that shares at most half its words (translated, transliterated) only when all
    of those agree exactly and nothing else conflicts. Never on title and year alone."""
    title = evidence["title"]
    if title == "reworded" and not _strongly_corroborated(citation, evidence, exact=False):
        evidence["title"] = ("conflict: the titles differ by a word or its spelling, and "
                             "authors, year, journal and volume or page do not all agree")
    elif title == "conflict" and _strongly_corroborated(citation, evidence, exact=True) \
            and foreign(citation.title, candidate.titles) \
            and not any(value.startswith("conflict") for name, value in evidence.items()
                        if name != "title"):
        evidence["title"] = "translated"


def _strongly_corroborated(citation: Citation, evidence: Mapping[str, str], *,
                           exact: bool) -> bool:
    """Authors, exact year and container agree, and the work is placed in its container:
    its first page, or volume and issue (`exact`: volume and first page)."""
    if not citation.authors or citation.entry_type not in ("article", "incollection",
                                                           "inbook"):
        return False
    authors = evidence["authors"]
    if not (authors == "agree" or (authors == "first-author"
                                   and (not exact or len(citation.authors) == 1))):
        return False
    if evidence["year"] != "agree" or evidence["container"] not in ("agree", "abbreviated"):
        return False
    page, volume = evidence["page"] == "agree", evidence["volume"] == "agree"
    if exact:
        return page and volume
    return page or (volume and evidence["issue"] == "agree")


def _score(evidence: Mapping[str, str]) -> float:
    keys = {"title": {"agree": "title", "main-title": "title-main", "fuzzy": "title-fuzzy",
                      "reworded": "title-reworded", "translated": "title-translated"},
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


def _locators(evidence: Mapping[str, str]) -> set[str]:
    """The fields that place the work in its container or edition, where they agree."""
    return {name for name in ("volume", "page", "isbn") if evidence.get(name) == "agree"}


def _corroborated(citation: Citation, evidence: Mapping[str, str]) -> bool:
    """Enough independent agreement, beyond a title, to put a DOI on the entry."""
    agrees = {name for name, value in evidence.items()
              if value in ("abbreviated", "first-author", *_TITLE_AGREES)}
    if "title" not in agrees:
        return False
    if citation.authors and "authors" not in agrees:
        return False  # the entry names authors and the record cannot confirm them
    locators = _locators(evidence)
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
    """Does the record of the entry's own DOI describe the entry? The one answer for
    `enrich --recheck` and `validate --online`.

    The evidence is the matcher's, field by field; a field one side lacks says nothing,
    a conflict says no. A year one off is common in Crossref (the online-first date of a
    work printed the next year, with no print date deposited), but it is also how a
    same-titled work of another year looks. So, as when a search result is accepted, it
    agrees only when a locator (volume, first page or ISBN) agrees too; otherwise it is a
    conflict on the year.
    """
    if candidate is None:
        return Match(NOT_FOUND, citation.doi, None, (),
                     f"Crossref has no record of the DOI {citation.doi}")
    assessment = assess(citation, candidate)
    conflicts = doi_conflicts(assessment.evidence)
    if conflicts:
        return Match(MISMATCH, citation.doi, None, (assessment,),
                     "the DOI's record disagrees on " + ", ".join(conflicts), conflicts)
    return Match(ALREADY_HAD, citation.doi, assessment, (assessment,),
                 "the DOI's record agrees with the entry")


def doi_conflicts(evidence: Mapping[str, str]) -> tuple[str, ...]:
    """The fields on which a DOI's record contradicts the entry (see `check_doi`)."""
    unplaced = evidence.get("year") == "±1" and not _locators(evidence)
    return tuple(name for name, value in evidence.items()
                 if value.startswith("conflict") or (name == "year" and unplaced))
