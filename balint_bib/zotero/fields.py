"""One entry as Zotero API JSON, shaped by the item type's template.

The values come from the normalised item every export uses (`exporters.items.Item`), named
by Zotero's base fields; each goes into the template's field for it (`institution` is a
report's `publisher`, `bookTitle` a section's `publicationTitle`, …), and a value the item
type has no field for goes into Extra as `Label: value`, as Zotero does on import. So only
fields valid for the type are ever sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..exporters.items import Creator, Item

OWNER_TAG = "balint-bib"  # an automatic tag (type 1) on every object this tool creates
AUTOMATIC = 1  # Zotero's tag type for tags a tool set (keywords too, as its RDF import does)
CITATION_KEY = re.compile(r"^Citation Key:\s*(\S+)\s*$", re.MULTILINE)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Item-type fields and the base field they stand for, as in Zotero's schema (`baseField`);
# tests/zotero/test_fields.py holds this against the schema for every type the kinds make.
BASE_FIELDS = {
    "bookTitle": "publicationTitle", "websiteTitle": "publicationTitle",
    "proceedingsTitle": "publicationTitle", "blogTitle": "publicationTitle",
    "encyclopediaTitle": "publicationTitle", "dictionaryTitle": "publicationTitle",
    "institution": "publisher", "university": "publisher", "label": "publisher",
    "company": "publisher", "distributor": "publisher", "network": "publisher",
    "studio": "publisher", "reportNumber": "number", "reportType": "type",
    "thesisType": "type", "presentationType": "type", "manuscriptType": "type",
    "websiteType": "type", "letterType": "type", "postType": "type", "mapType": "type",
}  # fmt: skip
# Keys of a template that are not fields.
STRUCTURE = frozenset({"itemType", "creators", "tags", "collections", "relations", "note",
                       "parentItem", "key", "version", "deleted"})
EDITOR_TYPES = frozenset({"book", "bookSection", "document", "journalArticle"})


def template_fields(template: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(name for name in template if name not in STRUCTURE)


def _values(item: Item) -> list[tuple[str, str]]:
    """(base field, value) of the item, in Zotero's field order."""
    return [
        ("title", item.title), ("abstractNote", item.abstract),
        ("publicationTitle", item.container_title), ("series", item.series),
        ("volume", item.volume), ("issue", item.issue), ("edition", item.edition),
        ("type", item.genre), ("place", item.place), ("publisher", item.publisher),
        ("date", item.date), ("pages", item.pages), ("journalAbbreviation",
                                                     item.journal_abbreviation),
        ("language", item.language), ("DOI", item.doi), ("ISBN", item.isbn),
        ("ISSN", item.issn), ("url", item.url), ("accessDate", item.access_date),
    ]


def _label(base: str) -> str:
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", base)
    return words[:1].upper() + words[1:]


def item_json(item: Item, template: Mapping[str, Any]) -> dict[str, Any]:
    """The item's editable JSON: every template field (empty where the entry has nothing),
    creators, tags and the Extra lines; collections are added by the plan."""
    fields = template_fields(template)
    by_base = {BASE_FIELDS.get(name, name): name for name in fields}
    data: dict[str, Any] = {name: "" for name in fields}
    extra: list[str] = []
    for base, value in _values(item):
        if not value:
            continue
        name = by_base.get(base)
        if name is None and base == "issue":
            name = by_base.get("number")  # a report's number travels as the item's issue
        if name:
            data[name] = value
        else:
            extra.append(f"{_label(base)}: {value}")
    if item.pmid:
        extra.insert(0, f"PMID: {item.pmid}")  # no item type has a PMID field
    if "citationKey" in fields:  # Zotero 8 has the field; before, Extra held the key
        data["citationKey"] = item.key
    else:
        extra.insert(0, f"Citation Key: {item.key}")
    if data.get("accessDate") and _DAY.match(data["accessDate"]):
        data["accessDate"] += "T00:00:00Z"  # the form the API stores and answers with
    data["extra"] = "\n".join(extra)
    data["itemType"] = item.item_type
    data["creators"] = _creators(item, template)
    data["tags"] = [automatic(keyword) for keyword in item.keywords] + [owner_tag()]
    return data


def automatic(tag: str) -> dict[str, Any]:
    return {"tag": tag, "type": AUTOMATIC}


def owner_tag() -> dict[str, Any]:
    return automatic(OWNER_TAG)


def _creators(item: Item, template: Mapping[str, Any]) -> list[dict[str, str]]:
    listed = template.get("creators") or [{}]
    primary = str(listed[0].get("creatorType") or "author")
    secondary = "editor" if item.item_type in EDITOR_TYPES else "contributor"
    return ([_creator(c, primary) for c in item.authors]
            + [_creator(c, secondary) for c in item.editors])


def _creator(creator: Creator, creator_type: str) -> dict[str, str]:
    if creator.corporate or not creator.given:
        return {"creatorType": creator_type, "name": creator.family}
    return {"creatorType": creator_type, "firstName": creator.given,
            "lastName": creator.family}


def citation_key(data: Mapping[str, Any]) -> str | None:
    if data.get("citationKey"):
        return str(data["citationKey"])
    found = CITATION_KEY.search(str(data.get("extra") or ""))
    return found.group(1) if found else None


def is_owned(data: Mapping[str, Any]) -> bool:
    return any(isinstance(tag, dict) and tag.get("tag") == OWNER_TAG
               for tag in data.get("tags") or ())
