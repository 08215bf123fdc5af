"""Where Zotero keeps each value of an item: its field for the item type, else Extra.

Zotero has a fixed set of fields per item type (zotero-schema). A value the type has no
field for is not dropped: it goes into Extra as `Label: value`, the form Zotero 7 and
Better BibTeX read back (`Citation Key: …`, `PMID: …`, `Publisher: …`). Both Zotero
exporters (RDF and RIS) write a value in its own field only where `has_field` says so and
put the rest in `extra_lines`, so the two agree and nothing is lost on import.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .items import Item

# Item attribute → the Zotero item types that have a field for it (zotero-schema's base
# fields: a report's `number` is its reportNumber, a thesis's publisher its university).
_TYPES_WITH: dict[str, frozenset[str]] = {
    "container_title": frozenset({"journalArticle", "bookSection", "webpage"}),
    "journal_abbreviation": frozenset({"journalArticle"}),
    "volume": frozenset({"journalArticle", "book", "bookSection"}),
    "issue": frozenset({"journalArticle", "report"}),
    "pages": frozenset({"journalArticle", "bookSection", "report"}),
    "edition": frozenset({"book", "bookSection"}),
    "series": frozenset({"book", "bookSection", "report"}),
    "publisher": frozenset({"book", "bookSection", "document", "report", "thesis"}),
    "place": frozenset({"book", "bookSection", "report", "presentation", "thesis",
                        "manuscript"}),
    "genre": frozenset({"webpage", "report", "presentation", "thesis", "manuscript"}),
    "isbn": frozenset({"book", "bookSection"}),
    "issn": frozenset({"journalArticle"}),
    "doi": frozenset({"journalArticle"}),
}
# The Extra label of each value that has no field (Zotero's field or CSL variable names).
_LABELS = {
    "container_title": "Container Title", "journal_abbreviation": "Journal Abbreviation",
    "volume": "Volume", "issue": "Number", "pages": "Pages", "edition": "Edition",
    "series": "Series", "publisher": "Publisher", "place": "Place", "genre": "Genre",
    "isbn": "ISBN", "issn": "ISSN", "doi": "DOI",
}


def types_with(attribute: str) -> frozenset[str]:
    """The Zotero item types that have a field for the Item attribute."""
    return _TYPES_WITH[attribute]


def has_field(item_type: str, attribute: str) -> bool:
    """Whether Zotero's `item_type` has a field for the Item attribute."""
    return item_type in _TYPES_WITH[attribute]


def extra_lines(item: Item) -> Iterator[str]:
    """Extra's lines: the citation key, the identifiers Zotero has no field for, and every
    value the item type has no field for, as `Label: value`."""
    yield f"Citation Key: {item.key}"
    if item.pmid:
        yield f"PMID: {item.pmid}"
    if item.pmcid:
        yield f"PMCID: {item.pmcid}"
    for attribute, label in _LABELS.items():
        value: str = getattr(item, attribute)
        if value and not has_field(item.item_type, attribute):
            if attribute == "genre" and item.genre_is_howpublished:
                label = "Published"  # what Zotero's own BibTeX import calls howpublished
            yield f"{label}: {value}"
    for label, value in item.leftovers:
        yield f"{label}: {value}"
