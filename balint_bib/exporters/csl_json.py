"""CSL-JSON: the items every CSL processor (pandoc, Zotero, citeproc-js) reads."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..bibtex.model import Record
from ..csl.mapping import to_csl_json
from .base import ExportRequest


@dataclass(frozen=True)
class CslJsonExporter:
    name: str = "csl-json"
    description: str = "CSL-JSON items (for pandoc --citeproc, Zotero, citeproc-js)"
    suffix: str = ".json"

    def render(self, request: ExportRequest) -> bytes:
        return _json_array(export_item(record) for record in request.records)


def export_item(record: Record) -> dict[str, Any]:
    """The CSL mapping of the styles (with "and others" as a last literal name), plus what a
    file for other programs should carry: the annotation (`annote`, `note`), the citation
    key (CSL 1.0.2's `citation-key`) and the journal abbreviation by the name Zotero reads."""
    item = to_csl_json(record, annotated=True)
    item["citation-key"] = record.key
    if "container-title-short" in item:  # the name Zotero's CSL-JSON import reads
        item["journalAbbreviation"] = item["container-title-short"]
    return item


def _json_array(items: Iterable[dict[str, Any]]) -> bytes:
    """What `json.dumps(list(items), ensure_ascii=False, indent=2)` gives, plus a final line
    end, encoded item by item: a large export never holds all its items or one whole string.
    Each item is indented one level deeper by its line ends, which are all structural (JSON
    escapes the line ends inside strings)."""
    out = io.BytesIO()
    separator = b"[\n  "
    for item in items:
        out.write(separator)
        out.write(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                  .encode("utf-8"))
        separator = b",\n  "
    out.write(b"[]\n" if separator.startswith(b"[") else b"\n]\n")
    return out.getvalue()


CSL_JSON = CslJsonExporter()
