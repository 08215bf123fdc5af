"""Field-by-field evidence: how one field of an entry compares with a Crossref work's.
Each function answers "agree", a softer agreement ("main-title", "fuzzy", "±1",
"abbreviated", "first-author"), "absent" (a side lacks the field) or "conflict: …".
Pure: no I/O."""

from __future__ import annotations

import math

from .normalize import (
    edit_similarity,
    fold,
    numbers_in,
    same_journal,
    title_parts,
    title_prefixes,
)
from .titles import reworded_title, typos_only
from .works import Candidate, Citation, Person

_FUZZY_TITLE = 0.9  # edit similarity of whole folded titles that still counts as a typo
_FUZZY_NAME = 0.8


def title_evidence(citation: Citation, candidate: Candidate) -> str:
    """"agree", "main-title" (one side leaves a subtitle out), "fuzzy" (a typo),
    "reworded" (the same words, a word dropped, added or abbreviated, spelt the other
    way or the subtitle swapped: weak, see `matching`), "partial" (a shared main title
    too short to tell) or "conflict"."""
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
               and edit_similarity(a, b, _FUZZY_TITLE) >= _FUZZY_TITLE
               and typos_only(a, b) for a, b in pairs):
            best = "fuzzy"
    if best in ("conflict", "partial") and reworded_title(
            citation.title, title_parts(citation.title), candidate.titles,
            [title_parts(t) for t in candidate.titles]):
        return "reworded"
    return best


def same_person(a: Person, b: Person) -> str:
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


def author_evidence(citation: Citation, candidate: Candidate) -> str:
    cited = citation.authors
    if not cited:
        return "absent"
    if not candidate.authors:
        return "absent"
    found = [next((same_person(person, other) for other in candidate.authors
                   if same_person(person, other)), "") for person in cited]
    first = next((same_person(cited[0], other) for other in candidate.authors[:2]
                  if same_person(cited[0], other)), "")
    if not first:
        return "conflict: first author not among the record's first authors"
    matched = sum(1 for f in found if f)
    if matched < math.ceil(0.6 * len(cited)):
        return f"conflict: {matched} of {len(cited)} authors in the record"
    if len(candidate.authors) < len(cited) - 1:
        return f"conflict: the record has {len(candidate.authors)} authors, the entry {len(cited)}"
    return "agree" if len(cited) > 1 and matched >= 2 else "first-author"


def year_evidence(citation: Citation, candidate: Candidate) -> str:
    if citation.year is None or not candidate.years:
        return "absent"
    if citation.year in candidate.years:
        return "agree"
    if min(abs(citation.year - y) for y in candidate.years) == 1:
        return "±1"
    return f"conflict: {citation.year} vs {'/'.join(map(str, candidate.years))}"


def container_evidence(citation: Citation, candidate: Candidate) -> str:
    if not citation.container or not candidate.containers:
        return "absent"
    cited = fold(citation.container)
    if any(fold(c) == cited for c in candidate.containers):
        return "agree"
    if any(same_journal(citation.container, c) for c in candidate.containers):
        return "abbreviated"
    return "conflict: " + candidate.containers[0]


def equal_evidence(cited: str, recorded: str) -> str:
    if not cited or not recorded:
        return "absent"
    return "agree" if cited == recorded else f"conflict: {cited} vs {recorded}"
