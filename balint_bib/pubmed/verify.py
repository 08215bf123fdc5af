"""Deciding whether a PubMed record is the entry's work. Pure: no I/O.

Every PMID a look-up returns (ECitMatch by journal, year, volume and page; ESearch by
DOI) is checked against the entry with the Crossref matcher's field-by-field evidence
(`crossref.matching.assess`) on its ESummary record. ECitMatch is known to answer PMIDs
whose author or year disagree; those are refused like any candidate that contradicts
the entry. A PMID is taken only when exactly one record is accepted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..crossref.matching import (
    ADDED,
    ALREADY_HAD,
    AMBIGUOUS,
    MISMATCH,
    NOT_FOUND,
    Assessment,
    assess,
    doi_conflicts,
)
from ..crossref.works import Citation
from .records import WrongShape, article_id, candidate_from_summary


@dataclass(frozen=True)
class Verdict:
    decision: str
    pmid: str | None
    reason: str
    chosen: Assessment | None = None
    assessments: tuple[Assessment, ...] = field(default=())

    def candidates(self, top: int = 3) -> list[dict[str, Any]]:
        return [{"pmid": a.candidate.doi, "title": a.candidate.titles[0] if a.candidate.titles
                 else "", "year": min(a.candidate.years) if a.candidate.years else None,
                 "accepted": a.accepted, "score": round(a.score, 2), "evidence": a.evidence}
                for a in self.assessments[:top]]


def _assess(citation: Citation, document: Mapping[str, Any]) -> Assessment:
    assessment = assess(citation, candidate_from_summary(document))
    recorded_doi = article_id(document, "doi").lower()
    if citation.doi and recorded_doi and recorded_doi != citation.doi:
        evidence = {**assessment.evidence, "doi": f"conflict: {recorded_doi}"}
        return Assessment(assessment.candidate, evidence, assessment.score - 3.0,
                          (*assessment.conflicts, "doi"), False, False)
    return assessment


def verify(citation: Citation, pmids: Sequence[str],
           documents: Mapping[str, Mapping[str, Any]], *, how: str) -> Verdict:
    """The one PMID of `pmids` whose record is the entry's work, or none."""
    if not pmids:
        return Verdict(NOT_FOUND, None, f"PubMed found nothing ({how})")
    known = [p for p in dict.fromkeys(pmids) if documents.get(p)]
    if not known:
        return Verdict(NOT_FOUND, None, f"ESummary has no record of {', '.join(pmids)}")
    try:
        assessments = sorted((_assess(citation, documents[p]) for p in known),
                             key=lambda a: a.score, reverse=True)
    except WrongShape as error:
        return Verdict(NOT_FOUND, None, f"an ESummary record is malformed: {error}")
    accepted = [a for a in assessments if a.accepted]
    if len(accepted) == 1:
        return Verdict(ADDED, accepted[0].candidate.doi,
                       f"the ESummary record agrees field by field ({how})", accepted[0],
                       tuple(assessments))
    if len(accepted) > 1:
        return Verdict(AMBIGUOUS, None, "PMIDs " + ", ".join(a.candidate.doi for a in accepted)
                       + " could each be the work", None, tuple(assessments))
    best = assessments[0]
    what = ("disagrees on " + ", ".join(best.conflicts) if best.conflicts
            else "does not agree on enough to be sure")
    return Verdict(NOT_FOUND if best.conflicts else AMBIGUOUS, None,
                   f"PMID {best.candidate.doi} ({how}) {what}", None, tuple(assessments))


def combine(verdicts: Sequence[Verdict]) -> Verdict:
    """The look-ups' verdicts as one: two different PMIDs accepted is ambiguous."""
    added = {v.pmid: v for v in verdicts if v.decision == ADDED}
    if len(added) == 1:
        return next(iter(added.values()))
    if len(added) > 1:
        return Verdict(AMBIGUOUS, None, "the look-ups accept different PMIDs: "
                       + ", ".join(p for p in added if p))
    for decision in (AMBIGUOUS, NOT_FOUND):
        for verdict in verdicts:
            if verdict.decision == decision:
                return verdict
    return Verdict(NOT_FOUND, None, "not looked up")


def recheck(citation: Citation, pmid: str, document: Mapping[str, Any] | None) -> Verdict:
    """Does the record of the entry's own PMID describe the entry?"""
    if not document:
        return Verdict(MISMATCH, pmid, f"PubMed has no record of PMID {pmid}")
    assessment = _assess(citation, document)
    # The rules of `check_doi`: a year one off counts only with a locator that agrees.
    conflicts = doi_conflicts(assessment.evidence)
    if conflicts:
        return Verdict(MISMATCH, pmid, "the PMID's record disagrees on "
                       + ", ".join(conflicts), None, (assessment,))
    return Verdict(ALREADY_HAD, pmid, "the PMID's record agrees with the entry", assessment,
                   (assessment,))
