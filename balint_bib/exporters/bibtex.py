"""Clean, normalised BibTeX: one layout, braces, macros expanded, fields in a fixed order."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Record
from .base import ExportRequest

# Identifying fields first, then the rest as written; provenance stays in the sidecar.
FIELD_ORDER = (
    "author", "editor", "title", "subtitle", "booktitle", "journal", "edition", "series",
    "volume", "number", "pages", "year", "month", "publisher", "address", "institution",
    "organization", "howpublished", "type", "isbn", "issn", "doi", "pmid", "url", "urldate",
    "note", "keywords", "annote",
)  # fmt: skip


def render_entry(record: Record) -> str:
    rank = {name: index for index, name in enumerate(FIELD_ORDER)}
    ordered = sorted(record.fields, key=lambda f: rank.get(f.name, len(rank)))
    width = max((len(f.name) for f in ordered), default=0)
    lines = [f"@{record.entry_type}{{{record.key},"]
    lines += [f"  {f.name.ljust(width)} = {{{f.value}}}," for f in ordered]
    lines.append("}")
    return "\n".join(lines)


@dataclass(frozen=True)
class BibtexExporter:
    name: str = "bibtex"
    description: str = "normalised BibTeX (macros expanded, braces, fixed field order)"
    suffix: str = ".bib"

    def render(self, request: ExportRequest) -> bytes:
        return ("\n\n".join(render_entry(r) for r in request.records) + "\n").encode("utf-8")


BIBTEX = BibtexExporter()
