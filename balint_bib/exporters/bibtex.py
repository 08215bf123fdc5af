"""Clean, normalised BibTeX and biblatex: one layout, braces, macros expanded, fixed field order.

Normalised means: lower-case entry types and field names, every value in braces on one
line, no control characters, page ranges with `--`, months as BibTeX's month macros,
empty fields dropped. `--format biblatex` also renames fields to biblatex's names
(`journaltitle`, `location`, `annotation`, `date`, PMID as an `eprint`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..bibtex.model import Record
from ..bibtex.values import MONTH_MACROS, month_number, safe_in_braces
from ..errors import InputError
from ..kinds import BIBLATEX_THESIS_TYPES, biblatex_entry_type
from ..text import clean, safe_url
from .base import ExportRequest

# Identifying fields first, then the rest as written; provenance stays in the sidecar.
FIELD_ORDER = (
    "author", "editor", "title", "subtitle", "booktitle", "journal", "journaltitle",
    "shortjournal", "edition", "series", "volume", "number", "pages", "year", "month", "date",
    "publisher", "address", "location", "institution", "organization", "school",
    "howpublished", "type", "isbn", "issn", "doi", "pmid", "eprint", "eprinttype", "url",
    "urldate", "language", "note", "keywords", "abstract", "annote", "annotation",
)  # fmt: skip

_RANGE = re.compile(r"(?<=\w)\s*(?:-+|\u2013|\u2014)\s*(?=\w)")
# What BibTeX reads as a key in a braced entry (biber is stricter: validation's BB108).
_KEY = re.compile(r"[^\s,{}\x00-\x1f\x7f-\x9f]+\Z")

BIBLATEX_FIELDS = {"journal": "journaltitle", "address": "location", "annote": "annotation",
                   "school": "institution"}


def normalised_fields(record: Record) -> Iterator[tuple[str, str]]:
    """(name, value) pairs, cleaned, each value safe to put between braces."""
    for item in record.fields:
        value = clean(item.value)
        if not value:
            continue
        if not safe_in_braces(value):
            raise InputError(f"unbalanced braces or a final backslash in '{item.name}'",
                             path=record.path, line=item.line, key=record.key)
        if item.name == "url":
            # Only web links leave the project; a `javascript:` URL is dropped.
            value = safe_url(value)
            if not value:
                continue
        if item.name == "pages":
            value = _RANGE.sub("--", value)
        yield item.name, value


def _biblatex_fields(record: Record) -> Iterator[tuple[str, str]]:
    fields = dict(normalised_fields(record))
    if "date" not in fields and "year" in fields:
        month = month_number(fields.get("month", ""))
        year = fields.pop("year")
        fields["date"] = f"{year}-{month:02d}" if month and year.isdigit() else year
        fields.pop("month", None)
    if "pmid" in fields and "eprint" not in fields:
        fields["eprint"], fields["eprinttype"] = fields.pop("pmid"), "pubmed"
    if record.entry_type in BIBLATEX_THESIS_TYPES and "type" not in fields:
        fields["type"] = BIBLATEX_THESIS_TYPES[record.entry_type]
    for name, value in fields.items():
        renamed = BIBLATEX_FIELDS.get(name, name)
        if renamed == name or renamed not in fields:  # biblatex's own name wins if both
            yield renamed, value


def render_entry(record: Record, biblatex: bool = False) -> str:
    if not _KEY.match(record.key):
        raise InputError("the key has characters BibTeX cannot read", path=record.path,
                         line=record.line, key=record.key)
    entry_type = biblatex_entry_type(record.entry_type) if biblatex else record.entry_type
    pairs = list(_biblatex_fields(record) if biblatex else normalised_fields(record))
    rank = {name: index for index, name in enumerate(FIELD_ORDER)}
    pairs.sort(key=lambda pair: rank.get(pair[0], len(rank)))
    width = max((len(name) for name, _ in pairs), default=0)
    lines = [f"@{entry_type}{{{record.key},"]
    for name, value in pairs:
        month = month_number(value) if name == "month" else None
        rendered = tuple(MONTH_MACROS)[month - 1] if month else f"{{{value}}}"
        lines.append(f"  {name.ljust(width)} = {rendered},")
    lines.append("}")
    return "\n".join(lines)


@dataclass(frozen=True)
class BibtexExporter:
    name: str = "bibtex"
    description: str = "normalised BibTeX (macros expanded, braces, fixed field order)"
    suffix: str = ".bib"
    biblatex: bool = False

    def render(self, request: ExportRequest) -> bytes:
        entries = (render_entry(r, self.biblatex) for r in request.records)
        return ("\n\n".join(entries) + "\n").encode("utf-8")


BIBTEX = BibtexExporter()
BIBLATEX = BibtexExporter(name="biblatex", biblatex=True,
                          description="biblatex (journaltitle, location, annotation, date, …)")
