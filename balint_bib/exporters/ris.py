"""RIS (EndNote, Mendeley, Zotero…), per the RIS specification: `TAG  - value` lines, CRLF.

Every value is one line (the shared item mapping folds whitespace and drops control
characters), so no value can end a record or start a tag.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .base import ExportRequest
from .items import Creator, Item, to_item

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
    yield "TY", item.ris_type
    for creator in item.authors:
        yield "AU", _name(creator)
    for creator in item.editors:
        yield "A2", _name(creator)
    yield "TI", item.title
    yield "T2", item.container_title
    yield "J2", item.journal_abbreviation
    year = item.date[:4] if item.date[:4].isdigit() else ""
    yield "PY", year
    yield "DA", _ris_date(item.date)
    yield "VL", item.volume
    yield "IS", item.issue
    yield "SP", item.first_page
    yield "EP", item.last_page
    yield "ET", item.edition
    yield "T3", item.series
    yield "PB", item.publisher
    yield "CY", item.place
    yield "M3", item.genre
    yield "SN", item.isbn or item.issn
    yield "DO", item.doi
    yield "UR", item.url
    yield "Y2", _ris_date(item.access_date)
    yield "LA", item.language
    yield "AB", item.abstract
    for keyword in item.keywords:
        yield "KW", keyword
    if item.pmid:
        yield "AN", f"PMID: {item.pmid}"
    yield "N1", item.annotation
    yield "ID", item.key


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
