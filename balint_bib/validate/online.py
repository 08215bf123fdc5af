"""BB6xx (--online): each DOI is known to Crossref, and Crossref's record of it matches
the entry. "Matches" is `crossref.matching.check_doi`, the answer `enrich --recheck`
gives too; each field it finds in conflict becomes one finding. The lookup is
injected (`Context.lookup_doi`), so this module never touches the network itself and
tests use a fake."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..bibtex.model import Record
from ..crossref.matching import WrongShape, candidate_from_message, check_doi, citation_from_record
from ..doi import DOI, doi_key
from ..errors import BalintBibError
from .core import ERROR, WARNING, Context, Finding, check, rule

BB600 = rule("BB600", ERROR, "DOI that could not be checked: Crossref did not answer",
             "online", "online")
BB601 = rule("BB601", ERROR, "DOI that Crossref does not know", "online", "online")
BB602 = rule("BB602", WARNING, "title differs from Crossref's", "online", "online")
BB603 = rule("BB603", WARNING, "year differs from Crossref's", "online", "online")
BB604 = rule("BB604", WARNING, "first author differs from Crossref's", "online", "online")
BB605 = rule("BB605", WARNING, "type, journal, volume, issue, pages or ISBN differ from "
             "Crossref's", "online", "online")

# The entry's field for each field of the evidence that BB605 reports.
_OTHER_FIELDS = {"type": None, "container": ("journal", "journaltitle", "booktitle"),
                 "volume": ("volume",), "issue": ("number", "issue"), "page": ("pages",),
                 "isbn": ("isbn",)}


def crossref_years(work: Mapping[str, Any]) -> set[int]:
    """Every year Crossref gives (issued, print, online)."""
    years = set()
    for name in ("issued", "published-print", "published-online", "published"):
        parts = (work.get(name) or {}).get("date-parts") or [[]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            years.add(parts[0][0])
    return years


class LookupFailed(BalintBibError):
    """The lookup could not be made (Crossref unreachable, failing or answering nonsense):
    a BB600 finding, so the report still comes out and says which DOIs were not checked."""


@check(BB600, BB601, BB602, BB603, BB604, BB605, fields=("doi",))
def crossref_agreement(record: Record, context: Context) -> Iterator[Finding]:
    if context.lookup_doi is None:
        return
    value = record.get("doi")
    if not value or not DOI.fullmatch(doi_key(value)):
        return  # no DOI, or one the offline checks already reject
    doi = doi_key(value)
    try:
        work = context.lookup_doi(doi)
    except LookupFailed as error:
        yield BB600.at(record, "doi", error.message,
                       fix="rerun --online later; without --online the offline checks run")
        return
    if work is None:
        yield BB601.at(record, "doi", f"Crossref does not know the DOI {doi}",
                       fix="check the DOI on the publisher's page")
        return
    try:
        candidate = candidate_from_message({"DOI": doi, **work})
    except WrongShape as error:
        yield BB600.at(record, "doi", f"Crossref's answer for {doi} is not a work: {error}")
        return
    match = check_doi(citation_from_record(record), candidate)
    for name in match.conflicts:
        yield _finding(record, work, name, match.assessments[0].evidence[name])


def _finding(record: Record, work: Mapping[str, Any], name: str, evidence: str) -> Finding:
    if name == "title":
        titles = [t for t in work.get("title") or [] if isinstance(t, str)]
        return BB602.at(record, "title", f"Crossref's title is '{titles[0]}'",
                        fix="compare with the publisher's page")
    if name == "year":
        years = crossref_years(work)
        shown = " or ".join(str(y) for y in sorted(years))
        return BB603.at(record, "year" if "year" in record else "date",
                        f"Crossref gives {shown}, the entry {record.year}",
                        fix=f"year = {min(years)}")
    if name == "authors":
        return _author_finding(record, work, evidence)
    field = next((f for f in _OTHER_FIELDS[name] or () if f in record), None)
    return BB605.at(record, field, f"Crossref's record differs: {name} "
                    f"{evidence.removeprefix('conflict: ')}", fix="compare with the "
                    "publisher's page")


def _author_finding(record: Record, work: Mapping[str, Any], evidence: str) -> Finding:
    field = "author" if "author" in record else "editor"
    authors = [a for a in work.get("author") or work.get("editor") or []
               if isinstance(a, Mapping)]
    theirs = str(authors[0].get("family") or authors[0].get("name") or "") if authors else ""
    first = record.first_author()
    if first is not None and theirs:
        message = f"Crossref's first author is '{theirs}', the entry's '{first.last}'"
    else:
        message = "Crossref's authors differ"
    detail = evidence.removeprefix("conflict: ")
    if not detail.startswith("first author"):
        message += f" ({detail})"
    return BB604.at(record, field, message, fix="compare the author order")
