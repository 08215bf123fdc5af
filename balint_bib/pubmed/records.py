"""The shapes of E-utilities' answers, and what matching needs from them. Pure: no I/O.

ECitMatch takes `journal|year|volume|first_page|author|key|` lines and echoes each with
the PMID, `NOT_FOUND` or `AMBIGUOUS` after it. ESearch (JSON) gives `esearchresult.idlist`.
ESummary version 2.0 (JSON) gives `result.uids` and a document per PMID, whose
`articleids` hold its DOI and PMCID. The PMC ID converter (JSON) gives `records`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..crossref.normalize import first_page, fold
from ..crossref.works import Candidate, Citation, Person

_PMID = re.compile(r"^\d{1,9}$")
_PMCID = re.compile(r"^PMC\d+$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_INITIALS = re.compile(r"^[A-Z]{1,4}$")
_UNSAFE = re.compile(r"[|\r\n]+")


class WrongShape(ValueError):
    """An answer that is not what the E-utility sends."""


@dataclass(frozen=True)
class CitMatch:
    """One ECitMatch query line (without its key)."""

    journal: str
    year: str
    volume: str
    first_page: str
    author: str

    def line(self, key: str) -> str:
        parts = (self.journal, self.year, self.volume, self.first_page, self.author, key)
        return "|".join(_UNSAFE.sub(" ", p) for p in parts) + "|"


def citmatch_query(citation: Citation, journal: str) -> CitMatch | None:
    """The ECitMatch query of an article: None without journal, year, volume and page."""
    if citation.entry_type != "article" or not (journal and citation.year and citation.volume
                                                and citation.page):
        return None
    author = citation.authors[0] if citation.authors else None
    name = f"{author.family} {author.initial}".strip() if author and not author.corporate \
        else ""
    return CitMatch(journal, str(citation.year), citation.volume, citation.page, name)


def parse_citmatch(text: str) -> dict[str, str]:
    """key → PMID, "NOT_FOUND" or "AMBIGUOUS", for every line of an ECitMatch answer."""
    answers: dict[str, str] = {}
    for line in text.replace("\r", "\n").splitlines():
        if not line.strip():
            continue
        parts = line.split("|")
        if len(parts) < 7:
            raise WrongShape(f"an ECitMatch line without a result: {line[:80]!r}")
        key, answer = parts[5].strip(), parts[6].strip()
        if _PMID.match(answer):
            answers[key] = answer
        elif answer.upper().startswith(("NOT_FOUND", "AMBIGUOUS")):
            answers[key] = answer.split()[0].upper().rstrip(";,")
        else:
            raise WrongShape(f"an ECitMatch result that is not a PMID: {answer[:40]!r}")
    return answers


def parse_esearch(payload: Any) -> list[str]:
    result = payload.get("esearchresult") if isinstance(payload, Mapping) else None
    if not isinstance(result, Mapping) or "ERROR" in result:
        raise WrongShape("an ESearch answer without esearchresult")
    ids = result.get("idlist")
    if not isinstance(ids, list) or not all(isinstance(i, str) and _PMID.match(i) for i in ids):
        raise WrongShape("an ESearch idlist that is not a list of PMIDs")
    return ids


def parse_esummary(payload: Any) -> dict[str, dict[str, Any]]:
    """PMID → its ESummary 2.0 document; PMIDs PubMed does not know are left out."""
    result = payload.get("result") if isinstance(payload, Mapping) else None
    if not isinstance(result, Mapping) or not isinstance(result.get("uids"), list):
        raise WrongShape("an ESummary answer without result.uids")
    documents: dict[str, dict[str, Any]] = {}
    for uid in result["uids"]:
        document = result.get(str(uid))
        if not isinstance(document, dict):
            raise WrongShape(f"ESummary lists {uid} but has no document for it")
        if "error" not in document:
            documents[str(uid)] = document
    return documents


def parse_idconv(payload: Any) -> dict[str, str]:
    """PMID → PMCID ("" when the article is not in PubMed Central)."""
    records = payload.get("records") if isinstance(payload, Mapping) else None
    if not isinstance(records, list):
        raise WrongShape("an ID converter answer without records")
    found: dict[str, str] = {}
    for record in records:
        if not isinstance(record, Mapping):
            raise WrongShape("an ID converter record that is not an object")
        requested = str(record.get("requested-id") or record.get("pmid") or "")
        pmcid = str(record.get("pmcid") or "")
        if requested:
            found[requested] = pmcid if _PMCID.match(pmcid) else ""
    return found


def article_id(document: Mapping[str, Any], kind: str) -> str:
    for item in document.get("articleids") or []:
        if isinstance(item, Mapping) and item.get("idtype") == kind:
            return str(item.get("value") or "")
    return ""


def _person(name: str) -> Person:
    """PubMed's "Johnson AH" as a person: family name, first initial."""
    words = name.split()
    if len(words) > 1 and _INITIALS.match(words[-1]):
        return Person(fold(" ".join(words[:-1])), words[-1][0].lower())
    return Person(fold(name), "")


def candidate_from_summary(document: Mapping[str, Any]) -> Candidate:
    """An ESummary document as a matching candidate (its PMID in place of a DOI)."""
    uid = document.get("uid")
    if not isinstance(uid, str) or not _PMID.match(uid):
        raise WrongShape("an ESummary document without a uid")
    # A title PubMed translated is in brackets, and every title ends with a full stop.
    titles = [t.strip().rstrip(".").strip().strip("[]").strip() for t in
              (document.get("title"), document.get("vernaculartitle")) if isinstance(t, str)]
    authors = []
    for author in document.get("authors") or []:
        if not isinstance(author, Mapping) or not isinstance(author.get("name"), str):
            raise WrongShape("an ESummary author without a name")
        if author.get("authtype", "Author") == "CollectiveName":
            authors.append(Person(fold(author["name"]), "", corporate=True))
        else:
            authors.append(_person(author["name"]))
    years = {int(m.group(1)) for field in ("pubdate", "epubdate", "sortpubdate")
             if isinstance(document.get(field), str)
             for m in [_YEAR.search(document[field])] if m}
    containers = tuple(str(document[f]) for f in ("fulljournalname", "source")
                       if isinstance(document.get(f), str) and document[f])
    return Candidate(
        doi=uid, type="journal-article", titles=tuple(t for t in titles if t),
        authors=tuple(authors), years=tuple(sorted(years)), containers=containers,
        volume=fold(str(document.get("volume") or "")),
        issue=fold(str(document.get("issue") or "")),
        page=first_page(str(document.get("pages") or "")), isbns=(), message=document)
