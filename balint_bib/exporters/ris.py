"""RIS (EndNote, Mendeley, Zotero…), per the RIS specification: `TAG  - value` lines, CRLF.

Every value is one line (the shared item mapping folds whitespace and drops control
characters), so no value can end a record or start a tag.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from .base import ExportRequest
from .items import (
    BOOK_SECTION,
    DOCUMENT,
    JOURNAL_ARTICLE,
    PRESENTATION,
    REPORT,
    Creator,
    Item,
    to_item,
)
from .zotero_fields import has_field

CRLF = "\r\n"


def _name(creator: Creator) -> str:
    if creator.corporate or not creator.given:
        return creator.family
    return f"{creator.family}, {creator.given}"


def _ris_date(value: str) -> str:
    """YYYY/MM/DD/ with the parts that are known (`2024-05-01` → `2024/05/01/`)."""
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        return ""
    parts += [""] * (3 - len(parts))
    return "/".join(parts[:3]) + "/"


def lines(item: Item) -> Iterator[tuple[str, str]]:
    """Each value in the tag Zotero's RIS translator reads into its field for the item type;
    values the type has no field for as `M2` lines, which it appends to Extra."""
    kept = partial(_kept, item)
    yield "TY", item.ris_type
    # A presentation's people are its presenters: A2 in Zotero's RIS.
    author_tag = "A2" if item.item_type == PRESENTATION else "AU"
    for creator in item.authors:
        yield author_tag, _name(creator)
    for creator in item.editors:
        yield "A2" if item.item_type in _A2_EDITORS else "A3", _name(creator)
    yield "TI", item.title
    yield "T2", kept("container_title")
    yield "J2", kept("journal_abbreviation")
    year = item.date[:4] if item.date[:4].isdigit() else ""
    yield "PY", year
    yield "DA", _ris_date(item.date)
    yield "VL", kept("volume")
    # A report's number is its report number, which Zotero's RIS reads from SN.
    yield ("SN" if item.item_type == REPORT else "IS"), kept("issue")
    yield "SP", kept("pages") and item.first_page
    yield "EP", kept("pages") and item.last_page
    yield "ET", kept("edition")
    yield ("T2" if item.item_type == REPORT else "T3"), kept("series")
    yield "PB", kept("publisher")
    yield "CY", kept("place")
    yield "M3", kept("genre")
    yield "SN", kept("isbn") or kept("issn")
    yield "DO", kept("doi")
    yield "UR", item.url
    yield "Y2", _ris_date(item.access_date)
    yield "LA", item.language
    yield "AB", item.abstract
    for keyword in item.keywords:
        yield "KW", keyword
    for line in item.extra_lines:
        yield "M2", line
    yield "N1", item.annotation
    yield "N1", item.note
    yield "ID", item.key


# Item types whose editors Zotero's RIS reads from A2 (A3 for a book).
_A2_EDITORS = frozenset({JOURNAL_ARTICLE, BOOK_SECTION, DOCUMENT})


def _kept(item: Item, attribute: str) -> str:
    """The value where the item type has a field for it (else it is in Extra)."""
    value: str = getattr(item, attribute)
    return value if has_field(item.item_type, attribute) else ""


def render_item(item: Item) -> str:
    body = "".join(f"{tag}  - {value}{CRLF}" for tag, value in lines(item) if value)
    return f"{body}ER  - {CRLF}"


@dataclass(frozen=True)
class RisExporter:
    name: str = "ris"
    description: str = "RIS for EndNote, Mendeley and others (CRLF, one tag a line)"
    suffix: str = ".ris"

    def render(self, request: ExportRequest) -> bytes:
        records = CRLF.join(render_item(to_item(r)) for r in request.records)
        return records.encode("utf-8")


RIS = RisExporter()
