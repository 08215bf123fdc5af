"""What an author cites: cite items, citations (clusters) and a document of citations.

A `Cite` is one work cited (key, locator, label, prefix, suffix, suppress-author,
author-only); a `Citation` is the cites of one place in the text, with its note number (0
for an in-text citation); a document is the ordered list of its citations, processed as
citeproc-js's `processCitationCluster` does: positions (first, subsequent, ibid), numbers and
year suffixes over the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# CSL's position values, as citeproc-js numbers them in a cite's "position".
POSITIONS = {0: "first", 1: "subsequent", 2: "ibid", 3: "ibid-with-locator", 4: "near-note"}


@dataclass(frozen=True)
class Cite:
    """One cited work in a citation."""

    key: str
    locator: str | None = None
    label: str | None = None  # a locator term: "page", "chapter", "figure"...; default page
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    author_only: bool = False
    position: str | None = None  # set by the caller only to override the computed one

    @classmethod
    def from_csl(cls, cite: dict[str, Any]) -> Cite:
        """A cite item in citeproc-js's JSON form (`id`, `locator`, `suppress-author`...)."""
        position = cite.get("position")
        return cls(
            key=str(cite["id"]), locator=None if cite.get("locator") in (None, "")
            else str(cite["locator"]), label=cite.get("label"),
            prefix=str(cite.get("prefix") or ""), suffix=str(cite.get("suffix") or ""),
            suppress_author=bool(cite.get("suppress-author")),
            author_only=bool(cite.get("author-only")),
            position=POSITIONS.get(position) if isinstance(position, int) else None)


@dataclass(frozen=True)
class Citation:
    """The cites at one place of a document; `note` is its footnote number (0: in the text)."""

    cites: list[Cite] = field(default_factory=list)
    note: int = 0

    @classmethod
    def from_csl(cls, citation: dict[str, Any]) -> Citation:
        """A citation in citeproc-js's form: `citationItems` and `properties.noteIndex`."""
        items = citation.get("citationItems", [])
        note = int(citation.get("properties", {}).get("noteIndex", 0) or 0)
        return cls([Cite.from_csl(item) for item in items], note)


def cited_keys(document: list[Citation]) -> list[str]:
    """The keys in the order they are first cited."""
    seen: dict[str, None] = {}
    for citation in document:
        for cite in citation.cites:
            seen.setdefault(cite.key, None)
    return list(seen)


__all__ = ["POSITIONS", "Citation", "Cite", "cited_keys"]
