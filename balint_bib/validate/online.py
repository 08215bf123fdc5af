"""BB6xx (--online): each DOI is known to Crossref, and Crossref's title, year and first
author agree with the entry. The lookup is injected (`Context.lookup_doi`), so this
module never touches the network itself and tests use a fake."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from difflib import SequenceMatcher
from typing import Any

from ..doi import DOI, doi_key
from ..model import Record
from .core import ERROR, WARNING, Context, Finding, check, rule
from .dataset import fold

BB601 = rule("BB601", ERROR, "DOI that Crossref does not know", "online", "online")
BB602 = rule("BB602", WARNING, "title differs from Crossref's", "online", "online")
BB603 = rule("BB603", WARNING, "year differs from Crossref's", "online", "online")
BB604 = rule("BB604", WARNING, "first author differs from Crossref's", "online", "online")

# Titles agree when one is the other plus a subtitle, or nearly the same text.
TITLE_SIMILARITY = 0.9


def crossref_years(work: Mapping[str, Any]) -> set[int]:
    """Every year Crossref gives (issued, print, online): a journal's online-first year
    and its print year often differ, and either is right."""
    years = set()
    for name in ("issued", "published-print", "published-online", "published"):
        parts = (work.get(name) or {}).get("date-parts") or [[]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            years.add(parts[0][0])
    return years


def titles_agree(ours: str, theirs: str) -> bool:
    a, b = fold(ours), fold(theirs)
    if not a or not b:
        return True
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return SequenceMatcher(None, a, b).ratio() >= TITLE_SIMILARITY


@check(BB601, BB602, BB603, BB604)
def crossref_agreement(record: Record, context: Context) -> Iterator[Finding]:
    if context.lookup_doi is None:
        return
    value = record.get("doi")
    if not value or not DOI.fullmatch(doi_key(value)):
        return  # no DOI, or one the offline checks already reject
    doi = doi_key(value)
    work = context.lookup_doi(doi)
    if work is None:
        yield BB601.at(record, "doi", f"Crossref does not know the DOI {doi}",
                       fix="check the DOI on the publisher's page")
        return
    titles = [t for t in work.get("title") or [] if isinstance(t, str)]
    ours = record.text("title") or ""
    if titles and ours and not any(titles_agree(ours, t) for t in titles):
        yield BB602.at(record, "title", f"Crossref's title is '{titles[0]}'",
                       fix="compare with the publisher's page")
    years = crossref_years(work)
    if years and record.year is not None and record.year not in years:
        shown = " or ".join(str(y) for y in sorted(years))
        yield BB603.at(record, "year" if "year" in record else "date",
                       f"Crossref gives {shown}, the entry {record.year}",
                       fix=f"year = {min(years)}")
    authors = work.get("author") or []
    first = record.first_author()
    if authors and first is not None and "author" in record:
        theirs = authors[0].get("family") or authors[0].get("name") or ""
        if theirs and fold(theirs) != fold(first.last):
            yield BB604.at(record, "author", f"Crossref's first author is '{theirs}', the "
                           f"entry's '{first.last}'", fix="compare the author order")
